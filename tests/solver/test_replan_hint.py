"""Re-planning from a previous plan under a short time limit never ends worse than that plan.

The previous plan is valid for the same school, so it is a complete starting plan (the
fallback) and, where CP-SAT finds no better value on a level, the plan that is kept. So the
honoured values (hoog, middel, laag) of the re-plan are lexicographically at least those of
the previous plan, however little time the re-plan gets."""

from __future__ import annotations

import pytest

from planner.figures import figures_per_priority
from planner.generate import generate_school
from planner.solver import SolveOptions, solve
from tests.plan_checker import assert_plan_valid


def honoured_by_priority(school, plan) -> tuple[float, ...]:
    return tuple(round(row.honoured, 6) for row in figures_per_priority(school, plan))


@pytest.mark.parametrize("seed", [3, 4])
def test_short_replan_keeps_at_least_the_previous_plans_honoured_values(seed):
    school = generate_school("small", seed=seed)
    previous = solve(school, SolveOptions(time_limit_s=4, workers=1, seed=0))
    replanned = solve(school, SolveOptions(time_limit_s=0.5, workers=1, seed=1, hint=previous.sessions))
    assert_plan_valid(school, replanned)
    assert honoured_by_priority(school, replanned) >= honoured_by_priority(school, previous)
