"""Long commands (solve, curve, compare): live progress, and Ctrl-C. The first Ctrl-C stops the
search and keeps what was found so far (it is written as usual); a second one breaks off at once
without writing anything.

The work runs in a worker thread while the main thread waits: Python runs a signal handler only in
the main thread, and only between its own instructions, so a main thread inside the solver's C++
code would see the Ctrl-C only when the solver returns, which may be many seconds later.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from planner.commands.solve_progress import ProgressPrinter
from planner.services import Progress

WAIT_POLL_S = 0.1
Result = TypeVar("Result")
StopCheck = Callable[[], bool]


def run_stoppable(kept: str, work: Callable[[Callable[[Progress], None], StopCheck], Result]) -> Result:
    """``work(progress, should_stop)`` with live progress on stderr and Ctrl-C as its stop; ``kept`` says
    (Dutch) what is saved after a stop. Exceptions of ``work`` reach the caller."""
    printer = ProgressPrinter(sys.stderr)
    printer.start()
    try:
        with stop_on_interrupt(kept) as should_stop:
            return _in_worker_thread(lambda: work(printer, should_stop))
    finally:
        printer.stop()


@contextmanager
def stop_on_interrupt(kept: str) -> Iterator[StopCheck]:
    """Yield a stop check that turns true at the first Ctrl-C."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop.is_set  # signal handlers can only be set from the main thread
        return

    def interrupted(_signum: int, _frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        print(
            f"\nGestopt op verzoek: {kept} wordt opgeslagen. Nogmaals Ctrl-C breekt direct af zonder op te slaan.",
            file=sys.stderr,
        )

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield stop.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def _in_worker_thread(call: Callable[[], Result]) -> Result:
    """The result of ``call()``, run in a worker thread; the main thread waits, ready for signals."""
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the main thread, which raises it
            outcome["error"] = error

    thread = threading.Thread(target=work, name="handenplanner-werk", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(WAIT_POLL_S)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
