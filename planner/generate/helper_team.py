"""The helpers of a generated school: assistants, interns and a reading volunteer."""

from __future__ import annotations

import math
import random

from planner.generate.staff import INTERNSHIP_DAYS, WEEKDAYS, HelperMix, NamePool, email_for
from planner.generate.words import SKILLS
from planner.model import AvailabilityBlock, Group, Helper, SchoolDay

NOON = 12 * 60 + 30
LUNCH = (12 * 60, 12 * 60 + 45)


def make_helpers(
    rng: random.Random,
    days: tuple[SchoolDay, ...],
    groups: tuple[Group, ...],
    locations: list[str],
    names: NamePool,
) -> tuple[Helper, ...]:
    """Per location the mix of helpers a Dutch school of that size typically has."""
    hours = {day.day: day for day in days}
    helpers: list[Helper] = []
    for index, location in enumerate(locations):
        local_groups = [group for group in groups if group.location == location]
        mix = HelperMix.for_groups(rng, len(local_groups))
        own = (location,) if location else ()
        flexible = (*own, locations[(index + 1) % len(locations)]) if len(locations) > 1 else own
        for number in range(mix.assistants):
            works_at = flexible if number == 0 and rng.random() < 0.4 else own
            helpers.append(_assistant(rng, hours, names.draw(), works_at))
        # A leraarondersteuner is something a larger organisation (several locations) has.
        for _ in range(mix.support_teachers if len(locations) > 1 else 0):
            helpers.append(_support_teacher(rng, hours, names.draw(), own))
        for _ in range(mix.class_assistants):
            helpers.append(_class_assistant(rng, hours, names.draw(), own))
        placements = rng.sample(local_groups, min(mix.interns, len(local_groups)))
        for group in placements:
            helpers.append(_intern(rng, hours, names.draw(), own, group.name))
        for _ in range(mix.volunteers):
            helpers.append(_volunteer(rng, hours, names.draw(), own))
    return tuple(helpers)


def _assistant(rng: random.Random, hours: dict[str, SchoolDay], name: str, locations: tuple[str, ...]) -> Helper:
    weekly = rng.choice((16, 18, 20, 20, 22, 24, 26))
    day_count = min(5, math.ceil(weekly / 5.5))
    blocks = _blocks(rng, hours, _some_days(rng, day_count), ("full", "full", "full", "split", "morning"))
    return Helper(
        name,
        "onderwijsassistent",
        float(weekly),
        blocks,
        max_hours_per_day=rng.choice((5.0, 5.5, 6.0)) if rng.random() < 0.3 else None,
        skills=tuple(sorted(rng.sample(SKILLS, rng.randint(1, 3)), key=SKILLS.index)),
        locations=locations,
        email=email_for(name),
    )


def _support_teacher(rng: random.Random, hours: dict[str, SchoolDay], name: str, locations: tuple[str, ...]) -> Helper:
    blocks = _blocks(rng, hours, _some_days(rng, 4), ("full",))
    skills = tuple(sorted(rng.sample(SKILLS, rng.randint(2, 3)), key=SKILLS.index))
    return Helper(name, "leraarondersteuner", rng.choice((20.0, 24.0)), blocks, skills=skills, locations=locations)


def _class_assistant(rng: random.Random, hours: dict[str, SchoolDay], name: str, locations: tuple[str, ...]) -> Helper:
    weekly = rng.choice((12.0, 12.5, 14.0, 16.0))
    blocks = _blocks(rng, hours, _some_days(rng, min(5, math.ceil(weekly / 3.75))), ("morning",))
    skills = tuple(rng.sample(("lezen", "gedrag"), rng.randint(0, 1)))
    return Helper(
        name,
        "klassenassistent",
        weekly,
        blocks,
        max_hours_per_day=4.0 if rng.random() < 0.5 else None,
        skills=skills,
        locations=locations,
        email=email_for(name),
    )


def _intern(
    rng: random.Random, hours: dict[str, SchoolDay], name: str, locations: tuple[str, ...], group: str
) -> Helper:
    """A pabo intern: two fixed internship days, working only in the placement group."""
    days = tuple(day for day in rng.choice(INTERNSHIP_DAYS) if day in hours)
    return Helper(
        name,
        "stagiaire",
        rng.choice((6.0, 6.0, 7.5, 8.0)),
        _blocks(rng, hours, days, ("full",)),
        skills=tuple(rng.sample(("rekenen", "lezen"), rng.randint(0, 1))),
        placement_groups=(group,),
        may_work_elsewhere=False,
        locations=locations,
    )


def _volunteer(rng: random.Random, hours: dict[str, SchoolDay], name: str, locations: tuple[str, ...]) -> Helper:
    """A leesouder: one or two mornings of an hour and a half."""
    days = _some_days(rng, rng.randint(1, 2))
    blocks = []
    for day in days:
        if day in hours:
            start = hours[day].start + 15
            blocks.append(AvailabilityBlock(day, start, start + 90))
    return Helper(
        name, "vrijwilliger", rng.choice((2.0, 2.5, 3.0)), tuple(blocks), skills=("lezen",), locations=locations
    )


def _some_days(rng: random.Random, count: int) -> tuple[str, ...]:
    chosen = set(rng.sample(WEEKDAYS, count))
    return tuple(day for day in WEEKDAYS if day in chosen)


def _blocks(
    rng: random.Random, hours: dict[str, SchoolDay], days: tuple[str, ...], kinds: tuple[str, ...]
) -> tuple[AvailabilityBlock, ...]:
    """Availability inside school hours: a full day, a morning, or a day with a lunch break."""
    blocks = []
    for day in days:
        school_day = hours.get(day)
        if school_day is None:
            continue
        kind = rng.choice(kinds)
        start, end = school_day.start, school_day.end
        if kind == "morning":
            blocks.append(AvailabilityBlock(day, start, min(end, NOON)))
        elif kind == "split" and end > LUNCH[1] + 60:
            blocks.append(AvailabilityBlock(day, start, LUNCH[0]))
            blocks.append(AvailabilityBlock(day, LUNCH[1], end))
        else:
            blocks.append(AvailabilityBlock(day, start, end))
    return tuple(blocks)
