"""Seeded random generator of valid ``School`` objects, for round-trip tests of the workbook.

Valid means: everything the reader checks holds (names unique, references known,
times on the step and inside school hours, windows fit, pins keep the hard rules).
Names include the awkward cases a real school has: numbers as names (``5``,
``05``), slashes, accents, and a note that starts with ``=``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from planner.model import (
    ROLES,
    AvailabilityBlock,
    DaysOff,
    Group,
    Helper,
    Pin,
    Priority,
    Request,
    School,
    SchoolDay,
    Settings,
    Task,
    Teacher,
)
from planner.timegrid import DAYS

GROUP_NAMES = ("1/2a", "1/2b", "3", "4", "5", "05b", "6", "7/8", "Groep 8", "Plusklas")
PEOPLE = ("Anna", "Bram", "Chloë", "Daan", "Eva", "Fatma", "Gijs", "Hanna", "Ilse", "Joost", "Kees", "Lotte")
SKILLS = ("rekenen", "lezen", "gedrag", "spelling", "begrijpend lezen")
TASKS = ("basisgroep overnemen", "subgroep begeleiden", "verlengde instructie", "leesbegeleiding")
LOCATIONS = ("", "Noord", "Zuid")
NOTES = ("", "graag na de pauze", "=let op: geen formule", "samen met de IB'er")
SUBGROUP_CHOICES = ("", "intensieve subgroep", "verrijkingsgroep", "groepje met verlengde instructie")  # free text too


def random_school(seed: int) -> School:
    rng = random.Random(seed)
    step = rng.choice((5, 10, 15))
    settings = _settings(rng, step)
    school_days = _school_days(rng, step)
    groups = tuple(Group(name, rng.choice(LOCATIONS)) for name in rng.sample(GROUP_NAMES, rng.randint(1, 6)))
    names = rng.sample(PEOPLE, len(PEOPLE))
    teachers = _teachers(rng, names[:4], groups)
    helpers = _helpers(rng, names[4:9], groups, school_days, step)
    tasks = tuple(Task(name, _subset(rng, ROLES), rng.choice(("", "uitleg"))) for name in rng.sample(TASKS, 2))
    school = School(school_days, groups, teachers, helpers, (), tasks, (), settings)
    requests = tuple(_request(rng, str(index + 1), school) for index in range(rng.randint(0, 8)))
    school = School(school_days, groups, teachers, helpers, requests, tasks, (), settings)
    pins = _pins(rng, school)
    return School(school_days, groups, teachers, helpers, requests, tasks, pins, settings, _days_off(rng))


def _days_off(rng: random.Random) -> tuple[DaysOff, ...]:
    """Zero to two periods: a single study day and a holiday of several days."""
    days_off = []
    for _ in range(rng.randint(0, 2)):
        first = dt.date(2026, 10, 1) + dt.timedelta(days=rng.randint(0, 90))
        last = first + dt.timedelta(days=rng.choice((0, 0, 4, 13)))
        days_off.append(DaysOff(first, last, rng.choice(("", "studiedag", "kerstvakantie"))))
    return tuple(days_off)


def _subset(rng: random.Random, items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(rng.sample(items, rng.randint(0, min(3, len(items)))))


def _settings(rng: random.Random, step: int) -> Settings:
    start = dt.date(2026, 9, 1) + dt.timedelta(days=rng.randint(0, 30)) if rng.random() < 0.5 else None
    end = start + dt.timedelta(days=rng.randint(0, 120)) if start and rng.random() < 0.8 else None
    return Settings(
        school_name=rng.choice(("", "De Regenboog", "OBS 't Klaverblad")),
        time_step_min=step,
        changeover_min=rng.choice((0, 5, 10)),
        period_start=start,
        period_end=end,
        time_limit_s=rng.choice((30.0, 12.5, 5.0)),
    )


def _school_days(rng: random.Random, step: int) -> tuple[SchoolDay, ...]:
    days = sorted(rng.sample(DAYS[:5], rng.randint(1, 5)), key=DAYS.index)
    return tuple(
        SchoolDay(day, 8 * 60 + rng.choice((15, 30)) // step * step, 12 * 60 + rng.randint(0, 12) * step)
        for day in days
    )


def _teachers(rng: random.Random, names: list[str], groups: tuple[Group, ...]) -> tuple[Teacher, ...]:
    group_names = tuple(group.name for group in groups)
    return tuple(
        Teacher(
            name,
            tuple(rng.sample(group_names, rng.randint(1, min(2, len(group_names))))),
            rng.choice(("", f"{name.lower()}@school.nl")),
        )
        for name in names
    )


def _helpers(rng, names, groups, school_days, step) -> tuple[Helper, ...]:
    helpers = []
    for name in names:
        role = rng.choice(ROLES)
        placement = tuple(rng.sample([g.name for g in groups], 1)) if role == "stagiaire" else ()
        helpers.append(
            Helper(
                name=name,
                role=role,
                hours_per_week=rng.randint(4, 40) / 4,
                availability=_availability(rng, school_days, step),
                max_hours_per_day=rng.choice((None, 3.5, 4.0, 6.0)),
                skills=_subset(rng, SKILLS),
                placement_groups=placement,
                may_work_elsewhere=bool(placement) and rng.random() < 0.3,
                locations=tuple(loc for loc in _subset(rng, LOCATIONS) if loc),
                email=rng.choice(("", f"{name.lower()}@school.nl")),
            )
        )
    return tuple(helpers)


def _availability(rng: random.Random, school_days: tuple[SchoolDay, ...], step: int) -> tuple[AvailabilityBlock, ...]:
    blocks = []
    for school_day in rng.sample(school_days, rng.randint(0, len(school_days))):
        slots = (school_day.end - school_day.start) // step
        first, last = sorted(rng.sample(range(slots + 1), 2))
        blocks.append(
            AvailabilityBlock(school_day.day, school_day.start + first * step, school_day.start + last * step)
        )
    return tuple(blocks)


def _request(rng: random.Random, request_id: str, school: School) -> Request:
    step = school.settings.time_step_min
    teacher = rng.choice(school.teachers)
    anchor = rng.choice(school.school_days)
    duration = rng.randint(1, 6) * step
    start = anchor.start + rng.randint(0, (anchor.end - anchor.start - duration) // step) * step
    end = min(anchor.end, start + duration + rng.randint(0, 6) * step)
    other_days = [d.day for d in school.school_days if d.day != anchor.day]
    days = (
        ()
        if rng.random() < 0.3
        else tuple(sorted([anchor.day, *rng.sample(other_days, rng.randint(0, len(other_days)))], key=DAYS.index))
    )
    request = Request(
        request_id=request_id,
        teacher=teacher.name,
        group=rng.choice(teacher.groups),
        task=rng.choice((*TASKS, "voorlezen")),
        sessions_per_week=1,
        duration_min=duration,
        window_start=start,
        window_end=end,
        days=days,
        subject=rng.choice(("", "rekenen", "taal")),
        goal=rng.choice(("", "tafels 1 t/m 10 automatiseren")),
        subgroup=rng.choice(SUBGROUP_CHOICES),
        preferred_start=rng.choice((None, start)),
        priority=rng.choice(tuple(Priority)),
        roles=_subset(rng, ROLES),
        skills=_subset(rng, SKILLS[:2]),
        preferred_helper=rng.choice((None, *[h.name for h in school.helpers])),
        hands=rng.choice((1, 1, 2)),
        notes=rng.choice(NOTES),
    )
    allowed = len(school.allowed_days(request))
    return replace(request, sessions_per_week=rng.randint(1, allowed))


def _pins(rng: random.Random, school: School) -> tuple[Pin, ...]:
    """At most one pin per request and per helper, so pins never meet each other's rules; a request with
    more hands keeps helpers free to be its other hands then (rule 6), reserved from other pins."""
    pins = []
    used_helpers: set[str] = set()
    for request in school.requests:
        if rng.random() < 0.5:
            continue
        for helper in school.eligible_helpers(request):
            found = _pin_for(request, helper, school, used_helpers) if helper.name not in used_helpers else None
            if found is not None:
                pin, partners = found
                pins.append(pin)
                used_helpers |= {helper.name, *partners}
                break
    return tuple(pins)


def _pin_for(request: Request, helper: Helper, school: School, used: set[str]) -> tuple[Pin, list[str]] | None:
    if not _has_time_for(helper, request):
        return None
    for day in school.allowed_days(request):
        for start in school.candidate_starts(request, day):
            end = start + request.duration_min
            if not helper.is_available(day, start, end):
                continue
            partners = [
                other.name
                for other in school.eligible_helpers(request)
                if other.name not in used | {helper.name}
                and other.is_available(day, start, end)
                and _has_time_for(other, request)
            ][: request.hands - 1]
            if len(partners) == request.hands - 1:
                return Pin(request.request_id, helper.name, day, start), partners
    return None


def _has_time_for(helper: Helper, request: Request) -> bool:
    return request.duration_min <= min(helper.weekly_cap_min, helper.daily_cap_min or helper.weekly_cap_min)
