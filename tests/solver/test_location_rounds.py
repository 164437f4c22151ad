"""A solve that goes on from an earlier one (``SolveOptions.start`` / ``reached``), and locations that share no
helper solved in two rounds on it (``planner/solver/location_rounds.py``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.generate import generate_school
from planner.model import Group, Priority
from planner.solver import SolveOptions, solve
from planner.solver.decompose import ROUNDS_FROM_S, solve_by_location, splits_by_location
from planner.solver.mip_race import MipUse
from planner.solver.plan_values import LEVEL_VALUES
from tests.plan_checker import assert_plan_valid
from tests.solver.brute_force import best_values
from tests.solver.factory import FAST, at, helper, request, school
from tests.solver.random_instances import tiny_school

PRIORITIES = ("hoog", "middel", "laag")


def _level(plan, key):
    return next(level for level in plan.levels if level.key == key)


@pytest.mark.parametrize("seed", range(6))
def test_a_solve_going_on_from_a_plan_keeps_its_levels_and_optimises_the_rest(seed):
    # The priorities solved first, to their proven optimum; then a second solve starts from that plan with those
    # levels reached. It must not lose any of them (they are held, not optimised again) and must still find the
    # best help minutes under them: brute force's lexicographic optimum of levels 1-2.
    tiny = tiny_school(seed)
    first = solve(tiny, replace(FAST, last_level="laag"))
    assert all(level.proven_optimal for level in first.levels)
    then = solve(tiny, replace(FAST, last_level="help_minutes", start=first.sessions, reached=first.levels))
    assert_plan_valid(tiny, then)
    assert then.levels[:3] == first.levels  # reported as reached, not optimised again
    for key, reached in zip(PRIORITIES, first.levels, strict=True):
        assert LEVEL_VALUES[key](tiny, then.sessions) == pytest.approx(reached.value), key
    best = best_values(tiny)
    assert (_level(then, "help_minutes").value, _level(then, "help_minutes").proven_optimal) == (
        best.help_minutes,
        True,
    )


def _two_locations_sharing_no_one():
    """Anna works only at Noord, Bert only at Zuid. At Noord hoog NH and middel NM (both Monday 9-10) need Anna,
    who has one hour: hoog 1, middel 0. At Zuid Bert (2 hours) gives middel ZM (9-10) and laag ZL (10-11)."""
    return school(
        (helper("Anna", hours=1.0, locations=("Noord",)), helper("Bert", hours=2.0, locations=("Zuid",))),
        (
            request("NH", at(9), at(10), group="5", priority=Priority.HOOG),
            request("NM", at(9), at(10), group="5", priority=Priority.MIDDEL),
            request("ZM", at(9), at(10), group="6", priority=Priority.MIDDEL),
            request("ZL", at(10), at(11), group="6", priority=Priority.LAAG),
        ),
        groups=(Group("5", "Noord"), Group("6", "Zuid")),
    )


def test_locations_that_share_no_helper_get_their_priorities_first_then_the_rest():
    # Round 1 solves each location's priorities (up to laag), round 2 each location's later levels from its plan
    # of round 1, those priorities reached. The joined plan is the lexicographic optimum brute force finds (each
    # location is a school of its own), proven, and the progress names the location it comes from.
    tiny = _two_locations_sharing_no_one()
    calls, reports = [], []

    def solve_one(unit_school, options, **keywords):
        locations = sorted({unit_school.location_of(r) for r in unit_school.requests})
        calls.append((locations, options.last_level, tuple(level.key for level in options.reached)))
        return solve(unit_school, options, **keywords)

    plan = solve_by_location(tiny, replace(FAST, last_level="help_minutes"), solve_one, progress=reports.append)
    assert calls == [
        (["Noord"], "laag", ()),
        (["Zuid"], "laag", ()),
        (["Noord"], "help_minutes", PRIORITIES),
        (["Zuid"], "help_minutes", PRIORITIES),
    ]
    assert_plan_valid(tiny, plan)
    best = best_values(tiny)
    assert best.honoured == (1, 1, 1)
    values = tuple(_level(plan, key).value for key in (*PRIORITIES, "help_minutes"))
    assert values == (*map(float, best.honoured), best.help_minutes)
    assert all(level.proven_optimal for level in plan.levels)
    labels = {report.level_label for report in reports}
    assert "Gehonoreerde aanvragen, prioriteit hoog (Noord)" in labels
    assert "Geleverde hulp (minuten) (Zuid)" in labels


def test_a_large_school_goes_by_location_only_where_no_helper_is_shared_and_time_allows():
    # Large seed 0's two locations share no helper; large seed 2's share one (so they stay one model). The rounds
    # pay only where HiGHS has the time to prove what CP-SAT does not: with less left, one model.
    apart, sharing = generate_school("large", seed=0), generate_school("large", seed=2)
    assert splits_by_location(apart, SolveOptions(), time_left_s=ROUNDS_FROM_S)
    assert not splits_by_location(apart, SolveOptions(), time_left_s=ROUNDS_FROM_S - 1)
    assert not splits_by_location(sharing, SolveOptions(), time_left_s=ROUNDS_FROM_S)


def test_a_location_left_unproven_by_cp_sat_alone_is_taken_up_again_beside_highs():
    # Noord's first solve (CP-SAT alone) is made to report middel unproven, as a solve cut short by its time
    # does. Noord's priorities are then solved again from that plan, hoog (proven) held, with HiGHS beside CP-SAT
    # on middel and laag; Zuid, proven, is not. The joined plan's middel is proven, at brute force's optimum.
    tiny = _two_locations_sharing_no_one()
    calls = []

    def solve_one(unit_school, options, **keywords):
        location = unit_school.location_of(unit_school.requests[0])
        calls.append((location, options.last_level, tuple(level.key for level in options.reached), options.mip))
        plan = solve(unit_school, options, **keywords)
        if location == "Noord" and not options.start:
            cut_short = tuple(
                replace(r, bound=1.0, proven_optimal=False) if r.key == "middel" else r for r in plan.levels
            )
            plan = replace(plan, levels=cut_short)
        return plan

    plan = solve_by_location(tiny, replace(FAST, last_level="laag"), solve_one)
    assert calls == [
        ("Noord", "laag", (), MipUse.PROOFS),
        ("Zuid", "laag", (), MipUse.PROOFS),
        ("Noord", "laag", ("hoog",), MipUse.LEVELS),
    ]
    middel = _level(plan, "middel")
    assert (middel.value, middel.bound, middel.proven_optimal) == (1.0, 1.0, True)
    assert best_values(tiny).honoured[1] == 1
