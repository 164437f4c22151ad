"""Long commands (solve, curve, compare): live progress, and Ctrl-C. The first Ctrl-C stops the
search and keeps what was found so far (it is written as usual); a second one breaks off at once
without writing anything."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from planner.commands.solve_progress import ProgressPrinter


@contextmanager
def stop_on_interrupt(kept: str) -> Iterator[Callable[[], bool]]:
    """Yield a stop check that turns true at the first Ctrl-C; ``kept`` says (Dutch) what is saved."""
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


@contextmanager
def progress_and_stop(kept: str) -> Iterator[tuple[ProgressPrinter, Callable[[], bool]]]:
    """Live progress on stderr and a Ctrl-C stop check, for the length of a solving command."""
    printer = ProgressPrinter(sys.stderr)
    printer.start()
    try:
        with stop_on_interrupt(kept) as should_stop:
            yield printer, should_stop
    finally:
        printer.stop()
