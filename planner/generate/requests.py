"""The teachers' requests for extra hands in a generated school."""

from __future__ import annotations

import dataclasses
import random
from typing import TypeVar

from planner.generate.staff import WEEKDAYS, TeacherSlot
from planner.generate.words import (
    GOALS,
    KLEUTER_SUBJECTS,
    NOTES,
    SKILL_OF_SUBJECT,
    SUBGROUP_OF_TASK,
    SUBJECT_WEIGHTS,
    TASKS_BY_SUBJECT,
)
from planner.model import Priority, Request, School

MORNING_END = 11 * 60 + 45
AFTERNOON_START = 12 * 60 + 45
GRID = 15  # teachers think in quarters of an hour
MAX_DRAFTS = 10_000
T = TypeVar("T")
PAIR_TASKS = ("kleuterhoeken begeleiden", "subgroep begeleiden")


def make_requests(
    rng: random.Random, school: School, slots: list[TeacherSlot], target_minutes: float
) -> tuple[Request, ...]:
    """Requests in sheet order until the requested helper-minutes come closest to the target."""
    requests: list[Request] = []
    total = 0
    for _ in range(MAX_DRAFTS):
        request = draft_request(rng, school, rng.choice(slots), f"A{len(requests) + 1:03d}")
        if request is None:
            continue
        minutes = request.requested_minutes
        if total + minutes - target_minutes > target_minutes - total:
            break
        requests.append(request)
        total += minutes
    return tuple(requests)


def draft_request(rng: random.Random, school: School, slot: TeacherSlot, request_id: str) -> Request | None:
    """One realistic request of a teacher for their own group, or None when it would not be valid."""
    band = band_of(slot.group)
    subject = _weighted(rng, KLEUTER_SUBJECTS if band == "kleuters" else SUBJECT_WEIGHTS)
    task = _weighted(rng, TASKS_BY_SUBJECT["kleuters" if band == "kleuters" else subject])
    duration = _weighted(rng, ((30, 40), (45, 40), (60, 20)) if band == "kleuters" else ((30, 20), (45, 45), (60, 35)))
    window_start, window_end, preferred = _window(rng, school, duration, morning=rng.random() < 0.85)
    request = Request(
        request_id=request_id,
        teacher=slot.teacher,
        group=slot.group,
        task=task,
        sessions_per_week=1,
        duration_min=duration,
        window_start=window_start,
        window_end=window_end,
        days=_days(rng, slot),
        subject=subject,
        goal=rng.choice(GOALS[(band, subject)]),
        subgroup=SUBGROUP_OF_TASK.get(task, ""),
        preferred_start=preferred,
        priority=_weighted(rng, ((Priority.HOOG, 35), (Priority.MIDDEL, 40), (Priority.LAAG, 25))),
        notes=rng.choice(NOTES) if rng.random() < 0.15 else "",
    )
    allowed = school.allowed_days(request)
    if not allowed or not school.eligible_helpers(request):
        return None
    count = _weighted(rng, ((1, 12), (2, 35), (3, 33), (4, 20)))
    if request.is_fixed_time and request.days and rng.random() < 0.6:
        count = len(allowed)
    request = dataclasses.replace(request, sessions_per_week=min(count, len(allowed)))
    return _with_wishes(rng, school, request)


def _with_wishes(rng: random.Random, school: School, request: Request) -> Request:
    """Some requests need a skill or role, two hands, or name a preferred helper."""
    skill = SKILL_OF_SUBJECT.get(request.subject)
    if skill and rng.random() < 0.12:
        request = _if_still_eligible(school, request, dataclasses.replace(request, skills=(skill,)))
    if rng.random() < 0.08:
        roles = rng.choice((("onderwijsassistent",), ("onderwijsassistent", "leraarondersteuner", "stagiaire")))
        request = _if_still_eligible(school, request, dataclasses.replace(request, roles=roles))
    eligible = school.eligible_helpers(request)
    if request.task in PAIR_TASKS and len(eligible) >= 2 and rng.random() < 0.08:
        request = dataclasses.replace(request, hands=2)
    if rng.random() < 0.12:
        request = dataclasses.replace(request, preferred_helper=rng.choice(eligible).name)
    return request


def _if_still_eligible(school: School, before: Request, after: Request) -> Request:
    return after if school.eligible_helpers(after) else before


def band_of(group: str) -> str:
    """``kleuters`` (1/2), ``onderbouw`` (3–4), ``middenbouw`` (5–6) or ``bovenbouw`` (7–8)."""
    if group.startswith("1/2"):
        return "kleuters"
    year = int(group[0])
    return "onderbouw" if year <= 4 else "middenbouw" if year <= 6 else "bovenbouw"


def _window(rng: random.Random, school: School, duration: int, morning: bool) -> tuple[int, int, int | None]:
    """A fixed time, a window of some extra room, or the whole morning; on the quarter hour."""
    day_start = min(day.start for day in school.school_days)
    day_end = min(day.end for day in school.school_days if day.day != "wo")
    first, last = (day_start, MORNING_END) if morning else (AFTERNOON_START, day_end)
    kind = _weighted(rng, (("fixed", 35), ("window", 50), ("wide", 15)))
    if kind == "wide":
        length = last - first
    elif kind == "window":
        length = min(last - first, duration + rng.choice((30, 45, 60, 90, 120)))
    else:
        length = duration
    start = first + GRID * rng.randint(0, (last - first - length) // GRID)
    end = start + length
    preferred = None
    if kind != "fixed" and rng.random() < 0.35:
        preferred = start + GRID * rng.randint(0, (length - duration) // GRID)
    return start, end, preferred


def _days(rng: random.Random, slot: TeacherSlot) -> tuple[str, ...]:
    """A duo teacher asks on own days; a full-time teacher on any day or on a few chosen days."""
    if slot.days:
        return slot.days
    if rng.random() < 0.55:
        return ()
    chosen = set(rng.sample(WEEKDAYS, rng.randint(2, 4)))
    return tuple(day for day in WEEKDAYS if day in chosen)


def _weighted(rng: random.Random, options: tuple[tuple[T, int], ...]) -> T:
    values = [value for value, _ in options]
    weights = [weight for _, weight in options]
    return rng.choices(values, weights=weights, k=1)[0]
