"""The analysis page's long runs: a capacity curve, or the current school against a scenario.

They run on the plan runner's executor (``web.planning.runner``: one run at a time, of either kind)
with their progress and stop flag in an ``analysis_run`` row, so the page shows progress and a stop
works like for a plan run. A stopped run keeps what it found: the curve's points so far, or the
comparison with the best plans found before the stop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from flask import current_app

from planner import services
from planner.model import School
from web.db import db
from web.planning.runner import (
    INTERNAL_ERROR_TEXT,
    get_runner,
    mark_cancelled,
    mark_failed,
    mark_running,
    progress_writer,
    school_for_run,
    stop_reader,
    stop_requested,
)
from web.store import analysis_store
from web.store.models_plan import ANALYSIS_COMPARISON, ANALYSIS_CURVE, RUN_QUEUED, AnalysisRun

log = logging.getLogger(__name__)

Compute = Callable[[School, Callable, Callable[[], bool]], dict[str, Any]]


@dataclass(frozen=True)
class CurveAsked:
    """A capacity curve: the extra weekly hours per step, the extra helper's role, the time for all steps."""

    steps_h: tuple[float, ...]
    role: str
    time_limit_s: float


@dataclass(frozen=True)
class ScenarioAsked:
    """The current school against more hours for one helper, or against an uploaded workbook."""

    time_limit_s: float
    helper: str = ""
    extra_hours: float = 0.0
    workbook_name: str = ""
    workbook_school: School | None = field(default=None, compare=False)

    def as_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if key != "workbook_school"}

    def scenario(self, school: School) -> School:
        if self.workbook_school is not None:
            return self.workbook_school
        return services.with_more_hours(school, self.helper, self.extra_hours)


def start_curve(asked: CurveAsked) -> int:
    """Queue a curve run; raises ``RunAlreadyActiveError`` while any run is active."""
    run = AnalysisRun(kind=ANALYSIS_CURVE, status=RUN_QUEUED, time_limit_s=asked.time_limit_s, asked=asdict(asked))
    return get_runner().queue(run, partial(_execute, compute=partial(_curve, asked)))


def start_comparison(asked: ScenarioAsked) -> int:
    """Queue a comparison run; raises ``RunAlreadyActiveError`` while any run is active."""
    run = AnalysisRun(
        kind=ANALYSIS_COMPARISON, status=RUN_QUEUED, time_limit_s=asked.time_limit_s, asked=asked.as_json()
    )
    return get_runner().queue(run, partial(_execute, compute=partial(_comparison, asked)))


def _curve(asked: CurveAsked, school: School, progress, should_stop) -> dict[str, Any]:
    points = services.capacity_curve(
        school,
        asked.steps_h,
        asked.role,
        time_limit_s=asked.time_limit_s,
        workers=_workers(),
        progress=progress,
        should_stop=should_stop,
    )
    return analysis_store.curve_result(school, points) if points else {}


def _comparison(asked: ScenarioAsked, school: School, progress, should_stop) -> dict[str, Any]:
    comparison = services.compare_schools(
        school,
        asked.scenario(school),
        time_limit_s=asked.time_limit_s,
        workers=_workers(),
        progress=progress,
        should_stop=should_stop,
    )
    return analysis_store.comparison_result(comparison)


def _execute(run_id: int, compute: Compute) -> None:
    """The body of a background analysis run; inside an app context, never raises."""
    try:
        mark_running(run_id, AnalysisRun)
        engine = db.engine
        if stop_requested(engine, run_id, AnalysisRun):
            mark_cancelled(run_id, AnalysisRun)
            return
        started = time.monotonic()
        school, _skipped_pins = school_for_run()
        progress = progress_writer(engine, run_id, AnalysisRun)
        result = compute(school, progress, stop_reader(engine, run_id, AnalysisRun))
        stopped = stop_requested(engine, run_id, AnalysisRun)
        analysis_store.store_result(run_id, result, stopped=stopped, elapsed_s=time.monotonic() - started)
    except Exception:  # a failed run is shown as failed; the trace goes only to the log
        log.exception("analysis run %s failed", run_id)
        db.session.rollback()
        mark_failed(run_id, INTERNAL_ERROR_TEXT, AnalysisRun)


def _workers() -> int:
    return int(current_app.config.get("HANDENPLANNER_SOLVE_WORKERS", 2))
