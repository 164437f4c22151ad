"""The objective levels 3–6 and the lexicographic order, each on the smallest instance that shows it."""

from __future__ import annotations

from planner.model import AvailabilityBlock, Plan, Priority, School
from planner.solver import solve
from tests.plan_checker import assert_plan_valid
from tests.solver.factory import FAST, at, helper, request, school


def solved(instance: School) -> Plan:
    plan = solve(instance, FAST)
    assert_plan_valid(instance, plan)
    return plan


def values(plan: Plan) -> dict[str, float]:
    return {level.key: level.value for level in plan.levels}


def test_higher_priority_wins_a_conflict():
    # One helper, two requests at the same time: the hoog one is placed, whatever the minutes.
    requests = (
        request("LOW", at(9), at(10), priority=Priority.LAAG),
        request("HIGH", at(9), at(9, 30), priority=Priority.HOOG),
    )
    plan = solved(school((helper("Anna"),), requests))
    assert [s.request_id for s in plan.sessions] == ["HIGH"]


def test_level1_counts_fractions_of_requests():
    # Requests: A twice a week, B once. The helper has 30 minutes a week: one session of A (0.5) or B (1.0).
    requests = (
        request("A", at(9), at(9, 30), sessions_per_week=2),
        request("B", at(10), at(10, 30)),
    )
    plan = solved(school((helper("Anna", hours=0.5, days=("ma", "di")),), requests, ("ma", "di")))
    assert [s.request_id for s in plan.sessions] == ["B"]
    assert values(plan)["middel"] == 1.0


def test_level2_prefers_more_help_minutes_when_requests_tie():
    # Either request counts as one honoured request; the 60-minute one gives more help.
    requests = (request("SHORT", at(9), at(9, 30)), request("LONG", at(9), at(10)))
    plan = solved(school((helper("Anna"),), requests))
    assert [s.request_id for s in plan.sessions] == ["LONG"]
    assert values(plan)["help_minutes"] == 60


def test_level3_fairness_gives_every_teacher_something():
    # Equal priority and minutes; one helper fits two of the three 30-minute sessions at 9:00, 9:30 and 9:00.
    # Els has two requests and Piet one: without fairness Els could get both; fairly, Piet gets his.
    requests = (
        request("E1", at(9), at(9, 30), teacher="Els"),
        request("E2", at(9, 30), at(10), teacher="Els"),
        request("P1", at(9), at(9, 30), teacher="Piet", group="6"),
    )
    plan = solved(school((helper("Anna"),), requests))
    assert sorted(s.request_id for s in plan.sessions) == ["E2", "P1"]
    assert values(plan)["fairness"] == 0.5


def test_level4_continuity_uses_one_helper_and_the_preferred_one():
    # Twice a week; both helpers can do both days. One helper for both sessions, and it is the preferred Bert.
    flexible = request("A", at(9), at(10), sessions_per_week=2, preferred_helper="Bert")
    helpers = (helper("Anna", days=("ma", "di")), helper("Bert", days=("ma", "di")))
    plan = solved(school(helpers, (flexible,), ("ma", "di")))
    assert {s.helpers for s in plan.sessions} == {("Bert",)}
    assert values(plan)["continuity"] == 1 - 2


def test_level5_preferred_start_is_met_when_possible():
    plan = solved(school((helper("Anna"),), (request("A", at(9), at(11), 30, preferred_start=at(10)),)))
    assert [s.start for s in plan.sessions] == [at(10)]
    assert values(plan)["preferred_time"] == 0


def test_level5_closest_start_when_the_preferred_one_is_taken():
    # B is fixed at 10:00–10:30, A (30 min, preferred 10:00) goes right before or after it: 15 minutes off.
    requests = (
        request("B", at(10), at(10, 30), priority=Priority.HOOG),
        request("A", at(9), at(11), 30, preferred_start=at(10, 15)),
    )
    plan = solved(school((helper("Anna"),), requests))
    start_of_a = next(s.start for s in plan.sessions if s.request_id == "A")
    assert start_of_a == at(10, 30)
    assert values(plan)["preferred_time"] == 15


def test_level6_no_idle_gap_when_sessions_can_be_adjacent():
    # A is fixed 9:00–9:30; B (30 min) may be anywhere 9:00–11:00: right after A leaves no gap.
    requests = (request("A", at(9), at(9, 30)), request("B", at(9), at(11), 30))
    plan = solved(school((helper("Anna"),), requests))
    assert [(s.request_id, s.start) for s in plan.sessions] == [("A", at(9)), ("B", at(9, 30))]
    assert values(plan)["gaps"] == 0


def test_level6_counts_an_unavoidable_gap():
    # Two fixed sessions with an hour in between on one day: one gap.
    requests = (request("A", at(9), at(9, 30)), request("B", at(10, 30), at(11)))
    assert values(solved(school((helper("Anna"),), requests)))["gaps"] == 1


def test_help_minutes_never_break_availability_even_with_preferences():
    # Preferred start 9:00 but Anna only comes at 10:00: the session moves, the preference is a wish.
    anna = helper("Anna", availability=(AvailabilityBlock("ma", at(10), at(12)),))
    plan = solved(school((anna,), (request("A", at(9), at(11), 30, preferred_start=at(9)),)))
    assert [s.start for s in plan.sessions] == [at(10)]
