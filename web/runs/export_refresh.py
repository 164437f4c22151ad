"""Keeping the result workbook of the planner's plan current while the worker has nothing to run.

An export gives the result workbook of the plan for the school as it is now. The worker writes it right
after a run, but every change to the school (a teacher's new request, an edited helper) makes that kept
workbook stale (``web.store.export_cache``), and writing it anew takes about 12 s at a thousand
requests. So the idle worker writes it again once the school has not changed for ``QUIET_S``, in a
child process from its fork server; a run taken meanwhile ends that child at once, so no run waits
for it. The export then only sets its status line.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable

from web.db import db
from web.store.school_version import SCHOOL, read_versions

QUIET_S = 10.0  # a burst of submits is over before the workbook is written again


class ExportRefresh:
    """What the idle worker knows: the school version it saw, since when, and the child writing."""

    def __init__(self, start_child: Callable[[int], multiprocessing.Process], quiet_s: float = QUIET_S) -> None:
        self.start_child = start_child
        self.quiet_s = quiet_s
        self.version: int | None = None
        self.changed_at = time.monotonic()
        self.refreshed_version: int | None = None
        self.child: multiprocessing.Process | None = None
        self.child_version: int | None = None

    def tick(self) -> None:
        """Called while the worker is idle: start writing when the school has been quiet long enough."""
        version = read_versions(db.session).get(SCHOOL)
        db.session.commit()
        if version != self.version:
            self.version, self.changed_at = version, time.monotonic()
        if self.child is not None:
            if self.child.is_alive():
                return
            if self.child.exitcode == 0:
                self.refreshed_version = self.child_version
            self.child = None
        if version is None or version == self.refreshed_version:
            return
        if time.monotonic() - self.changed_at >= self.quiet_s:
            self.child, self.child_version = self._start(), version
            if self.child is None:  # no plan to export
                self.refreshed_version = version

    def end(self, end_child: Callable[[multiprocessing.Process], None]) -> None:
        """A run is taken or the worker stops: the writing child goes (the next quiet spell starts it again)."""
        if self.child is not None and self.child.is_alive():
            end_child(self.child)
        self.child = None

    def _start(self) -> multiprocessing.Process | None:
        from web.store.plan_store import planner_default_run

        run = planner_default_run()
        db.session.commit()
        return self.start_child(run.id) if run is not None else None


def refresh_kept_export(run_id: int) -> None:
    """In the child: the run's result workbook for the school as it is now, unless the kept one is for it."""
    from web.store.convert import load_school
    from web.store.export_cache import is_kept_for
    from web.store.models_plan import PlanRun
    from web.store.plan_store import prepare_run_export

    school = load_school(db.session)
    run = db.session.get(PlanRun, run_id)
    if run is not None and not is_kept_for(run, school):
        prepare_run_export(run_id, school)
