"""A child process that ends with its parent: a run process's HiGHS, a server's web processes.

A parent killed outright (SIGKILL, out of memory) runs no clean-up, so its children would go on alone:
HiGHS until its own time limit, a web process holding the server's port. On Linux the kernel ends the
child when the parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread notices the new parent.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time

PR_SET_PDEATHSIG = 1  # prctl(2): the signal the kernel sends this process when its parent dies
PARENT_CHECK_S = 0.5  # where the kernel cannot tell: how often a thread looks


def end_with_parent(parent_pid: int) -> None:
    """From now on, this process ends when ``parent_pid`` (its parent) does; at once if it is gone already."""
    if not _kernel_ends_with_parent():
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="ouderbewaking", daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


def _kernel_ends_with_parent() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) == 0
    except (OSError, AttributeError):  # not Linux
        return False


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)
