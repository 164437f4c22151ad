"""Solver runs in a background thread, with progress and the stop flag in the database.

Progress and the stop request live in the run's row (``plan_run``, or ``analysis_run`` for the
analysis page's curve and comparisons), so a run survives a page reload and a stop from any
browser session works. The executor is kept in ``app.extensions["handenplanner_runner"]``; one
run at a time, of either kind.

The run's time limit is the whole run: its clock starts when the background run starts, and
loading the school, solving, suggestions and storing the results all fit in it. The time split
is kept in the run's facts (``figures["time_split"]``) and shown on the run page.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from flask import Flask, current_app
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from planner import services
from planner.model import School, Session, SolveStatus
from web.db import db
from web.store.models_plan import (
    ACTIVE_RUN_STATUSES,
    RUN_FAILED,
    RUN_QUEUED,
    RUN_RUNNING,
    RUN_STOPPED,
    AnalysisRun,
    PlanRun,
    RunState,
    utc_now,
)
from web.store.plan_store import store_results, to_plan

EXTENSION_KEY = "handenplanner_runner"
PROGRESS_INTERVAL_S = 0.5
STOP_CHECK_INTERVAL_S = 0.5
# A run that this process does not know and that has not reported for this long is left over
# from a server that stopped; it is marked failed so a new run can start.
STALE_GRACE_S = 120.0

INTERNAL_ERROR_TEXT = (
    "De berekening is mislukt door een interne fout. Probeer het opnieuw; "
    "blijft het misgaan, meld het dan aan de beheerder."
)
PINS_CLASH_TEXT = (
    "De vastgezette sessies passen niet samen (bijvoorbeeld twee tegelijk voor één ondersteuner, twee op één dag "
    "voor dezelfde aanvraag, of meer uren dan iemand heeft). Maak er een of meer los en bereken opnieuw."
)

RUN_MODELS: tuple[type[RunState], ...] = (PlanRun, AnalysisRun)
RunKey = tuple[str, int]  # (table name, run id): ids of different tables may be equal

log = logging.getLogger(__name__)


class RunAlreadyActiveError(Exception):
    """A second start while a run is queued or running."""


class PlanRunner:
    """Owns the background executor of one app; created once per app by ``init_runner``."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handenplanner-run")
        self.start_lock = threading.Lock()
        self.own_runs: set[RunKey] = set()

    def start(self, base_run_id: int | None = None) -> int:
        """Queue a new run and return its id; raises RunAlreadyActiveError while one is active.

        With ``base_run_id`` the run re-plans with minimal change: it keeps as much of that run's plan as it can.
        """
        facts = {"base_run_id": base_run_id} if base_run_id else {}
        return self.queue(PlanRun(status=RUN_QUEUED, time_limit_s=self.time_limit_s(), figures=facts), execute_run)

    def queue(self, run: RunState, job: Callable[[int], None]) -> int:
        """Store a queued run and have ``job(run_id)`` run it in the background; raises RunAlreadyActiveError
        while any run (a plan run or an analysis run) is queued or running."""
        with self.start_lock:
            self._fail_stale_runs()
            active = active_runs()
            if active:
                raise RunAlreadyActiveError(active[0].id)
            db.session.add(run)
            db.session.commit()
            key = (run.__tablename__, run.id)
            self.own_runs.add(key)
        self.executor.submit(self._run_in_app, job, key)
        return key[1]

    def wait_idle(self, timeout_s: float = 60.0) -> bool:
        """Wait until no run of this runner is active (for tests and shutdown)."""
        deadline = time.monotonic() + timeout_s
        while self.own_runs and time.monotonic() < deadline:
            time.sleep(0.05)
        return not self.own_runs

    def shutdown(self) -> None:
        """Stop taking runs and wait for the current one (tests; a server that stops)."""
        self.executor.shutdown(wait=True)

    def time_limit_s(self) -> float:
        """The solve time a run gets: the app's setting, else the school's ``tijdslimiet_s``."""
        configured = current_app.config.get("HANDENPLANNER_SOLVE_TIME_LIMIT")
        if configured:
            return float(configured)
        from web.store.convert import settings_row

        return float(settings_row(db.session).time_limit_s)

    def fail_stale_runs(self) -> None:
        """Mark runs left over from a stopped server as failed (they would block new runs forever)."""
        with self.start_lock:
            self._fail_stale_runs()

    def _fail_stale_runs(self) -> None:
        cutoff = utc_now() - dt.timedelta(seconds=STALE_GRACE_S)
        for run in active_runs():
            last_sign = run.updated_at or run.started_at or run.created_at
            limit = dt.timedelta(seconds=run.time_limit_s)
            if (run.__tablename__, run.id) not in self.own_runs and last_sign + limit < cutoff:
                run.status = RUN_FAILED
                run.error_text = "Deze berekening is onderbroken (de server is herstart). Start een nieuwe."
                run.finished_at = utc_now()
        if db.session.dirty:
            db.session.commit()

    def _run_in_app(self, job: Callable[[int], None], key: RunKey) -> None:
        try:
            with self.app.app_context():
                job(key[1])
        finally:
            self.own_runs.discard(key)


def active_runs() -> list[RunState]:
    """The queued and running runs of either kind (plan runs and analysis runs)."""
    queries = (select(model).where(model.status.in_(ACTIVE_RUN_STATUSES)) for model in RUN_MODELS)
    return [run for query in queries for run in db.session.scalars(query)]


def init_runner(app: Flask) -> PlanRunner:
    runner = app.extensions.get(EXTENSION_KEY)
    if runner is None:
        runner = PlanRunner(app)
        app.extensions[EXTENSION_KEY] = runner
    return runner


def get_runner() -> PlanRunner:
    return init_runner(current_app._get_current_object())  # type: ignore[attr-defined]


def request_stop(run_id: int, model: type[RunState] = PlanRun) -> bool:
    """Set the stop flag of an active run; False when the run is not active."""
    result = db.session.execute(
        update(model).where(model.id == run_id, model.status.in_(ACTIVE_RUN_STATUSES)).values(stop_requested=True)
    )
    db.session.commit()
    return bool(result.rowcount)


def execute_run(run_id: int) -> None:
    """The body of a background run; inside an app context, never raises."""
    started_at = time.monotonic()
    try:
        mark_running(run_id)
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
    except Exception:  # a failed run is shown as failed; the trace goes only to the log
        log.exception("plan run %s failed", run_id)
        db.session.rollback()
        mark_failed(run_id, INTERNAL_ERROR_TEXT)


def mark_failed(run_id: int, text: str, model: type[RunState] = PlanRun) -> None:
    db.session.execute(
        update(model).where(model.id == run_id).values(status=RUN_FAILED, finished_at=utc_now(), error_text=text)
    )
    db.session.commit()


def mark_running(run_id: int, model: type[RunState] = PlanRun) -> None:
    now = utc_now()
    db.session.execute(
        update(model).where(model.id == run_id).values(status=RUN_RUNNING, started_at=now, updated_at=now)
    )
    db.session.commit()


def mark_cancelled(run_id: int, model: type[RunState] = PlanRun) -> None:
    """Stopped while still queued: nothing was solved, so there is no plan to keep."""
    db.session.execute(
        update(model)
        .where(model.id == run_id)
        .values(status=RUN_STOPPED, finished_at=utc_now(), level_label="Gestopt voordat de berekening begon")
    )
    db.session.commit()


def school_for_run() -> tuple[School, int]:
    """The school as stored, without the pins that no longer fit; and how many pins were skipped."""
    from web.store.convert import load_school

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
