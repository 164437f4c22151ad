"""One job's clock: when it started, when it must be done, how its time is split, and progress that
counts from its start (``handenplanner solve``, a web run, a curve, a comparison)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from planner.deadline import Deadline
from planner.services.budget import TIME_SPLIT_KEY, TimeSplit, split_time
from planner.solver import Progress

ProgressCallback = Callable[[Progress], None]
StopCheck = Callable[[], bool]


@dataclass(frozen=True)
class Job:
    started: float  # time.monotonic() when the job started: its time limit counts from here
    end: Deadline  # the result must be written by then
    split: TimeSplit  # decided once the input is read
    callback: ProgressCallback | None

    @classmethod
    def begin(
        cls,
        limit_s: float,
        *,
        started_at: float | None,
        write_s: float,
        suggestions_s: float | None,
        progress: ProgressCallback | None,
    ) -> Job:
        """Split what is left of ``limit_s`` (counted from ``started_at``, else now) and report the split."""
        started = time.monotonic() if started_at is None else started_at
        end = Deadline.after(limit_s, started)
        job = cls(started, end, split_time(end.left_s(), write_s, suggestions_s), progress)
        job.report(TIME_SPLIT_KEY, job.split.text())
        return job

    @property
    def solve_deadline(self) -> Deadline:
        return self.split.solve_deadline(self.end)

    @property
    def suggestions_deadline(self) -> Deadline:
        return self.split.suggestions_deadline(self.end)

    def report(self, key: str, label: str) -> None:
        """A step of the job (no solver numbers), e.g. the reasons and suggestions."""
        if self.callback is not None:
            self.callback(Progress(time.monotonic() - self.started, key, label, None, None))

    @property
    def solver_progress(self) -> ProgressCallback | None:
        """The callback to hand to a solver: its progress, with the time counted from the job's start."""
        if self.callback is None:
            return None
        callback = self.callback

        def rebased(progress: Progress) -> None:
            callback(replace(progress, elapsed_s=time.monotonic() - self.started))

        return rebased
