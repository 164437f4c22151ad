"""Live solver progress on stderr, so a school leader sees the planner is working.

On a terminal one line is rewritten in place, at most a few times a second, and a
heartbeat keeps the elapsed time moving while the solver is quietly proving. When
stderr is a file or pipe, plain lines are written: on every new level and at most
once a second (every few seconds as a heartbeat). The time split of the job
("Tijdsverdeling: …") is always a line of its own that stays.
"""

from __future__ import annotations

import threading
import time
from typing import TextIO

from planner.services import TIME_SPLIT_KEY, Progress

TERMINAL_INTERVAL_S = 0.25
LINE_INTERVAL_S = 1.0
TERMINAL_HEARTBEAT_S = 1.0
LINE_HEARTBEAT_S = 5.0


def format_number(value: float | None) -> str:
    """Dutch decimal comma, at most two decimals: ``12.5`` → ``12,5``."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def describe(progress: Progress, elapsed_s: float | None = None) -> str:
    elapsed = progress.elapsed_s if elapsed_s is None else elapsed_s
    seconds = f"{elapsed:6.1f}".replace(".", ",")
    text = f"{seconds} s  {progress.level_label}"
    if progress.best is not None or progress.bound is not None:
        text += f"  beste: {format_number(progress.best)}  grens: {format_number(progress.bound)}"
    return text


class ProgressPrinter:
    """A progress callback for ``planner.services.solve_school`` that writes to a stream."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._terminal = bool(getattr(stream, "isatty", lambda: False)())
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._latest: Progress | None = None
        self._latest_at = 0.0  # monotonic time of the latest progress
        self._shown_at = 0.0  # monotonic time of the latest write
        self._shown_level = ""
        self._width = 0
        self._heartbeat: threading.Thread | None = None

    def __call__(self, progress: Progress) -> None:
        with self._lock:
            if progress.level_key == TIME_SPLIT_KEY:
                self._show_line(describe(progress))
                return
            self._latest, self._latest_at = progress, time.monotonic()
            interval = TERMINAL_INTERVAL_S if self._terminal else LINE_INTERVAL_S
            new_level = progress.level_key != self._shown_level
            if new_level or time.monotonic() - self._shown_at >= interval:
                self._show(describe(progress))
                self._shown_level = progress.level_key

    def start(self) -> None:
        self._heartbeat = threading.Thread(target=self._beat, name="voortgang", daemon=True)
        self._heartbeat.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._heartbeat is not None:
            self._heartbeat.join(timeout=2)
        with self._lock:
            if self._terminal and self._width:
                self._stream.write("\n")
                self._stream.flush()

    def _beat(self) -> None:
        interval = TERMINAL_HEARTBEAT_S if self._terminal else LINE_HEARTBEAT_S
        while not self._stopped.wait(interval):
            with self._lock:
                quiet_for = time.monotonic() - self._shown_at
                if self._latest is not None and quiet_for >= interval:
                    elapsed = self._latest.elapsed_s + time.monotonic() - self._latest_at
                    self._show(describe(self._latest, elapsed))

    def _show_line(self, text: str) -> None:
        """A line that stays: on a terminal it replaces the line being rewritten, which starts anew below."""
        padding = " " * max(0, self._width - len(text)) if self._terminal else ""
        self._stream.write(("\r" if self._terminal else "") + text + padding + "\n")
        self._stream.flush()
        self._width = 0

    def _show(self, text: str) -> None:
        if self._terminal:
            padding = " " * max(0, self._width - len(text))
            self._stream.write("\r" + text + padding)
            self._width = len(text)
        else:
            self._stream.write(text + "\n")
        self._stream.flush()
        self._shown_at = time.monotonic()
