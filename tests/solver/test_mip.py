"""HiGHS on the level model (``planner.solver.mip``) reaches CP-SAT's optima, level by level.

A MIP's bound may prove a CP-SAT level only when the two engines solve the same model. Here both
walk every level of tiny random schools, each holding its own values: equal optima per level say the
models agree (an extra rule or a missing one in either would, on some seed, move an optimum), and
both engines' plans pass the independent plan checker.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from ortools.sat.python import cp_model

from planner.model import Plan
from planner.solver import SolveOptions, solve
from planner.solver.mip import LevelMip, highs_proves, mip_level_bound
from tests.plan_checker import assert_plan_valid
from tests.solver.brute_force import best_values
from tests.solver.random_instances import tiny_school, tiny_school_two_locations

SEEDS = range(80)
ALL_LEVELS = SolveOptions(time_limit_s=10.0, workers=1, seed=0, last_level="gaps")
MIP_LEVEL_S = 10.0


def _walk_levels_with_highs(level_mip: LevelMip) -> dict[str, Fraction]:
    """Every level by HiGHS, each held at HiGHS's own optimum before the next; its plans are checked."""
    found = {}
    for level in level_mip.levels:
        result = level_mip.solve_level(level.info.key, MIP_LEVEL_S)
        assert result.proven, level.info.key
        if result.run.solution is not None:
            assert_plan_valid(level_mip.space.school, Plan(result.sessions))
        found[level.info.key] = Fraction(result.run.value, result.scale)
        level_mip.hold(level.info.key, result.value)
    return found


def _cp_sat_levels(plan: Plan) -> dict[str, Fraction]:
    assert all(level.proven_optimal for level in plan.levels)
    return {level.key: Fraction(level.value).limit_denominator(10_000) for level in plan.levels}


@pytest.mark.parametrize("build", [tiny_school, tiny_school_two_locations])
@pytest.mark.parametrize("seed", SEEDS)
def test_highs_and_cp_sat_reach_the_same_optimum_on_every_level(build, seed: int):
    school = build(seed)
    plan = solve(school, ALL_LEVELS)
    assert_plan_valid(school, plan)
    assert _walk_levels_with_highs(LevelMip(school)) == _cp_sat_levels(plan)


@pytest.mark.parametrize("seed", range(0, 80, 4))
def test_highs_matches_the_exhaustive_search_on_levels_1_and_2(seed: int):
    # Independent of CP-SAT: the brute force enumerates every valid plan (tests/solver/brute_force.py).
    school = tiny_school(seed)
    best = best_values(school)
    found = _walk_levels_with_highs(LevelMip(school))
    assert (found["hoog"], found["middel"], found["laag"]) == best.honoured
    assert found["help_minutes"] == best.help_minutes


@pytest.mark.parametrize("seed", range(1, 80, 8))
def test_when_re_planning_highs_keeps_as_much_of_the_previous_plan_as_cp_sat(seed: int):
    # The previous plan is one optimised for "hoog" only: the later levels may move its sessions,
    # and the "kept" level decides how many stay; both engines must agree on that number.
    school = tiny_school(seed)
    previous = solve(school, SolveOptions(time_limit_s=10.0, workers=1, seed=1, last_level="hoog")).sessions
    plan = solve(school, SolveOptions(time_limit_s=10.0, workers=1, seed=0, last_level="gaps", hint=previous))
    found = _walk_levels_with_highs(LevelMip(school, previous))
    assert ("kept" in found) == bool(previous)  # without a previous plan there is nothing to keep
    assert found == _cp_sat_levels(plan)


def test_the_lp_relaxation_bounds_every_level_from_the_right_side():
    # A relaxation drops integrality only: it can never promise less than the optimum of a
    # maximised level, nor more than the optimum of a minimised one.
    school = tiny_school_two_locations(5)
    plan = solve(school, ALL_LEVELS)
    level_mip = LevelMip(school)
    for level in plan.levels:
        relaxed = level_mip.solve_level(level.key, MIP_LEVEL_S, relaxation=True)
        assert relaxed.bound is not None
        maximize = level_mip.level(level.key).maximize
        assert relaxed.bound >= level.value - 1e-9 if maximize else relaxed.bound <= level.value + 1e-9
        level_mip.hold(level.key, level.value)


def test_highs_proves_cp_sat_value_from_its_plan_and_not_a_lower_one():
    # Started from CP-SAT's plan, HiGHS's bound reaches CP-SAT's "hoog" value (its optimum) and
    # stops there; a value one step lower is not proven optimal.
    school = tiny_school(5)
    plan = solve(school, ALL_LEVELS)
    held = {level.key: level.value for level in plan.levels}
    result = mip_level_bound(school, "hoog", held, plan.sessions, MIP_LEVEL_S)
    assert held["hoog"] > 0
    assert result.proves(held["hoog"])
    assert not result.proves(held["hoog"] - 1 / result.scale)


def test_highs_proves_the_optimum_cp_sat_found_on_its_own_model_and_nothing_better():
    # The level loop asks this on the CP-SAT model itself: CP-SAT's optimum of "hoog" (seed 5: 1.5
    # requests, scale 2 gives 3) is proven from CP-SAT's own solution; a value one lower is not optimal.
    level_mip = LevelMip(tiny_school(5))
    level_mip.model.maximize(level_mip.expression("hoog").expression)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(level_mip.model) == cp_model.OPTIMAL
    value, solution = round(solver.objective_value), list(solver.response_proto.solution)
    assert value == 3
    assert highs_proves(level_mip.model, value, solution, MIP_LEVEL_S)
    assert not highs_proves(level_mip.model, value - 1, solution, MIP_LEVEL_S)
