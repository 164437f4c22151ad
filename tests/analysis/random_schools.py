"""Seeded small random schools: tight enough that some requests do not fit, small enough to solve fast."""

from __future__ import annotations

import random

from planner.model import AvailabilityBlock, Group, Helper, Priority, Request, School, SchoolDay, Settings, Teacher

DAYS = ("ma", "di", "wo")
SKILLS = ("rekenen", "lezen")
ROLES = ("onderwijsassistent", "stagiaire")


def random_school(seed: int) -> School:
    rng = random.Random(seed)
    groups = ("3", "5", "7")
    helpers = tuple(_random_helper(rng, index) for index in range(rng.randint(1, 3)))
    requests = tuple(_random_request(rng, index, groups) for index in range(rng.randint(3, 6)))
    return School(
        school_days=tuple(SchoolDay(day, 510, 720) for day in DAYS),
        groups=tuple(Group(g) for g in groups),
        teachers=tuple(Teacher(f"juf {g}", (g,)) for g in groups),
        helpers=helpers,
        requests=requests,
        settings=Settings(time_step_min=15),
    )


def _random_helper(rng: random.Random, index: int) -> Helper:
    blocks = []
    for day in rng.sample(DAYS, rng.randint(1, 3)):
        start = rng.choice((510, 540, 600))
        blocks.append(AvailabilityBlock(day, start, min(720, start + rng.choice((60, 120, 180)))))
    return Helper(
        name=f"Hulp{index}",
        role=rng.choice(ROLES),
        hours_per_week=rng.choice((1.0, 1.5, 2.0, 3.0)),
        availability=tuple(blocks),
        max_hours_per_day=rng.choice((None, None, 1.0)),
        skills=tuple(rng.sample(SKILLS, rng.randint(0, 2))),
    )


def _random_request(rng: random.Random, index: int, groups) -> Request:
    duration = rng.choice((30, 45, 60))
    start = rng.choice((510, 540, 570, 600, 630))
    window = duration + rng.choice((0, 0, 15, 30, 60))
    end = min(720, start + window)
    start = end - max(window, duration) if end - start < duration else start
    days = tuple(sorted(rng.sample(DAYS, rng.randint(1, 3)), key=DAYS.index))
    group = rng.choice(groups)
    return Request(
        request_id=f"R{index}",
        teacher=f"juf {group}",
        group=group,
        task="subgroep begeleiden",
        sessions_per_week=rng.randint(1, len(days)),
        duration_min=duration,
        window_start=start,
        window_end=end,
        days=days,
        priority=rng.choice(tuple(Priority)),
        roles=rng.choice(((), (), ("onderwijsassistent",))),
        skills=rng.choice(((), (), ("rekenen",))),
        hands=rng.choice((1, 1, 1, 2)),
    )
