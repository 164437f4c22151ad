"""solve() on a realistic generated school: within a short time limit the plan keeps every hard rule."""

from __future__ import annotations

import time

from planner.generate import generate_school
from planner.model import SolveStatus
from planner.solver import SolveOptions, solve
from tests.plan_checker import assert_plan_valid


def test_typical_school_gives_a_valid_plan_within_the_time_limit():
    school = generate_school(size="typical", seed=1)
    plan = solve(school, SolveOptions(time_limit_s=8.0, workers=2, seed=0))
    assert_plan_valid(school, plan)
    assert plan.status in (SolveStatus.OPTIMAL, SolveStatus.TIME_LIMIT)
    assert plan.levels and plan.levels[0].key == "hoog"
    assert plan.sessions
    # The greedy start alone honours every hoog request of this school, so the plan does too.
    assert plan.levels[0].value == sum(1 for r in school.requests if r.priority.label == "hoog")


def test_should_stop_interrupts_a_long_search_and_keeps_a_valid_plan():
    # The school is far from proven within a second; should_stop turns true after one second of searching.
    school = generate_school(size="typical", seed=1)
    deadline: list[float] = []

    def stop_after_a_second() -> bool:
        if not deadline:
            deadline.append(time.monotonic() + 1.0)
        return time.monotonic() > deadline[0]

    plan = solve(school, SolveOptions(time_limit_s=120.0, workers=2, seed=0), should_stop=stop_after_a_second)
    assert plan.status == SolveStatus.STOPPED
    assert_plan_valid(school, plan)
    assert plan.sessions  # at least the greedy start plan
