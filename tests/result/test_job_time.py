"""The time limit is the whole job, and a stop keeps what was found: ``solve_school`` through the API.

Behaviour only (no timing asserts); the wall times are measured by ``scripts/benchmark_wall_time.py``.
"""

from __future__ import annotations

import time

from planner import services
from planner.model import Priority, SolveStatus
from planner.workbook import read_workbook
from tests.analysis.builders import helper, request, school
from tests.plan_checker import violations
from tests.result.tiny import tiny_school


def shifted_school():
    # B (hoog) holds Anna on di 9:00–9:45; A (laag) asks the same time. A verified suggestion
    # exists: shift A to 9:45–10:30, when Anna is free (tests/analysis/test_suggestions.py).
    return school(
        [helper("Anna")],
        [
            request("A", days=("di",), priority=Priority.LAAG),
            request("B", group="7", days=("di",), priority=Priority.HOOG),
        ],
    )


OPTIONS = services.PlanOptions(time_limit_s=20, workers=1, suggestion_budget_s=8)


def test_without_a_stop_the_suggestion_is_found():
    # The way that keeps the plan (A at 9:45–10:30, when Anna is free) comes first, with its price.
    outcome = services.solve_school(shifted_school(), OPTIONS)
    [diagnosis] = outcome.diagnoses
    assert diagnosis.request_id == "A" and diagnosis.suggestion.startswith("Als de tijd 9:45–10:30 wordt")


def test_a_stop_during_the_suggestion_phase_ends_it_and_keeps_the_plan_and_reasons():
    # The stop comes after the suggestion phase has begun (the second time it is asked once reasons
    # and suggestions are sought): the finished plan and A's reason stay, and no re-solve suggestion
    # is checked any more; the way that keeps the plan (found without solving) may stay.
    steps: list[services.Progress] = []
    asked_in_phase: list[bool] = []

    def stop_in_suggestions() -> bool:
        if any(step.level_key == "redenen" for step in steps):
            asked_in_phase.append(True)
        return len(asked_in_phase) >= 2

    outcome = services.solve_school(shifted_school(), OPTIONS, progress=steps.append, should_stop=stop_in_suggestions)
    assert outcome.plan.status == SolveStatus.OPTIMAL
    assert [s.request_id for s in outcome.plan.sessions] == ["B"]
    [diagnosis] = outcome.diagnoses
    assert diagnosis.request_id == "A" and "Anna" in diagnosis.reason
    assert diagnosis.suggestion is None or diagnosis.way_to_fit is not None


def test_a_deadline_already_passed_gives_the_greedy_plan_and_still_a_workbook(tmp_path):
    # The job started a minute ago with 10 s: nothing is left for solving or suggestions, yet the
    # greedy plan (valid by every hard rule) is returned as the quick plan, explained and written.
    options = services.PlanOptions(time_limit_s=10, workers=1, started_at=time.monotonic() - 60)
    outcome = services.solve_school(tiny_school(), options)
    assert outcome.plan.status == SolveStatus.QUICK and outcome.plan.levels
    assert outcome.plan.sessions and violations(outcome.school, outcome.plan) == []
    assert outcome.diagnoses and all(d.suggestion is None for d in outcome.diagnoses)
    path = services.write_result(outcome, tmp_path / "uit.xlsx")
    assert read_workbook(path) == tiny_school()


def test_the_split_is_the_first_progress_step_timed_from_the_jobs_start():
    # The job started 5 s before solving was asked (reading, say): progress counts from then.
    steps: list[services.Progress] = []
    options = services.PlanOptions(time_limit_s=30, workers=1, suggestion_budget_s=0, started_at=time.monotonic() - 5)
    services.solve_school(tiny_school(), options, progress=steps.append)
    first = steps[0]
    assert first.level_key == services.TIME_SPLIT_KEY and first.level_label.startswith("Tijdsverdeling: ")
    assert "rekenen" in first.level_label and "suggesties" not in first.level_label  # none asked
    assert all(step.elapsed_s >= 5 for step in steps)
