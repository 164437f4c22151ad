"""A plan run: queued by the web, executed by ``handenplanner worker`` (``web.runs``) in a child process.

Progress and the stop request live in the run's row (``plan_run``, or ``analysis_run`` for the
analysis page's curve and comparisons), so a run survives a page reload and a stop from any
browser session or web process works. One run at a time, of either kind, held by the database.

The run's time limit is the whole run: its clock starts when a worker takes the run, and
loading the school, solving, suggestions and storing the results all fit in it. The time split
is kept in the run's facts (``figures["time_split"]``) and shown on the run page.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from planner import services
from planner.model import School, Session, SolveStatus
from web.db import db
from web.runs.queue import CANCELLED_LABEL, enqueue
from web.store.convert import load_school
from web.store.models_plan import RUN_FAILED, RUN_QUEUED, RUN_STOPPED, PlanRun, RunState, utc_now
from web.store.plan_store import prepare_run_export, store_results, to_plan

PROGRESS_INTERVAL_S = 0.5
STOP_CHECK_INTERVAL_S = 0.25  # with the worker's grace a stop ends the run within 2 s

INTERNAL_ERROR_TEXT = (
    "De berekening is mislukt door een interne fout. Probeer het opnieuw; "
    "blijft het misgaan, meld het dan aan de beheerder."
)
PINS_CLASH_TEXT = (
    "De vastgezette sessies passen niet samen (bijvoorbeeld twee tegelijk voor één ondersteuner, twee op één dag "
    "voor dezelfde aanvraag, of meer uren dan iemand heeft). Maak er een of meer los en bereken opnieuw."
)

log = logging.getLogger(__name__)


def start_plan_run(base_run_id: int | None = None) -> int:
    """Queue a new run and return its id; raises RunAlreadyActiveError while any run is active.

    With ``base_run_id`` the run re-plans with minimal change: it keeps as much of that run's plan as it can.
    """
    facts = {"base_run_id": base_run_id} if base_run_id else {}
    return enqueue(PlanRun(status=RUN_QUEUED, time_limit_s=run_time_limit_s(), figures=facts))


def run_time_limit_s() -> float:
    """The solve time a run gets: the app's setting, else the school's ``tijdslimiet_s``."""
    configured = current_app.config.get("HANDENPLANNER_SOLVE_TIME_LIMIT")
    if configured:
        return float(configured)
    from web.store.convert import settings_row

    return float(settings_row(db.session).time_limit_s)


def execute_run(run_id: int, started_at: float) -> None:
    """The body of a claimed run (``started_at``: when the worker took it); inside an app context, never raises."""
    try:
        engine = db.engine
        if stop_requested(engine, run_id):
            mark_cancelled(run_id)
            return
        school, skipped_pins = school_for_run()
        outcome = services.solve_school(
            school,
            _plan_options(run_id, started_at),
            progress=progress_writer(engine, run_id),
            should_stop=stop_reader(engine, run_id),
        )
        if outcome.plan.status == SolveStatus.INFEASIBLE:
            mark_failed(run_id, PINS_CLASH_TEXT)
            return
        stopped = outcome.plan.status == SolveStatus.STOPPED or stop_requested(engine, run_id)
        store_results(run_id, outcome, stopped=stopped, skipped_pins=skipped_pins)
        _prepare_export(run_id)
    except Exception:  # a failed run is shown as failed; the trace goes only to the log
        log.exception("plan run %s failed", run_id)
        db.session.rollback()
        mark_failed(run_id, INTERNAL_ERROR_TEXT)


def mark_failed(run_id: int, text: str, model: type[RunState] = PlanRun) -> None:
    db.session.execute(
        update(model).where(model.id == run_id).values(status=RUN_FAILED, finished_at=utc_now(), error_text=text)
    )
    db.session.commit()


def mark_cancelled(run_id: int, model: type[RunState] = PlanRun) -> None:
    """Stopped before the job began: nothing was solved, so there is no plan to keep."""
    db.session.execute(
        update(model)
        .where(model.id == run_id)
        .values(status=RUN_STOPPED, finished_at=utc_now(), level_label=CANCELLED_LABEL)
    )
    db.session.commit()


def _prepare_export(run_id: int) -> None:
    """The stored run's result workbook, for the school as it is now (what an export will ask for)."""

    prepare_run_export(run_id, load_school(db.session))


