"""Solving location by location (``planner/solver/decompose.py``) on tiny two-location schools."""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import replace

import pytest

from planner.generate import generate_school
from planner.model import Group, Pin, Priority, Session, SolveStatus
from planner.solver import SolveOptions, solve
from planner.solver.decompose import METHOD, _units, solve_by_location, splits_by_location
from planner.solver.location_bounds import LocationRun, level_results
from planner.solver.location_school import location_school
from planner.solver.objective import levels_up_to
from planner.solver.plan_values import LEVEL_VALUES
from tests.plan_checker import assert_plan_valid
from tests.solver.brute_force import best_values
from tests.solver.factory import FAST, at, helper, request, school
from tests.solver.random_instances import tiny_school, tiny_school_two_locations

NORTH_SOUTH = (Group("5", "Noord"), Group("6", "Zuid"))


def _by_location(tiny):
    """Each location its own unit, even where they share helpers: the joining is what is tested."""
    return solve_by_location(tiny, FAST, solve, together_below=0)


@pytest.fixture
def no_time_for_the_lp(monkeypatch):
    """No time to solve the LP of sharing locations together (``location_lp.py``): the bounds come from the
    per-location solves alone, chained level by level (``location_bounds.py``)."""
    monkeypatch.setattr("planner.solver.location_lp.MIN_TOGETHER_LP_S", math.inf)


def _level(plan, key):
    return next(level for level in plan.levels if level.key == key)


def _minutes_of(plan, name):
    return sum(session.duration_min for session in plan.sessions if name in session.helpers)


def _anna_shared_for_two_hours():
    # Anna (2 hours a week) works at both locations; each location alone would give her a 2-hour session
    # (Noord on Monday, Zuid on Tuesday), together only one fits. Bert only works at Zuid and is not free
    # on Tuesday. So the best whole plan honours one request: 1 hoog; the per-location bounds add up to 2.
    return school(
        (helper("Anna", hours=2.0, days=("ma", "di")), helper("Bert", days=("ma",), locations=("Zuid",))),
        (
            request("N", at(9), at(11), group="5", priority=Priority.HOOG, days=("ma",)),
            request("Z", at(9), at(11), group="6", priority=Priority.HOOG, days=("di",)),
        ),
        days=("ma", "di"),
        groups=NORTH_SOUTH,
    )


def test_a_shared_helper_keeps_their_weekly_hours_across_locations(no_time_for_the_lp):
    tiny = _anna_shared_for_two_hours()
    plan = _by_location(tiny)
    assert_plan_valid(tiny, plan)
    assert _minutes_of(plan, "Anna") <= 120
    hoog = _level(plan, "hoog")
    assert (hoog.value, hoog.bound, hoog.proven_optimal) == (1.0, 2.0, False)
    assert hoog.gap == pytest.approx(0.5)
    assert best_values(tiny).honoured[0] == 1  # the bound 2 is above the true optimum, as a bound may be
    assert plan.method == METHOD


def test_the_lp_of_the_locations_together_counts_a_shared_helpers_hours_once():
    # The school above, with time for the LP of both locations as one: Anna's 2 hours give at most one of the
    # two 2-hour requests, so HiGHS bounds hoog by 1, the plan's value, which proves it.
    tiny = _anna_shared_for_two_hours()
    plan = _by_location(tiny)
    assert_plan_valid(tiny, plan)
    hoog = _level(plan, "hoog")
    assert (hoog.value, hoog.bound, hoog.proven_optimal, hoog.proven_by) == (1.0, 1.0, True, "highs")
    assert best_values(tiny).honoured[0] == 1


