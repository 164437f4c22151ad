"""A scenario with more hours for one helper, and the curve and comparison as long runs (progress, stop)."""

from __future__ import annotations

import pytest

from planner import services
from planner.model import ModelError, Priority, SolveStatus
from tests.analysis.builders import helper, request, school


def short_school():
    # Anna has 1 hour: of two 45-minute requests (hoog on Monday, laag on Wednesday) only hoog fits.
    return school(
        [helper("Anna", days=("ma", "wo"), hours=1.0, max_hours_per_day=4.0)],
        [
            request("H", group="5", days=("ma",), priority=Priority.HOOG),
            request("L", group="5", days=("wo",), priority=Priority.LAAG),
        ],
    )


def test_more_hours_raise_only_the_weekly_hours_of_that_helper():
    data = short_school()
    more = services.with_more_hours(data, "anna", 2.5)
    anna, before = more.helper("Anna"), data.helper("Anna")
    assert anna.hours_per_week == 3.5
    assert anna.availability == before.availability and anna.max_hours_per_day == 4.0
    assert more.requests == data.requests


def test_more_hours_refuse_an_unknown_helper_or_no_hours():
    with pytest.raises(ModelError):
        services.with_more_hours(short_school(), "Niemand", 2)
    with pytest.raises(ModelError):
        services.with_more_hours(short_school(), "Anna", 0)


def test_comparison_run_shows_who_gains_with_more_hours_and_reports_each_scenario():
    data = short_school()
    seen = []
    result = services.compare_schools(
        data, services.with_more_hours(data, "Anna", 1), time_limit_s=10, workers=1, progress=seen.append
    )
    # With 2 hours Anna has time for L on Wednesday too.
    assert [(c.request_id, c.placed_a, c.placed_b) for c in result.changes] == [("L", 0, 1)]
    labels = {step.level_label.split(":")[0] for step in seen if step.level_key != services.TIME_SPLIT_KEY}
    assert labels == {"Scenario 1 van 2", "Scenario 2 van 2"}


def test_comparison_with_itself_is_solved_once():
    data = short_school()
    result = services.compare_schools(data, data, time_limit_s=10, workers=1)
    assert result.plan_a is result.plan_b and not result.has_changes


def test_a_stopped_comparison_says_so_in_the_plan_status():
    data = short_school()
    result = services.compare_schools(
        data, services.with_more_hours(data, "Anna", 1), time_limit_s=10, workers=1, should_stop=lambda: True
    )
    assert result.plan_a.status == SolveStatus.STOPPED and result.plan_b.status == SolveStatus.STOPPED


def test_curve_run_reports_each_step_and_gives_the_curve():
    seen = []
    points = services.capacity_curve(short_school(), (0, 1), time_limit_s=10, workers=1, progress=seen.append)
    # 0 extra hours: only H; 1 extra hour (the flexible extra helper): L too.
    assert [p.share(Priority.LAAG) for p in points] == [0, 1]
    leads = {step.level_label.split(":")[0] for step in seen if step.level_key != services.TIME_SPLIT_KEY}
    assert leads == {"Stap 1 van 2 (+0 uur)", "Stap 2 van 2 (+1 uur)"}


def test_a_stopped_curve_keeps_the_points_done_before_the_stop():
    asked = []

    def stop_after_first_point() -> bool:
        asked.append(True)
        return len(asked) > 1

    points = services.capacity_curve(
        short_school(), (0, 1, 2), time_limit_s=10, workers=1, should_stop=stop_after_first_point
    )
    assert [p.extra_hours for p in points] == [0]
