"""The school of some locations: their requests, helpers and pins, with the sessions and pins their shared
helpers have elsewhere as pinned stand-in requests (``decompose.py`` solves a board by such schools)."""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING

from planner.model import Pin, Request, School, Session, Teacher, name_key

if TYPE_CHECKING:
    from planner.solver.solve import SolveOptions

STAND_IN_TEACHER = "(werk op een andere locatie)"
STAND_IN_PREFIX = "elders:"


def location_school(school: School, locations: tuple[str, ...], elsewhere: tuple[Session, ...] = ()) -> School:
    """The requests, helpers and pins of some locations; their helpers' sessions ``elsewhere`` and
    their pins at other locations become pinned stand-in requests (fixed time, one hand, that helper),
    so what they use there stays used. Every plan of the whole school keeps its pins, so with the pins
    elsewhere these locations alone are still a relaxation of the whole (their bounds stay valid)."""
    requests = tuple(r for r in school.requests if name_key(school.location_of(r)) in locations)
    helpers = tuple(h for h in school.helpers if any(works_at(h.locations, location) for location in locations))
    taken = elsewhere + _pinned_elsewhere(school, locations, elsewhere)
    stand_ins, pins = _stand_ins(school, taken, {name_key(h.name) for h in helpers})
    ids = {name_key(r.request_id) for r in requests}
    group_names = {name_key(r.group) for r in requests + stand_ins}
    teachers = school.teachers + ((Teacher(STAND_IN_TEACHER, ()),) if stand_ins else ())
    return dataclasses.replace(
        school,
        groups=tuple(g for g in school.groups if name_key(g.name) in group_names),
        teachers=teachers,
        helpers=helpers,
        requests=requests + stand_ins,
        pins=tuple(p for p in school.pins if name_key(p.request_id) in ids) + pins,
    )


def _pinned_elsewhere(
    school: School, locations: tuple[str, ...], elsewhere: tuple[Session, ...]
) -> tuple[Session, ...]:
    """The pins at other locations, as one-hand sessions, but for those ``elsewhere`` has already."""
    known = {(name_key(s.request_id), s.day, s.start, name_key(h)) for s in elsewhere for h in s.helpers}
    sessions = []
    for pin in school.pins:
        request = school.request(pin.request_id)
        if request is None or name_key(school.location_of(request)) in locations:
            continue
        if (name_key(pin.request_id), pin.day, pin.start, name_key(pin.helper)) not in known:
            end = pin.start + request.duration_min
            sessions.append(Session(request.request_id, (pin.helper,), pin.day, pin.start, end))
    return tuple(sessions)


def _stand_ins(
    school: School, elsewhere: tuple[Session, ...], helper_keys: set[str]
) -> tuple[tuple[Request, ...], tuple[Pin, ...]]:
    requests: list[Request] = []
    pins: list[Pin] = []
    for session in elsewhere:
        original = school.request(session.request_id)
        for helper in session.helpers:
            if original is None or name_key(helper) not in helper_keys:
                continue
            request_id = f"{STAND_IN_PREFIX}{len(requests)}"
            requests.append(
                dataclasses.replace(
                    original,
                    request_id=request_id,
                    teacher=STAND_IN_TEACHER,
                    sessions_per_week=1,
                    duration_min=session.end - session.start,
                    window_start=session.start,
                    window_end=session.end,
                    days=(session.day,),
                    preferred_start=None,
                    preferred_helper=None,
                    hands=1,
                )
            )
            pins.append(Pin(request_id, helper, session.day, session.start))
    return tuple(requests), tuple(pins)


# A location's own solve is not split again, and does not search its priorities together first (``together.py``):
# the splits were measured and tuned without that search, and with it large seed 1's "middel" ended at 41,92 of its
# best known 42,42 in 2 of 2 runs at 60 s (42,08 and 42,42 without).
LOCATION_SOLVE = {"split_by_location": False, "priorities_together": False}


def location_options(
    options: SolveOptions, ends_at: float, school: School, units: tuple[tuple[str, ...], ...], **changes: object
) -> SolveOptions:
    """The options of the first of ``units``'s own solve: its share of the time until ``ends_at`` (``budget``),
    ``LOCATION_SOLVE``, and ``changes``."""
    budget_s = budget(ends_at, school, units)
    return dataclasses.replace(options, time_limit_s=budget_s, **LOCATION_SOLVE, **changes)


def budget(ends_at: float, school: School, units: tuple[tuple[str, ...], ...]) -> float:
    """The first unit's share of the time left until ``ends_at``, by number of requests."""
    counts = request_counts(school)
    sizes = [sum(counts[location] for location in unit) for unit in units]
    return max(0.0, ends_at - time.monotonic()) * sizes[0] / max(1, sum(sizes))


def locations_by_size(counts: dict[str, int]) -> list[str]:
    """The locations of ``request_counts``, most requests first, then by name."""
    return sorted(counts, key=lambda location: (-counts[location], location))


def request_counts(school: School) -> dict[str, int]:
    """Requests per location (as ``name_key``)."""
    counts: dict[str, int] = {}
    for request in school.requests:
        location = name_key(school.location_of(request))
        counts[location] = counts.get(location, 0) + 1
    return counts


def works_at(locations: tuple[str, ...], location: str) -> bool:
    return not location or not locations or location in {name_key(x) for x in locations}
