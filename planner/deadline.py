"""A moment by which work must be done, on the monotonic clock.

A job's time limit counts from when the command or web run starts; each phase (solving,
suggestions, the points of a curve) gets a ``Deadline`` derived from that start, and the solver
honours it as well as its own ``time_limit_s``. One value handed down, instead of seconds that
each layer counts from its own start.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Deadline:
    at: float  # a time.monotonic() value

    @classmethod
    def after(cls, seconds: float, started: float | None = None) -> Deadline:
        """``seconds`` after ``started`` (a ``time.monotonic()`` value; None: now)."""
        return cls((time.monotonic() if started is None else started) + seconds)

    def left_s(self) -> float:
        """Seconds until the deadline; 0 once it has passed."""
        return max(0.0, self.at - time.monotonic())

    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def share_s(self, parts: int) -> float:
        """An even share of the time left over ``parts`` pieces of work; unused time goes to the next."""
        return self.left_s() / max(parts, 1)
