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
from functools import cached_property

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


@dataclass(frozen=True)
class PlanIndex:
    """A plan looked up per helper, built once for many slot questions."""

    school: School
    plan: Plan

    @cached_property
    def _sessions_by_helper(self) -> dict[str, list[Session]]:
        found: dict[str, list[Session]] = {}
        for session in self.plan.sessions:
            for name in session.helpers:
                found.setdefault(name_key(name), []).append(session)
        return found

    def sessions_of(self, helper: Helper) -> list[Session]:
        return self._sessions_by_helper.get(name_key(helper.name), [])

    @cached_property
    def _usage(self) -> dict[str, HelperUsage]:
        return {name_key(helper.name): helper_usage(self.plan, helper) for helper in self.school.helpers}

    def usage(self, helper: Helper) -> HelperUsage:
        return self._usage.get(name_key(helper.name)) or helper_usage(self.plan, helper)

    def location_of_session(self, session: Session) -> str:
        request = self.school.request(session.request_id)
        return self.school.location_of(request) if request else ""


def helper_usage(plan: Plan, helper: Helper) -> HelperUsage:
    per_day: dict[str, int] = {}
    for session in plan.sessions_of_helper(helper.name):
        per_day[session.day] = per_day.get(session.day, 0) + session.duration_min
    return HelperUsage(week_min=sum(per_day.values()), day_min=per_day)


def has_hours_left(helper: Helper, usage: HelperUsage, day: str, minutes: int) -> bool:
    if usage.week_min + minutes > helper.weekly_cap_min:
        return False
    daily_cap = helper.daily_cap_min
    return daily_cap is None or usage.day_min.get(day, 0) + minutes <= daily_cap


def conflicting_sessions(index: PlanIndex, helper: Helper, day: str, start: int, end: int, location: str):
    """The helper's sessions that overlap [start, end) or leave too little changeover time."""
    changeover = index.school.settings.changeover_min
    found: list[Session] = []
    for session in index.sessions_of(helper):
        if session.day != day:
            continue
        gap = changeover if name_key(index.location_of_session(session)) != name_key(location) else 0
        if session.start < end + gap and start < session.end + gap:
            found.append(session)
    return found


def remaining_days(school: School, plan: Plan, request: Request) -> tuple[str, ...]:
    used = {session.day for session in plan.sessions_of(request.request_id)}
    return tuple(day for day in school.allowed_days(request) if day not in used)


def slot_facts(index: PlanIndex, request: Request, day: str, start: int, eligible=None) -> SlotFacts:
    end = start + request.duration_min
    location = index.school.location_of(request)
    available, with_hours, free = [], [], []
    for helper in index.school.eligible_helpers(request) if eligible is None else eligible:
        if not helper.is_available(day, start, end):
            continue
        available.append(helper.name)
        if not has_hours_left(helper, index.usage(helper), day, request.duration_min):
            continue
        with_hours.append(helper.name)
        if not conflicting_sessions(index, helper, day, start, end, location):
            free.append(helper.name)
    rank = SlotRank.UNAVAILABLE
    for level, names in ((SlotRank.NO_HOURS, available), (SlotRank.TAKEN, with_hours), (SlotRank.FREE, free)):
        if len(names) >= request.hands:
            rank = level
    return SlotFacts(day, start, end, tuple(available), tuple(with_hours), tuple(free), rank)


def day_facts(index: PlanIndex, request: Request, day: str, eligible=None) -> DayFacts:
    if eligible is None:
        eligible = index.school.eligible_helpers(request)
    starts = index.school.candidate_starts(request, day)
    slots = [slot_facts(index, request, day, start, eligible) for start in starts]
    best = max((slot.rank for slot in slots), default=SlotRank.UNAVAILABLE)
    return DayFacts(day, best, tuple(slot for slot in slots if slot.rank == best))


def binding_rank(days: list[DayFacts], missing: int) -> SlotRank:
    """The rank of the ``missing``-th best day: what stops the last missing session."""
    ranks = sorted((day.rank for day in days), reverse=True)
    if not ranks:
        return SlotRank.UNAVAILABLE
    return ranks[min(missing, len(ranks)) - 1]
