"""Realistic Dutch primary schools as ``planner.model.School``, for tests, demos and benchmarks.

``generate_school(size, seed)`` is deterministic for a seed: it draws from its
own ``random.Random(seed)`` only. ``grown_school(requests, seed)`` is a school of the same shape
grown to about that many requests (more groups, locations and helpers), for measuring scale.
Every school it makes is valid input (times
on the 5-minute step, windows inside school hours, ``keer_per_week`` within
the allowed days, every request with at least one eligible helper) and asks
more than the helpers can give: by default 1.35–1.55 times their hours.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from planner.figures import available_minutes, requested_minutes
from planner.generate.helper_team import make_helpers
from planner.generate.requests import make_requests
from planner.generate.staff import NamePool, make_groups, make_teachers, school_days
from planner.generate.words import LOCATION_NAMES, SCHOOL_NAMES, TASKS
from planner.model import School, Settings, Task

DEFAULT_RATIO_RANGE = (1.35, 1.55)
CHANGEOVER_MIN = 15
# A grown school (``grown_school``): measured on the board's schools, 4.4 requests per group (a little
# under, so the demand ratio, not the count, decides where generating stops), 16 groups per location.
REQUESTS_PER_GROUP = 4.2
GROUPS_PER_LOCATION = 16


@dataclass(frozen=True)
class SizeProfile:
    groups: int
    locations: int
    description: str


SIZES: dict[str, SizeProfile] = {
    "small": SizeProfile(8, 1, "8 groepen, ~6 ondersteuners, ~50 aanvragen"),
    "typical": SizeProfile(16, 1, "16 groepen, ~8 ondersteuners, ~70 aanvragen"),
    "large": SizeProfile(32, 2, "32 groepen op 2 locaties, ~16 ondersteuners, ~160 aanvragen"),
    "board": SizeProfile(100, 6, "~100 groepen op 6 locaties, ~45 ondersteuners, ~500 aanvragen"),
}


def generate_school(size: str = "typical", seed: int = 0, demand_ratio: float | None = None) -> School:
    """A valid, realistic school of the given size; the same seed gives an equal School."""
    if size not in SIZES:
        raise ValueError(f"onbekende schoolgrootte '{size}'; kies uit {', '.join(SIZES)}")
    return _generate(SIZES[size], seed, demand_ratio)


def grown_school(requests: int, seed: int = 0) -> School:
    """A school grown to at most ``requests`` requests (usually within a few percent of it): the board's
    shape (``SIZES["board"]``: about 4.4 requests per group, 16 groups per location) with more groups,
    locations and helpers. For measuring how the planner scales; the same seed gives an equal School."""
    if requests < 1:
        raise ValueError("het aantal aanvragen moet minstens 1 zijn")
    groups = max(8, round(requests / REQUESTS_PER_GROUP))
    profile = SizeProfile(groups, max(1, round(groups / GROUPS_PER_LOCATION)), f"~{requests} aanvragen")
    school = _generate(profile, seed, None)
    return dataclasses.replace(school, requests=school.requests[:requests])


def _generate(profile: SizeProfile, seed: int, demand_ratio: float | None) -> School:
    if demand_ratio is not None and demand_ratio <= 0:
        raise ValueError("de verhouding vraag/aanbod moet groter dan 0 zijn")
    rng = random.Random(seed)
    locations = _locations(profile)
    days = school_days(rng)
    groups = make_groups(rng, _groups_per_location(rng, profile), locations)
    names = NamePool(rng)
    teachers, slots = make_teachers(rng, groups, names)
    helpers = make_helpers(rng, days, groups, locations, names)
    settings = Settings(
        school_name=rng.choice(SCHOOL_NAMES) if profile.locations < 6 else "Stichting Samen Leren",
        changeover_min=CHANGEOVER_MIN if profile.locations > 1 else 0,
    )
    tasks = tuple(Task(name, roles, description) for name, roles, description in TASKS)
    school = School(days, groups, teachers, helpers, (), tasks, (), settings)
    ratio = demand_ratio if demand_ratio is not None else rng.uniform(*DEFAULT_RATIO_RANGE)
    requests = make_requests(rng, school, slots, ratio * available_minutes(school))
    return dataclasses.replace(school, requests=requests)


def demand_ratio_of(school: School) -> float:
    """Requested helper-minutes over the minutes the helpers can give (cap or availability)."""
    capacity = available_minutes(school)
    return requested_minutes(school) / capacity if capacity else float("inf")


def _locations(profile: SizeProfile) -> list[str]:
    if profile.locations == 1:
        return [""]
    if profile.locations <= 2:
        return list(LOCATION_NAMES[: profile.locations])
    names = [name.split(" ", 1)[1] for name in SCHOOL_NAMES]
    # A grown board has more schools than names: the same names again, numbered ("De Wilgen 2").
    return [
        names[index % len(names)] + ("" if index < len(names) else f" {index // len(names) + 1}")
        for index in range(profile.locations)
    ]


def _groups_per_location(rng: random.Random, profile: SizeProfile) -> list[int]:
    """Split the groups over the locations; a board's schools differ a little in size."""
    base, extra = divmod(profile.groups, profile.locations)
    counts = [base + (1 if index < extra else 0) for index in range(profile.locations)]
    for _ in range(profile.locations // 2):
        giver, taker = rng.sample(range(profile.locations), 2)
        if counts[giver] - 2 >= 12:
            counts[giver] -= 2
            counts[taker] += 2
    return counts
