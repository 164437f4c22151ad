"""``scripts/job_memory.py``: the benchmark's memory of a job with its HiGHS children, shared pages once."""

from __future__ import annotations

import multiprocessing
import sys
import time

import pytest

from scripts.job_memory import JobMemory

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
CHILD_MB = 200


def _hold_memory(ready, release) -> None:
    block = bytearray(CHILD_MB * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])  # touch every page, so it is resident
    ready.set()
    release.wait(10)


def test_a_childs_own_memory_counts_and_the_shared_pages_once():
    # A forked child that touches 200 MB of its own: the sum over both processes grows by those 200 MB, while
    # the pages the child shares with this process (the interpreter, pytest) are counted once, not twice.
    context = multiprocessing.get_context("fork")
    with JobMemory() as before:
        time.sleep(0.5)
    ready, release = context.Event(), context.Event()
    child = context.Process(target=_hold_memory, args=(ready, release))
    with JobMemory() as during:
        child.start()
        assert ready.wait(10)
        time.sleep(0.5)
        release.set()
        child.join()
    grown = during.peak_mb - before.peak_mb
    assert grown >= 0.9 * CHILD_MB
    assert grown < CHILD_MB + 0.5 * before.peak_mb  # summed RSS would add this process's pages once more
