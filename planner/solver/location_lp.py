"""A bound for locations that share helpers, from one LP over all of them (``location_bounds.py``).

The per-location bounds give each shared helper their full week at every location they work at, so they add up to
more than the locations can do together. Measured on board seed 2 (four locations joined by three shared helpers,
"hoog" at its optimum): their "middel" bounds add up to 134,08, their joined plan reaches 109,92. The LP
relaxation of the four as one model, each shared helper's hours counted once, bounds them together at 116,83.

The model is the locations' own school (``location_school``) with the level as objective and earlier levels held
at least at given values (valid for a best plan P* when P* keeps them, see ``TogetherLp.valid_for``). Two things
make it a third of the size with the same LP optimum:

* no left-shift dominance: a relaxation with the same optimum (78.936 rows → 21.348 on board seed 2's group);
* no requests of a lower priority than the level's, but pinned ones: nothing else holds or counts them, and
  leaving them out of a plan keeps every rule, so they change no optimum (board seed 2: 19 s → 11 s, the same
  bound).

HiGHS solves the LP in a child process (``MipChild``) by the interior point method: the child ends at its deadline
or a stop, and its memory stays out of the job's process. ``decompose.py`` starts it for the level after the
first as soon as the relaxed plans are known, so it runs beside the joined pass.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from planner.model import Priority, School, name_key
from planner.solver.location_school import location_school
from planner.solver.mip import LevelMip
from planner.solver.mip_process import MipChild

# Building the model and translating it for HiGHS: 3 s for board seed 2's four sharing locations (400 requests).
MIN_TOGETHER_LP_S = 5.0
HELD_SLACK = 1e-9
# The LP runs beside CP-SAT's sub-solves on 2 cores: at a lower priority it takes the time they leave (their model
# building, single-threaded) rather than a third of theirs.
LP_NICENESS = 10


@dataclass
class TogetherLp:
    """The LP of level ``key`` over ``locations`` together, the levels in ``held`` at least at their values,
    running in a child until collected."""

    locations: tuple[str, ...]
    key: str
    held: dict[str, float]
    scale: int
    child: MipChild | None  # None: the level has nothing to choose (``known``)
    known: float | None = None

    @classmethod
    def start(
        cls, school: School, locations: tuple[str, ...], key: str, held: Mapping[str, float], ends_at: float
    ) -> TogetherLp | None:
        """Build the LP and start HiGHS on it, to end by ``ends_at``; None when the time is too short."""
        if ends_at - time.monotonic() < MIN_TOGETHER_LP_S:
            return None
        level_mip = LevelMip(_counting_school(location_school(school, locations), key), dominance=False)
        for held_key, value in held.items():
            level_mip.hold(held_key, value)
        built = level_mip.set_objective(key)
        if isinstance(built.expression, int):
            return cls(locations, key, dict(held), built.scale, None, built.expression / built.scale)
        child = MipChild.start(level_mip.model, ends_at - time.monotonic(), relaxation=True, niceness=LP_NICENESS)
        return cls(locations, key, dict(held), built.scale, child)

    def valid_for(self, key: str, reached: Mapping[str, float]) -> bool:
        """Whether the LP bounds level ``key`` of P* when P* reaches at least ``reached`` (the joined plan's values
        on the levels before, where P* is at least as good, see ``location_bounds``)."""
        return key == self.key and all(reached.get(k, -1.0) >= v - HELD_SLACK for k, v in self.held.items())

    def bound(self, until: float, should_stop: Callable[[], bool] | None = None) -> float | None:
        """HiGHS's LP bound (scaled, as ``LevelResult.bound``), waiting for it until ``until`` at most."""
        if self.child is None:
            return self.known
        run = self.child.wait(until, should_stop)
        return None if run is None or run.bound is None else run.bound / self.scale

    def kill(self) -> None:
        if self.child is not None:
            self.child.kill()


def _counting_school(school: School, key: str) -> School:
    """The school without the requests of a lower priority than level ``key``'s (none dropped for other levels),
    but those pinned."""
    if key not in {priority.label for priority in Priority}:
        return school
    level = Priority.from_label(key)
    pinned = {name_key(pin.request_id) for pin in school.pins}
    requests = tuple(r for r in school.requests if r.priority <= level or name_key(r.request_id) in pinned)
    return dataclasses.replace(school, requests=requests)
