"""The priority levels searched together before the levels one by one (``planner/solver/together.py``)."""

from __future__ import annotations

import itertools
import time

import pytest
from ortools.sat.python import cp_model

from planner.deadline import Deadline
from planner.generate import generate_school
from planner.model import SolveStatus
from planner.solver import SolveOptions, solve
from planner.solver.objective import LEVELS, LevelExpression, levels_up_to
from planner.solver.plan_values import LEVEL_VALUES
from planner.solver.search import LevelRun, Progress, SearchSettings
from planner.solver.size import build_model
from planner.solver.start_plan import greedy_start
from planner.solver.together import (
    QUIET_MIN_S,
    SETTLED_QUIET_SHARE,
    STALL_GAP,
    Together,
    TogetherStall,
    lexicographic_weights,
    priorities_together,
    search_together,
)
from planner.solver.variables import index_candidates
from tests.plan_checker import assert_plan_valid
from tests.solver.brute_force import best_values
from tests.solver.random_instances import tiny_school

HOOG, MIDDEL, LAAG = LEVELS[:3]


@pytest.mark.parametrize("upper_bounds", [(2, 3, 4), (5, 1, 3), (1, 1, 1), (3, 6)])
def test_one_unit_more_on_a_higher_level_outweighs_all_lower_levels_together(upper_bounds):
    # Every pair of value vectors within the bounds: the weighted sums order them as the levels one by one do.
    weights = lexicographic_weights(upper_bounds)
    vectors = list(itertools.product(*(range(upper + 1) for upper in upper_bounds)))
    for first, second in itertools.combinations(vectors, 2):
        assert (_weighted(weights, first) < _weighted(weights, second)) == (first < second)


def _weighted(weights, values):
    return sum(weight * value for weight, value in zip(weights, values, strict=True))


@pytest.mark.parametrize("seed", range(8))
def test_the_optimum_of_the_weighted_sum_is_the_levels_optimum_one_by_one(seed):
    # The weighted sum's proven optimum settles hoog, middel and laag at once: each proven, with brute force's
    # lexicographic optimum (the best hoog, then the best middel among those, then the best laag).
    tiny = tiny_school(seed)
    space = index_candidates(tiny)
    model = cp_model.CpModel()
    compact = build_model(model, space, Deadline(time.monotonic() + 60))
    greedy_start(model, space, compact)
    together = priorities_together(model, space, levels_up_to("gaps"))
    if together is None:
        pytest.skip("fewer than two priority levels with a choice to make")
    assert [level.info.key for level in together.levels] == ["hoog", "middel", "laag"]
    run = search_together(model, together, SearchSettings(20.0, 1, 0), time.monotonic(), None, None)
    assert run.proven_optimal
    settled = together.settled(run, hold_gap=None)
    best = best_values(tiny)
    assert [(r.key, r.proven_optimal) for r in settled.results] == [("hoog", True), ("middel", True), ("laag", True)]
    assert [r.value for r in settled.results] == pytest.approx([float(value) for value in best.honoured])


def _three_levels():
    """hoog 0-4, middel 0-3, laag 0-2: weights 12, 3 and 1."""
    model = cp_model.CpModel()
    expressions = (model.new_int_var(0, 4, "h"), model.new_int_var(0, 3, "m"), model.new_int_var(0, 2, "l"))
    built = tuple(LevelExpression(e, 1, upper) for e, upper in zip(expressions, (4, 3, 2), strict=True))
    together = Together((HOOG, MIDDEL, LAAG), built, lexicographic_weights((4, 3, 2)))
    assert together.weights == (12, 3, 1)
    return together


def _run(values, bound, proven=False):
    weighted = 12 * values[0] + 3 * values[1] + values[2]
    return LevelRun(tuple(values), weighted, float(bound), proven, False, False, 1.0)


