"""Seeded tiny random schools for the brute-force optimality test."""

from __future__ import annotations

import random
from dataclasses import replace

from planner.model import AvailabilityBlock, Group, Helper, Priority, Request, School, SchoolDay, Settings, Teacher

DAY_CODES = ("ma", "di")
ROLES = ("klassenassistent", "stagiaire")


def tiny_school(seed: int) -> School:
    rng = random.Random(seed)
    step = rng.choice((15, 30))
    days = DAY_CODES[: rng.randint(1, 2)]
    school_days = tuple(SchoolDay(day, 9 * 60, 9 * 60 + rng.choice((90, 120))) for day in days)
    groups = (Group("5", rng.choice(("", "Noord"))), Group("6", rng.choice(("", "Zuid"))))
    helpers = tuple(_helper(rng, name, school_days) for name in ("Anna", "Bert")[: rng.randint(1, 2)])
    requests = tuple(_request(rng, f"A{idx}", school_days, step, len(helpers)) for idx in range(rng.randint(2, 4)))
    teachers = (Teacher("Els", ("5",)), Teacher("Piet", ("6",)))
    return School(
        school_days=school_days,
        groups=groups,
        teachers=teachers,
        helpers=helpers,
        requests=requests,
        settings=Settings(time_step_min=step, changeover_min=rng.choice((0, 0, 15))),
    )


def tiny_school_two_locations(seed: int) -> School:
    """``tiny_school`` with its groups at Noord and Zuid, 15 minutes apart, and helpers who work at
    both with hours to spare: a school where the changeover decides more often."""
    school = tiny_school(seed)
    helpers = tuple(replace(helper, locations=(), hours_per_week=3.0) for helper in school.helpers)
    groups = (Group("5", "Noord"), Group("6", "Zuid"))
    return replace(school, groups=groups, helpers=helpers, settings=replace(school.settings, changeover_min=15))


def _helper(rng: random.Random, name: str, school_days: tuple[SchoolDay, ...]) -> Helper:
    blocks = []
    for day in school_days:
        if rng.random() < 0.9:
            start = day.start + rng.choice((0, 0, 30))
            blocks.append(AvailabilityBlock(day.day, start, rng.choice((day.end, max(start + 30, day.end - 30)))))
    role = rng.choice(ROLES)
    return Helper(
        name=name,
        role=role,
        hours_per_week=rng.choice((0.5, 1.0, 1.5, 3.0)),
        availability=tuple(blocks),
        max_hours_per_day=rng.choice((None, None, 1.0)),
        skills=rng.choice(((), ("lezen",))),
        placement_groups=("5",) if role == "stagiaire" and rng.random() < 0.3 else (),
        locations=rng.choice(((), (), ("Noord",), ("Zuid",))),
    )


def _request(rng: random.Random, request_id: str, school_days, step: int, helper_count: int) -> Request:
    duration = rng.choice((30, 30, 40, 45, 60))  # 40 and 45 end off a 15- or 30-minute grid
    day_start, day_end = school_days[0].start, min(d.end for d in school_days)
    window_start = day_start + step * rng.randint(0, (day_end - day_start - duration) // step)
    window_end = min(day_end, window_start + duration + rng.choice((0, step, 2 * step, 60)))
    group = rng.choice(("5", "6"))
    return Request(
        request_id=request_id,
        teacher="Els" if group == "5" else "Piet",
        group=group,
        task="basisgroep overnemen",
        sessions_per_week=rng.randint(1, len(school_days)),
        duration_min=duration,
        window_start=window_start,
        window_end=window_end,
        priority=rng.choice(tuple(Priority)),
        roles=rng.choice(((), (), (), ("klassenassistent",))),
        skills=rng.choice(((), (), (), ("lezen",))),
        hands=2 if helper_count == 2 and rng.random() < 0.2 else 1,
    )