def test_a_later_location_keeps_the_changeover_after_the_earlier_one():
    # Anna works at Noord 9:00–10:00 (fixed) and then at Zuid, 60 minutes in 10:00–11:15; with 15 minutes
    # to change locations the Zuid session can only start at 10:15. Zuid alone puts it at its preferred
    # 10:00, so the joined plan must solve Zuid again with Anna's Noord session pinned.
    tiny = school(
        (helper("Anna", hours=5.0),),
        (
            request("N1", at(9), at(10), group="5"),
            request("N2", at(10), at(11), group="5"),
            request("Z", at(10), at(11, 15), duration=60, group="6", preferred_start=at(10)),
        ),
        changeover=15,
        groups=NORTH_SOUTH,
    )
    plan = _by_location(tiny)
    assert_plan_valid(tiny, plan)
    # Noord has two requests and goes first: Anna does N1 and N2 there, so Zuid gets nothing.
    assert sorted(s.request_id for s in plan.sessions) == ["N1", "N2"]
    without_n2 = replace(tiny, requests=tuple(r for r in tiny.requests if r.request_id != "N2"))
    plan = _by_location(without_n2)
    assert_plan_valid(without_n2, plan)
    assert {(s.request_id, s.start) for s in plan.sessions} == {("N1", at(9)), ("Z", at(10, 15))}


def test_the_next_level_is_bounded_with_the_shortfall_of_the_level_above(no_time_for_the_lp):
    # Anna (3 hours) is the only helper. Zuid (two requests, solved first) gives her hoog Z (Tuesday 9–11),
    # which overlaps middel M (Tuesday 10–11); Noord's hoog N (Monday 9–11) then no longer fits her week.
    # The best whole plan is N and M: hoog 1, middel 1. Locations alone: hoog 1 + 1 = 2, so the joined
    # plan (hoog 1) may lie 1 below at some location, and middel is bounded with Zuid's hoog held at
    # 1 - 1 = 0: M fits, bound 1. Holding Zuid at its own hoog bound would give 0, below the optimum;
    # the trivial bound is 2 (M2 needs a skill nobody has).
    tiny = school(
        (helper("Anna", hours=3.0, days=("ma", "di")),),
        (
            request("N", at(9), at(11), group="5", priority=Priority.HOOG, days=("ma",)),
            request("Z", at(9), at(11), group="6", priority=Priority.HOOG, days=("di",)),
            request("M", at(10), at(11), group="6", priority=Priority.MIDDEL, days=("di",)),
            request("M2", at(10), at(11), group="6", priority=Priority.MIDDEL, days=("di",), skills=("gebaren",)),
        ),
        days=("ma", "di"),
        groups=NORTH_SOUTH,
    )
    plan = _by_location(tiny)
    assert_plan_valid(tiny, plan)
    assert (_level(plan, "hoog").value, _level(plan, "hoog").bound) == (1.0, 2.0)
    assert _level(plan, "middel").bound == 1.0
    assert best_values(tiny).honoured[:2] == (1, 1)
    assert _level(plan, "laag").bound == 0.0  # no laag requests: the trivial bound, after a level with slack


def _lost_in_joining():
    """Anna (2 hours) at both locations, Bert at Noord only: see the test below."""
    return school(
        (
            helper("Anna", hours=2.0, days=("ma", "di")),
            helper("Bert", days=("di",), locations=("Noord",), skills=("gebaren",)),
        ),
        (
            request("N", at(9), at(11), group="5", priority=Priority.HOOG, days=("ma", "di")),
            request("M", at(9), at(11), group="5", priority=Priority.MIDDEL, days=("di",), skills=("gebaren",)),
            request("Z", at(9), at(11), group="6", priority=Priority.HOOG, days=("ma",)),
        ),
        days=("ma", "di"),
        groups=NORTH_SOUTH,
    )