def test_the_bound_proves_a_level_only_while_the_levels_above_are_proven():
    together = _three_levels()
    # Plan (4, 1, 0) = 51, bound 53: no plan has hoog 5 (60), so hoog 4 is proven; with hoog at 4 the rest is at
    # most 5, so middel at most 1: proven; with middel at 1 laag is at most 2, above its 0: not proven.
    settled = together.settled(_run((4, 1, 0), 53), hold_gap=None)
    assert [(r.key, r.value, r.bound, r.proven_optimal) for r in settled.results] == [
        ("hoog", 4, 4, True),
        ("middel", 1, 1, True),
    ]
    assert not settled.held_unproven
    # A bound of 48.9999999 (a double's rounding of 49) counts as 49: with hoog at 4, middel is at most 0 and laag
    # at most 1, so the plan (4, 0, 1) is proven on all three.
    settled = together.settled(_run((4, 0, 1), 48.9999999), hold_gap=None)
    assert [(r.key, r.proven_optimal) for r in settled.results] == [("hoog", True), ("middel", True), ("laag", True)]


def test_the_first_level_unproven_but_close_to_its_bound_is_held_to_be_proven_later():
    together = _three_levels()
    # Plan hoog 3 with bound 59 (hoog at most 4): a gap of a quarter.
    run = _run((3, 3, 2), 59)
    assert together.settled(run, hold_gap=None).results == ()
    assert together.settled(run, hold_gap=0.2).results == ()
    settled = together.settled(run, hold_gap=0.25)
    assert [(r.key, r.value, r.bound, r.proven_optimal) for r in settled.results] == [("hoog", 3, 4, False)]
    assert settled.held_unproven
    # A proven run settles every level, whatever its reported bound.
    proven = together.settled(_run((3, 3, 2), 47, proven=True), hold_gap=None)
    assert [r.proven_optimal for r in proven.results] == [True, True, True]


def test_the_search_together_waits_longer_once_its_bound_proves_the_first_level():
    # Weights 12 for the first level; a plan of 1200 (first level 100) in a 10 s search.
    stall = TogetherStall(SETTLED_QUIET_SHARE, QUIET_MIN_S, STALL_GAP, first_weight=12)
    # Bound 1205: the first level is at most 100, proven; quiet must last 0,4 of 10 s.
    assert not stall.holds(1200, 1205, quiet_s=2.0, search_s=10.0)
    assert stall.holds(1200, 1205, quiet_s=4.5, search_s=10.0)
    # Bound 1212: the first level may still reach 101; quiet for 0,15 of 10 s is enough.
    assert stall.holds(1200, 1212, quiet_s=2.0, search_s=10.0)
    assert not stall.holds(1200, 1212, quiet_s=1.0, search_s=10.0)
    # Bound 1300: a gap above 1 %, the search goes on however quiet.
    assert not stall.holds(1200, 1300, quiet_s=9.0, search_s=10.0)


def test_a_stop_during_the_search_together_keeps_its_plan_and_reports_the_priorities():
    # Typical seed 0's "hoog" is not proven for seconds: a stop as soon as the search together has reported its
    # first plan comes during that search (a stop after a fixed second came before it on a loaded CI machine, where
    # building the model took longer). The solve ends stopped with that search's plan, valid, and its priority
    # levels as they are in it, unproven.
    typical = generate_school("typical", seed=0)
    plans_reported = []

    def remember(progress: Progress) -> None:
        if progress.best is not None:
            plans_reported.append(progress.level_key)

    plan = solve(typical, SolveOptions(time_limit_s=30.0), progress=remember, should_stop=lambda: bool(plans_reported))
    assert plans_reported[0] == "hoog"  # the search together reports as its first level
    assert plan.status == SolveStatus.STOPPED
    assert_plan_valid(typical, plan)
    assert [level.key for level in plan.levels] == ["hoog", "middel", "laag"]
    for level in plan.levels:
        assert not level.proven_optimal
        assert level.value == pytest.approx(LEVEL_VALUES[level.key](typical, plan.sessions))
