"""``handenplanner worker``: takes queued runs from the database and executes each in a child process.

The child comes from a fork server that loaded the modules once (forking from a single-threaded
process, so no lock of another thread is copied half-held); it builds the app from the worker's
config, opens its own database connections and runs the job: progress and results go to the run's
row. The worker meanwhile beats its heartbeat and watches the child and the run's stop flag:

- the child ends without ending the run (killed, out of memory): the run fails at once, in Dutch;
- a stop is not answered within ``STOP_GRACE_S``: the child is killed and the run marked stopped;
- the worker is asked to stop (SIGTERM, Ctrl-C): it ends the child, marks the run failed and exits.

The child watches the worker and exits when it is gone, so a killed worker leaves no run behind
that could still write. While idle, the worker keeps the exported workbook current
(``web.runs.export_refresh``).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading
import time
import uuid

from flask import Flask
from sqlalchemy import select, update

from web.db import db
from web.runs.export_refresh import QUIET_S, ExportRefresh, refresh_kept_export
from web.runs.heartbeat import BEAT_INTERVAL_S, beat, process_exists, register_worker, unregister_worker
from web.runs.queue import claim_next, end_run, fail_orphaned_runs
from web.runs.slot import RunKey, release_slot_of_ended_run, run_model
from web.store.models_plan import ACTIVE_RUN_STATUSES, RUN_FAILED, RUN_STOPPED, AnalysisRun, PlanRun

IDLE_POLL_S = 0.5
WATCH_INTERVAL_S = 0.1
STOP_GRACE_S = 1.5  # after the worker sees a stop; with its watch interval a stop ends within 2 s
TERMINATE_GRACE_S = 2.0
CHILD_DIED_TEXT = (
    "Deze berekening is afgebroken: het rekenproces stopte onverwacht (bijvoorbeeld door te weinig geheugen). "
    "Start een nieuwe, eventueel met een kortere rekentijd; blijft het misgaan, meld het dan aan de beheerder."
)
WORKER_STOPPED_TEXT = "Deze berekening is afgebroken omdat het rekenproces (de worker) werd gestopt. Start een nieuwe."
STOPPED_WITHOUT_PLAN_LABEL = "Gestopt; de berekening had nog geen plan bewaard"

# Loaded once by the fork server, so a run's process starts at once.
CHILD_MODULES = (
    "web",
    "web.runs.worker",
    "web.planning.runner",
    "web.planning.analysis_runner",
    "web.store.plan_store",
    "planner.services",
)

log = logging.getLogger(__name__)


class RunWorker:
    """One worker: its heartbeat row and its loop; ``stopping`` ends the loop (SIGTERM sets it)."""

    def __init__(self, app: Flask, idle_poll_s: float = IDLE_POLL_S) -> None:
        self.app = app
        self.idle_poll_s = idle_poll_s
        self.worker_id = uuid.uuid4().hex
        self.stopping = threading.Event()
        self.last_beat = 0.0
        quiet_s = app.config.get("HANDENPLANNER_EXPORT_REFRESH_QUIET_S", QUIET_S)
        self.export_refresh = ExportRefresh(self._start_export_refresh, quiet_s)

    def run(self) -> None:
        """Take and execute runs until asked to stop; the worker's row is removed on the way out."""
        _process_context()
        multiprocessing.forkserver.ensure_running()  # loads the modules now, not when the first run waits
        with self.app.app_context():
            register_worker(db.session, self.worker_id)
            try:
                while not self.stopping.is_set():
                    if not self._run_next_or_wait():
                        self._refresh_export_while_idle()
                        self.stopping.wait(self.idle_poll_s)
            finally:
                self.export_refresh.end(_end_child)
                unregister_worker(db.session, self.worker_id)
                db.session.remove()

    def _run_next_or_wait(self) -> bool:
        """``run_next``; a database that is away for a moment is logged and tried again, not fatal."""
        try:
            return self.run_next()
        except Exception:
            log.exception("worker %s: could not take a run", self.worker_id)
            db.session.rollback()
            return False

    def run_next(self) -> bool:
        """Beat, fail the runs of workers that are gone, and execute the next queued run; False when none."""
        self._beat()
        fail_orphaned_runs()
        key = claim_next(self.worker_id)
        if key is None:
            return False
        self.export_refresh.end(_end_child)  # the run goes first; the workbook is written when idle again
        self._execute(key, started_at=time.monotonic())
        return True

    def _refresh_export_while_idle(self) -> None:
        """``ExportRefresh.tick``; a failure is logged and tried again on a later tick, never fatal."""
        try:
            self.export_refresh.tick()
        except Exception:
            log.exception("worker %s: could not keep the export current", self.worker_id)
            db.session.rollback()

    def _start_export_refresh(self, run_id: int) -> multiprocessing.Process:
        child = _process_context().Process(
            target=_export_child_main,
            args=(self._child_config(), run_id, os.getpid()),
            name=f"handenplanner-export-{run_id}",
        )
        child.start()
        return child

    def _execute(self, key: RunKey, started_at: float) -> None:
        child = _process_context().Process(
            target=_child_main,
            args=(self._child_config(), key, started_at, os.getpid()),
            name=f"handenplanner-{key[0]}-{key[1]}",
        )
        child.start()
        log.info("run %s %s in process %s", *key, child.pid)
        try:
            self._watch(child, key)
        finally:
            if child.is_alive():  # the worker is stopping
                _end_child(child)
                end_run(key, RUN_FAILED, error_text=WORKER_STOPPED_TEXT)
        if end_run(key, RUN_FAILED, error_text=CHILD_DIED_TEXT):
            log.warning("run %s %s: child process ended with exit code %s", *key, child.exitcode)
        _tidy_up_after(key)

    def _watch(self, child: multiprocessing.Process, key: RunKey) -> None:
        """Until the child ends: beat, and kill it when a stop is not answered in time."""
        stop_seen_at = None
        while child.is_alive() and not self.stopping.is_set():
            child.join(WATCH_INTERVAL_S)
            self._beat()
            if stop_seen_at is None and _stop_requested(key):
                stop_seen_at = time.monotonic()
            if stop_seen_at is not None and time.monotonic() - stop_seen_at > STOP_GRACE_S and child.is_alive():
                _end_child(child)
                end_run(key, RUN_STOPPED, level_label=STOPPED_WITHOUT_PLAN_LABEL)

    def _child_config(self) -> dict:
        """The worker's app config for a child's own app (it opens its own database connections)."""
        config = {name: value for name, value in self.app.config.items() if name.isupper()}
        return config | {"INSTANCE_PATH": self.app.instance_path}

    def _beat(self) -> None:
        if time.monotonic() - self.last_beat >= BEAT_INTERVAL_S:
            beat(db.session, self.worker_id)
            self.last_beat = time.monotonic()


