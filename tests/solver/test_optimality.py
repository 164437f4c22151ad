"""Levels 1 (each priority) and 2 equal an exhaustive search on 200+ tiny random schools."""

from __future__ import annotations

from fractions import Fraction

import pytest

from planner.figures import planned_minutes
from planner.solver import SolveOptions, solve
from tests.plan_checker import assert_plan_valid
from tests.solver.brute_force import best_values
from tests.solver.random_instances import tiny_school

SEEDS = range(300)
OPTIONS = SolveOptions(time_limit_s=10.0, workers=1, seed=0, last_level="help_minutes")


def _honoured(school, plan, priority_label: str) -> Fraction:
    return sum(
        (Fraction(plan.placed_count(r.request_id), r.sessions_per_week) for r in school.requests
         if r.priority.label == priority_label),
        Fraction(0),
    )  # fmt: skip


@pytest.mark.parametrize("seed", SEEDS)
def test_levels_1_and_2_match_brute_force(seed: int):
    school = tiny_school(seed)
    plan = solve(school, OPTIONS)
    assert_plan_valid(school, plan)
    best = best_values(school)
    found = tuple(_honoured(school, plan, label) for label in ("hoog", "middel", "laag"))
    assert found == best.honoured
    assert planned_minutes(plan) == best.help_minutes
    levels = {level.key: level for level in plan.levels}
    assert all(level.proven_optimal for level in plan.levels)
    assert [round(levels[k].value, 6) for k in ("hoog", "middel", "laag")] == [round(float(v), 6) for v in found]
    assert levels["help_minutes"].value == best.help_minutes
