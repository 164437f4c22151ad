"""The memory of a job with its child processes (HiGHS, ``planner/solver/mip_process.py``), sampled.

A forked child shares the solving process's pages, so its ``ru_maxrss`` counts them again, and the two peaks do
not add up. The proportional set size (PSS, ``/proc/<pid>/smaps_rollup``) splits each shared page among the
processes that map it, so the PSS of the process and its children adds up to the memory they take together.
``JobMemory`` samples that sum in a thread and keeps its peak. Linux only; elsewhere the peak stays 0.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")
SAMPLE_S = 0.2


class JobMemory:
    """Samples the PSS of this process and its children every ``SAMPLE_S`` while running (a context manager)."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="job-memory", daemon=True)

    def __enter__(self) -> JobMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_S):
            pids = [os.getpid(), *_children(os.getpid())]
            self.peak_mb = max(self.peak_mb, sum(_pss_kb(pid) for pid in pids) / 1024)


def _children(parent: int) -> list[int]:
    children = []
    for entry in PROC.glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == parent:
            children.append(int(entry.parent.name))
    return children


def _pss_kb(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass  # the process ended meanwhile, or no /proc
    return 0
