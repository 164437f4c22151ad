"""The analysis page's long runs: a capacity curve, or the current school against a scenario.

They are queued and executed like a plan run (``web.runs``: a worker process, one run at a time of
either kind) with their progress and stop flag in an ``analysis_run`` row, so the page shows progress
and a stop works like for a plan run. What was asked is kept in the row (an uploaded workbook too,
until the run is done), so the worker can rebuild it. A stopped run keeps what it found: the curve's
points so far, or the comparison with the best plans found before the stop.
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
    mark_cancelled,
    mark_failed,
    progress_writer,
    school_for_run,
    stop_reader,
    stop_requested,
)
from web.runs.queue import enqueue
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
    workbook_bytes: bytes | None = field(default=None, compare=False, repr=False)  # the file it was read from

    def as_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in ("time_limit_s", "helper", "extra_hours", "workbook_name")}

    def scenario(self, school: School) -> School:
        if self.workbook_school is not None:
            return self.workbook_school
        return services.with_more_hours(school, self.helper, self.extra_hours)


def start_curve(asked: CurveAsked) -> int:
    """Queue a curve run; raises ``RunAlreadyActiveError`` while any run is active."""
    return enqueue(
        AnalysisRun(kind=ANALYSIS_CURVE, status=RUN_QUEUED, time_limit_s=asked.time_limit_s, asked=asdict(asked))
    )


def start_comparison(asked: ScenarioAsked) -> int:
    """Queue a comparison run (an uploaded workbook is kept with it); raises ``RunAlreadyActiveError``
    while any run is active."""
    run = AnalysisRun(
        kind=ANALYSIS_COMPARISON,
        status=RUN_QUEUED,
        time_limit_s=asked.time_limit_s,
        asked=asked.as_json(),
        scenario_workbook=asked.workbook_bytes,
    )
    return enqueue(run)


def execute_analysis(run_id: int, started_at: float) -> None:
    """The body of a claimed analysis run: what was asked, rebuilt from its row; never raises."""
    try:
        run = db.session.get(AnalysisRun, run_id)
        compute = _curve if run.kind == ANALYSIS_CURVE else _comparison
        asked = _asked_of(run)
    except Exception:  # a row the job cannot read fails the run, as any other fault
        log.exception("analysis run %s unreadable", run_id)
        db.session.rollback()
        mark_failed(run_id, INTERNAL_ERROR_TEXT, AnalysisRun)
        return
    _execute(run_id, partial(compute, asked), started_at)


def _asked_of(run: AnalysisRun) -> CurveAsked | ScenarioAsked:
    asked = dict(run.asked)
    if run.kind == ANALYSIS_CURVE:
        return CurveAsked(tuple(asked["steps_h"]), asked["role"], float(asked["time_limit_s"]))
    workbook = run.scenario_workbook
    return ScenarioAsked(**asked, workbook_school=services.read_school(workbook) if workbook else None)


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


def _execute(run_id: int, compute: Compute, started_at: float) -> None:
    """The body of a background analysis run; inside an app context, never raises."""
    try:
        engine = db.engine
        if stop_requested(engine, run_id, AnalysisRun):
            mark_cancelled(run_id, AnalysisRun)
            return
        school, _skipped_pins = school_for_run()
        progress = progress_writer(engine, run_id, AnalysisRun)
        result = compute(school, progress, stop_reader(engine, run_id, AnalysisRun))
        stopped = stop_requested(engine, run_id, AnalysisRun)
        analysis_store.store_result(run_id, result, stopped=stopped, elapsed_s=time.monotonic() - started_at)
    except Exception:  # a failed run is shown as failed; the trace goes only to the log
        log.exception("analysis run %s failed", run_id)
        db.session.rollback()
        mark_failed(run_id, INTERNAL_ERROR_TEXT, AnalysisRun)


def _workers() -> int:
    return int(current_app.config.get("HANDENPLANNER_SOLVE_WORKERS", 2))
