"""solve() on the edges: nothing to plan, nobody to plan, stopping, pins, two hands, hints."""

from __future__ import annotations

from dataclasses import replace

from planner.deadline import Deadline
from planner.model import AvailabilityBlock, Pin, Priority, Session, SolveStatus
from planner.solver import LEVELS, Progress, SolveOptions, solve
from tests.plan_checker import assert_plan_valid
from tests.solver.factory import FAST, at, helper, request, school


def test_no_requests_gives_an_empty_plan_with_its_own_status():
    plan = solve(school((helper("Anna"),), ()), FAST)
    assert plan.status == SolveStatus.NO_REQUESTS
    assert plan.sessions == ()


def test_no_helpers_places_nothing_and_proves_it():
    # Without helpers nothing can be placed: every level is trivially optimal at 0.
    instance = school((), (request("A", at(9), at(10)),))
    plan = solve(instance, FAST)
    assert plan.sessions == ()
    assert plan.status == SolveStatus.OPTIMAL
    assert all(level.value == 0 for level in plan.levels)


def test_levels_are_reported_in_the_documented_order():
    instance = school((helper("Anna"),), (request("A", at(9), at(10)),))
    plan = solve(instance, FAST)
    expected = ["hoog", "middel", "laag", "help_minutes", "fairness", "continuity", "preferred_time", "gaps"]
    assert [level.key for level in plan.levels] == expected
    # "kept" only counts when re-planning from a previous plan.
    assert [level.info.key for level in LEVELS] == [*expected[:3], "kept", *expected[3:]]


def test_last_level_stops_after_that_level():
    instance = school((helper("Anna"),), (request("A", at(9), at(10)),))
    plan = solve(instance, SolveOptions(time_limit_s=10, workers=1, last_level="help_minutes"))
    assert [level.key for level in plan.levels] == ["hoog", "middel", "laag", "help_minutes"]


def test_should_stop_before_the_start_returns_a_stopped_plan_without_raising():
    instance = school((helper("Anna"),), (request("A", at(9), at(10)),))
    plan = solve(instance, FAST, should_stop=lambda: True)
    assert plan.status == SolveStatus.STOPPED
    assert_plan_valid(instance, plan)


def test_a_deadline_already_passed_gives_the_greedy_plan():
    # Anna can take A (9:00–10:00); with the job's deadline a minute ago no model is built, but the
    # greedy start plan, which keeps every hard rule, is the plan: A placed, status "snel rooster".
    # Its level "middel" (A's priority) is at its bound 1, so that level is proven; no other has requests.
    instance = school((helper("Anna"),), (request("A", at(9), at(10)),))
    options = replace(FAST, deadline=Deadline.after(-60.0))
    plan = solve(instance, options)
    assert plan.status == SolveStatus.QUICK
    assert [(level.key, level.value, level.bound, level.proven_optimal) for level in plan.levels] == [
        ("middel", 1.0, 1.0, True)
    ]
    assert [session.request_id for session in plan.sessions] == ["A"]
    assert_plan_valid(instance, plan)


def test_the_earlier_of_time_limit_and_deadline_ends_the_solve():
    options = replace(FAST, time_limit_s=30.0, deadline=Deadline(100.0))
    assert options.ends_at(started=50.0) == 80.0  # its own limit comes first
    assert options.ends_at(started=90.0) == 100.0  # the job's deadline comes first
    assert replace(options, deadline=None).ends_at(started=90.0) == 120.0


def test_should_stop_during_the_first_level_keeps_the_best_plan_so_far():
    # Stop at the first solution of level "hoog": the search stops there and that (valid) plan is returned.
    seen: list[Progress] = []
    requests = tuple(request(name, at(9 + idx), at(10 + idx), priority=Priority.HOOG) for idx, name in enumerate("AB"))
    instance = school((helper("Anna"),), requests)
    plan = solve(instance, FAST, progress=seen.append, should_stop=lambda: any(p.best is not None for p in seen))
    assert plan.status == SolveStatus.STOPPED
    assert [level.key for level in plan.levels] in (["hoog"], [])
    assert_plan_valid(instance, plan)


