"""Facts about where a request could still go in a plan, without solving.

For each allowed day that the request does not use yet, every candidate start is a *slot*.
Per slot the eligible helpers fall into nested sets: available for the whole session, with
hours left (weekly and daily cap), and free (no overlapping session and enough changeover).
The best slot of a day gives the day's *rank*; the rank that binds a request is the one of
its n-th best day, where n is the number of sessions still missing (sessions need distinct days).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from planner.model import Helper, Plan, Request, School, Session, name_key


class SlotRank(IntEnum):
    """How close a slot is to taking a session; higher is closer."""

    UNAVAILABLE = 0  # fewer than `hands` eligible helpers available
    NO_HOURS = 1  # enough available, but not enough of them with hours left
    TAKEN = 2  # enough with hours left, but not enough of them free
    FREE = 3  # enough free helpers: a session would fit here


@dataclass(frozen=True)
class SlotFacts:
    day: str
    start: int
    end: int
    available: tuple[str, ...]
    with_hours: tuple[str, ...]
    free: tuple[str, ...]
    rank: SlotRank


@dataclass(frozen=True)
class DayFacts:
    day: str
    rank: SlotRank
    best_slots: tuple[SlotFacts, ...]  # the slots of that rank


@dataclass(frozen=True)
class HelperUsage:
    """Minutes a helper is planned in a plan: per week and per day."""

    week_min: int
    day_min: dict[str, int]


def helper_usage(plan: Plan, helper: Helper) -> HelperUsage:
    sessions = plan.sessions_of_helper(helper.name)
    per_day: dict[str, int] = {}
    for session in sessions:
        per_day[session.day] = per_day.get(session.day, 0) + session.duration_min
    return HelperUsage(week_min=sum(per_day.values()), day_min=per_day)


def has_hours_left(helper: Helper, usage: HelperUsage, day: str, minutes: int) -> bool:
    if usage.week_min + minutes > helper.weekly_cap_min:
        return False
    daily_cap = helper.daily_cap_min
    return daily_cap is None or usage.day_min.get(day, 0) + minutes <= daily_cap


def conflicting_sessions(school: School, plan: Plan, helper: Helper, day: str, start: int, end: int, location: str):
    """The helper's sessions that overlap [start, end) or leave too little changeover time."""
    changeover = school.settings.changeover_min
    found: list[Session] = []
    for session in plan.sessions_of_helper(helper.name):
        if session.day != day:
            continue
        other = school.request(session.request_id)
        other_location = school.location_of(other) if other else ""
        gap = changeover if name_key(other_location) != name_key(location) else 0
        if session.start < end + gap and start < session.end + gap:
            found.append(session)
    return found


def remaining_days(school: School, plan: Plan, request: Request) -> tuple[str, ...]:
    used = {session.day for session in plan.sessions_of(request.request_id)}
    return tuple(day for day in school.allowed_days(request) if day not in used)


def slot_facts(school: School, plan: Plan, request: Request, day: str, start: int) -> SlotFacts:
    end = start + request.duration_min
    location = school.location_of(request)
    available, with_hours, free = [], [], []
    for helper in school.eligible_helpers(request):
        if not helper.is_available(day, start, end):
            continue
        available.append(helper.name)
        if not has_hours_left(helper, helper_usage(plan, helper), day, request.duration_min):
            continue
        with_hours.append(helper.name)
        if not conflicting_sessions(school, plan, helper, day, start, end, location):
            free.append(helper.name)
    rank = SlotRank.UNAVAILABLE
    for level, names in ((SlotRank.NO_HOURS, available), (SlotRank.TAKEN, with_hours), (SlotRank.FREE, free)):
        if len(names) >= request.hands:
            rank = level
    return SlotFacts(day, start, end, tuple(available), tuple(with_hours), tuple(free), rank)


def day_facts(school: School, plan: Plan, request: Request, day: str) -> DayFacts:
    slots = [slot_facts(school, plan, request, day, start) for start in school.candidate_starts(request, day)]
    best = max((slot.rank for slot in slots), default=SlotRank.UNAVAILABLE)
    return DayFacts(day, best, tuple(slot for slot in slots if slot.rank == best))


def binding_rank(days: list[DayFacts], missing: int) -> SlotRank:
    """The rank of the ``missing``-th best day: what stops the last missing session."""
    ranks = sorted((day.rank for day in days), reverse=True)
    if not ranks:
        return SlotRank.UNAVAILABLE
    return ranks[min(missing, len(ranks)) - 1]
