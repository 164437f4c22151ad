"""HiGHS in a child process: a MIP run that the level loop can end at any moment.

MathOpt's HiGHS does not listen to a stop request, and on a board pool it took 1,35 GB, more than a job has.
In the solving process it would break the 2 s stop, the job's deadline and its memory. So ``MipChild`` forks a
child that translates the CP-SAT model as it is at that moment (``mip.solve_mip``) and solves it, while the
parent goes on (CP-SAT beside it) and asks now and then whether it is done. The parent ends the child with
SIGKILL when the deadline or a stop comes, so nothing of HiGHS outlives the call.

Fork, not spawn: the child starts at once with the parent's model in its memory (copy-on-write), where a
spawned child would first import OR-Tools and receive a copy of the model (OR-Tools 9.15's ``CpModelProto``
has no binary serialisation to hand over cheaply). The child caps its own address space (``RLIMIT_AS``) at
what it inherited plus ``memory_cap_mb``: HiGHS past the cap fails an allocation, and the parent sees a
child that ended without an answer, "no result", never a crash of its own.
"""

from __future__ import annotations

import faulthandler
import logging
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.context import ForkProcess

from ortools.sat.python import cp_model

from planner.parent_process import end_with_parent
from planner.solver.mip import MipRun, solve_mip
from planner.solver.mip_check import satisfies

LOGGER = logging.getLogger(__name__)
MEMORY_CAP_MB = 700  # what HiGHS may add to the memory of the job (the job's whole budget is under 1 GB)
POLL_S = 0.05  # how often a waiting parent looks at the child, its stop and its deadline


class MipChild:
    """One HiGHS run in a forked child; ``answer`` or ``wait`` collect its ``MipRun``, ``kill`` ends it."""

    def __init__(self, process: ForkProcess, connection: Connection) -> None:
        self._process = process
        self._connection = connection
        self._answer: MipRun | None = None
        self._ended = False

    @classmethod
    def start(
        cls,
        model: cp_model.CpModel,
        time_limit_s: float,
        hint: Mapping[int, int] | None = None,
        memory_cap_mb: float = MEMORY_CAP_MB,
        relaxation: bool = False,
        niceness: int = 0,
    ) -> MipChild:
        """Start HiGHS on ``model`` with its objective as it is now, from the plan ``hint`` (values by variable
        index; a part of the variables is enough); ``relaxation``: its LP relaxation, for a bound alone;
        ``niceness``: a lower CPU priority (``os.nice``), so HiGHS takes what CP-SAT leaves of the cores."""
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=_child_main,
            args=(model, time_limit_s, hint, memory_cap_mb, relaxation, niceness, sending, os.getpid()),
            name="highs",
            daemon=True,
        )
        process.start()
        sending.close()  # the parent keeps only its end: a child that dies closes the pipe
        return cls(process, receiving)

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def running(self) -> bool:
        """The child process is still there (it ends on its own after answering, or is killed)."""
        return self._process.is_alive()

    @property
    def ended(self) -> bool:
        """The child has answered or is gone."""
        self._collect()
        return self._ended

    def answer(self) -> MipRun | None:
        """HiGHS's run once the child has ended with one; None while it runs or when it ended without one."""
        self._collect()
        return self._answer

    def wait(self, until: float, should_stop: Callable[[], bool] | None = None) -> MipRun | None:
        """Wait for the answer until the monotonic time ``until`` or a stop, then end the child."""
        while not self.ended and time.monotonic() < until:
            if should_stop is not None and should_stop():
                break
            self._connection.poll(min(POLL_S, max(until - time.monotonic(), 0.0)))
        self.kill()
        return self._answer

    def kill(self) -> None:
        """End the child now (SIGKILL: HiGHS ignores anything gentler) and reap it."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._ended = True
        self._connection.close()

    def _collect(self) -> None:
        if self._ended:
            return
        try:
            if self._connection.poll():
                self._answer = self._connection.recv()
                self._ended = True
        except (EOFError, OSError):  # the child died (e.g. past its memory cap) before it answered
            self._ended = True
        if not self._ended and not self._process.is_alive():
            self._ended = not self._connection.poll()
        if self._ended and self._answer is None:
            LOGGER.info("HiGHS's process ended without an answer (exit code %s)", self._process.exitcode)


def _child_main(
    model: cp_model.CpModel,
    time_limit_s: float,
    hint: Mapping[int, int] | None,
    memory_cap_mb: float,
    relaxation: bool,
    niceness: int,
    connection: Connection,
    parent_pid: int,
) -> None:
    end_with_parent(parent_pid)  # a run process killed outright leaves no HiGHS running on
    # Ctrl-C reaches the whole process group: the parent decides, and kills this child when it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Past the memory cap an allocation in OR-Tools' C++ can end this process with a signal: the parent reports it
    # as no result; a traceback dump inherited from the parent (pytest, ``python -X faulthandler``) is noise here.
    faulthandler.disable()
    _cap_address_space(memory_cap_mb)
    if niceness:
        os.nice(niceness)
    try:
        answer: MipRun | None = _checked(model, solve_mip(model, time_limit_s, hint, relaxation))
    except MemoryError:
        answer = None
    connection.send(answer)
    connection.close()


def _checked(model: cp_model.CpModel, run: MipRun) -> MipRun:
    """The run, without its plan when that plan breaks the CP-SAT model once rounded (``mip_check.py``)."""
    if run.solution is None or satisfies(model.proto, run.solution):
        return run
    LOGGER.warning("HiGHS's plan breaks the CP-SAT model once rounded: only its bound is used")
    return replace(run, value=None, solution=None)


def _cap_address_space(memory_cap_mb: float) -> None:
    """Limit this process to the address space it inherited plus ``memory_cap_mb``."""
    inherited = _address_space_bytes()
    if inherited is None:
        return
    cap = inherited + int(memory_cap_mb * 1024 * 1024)
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _address_space_bytes() -> int | None:
    """This process's virtual memory size (``VmSize``), or None where /proc does not tell."""
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