def _process_context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(CHILD_MODULES))  # used when the fork server starts (once)
    return context


def _child_main(config: dict, key: RunKey, started_at: float, worker_pid: int) -> None:
    """The child: its own app and database connections, a watch on the worker, then the run's job."""
    from web import create_app

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the worker ends the child,
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # also after a Ctrl-C, which reaches the worker too
    _exit_when_gone(worker_pid)
    app = create_app(config)
    with app.app_context():
        execute_claimed(key, started_at)
        db.session.remove()


def _export_child_main(config: dict, run_id: int, worker_pid: int) -> None:
    """The child that writes the kept result workbook (``web.runs.export_refresh``)."""
    from web import create_app

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_when_gone(worker_pid)
    app = create_app(config)
    with app.app_context():
        refresh_kept_export(run_id)
        db.session.remove()


def execute_claimed(key: RunKey, started_at: float) -> None:
    """Run the job of a claimed run (inside an app context); the jobs never raise."""
    from web.planning.analysis_runner import execute_analysis
    from web.planning.runner import execute_run

    job = execute_run if key[0] == PlanRun.__tablename__ else execute_analysis
    job(key[1], started_at)


def _exit_when_gone(worker_pid: int) -> None:
    def watch() -> None:
        while process_exists(worker_pid):
            time.sleep(WATCH_INTERVAL_S)
        os._exit(1)

    threading.Thread(target=watch, name="watch-worker", daemon=True).start()


def _end_child(child: multiprocessing.Process) -> None:
    child.terminate()
    child.join(TERMINATE_GRACE_S)
    if child.is_alive():
        child.kill()
        child.join()


def _stop_requested(key: RunKey) -> bool:
    model = run_model(key[0])
    flag = db.session.scalar(select(model.stop_requested).where(model.id == key[1]))
    db.session.commit()
    return bool(flag)


def _tidy_up_after(key: RunKey) -> None:
    """Free the run slot, and forget an uploaded workbook: it is kept only until its comparison has run."""
    if key[0] == AnalysisRun.__tablename__:
        db.session.execute(
            update(AnalysisRun)
            .where(AnalysisRun.id == key[1], AnalysisRun.status.not_in(ACTIVE_RUN_STATUSES))
            .values(scenario_workbook=None)
        )
        db.session.commit()
    release_slot_of_ended_run(db.session)