def test_a_level_lost_in_joining_is_won_back_by_solving_the_locations_together():
    # Anna (2 hours) works at both locations; Bert works at Noord only, on Tuesday, and alone has the skill
    # middel M asks for. Noord alone: hoog N with Anna (Monday or Tuesday) and M with Bert (Tuesday 9–11):
    # hoog 1, middel 1. Zuid alone: hoog Z with Anna on Monday. Fitted together, Anna's 2 hours go to N and Z
    # is lost (hoog 1). Both locations as one model find hoog 2: N with Bert on Tuesday, Z with Anna. That
    # reaches the summed per-location bounds (1 + 1), so hoog is proven; no plan then has room for M, which the
    # LP of both locations together shows (with hoog at 2, Anna's 2 hours and Bert's Tuesday are all taken).
    tiny = _lost_in_joining()
    plan = _by_location(tiny)
    assert_plan_valid(tiny, plan)
    assert {(s.request_id, s.helpers, s.day) for s in plan.sessions} == {("N", ("Bert",), "di"), ("Z", ("Anna",), "ma")}
    hoog, middel = _level(plan, "hoog"), _level(plan, "middel")
    assert (hoog.value, hoog.bound, hoog.proven_optimal) == (2.0, 2.0, True)
    assert (middel.value, middel.bound, middel.proven_by) == (0.0, 0.0, "highs")
    assert best_values(tiny).honoured[:2] == (2, 0)


def test_a_split_solve_reports_its_progress_per_location_and_while_joining():
    # The school above: each location alone first, then both together (the fitted plans lost a hoog), then each
    # again beside the other's sessions. Every step reports, named by its locations, its time counted from the
    # start of the whole solve; before, a board's solve reported nothing until its end.
    tiny = _lost_in_joining()
    reports = []
    solve_by_location(tiny, FAST, solve, together_below=0, progress=reports.append)
    places = {report.level_label.rsplit(" (", 1)[1] for report in reports}
    assert places == {"Noord)", "Zuid)", "Noord en Zuid, afstemmen)", "Noord, afstemmen)", "Zuid, afstemmen)"}
    assert "Gehonoreerde aanvragen, prioriteit hoog (Noord en Zuid, afstemmen)" in {r.level_label for r in reports}
    times = [report.elapsed_s for report in reports]
    assert all(later >= earlier - 0.01 for earlier, later in itertools.pairwise(times))


def _with_oost():
    """Anna (3 hours) shares Noord and Zuid as in the test above; Cees works only at Oost, where hoog O
    (Monday 9–10) overlaps middel OM."""
    return school(
        (
            helper("Anna", hours=3.0, days=("ma", "di"), locations=("Noord", "Zuid")),
            helper("Cees", locations=("Oost",)),
        ),
        (
            request("N", at(9), at(11), group="5", priority=Priority.HOOG, days=("ma",)),
            request("Z", at(9), at(11), group="6", priority=Priority.HOOG, days=("di",)),
            request("M", at(10), at(11), group="6", priority=Priority.MIDDEL, days=("di",)),
            request("O", at(9), at(10), group="7", priority=Priority.HOOG, days=("ma",)),
            request("OM", at(9), at(10), group="7", priority=Priority.MIDDEL, days=("ma",)),
        ),
        days=("ma", "di"),
        groups=(*NORTH_SOUTH, Group("7", "Oost")),
    )


def test_a_location_that_shares_no_helper_keeps_its_own_bounds(no_time_for_the_lp):
    # The school of the test above plus Oost, where only Cees works: its hoog O (Monday 9–10) overlaps its
    # middel OM, so Oost's best is hoog 1, middel 0 whatever happens at Noord and Zuid. Noord and Zuid
    # (sharing Anna) may lie 1 below on hoog, Oost may not: a best whole plan is a best plan of Oost alone.
    # So middel is bounded by 1 (Zuid's M) + 0 (Oost), the optimum brute force finds.
    tiny = _with_oost()
    plan = _by_location(tiny)
    assert_plan_valid(tiny, plan)
    assert (_level(plan, "hoog").value, _level(plan, "hoog").bound) == (2.0, 3.0)
    assert _level(plan, "middel").bound == 1.0
    assert best_values(tiny).honoured[:2] == (2, 1)