def school_for_run() -> tuple[School, int]:
    """The school as stored, without the pins that no longer fit; and how many pins were skipped."""

    school = load_school(db.session)
    pins = services.usable_pins(school, school.pins)
    return replace(school, pins=pins), len(school.pins) - len(pins)


def _plan_options(run_id: int, started_at: float) -> services.PlanOptions:
    """The run's time limit from its start, the app's workers and seed, the plan to keep, and the
    suggestions' share when the app sets one (else the planner's usual share)."""
    config = current_app.config
    run = db.session.get(PlanRun, run_id)
    suggestion_s = config.get("HANDENPLANNER_SUGGEST_BUDGET_S")
    return services.PlanOptions(
        time_limit_s=run.time_limit_s if run else None,
        workers=int(config.get("HANDENPLANNER_SOLVE_WORKERS", 2)),
        seed=int(config.get("HANDENPLANNER_SOLVE_SEED", 0)),
        keep=_previous_sessions(run.base_run_id if run else None),
        suggestion_budget_s=float(suggestion_s) if suggestion_s is not None else None,
        started_at=started_at,
    )


def _previous_sessions(base_run_id: int | None) -> tuple[Session, ...]:
    """The plan to keep when re-planning with minimal change (the solver skips what no longer fits)."""
    base = db.session.get(PlanRun, base_run_id) if base_run_id else None
    return to_plan(base).sessions if base is not None else ()


def progress_writer(
    engine: Engine, run_id: int, model: type[RunState] = PlanRun
) -> Callable[[services.Progress], None]:
    """A throttled callback (a new step is written at once); it may run in a solver thread, so it uses the
    engine, not db.session. The time split is kept in the run's facts as well."""
    last_write = [0.0]
    last_step = [""]

    def write(progress: services.Progress) -> None:
        if progress.level_key == services.TIME_SPLIT_KEY and model is PlanRun:
            _store_time_split(engine, run_id, progress.level_label)
            return
        now = time.monotonic()
        if now - last_write[0] < PROGRESS_INTERVAL_S and progress.level_key == last_step[0]:
            return
        last_write[0], last_step[0] = now, progress.level_key
        values = {
            "elapsed_s": progress.elapsed_s,
            "level_label": progress.level_label[:200],
            "best": _finite(progress.best),
            "bound": _finite(progress.bound),
            "updated_at": utc_now(),
        }
        with engine.begin() as connection:
            connection.execute(update(model).where(model.id == run_id).values(**values))

    return write


def _store_time_split(engine: Engine, run_id: int, text: str) -> None:
    with engine.begin() as connection:
        facts = connection.execute(select(PlanRun.figures).where(PlanRun.id == run_id)).scalar() or {}
        connection.execute(update(PlanRun).where(PlanRun.id == run_id).values(figures=facts | {"time_split": text}))


def stop_reader(engine: Engine, run_id: int, model: type[RunState] = PlanRun) -> Callable[[], bool]:
    last_check = [0.0]
    stop = [False]

    def should_stop() -> bool:
        now = time.monotonic()
        if not stop[0] and now - last_check[0] >= STOP_CHECK_INTERVAL_S:
            last_check[0] = now
            stop[0] = stop_requested(engine, run_id, model)
        return stop[0]

    return should_stop


def stop_requested(engine: Engine, run_id: int, model: type[RunState] = PlanRun) -> bool:
    with engine.connect() as connection:
        return bool(connection.execute(select(model.stop_requested).where(model.id == run_id)).scalar())


def _finite(value: float | None) -> float | None:
    return value if value is not None and abs(value) < 1e300 else None
