"""Why a session lapses on a day of absence: hours used up, a higher priority kept, nobody free.

Each instance is the smallest that shows one cause; the comment says why it is that cause.
"""

from __future__ import annotations

from planner.absence import plan_absence
from planner.absence_reasons import LapseCause
from planner.model import Plan, Priority, Session
from tests.solver.factory import at, helper, request, school

NINE, NINE_45 = at(9), at(9, 45)


def test_a_free_colleague_whose_week_is_full_means_hours_used_up():
    # Bert may do R1 and is free on Monday, but his 45 minutes a week are spent on Tuesday.
    school_ = school(
        (helper("Anna", days=("ma", "di")), helper("Bert", hours=0.75, days=("ma", "di"))),
        (request("R1", NINE, NINE_45), request("R2", NINE, NINE_45)),
        days=("ma", "di"),
    )
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45), Session("R2", ("Bert",), "di", NINE, NINE_45)))
    [lapsed] = plan_absence(school_, week, "Anna", "ma").lapsed
    assert lapsed.lapse_reason.cause == LapseCause.HOURS_USED_UP
    assert lapsed.lapse_reason.text == "de uren van Bert zijn op"


def test_a_colleague_busy_with_a_more_important_request_means_a_higher_priority_kept():
    # Anna's R1 (laag) and Bert's R2 (hoog) are both at 9:00: Bert keeps R2, so R1 lapses
    # because what Bert does then goes first.
    school_ = school(
        (helper("Anna"), helper("Bert")),
        (
            request("R1", NINE, NINE_45, priority=Priority.LAAG),
            request("R2", NINE, NINE_45, priority=Priority.HOOG),
        ),
    )
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45), Session("R2", ("Bert",), "ma", NINE, NINE_45)))
    [lapsed] = plan_absence(school_, week, "Anna", "ma").lapsed
    assert lapsed.lapse_reason.cause == LapseCause.HIGHER_PRIORITY
    assert "R2 (hoog, Bert)" in lapsed.lapse_reason.text


def test_a_colleague_who_is_not_there_means_nobody_free():
    # Bert works only on Tuesday: on Monday nobody who may do R1 is there, whatever his hours.
    school_ = school((helper("Anna"), helper("Bert", days=("di",))), (request("R1", NINE, NINE_45),), days=("ma", "di"))
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45),))
    [lapsed] = plan_absence(school_, week, "Anna", "ma").lapsed
    assert lapsed.lapse_reason.cause == LapseCause.NOBODY_FREE


def test_a_session_taken_over_has_no_lapse_reason():
    school_ = school((helper("Anna"), helper("Bert")), (request("R1", NINE, NINE_45),))
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45),))
    [change] = plan_absence(school_, week, "Anna", "ma").changes
    assert not change.lapses and change.lapse_reason is None