def test_a_pin_at_a_later_location_keeps_its_shared_helpers_time():
    # Anna (2 hours) works at both locations; Zuid's request Z (Tuesday 9–11) is pinned to her. Noord has
    # more requests and is solved first; without Zuid's pin in view it would give Anna its own 2-hour N.
    # The pin must be kept (rule 7), so N goes to Bert, who works at Noord only.
    tiny = school(
        (helper("Anna", hours=2.0, days=("ma", "di")), helper("Bert", days=("ma",), locations=("Noord",))),
        (
            request("N", at(9), at(11), group="5", priority=Priority.HOOG, days=("ma",), preferred_helper="Anna"),
            request("N2", at(11), at(11, 30), group="5", priority=Priority.LAAG, days=("ma",)),
            request("Z", at(9), at(11), group="6", priority=Priority.LAAG, days=("di",)),
        ),
        days=("ma", "di"),
        groups=NORTH_SOUTH,
        pins=(Pin("Z", "Anna", "di", at(9)),),
    )
    plan = _by_location(tiny)
    assert_plan_valid(tiny, plan)
    assert {(s.request_id, s.helpers) for s in plan.sessions if s.request_id != "N2"} == {
        ("N", ("Bert",)),
        ("Z", ("Anna",)),
    }


def test_pins_that_break_a_rule_give_no_plan_as_in_one_model():
    # Anna is free on Monday only; a pin on Tuesday breaks rule 3, so no plan keeps every pin.
    tiny = school(
        (helper("Anna"),),
        (request("N", at(9), at(10), group="5"), request("Z", at(9), at(10), group="6")),
        days=("ma", "di"),
        groups=NORTH_SOUTH,
        pins=(Pin("Z", "Anna", "di", at(9)),),
    )
    plan = _by_location(tiny)
    assert (plan.status, plan.sessions) == (SolveStatus.INFEASIBLE, ())


@pytest.mark.parametrize("lp", ("with the LP together", "without"))
@pytest.mark.parametrize("seed", range(12))
def test_the_joined_plan_is_valid_and_its_bounds_hold(seed, lp, monkeypatch):
    # Random tiny schools on two locations with helpers working at both (every helper is shared): the
    # joined plan keeps every hard rule, and each summed level's bound is at least the lexicographic
    # optimum that brute force finds, because every whole plan is a plan of each location on its own,
    # and the LP of both locations together is a relaxation of the whole with the levels above held at
    # values the optimum keeps.
    if lp == "without":
        monkeypatch.setattr("planner.solver.location_lp.MIN_TOGETHER_LP_S", math.inf)
    tiny = tiny_school_two_locations(seed)
    plan = _by_location(tiny)
    assert_plan_valid(tiny, plan)
    best = best_values(tiny)
    bounds = {level.key: level.bound for level in plan.levels}
    for key, optimum in zip(("hoog", "middel", "laag"), best.honoured, strict=True):
        assert bounds[key] >= float(optimum) - 1e-9, key
    assert bounds["help_minutes"] >= best.help_minutes
    values = tuple(_level(plan, key).value for key in ("hoog", "middel", "laag"))
    assert values <= tuple(float(value) + 1e-9 for value in best.honoured)  # a plan is never above the optimum


@pytest.mark.parametrize("seed", range(6))
def test_plan_values_agree_with_the_solver(seed):
    # On a tiny school solved in one model to proven optimality, each level's value in plain Python is the
    # value CP-SAT reports for it: the two are definitions of the same levels.
    tiny = tiny_school(seed)
    plan = solve(tiny, FAST)
    assert plan.levels
    for level in plan.levels:
        assert LEVEL_VALUES[level.key](tiny, plan.sessions) == pytest.approx(level.value), level.key


