"""One person's changes between two plans."""

from __future__ import annotations

from planner.model import Plan, Session
from planner.week_changes import WeekChanges, week_changes

R1 = Session("R1", ("Anna",), "ma", 540, 585)
R2 = Session("R2", ("Anna",), "di", 600, 630)
R3 = Session("R3", ("Bert",), "ma", 540, 585)


def of_anna(session: Session) -> bool:
    return "Anna" in session.helpers


def test_a_moved_session_goes_and_comes_and_others_are_not_counted():
    moved = Session("R2", ("Anna",), "do", 600, 630)
    changes = week_changes(Plan((R1, R2, R3)), Plan((R1, moved)), of_anna)
    # R1 stays; R2 moves from Tuesday to Thursday; Bert's R3 is not Anna's change
    assert changes == WeekChanges(removed=(R2,), added=(moved,))


def test_without_a_plan_before_everything_is_new_and_the_same_plan_changes_nothing():
    assert week_changes(None, Plan((R2, R1)), of_anna).added == (R1, R2)  # in week order
    assert not week_changes(Plan((R1,)), Plan((Session("r1", ("Anna",), "ma", 540, 585),)), of_anna).any