def test_progress_reports_every_level_with_its_dutch_label():
    seen: list[Progress] = []
    instance = school((helper("Anna"),), (request("A", at(9), at(10)),))
    solve(instance, FAST, progress=seen.append)
    assert {p.level_key for p in seen} == {level.info.key for level in LEVELS if not level.info.only_when_replanning}
    assert all(p.level_label for p in seen)
    assert [p.elapsed_s for p in seen] == sorted(p.elapsed_s for p in seen)


def test_pins_are_kept_exactly_among_several():
    # Two pins fix both sessions of a twice-weekly request to Bert at 10:00, against the preferred 9:00.
    flexible = request("A", at(9), at(11), 60, sessions_per_week=2, preferred_start=at(9))
    pins = (Pin("A", "Bert", "ma", at(10)), Pin("a", "bert", "di", at(10)))
    instance = school((helper("Anna", days=("ma", "di")), helper("Bert", days=("ma", "di"))), (flexible,),
                      ("ma", "di"), pins=pins)  # fmt: skip
    plan = solve(instance, FAST)
    assert_plan_valid(instance, plan)
    assert [(s.day, s.start, s.helpers, s.pinned_helpers) for s in plan.sessions] == [
        ("ma", at(10), ("Bert",), ("Bert",)),
        ("di", at(10), ("Bert",), ("Bert",)),
    ]


def test_two_hands_count_twice_in_help_minutes():
    # One 60-minute session with two hands = 120 helper-minutes.
    instance = school((helper("Anna"), helper("Bert")), (request("A", at(9), at(10), hands=2),))
    plan = solve(instance, FAST)
    assert_plan_valid(instance, plan)
    assert {level.key: level.value for level in plan.levels}["help_minutes"] == 120


def test_two_hands_wait_for_both_helpers_to_be_free():
    # Bert is only there from 10:00, so the two-hands session in window 9:00–11:00 must start at 10:00.
    bert = helper("Bert", availability=(_block("ma", at(10), at(12)),))
    instance = school((helper("Anna"), bert), (request("A", at(9), at(11), 60, hands=2, preferred_start=at(9)),))
    plan = solve(instance, FAST)
    assert_plan_valid(instance, plan)
    assert [(s.start, sorted(s.helpers)) for s in plan.sessions] == [(at(10), ["Anna", "Bert"])]


def test_replanning_keeps_the_previous_plan_where_nothing_forces_a_change():
    # A (flexible 9:00–11:00) was at 10:30 with Bert. Re-planned after adding hoog request B at 9:00–9:30
    # for which only Anna is eligible (skill): A has no reason to move, so it stays exactly as it was.
    anna, bert = helper("Anna", skills=("gedrag",)), helper("Bert")
    flexible = request("A", at(9), at(11), 30)
    previous = (Session("A", ("Bert",), "ma", at(10, 30), at(11)),)
    added = request("B", at(9), at(9, 30), skills=("gedrag",), priority=Priority.HOOG)
    instance = school((anna, bert), (flexible, added))
    plan = solve(instance, SolveOptions(time_limit_s=10, workers=1, hint=previous))
    assert_plan_valid(instance, plan)
    assert previous[0] in plan.sessions
    assert {level.key: level.value for level in plan.levels}["kept"] == 1


def test_replanning_gives_up_a_previous_session_only_for_a_higher_level():
    # A was at 9:00 with Anna; now hoog request B needs Anna at 9:00–9:30 and A (fixed time) cannot move.
    previous = (Session("A", ("Anna",), "ma", at(9), at(9, 30)),)
    requests = (request("A", at(9), at(9, 30)), request("B", at(9), at(9, 30), priority=Priority.HOOG))
    instance = school((helper("Anna"),), requests)
    plan = solve(instance, SolveOptions(time_limit_s=10, workers=1, hint=previous))
    assert [s.request_id for s in plan.sessions] == ["B"]
    assert {level.key: level.value for level in plan.levels}["kept"] == 0


def _block(day: str, start: int, end: int) -> AvailabilityBlock:
    return AvailabilityBlock(day, start, end)