def test_locations_that_share_helpers_are_solved_together_while_small():
    # Noord and Zuid share Anna, Oost shares no one: with units below 300 requests the school falls apart
    # into {Noord, Zuid} and {Oost}, which nothing joins. Each unit is then exact, so the summed hoog
    # bound is the optimum (2: one of N and Z with Anna's 3 hours next to M, and O; middel 1: M) and proven.
    tiny = _with_oost()
    assert _units(tiny, 300) == (("zuid", "noord"), ("oost",))  # most requests first
    assert _units(tiny, 0) == (("oost",), ("zuid",), ("noord",))
    plan = solve_by_location(tiny, FAST, solve)
    assert_plan_valid(tiny, plan)
    hoog, middel = _level(plan, "hoog"), _level(plan, "middel")
    assert (hoog.value, hoog.bound, hoog.proven_optimal) == (2.0, 2.0, True)
    assert (middel.value, middel.bound, middel.proven_optimal) == (1.0, 1.0, True)
    # Each unit's CP-SAT solve reached its own proven bound (HiGHS had nothing to tighten), so the summed
    # bounds that prove both levels are CP-SAT's, and the plan says so.
    assert (hoog.proven_by, middel.proven_by) == ("cp-sat", "cp-sat")


def test_only_a_large_school_on_several_locations_is_split():
    board = generate_school("board", seed=0)
    assert splits_by_location(board, SolveOptions())
    assert not splits_by_location(board, SolveOptions(split_by_location=False))
    previous = (Session(board.requests[0].request_id, (board.helpers[0].name,), "ma", at(9), at(10)),)
    assert not splits_by_location(board, SolveOptions(hint=previous))  # a re-plan keeps its previous plan whole
    # A large school only where its locations share no helper and the time allows (test_location_rounds.py).
    assert not splits_by_location(generate_school("large", seed=2), SolveOptions())
    one_location = replace(board, groups=tuple(replace(g, location="") for g in board.groups))
    assert not splits_by_location(one_location, SolveOptions())


def test_a_location_kept_whole_keeps_its_solves_bound_after_an_unproven_level():
    # Noord and Zuid share no helper. At Noord, Anna (1 hour) can give one of middel NM1, NM2 or one of laag
    # NL1, NL2 (all Monday 9–10): the best plan gives middel 1, laag 0. At Zuid, Bert honours laag ZL.
    # Noord's solve is made to report middel unproven (bound 2), as a solve cut short by its time limit does,
    # and no time is left for HiGHS: the chain of per-location bounds then knows nothing of laag (its trivial
    # bound would be 3, every laag request). Noord kept its plan whole, so its solve's own laag bound, 0 with
    # middel held at 1, still holds: laag is bounded by 0 + 1, the optimum brute force finds.
    tiny = school(
        (helper("Anna", hours=1.0, days=("ma",), locations=("Noord",)), helper("Bert", locations=("Zuid",))),
        (
            request("NM1", at(9), at(10), group="5", priority=Priority.MIDDEL, days=("ma",)),
            request("NM2", at(9), at(10), group="5", priority=Priority.MIDDEL, days=("ma",)),
            request("NL1", at(9), at(10), group="5", priority=Priority.LAAG, days=("ma",)),
            request("NL2", at(9), at(10), group="5", priority=Priority.LAAG, days=("ma",)),
            request("ZL", at(9), at(10), group="6", priority=Priority.LAAG, days=("ma",)),
        ),
        days=("ma",),
        groups=NORTH_SOUTH,
    )
    runs = []
    for location in ("noord", "zuid"):
        location_tiny = location_school(tiny, (location,))
        runs.append(LocationRun((location,), location_tiny, solve(location_tiny, FAST)))
    noord = runs[0].plan
    unproven = tuple(replace(r, bound=2.0, proven_optimal=False) if r.key == "middel" else r for r in noord.levels)
    runs[0] = replace(runs[0], plan=replace(noord, levels=unproven))
    sessions = runs[0].plan.sessions + runs[1].plan.sessions
    levels = {r.key: r for r in level_results(tiny, sessions, runs, levels_up_to("laag"), time.monotonic())}
    assert (levels["middel"].value, levels["middel"].bound) == (1.0, 2.0)
    assert (levels["laag"].value, levels["laag"].bound, levels["laag"].proven_by) == (1.0, 1.0, "cp-sat")
    assert best_values(tiny).honoured == (0, 1, 1)
