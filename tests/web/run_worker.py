"""The real run worker for web tests: ``RunWorker`` (a child process per run) in a thread of the test process.

The web only queues runs; a test that needs them done starts this worker against its app's database,
as ``handenplanner worker`` would run beside the server.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

from web.db import db
from web.runs.queue import active_runs
from web.runs.worker import RunWorker

EXTENSION_KEY = "test_run_worker"


class WorkerThread:
    """Starts and stops one ``RunWorker`` on ``app`` in a thread; ``paused()`` keeps queued runs queued."""

    def __init__(self, app) -> None:
        self.app = app
        self.worker: RunWorker | None = None
        self.thread: threading.Thread | None = None
        app.extensions[EXTENSION_KEY] = self

    def start(self) -> WorkerThread:
        self.worker = RunWorker(self.app, idle_poll_s=0.05)
        self.thread = threading.Thread(target=self.worker.run, name="test-run-worker", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stopping.set()
            self.thread.join(60)
            self.worker = self.thread = None

    @contextmanager
    def paused(self):
        self.stop()
        try:
            yield self
        finally:
            self.start()


def live_worker_id(app) -> str:
    """The id of the app's running test worker, for a run a test stores as running by hand."""
    worker = app.extensions[EXTENSION_KEY].worker
    assert worker is not None and _registered(app, worker.worker_id), "the test worker is not running"
    return worker.worker_id


def _registered(app, worker_id: str, timeout_s: float = 10.0) -> bool:
    from web.store.models_runs import RunWorkerBeat

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if db.session.get(RunWorkerBeat, worker_id) is not None:
            return True
        time.sleep(0.05)
    return False


def paused_worker(app):
    """The app's test worker, stopped until the ``with`` block ends: a started run stays queued meanwhile."""
    return app.extensions[EXTENSION_KEY].paused()


def wait_for_runs(app, timeout_s: float = 60.0) -> bool:
    """Wait until no run is queued or running (the worker has finished them)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with app.app_context():
            busy = bool(active_runs())
            db.session.remove()
        if not busy:
            return True
        time.sleep(0.05)
    return False
