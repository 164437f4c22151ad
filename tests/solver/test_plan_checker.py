"""The independent checker itself: each hard rule broken on purpose is reported, a valid plan is not."""

from __future__ import annotations

import pytest

from planner.model import Group, Pin, Plan, Session
from tests.plan_checker import violations
from tests.solver.factory import at, helper, request, school

GROUPS = (Group("5", "Noord"), Group("6", "Zuid"))
REQUESTS = (
    request("A", at(9), at(10, 30), 30, sessions_per_week=2, days=("ma", "di")),
    request("B", at(9), at(10), group="6", skills=("gedrag",)),
    request("C", at(11), at(11, 30), hands=2),
)
SCHOOL = school(
    (helper("Anna", hours=2.0, days=("ma", "di"), skills=("gedrag",)), helper("Bert", days=("ma", "di"))),
    REQUESTS,
    ("ma", "di"),
    changeover=15,
    groups=GROUPS,
    pins=(Pin("A", "Anna", "ma", at(9)),),
)
VALID = (
    Session("A", ("Anna",), "ma", at(9), at(9, 30)),
    Session("B", ("Anna",), "di", at(9), at(10)),
    Session("C", ("Anna", "Bert"), "ma", at(11), at(11, 30)),
)


def test_a_valid_plan_has_no_violations():
    assert violations(SCHOOL, Plan(VALID)) == []


@pytest.mark.parametrize(
    ("sessions", "rule"),
    [
        ((Session("A", ("Anna",), "ma", at(10, 30), at(11)),), "rule 1"),  # outside the window
        ((Session("A", ("Anna",), "wo", at(9), at(9, 30)),), "rule 1"),  # not a school day
        (
            (Session("A", ("Bert",), "ma", at(9), at(9, 30)), Session("A", ("Bert",), "ma", at(10), at(10, 30))),
            "rule 2",
        ),
        ((VALID[0], Session("C", ("Anna", "Bert"), "ma", at(9), at(9, 30))), "rule 3"),  # Anna twice at 9:00
        ((Session("A", ("Nobody",), "ma", at(9), at(9, 30)),), "rule 3"),  # not a helper of this school
        ((Session("A", ("Bert",), "ma", at(9), at(9, 30)), Session("A", ("Bert",), "di", at(9), at(9, 30))), "rule 7"),
        ((Session("B", ("Bert",), "di", at(9), at(10)),), "rule 5"),  # Bert lacks 'gedrag'
        ((Session("C", ("Anna",), "ma", at(11), at(11, 30)),), "rule 6"),  # two hands asked
    ],
)
def test_each_broken_rule_is_reported(sessions: tuple[Session, ...], rule: str):
    assert any(problem.startswith(rule) for problem in violations(SCHOOL, Plan(sessions)))


def test_changeover_between_locations_is_reported():
    # Anna: A at Noord until 9:30, B at Zuid from 9:30 — 15 minutes changeover are missing.
    sessions = (VALID[0], Session("B", ("Anna",), "ma", at(9, 30), at(10, 30)))
    assert any("changeover" in problem for problem in violations(SCHOOL, Plan(sessions)))


def test_weekly_cap_is_reported():
    # Anna has 2 hours a week; 2 × 30 + 60 + 30 + 60 = 210 minutes is too much.
    sessions = (
        *VALID,
        Session("A", ("Anna",), "di", at(10), at(10, 30)),
        Session("B", ("Anna",), "ma", at(10), at(11)),
    )
    assert any(problem.startswith("rule 4") for problem in violations(SCHOOL, Plan(sessions)))
