"""Progress of a solve split by location (``decompose.py``, ``location_rounds.py``, ``location_join.py``): each
sub-solve's progress reported as the whole solve's, its time counted from the whole solve's start and its label
naming the locations it is about ("Gehonoreerde aanvragen, prioriteit hoog (Dependance)")."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.model import School, name_key
from planner.solver.search import Progress

ProgressCallback = Callable[[Progress], None]


def located(progress: ProgressCallback | None, started: float, place: str) -> ProgressCallback | None:
    """A sub-solve's progress as the whole solve's (``started``: the whole solve's ``time.monotonic()``), its
    label followed by ``place`` in brackets; None without ``progress``."""
    if progress is None:
        return None
    offset = time.monotonic() - started

    def report(reported: Progress) -> None:
        label = f"{reported.level_label} ({place})"
        progress(dataclasses.replace(reported, elapsed_s=reported.elapsed_s + offset, level_label=label))

    return report


def unit_name(school: School, unit: tuple[str, ...]) -> str:
    """A unit's locations as the school writes them ("Noord en Zuid" for a unit of two)."""
    written = {name_key(name): name for name in (school.location_of(r) for r in school.requests)}
    names = [written.get(key, key) for key in unit]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


@dataclass(frozen=True)
class Reports:
    """A split solve's stop and progress, passed on to its sub-solves (``started``: the split solve's start)."""

    should_stop: Callable[[], bool] | None
    progress: ProgressCallback | None
    started: float

    def stopped(self) -> bool:
        return self.should_stop is not None and self.should_stop()

    def keywords(self, place: str) -> dict:
        """``solve()``'s keywords for a sub-solve about ``place``: the stop, and its progress named by it."""
        return {"should_stop": self.should_stop, "progress": self.located(place)}

    def located(self, place: str) -> ProgressCallback | None:
        """A sub-solve's progress about ``place`` as the whole solve's (``located``)."""
        return located(self.progress, self.started, place)
