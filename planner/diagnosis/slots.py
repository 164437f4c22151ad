"""Facts about where a request could still go in a plan, without solving.

For each allowed day that the request does not use yet, every candidate start is a *slot*.
Per slot the eligible helpers fall into nested sets: available for the whole session, with
hours left (weekly and daily cap), and free (no overlapping session and enough changeover);
the feasibility ledger (``planner.ledger``) answers the last two.
The best slot of a day gives the day's *rank*; the rank that binds a request is the one of
its n-th best day, where n is the number of sessions still missing (sessions need distinct days).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property

from planner.diagnosis.reasons import availability_text
from planner.ledger import Ledger
from planner.model import Plan, Request, School


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
class PlanIndex:
    """A plan booked in the feasibility ledger once, for many slot questions."""

    school: School
    plan: Plan

    @cached_property
    def ledger(self) -> Ledger:
        return Ledger(self.school, self.plan.sessions)

    @cached_property
    def availability_texts(self) -> dict[str, str]:
        """Per helper (by name) when they are available at all, as every diagnosis repeats it."""
        return {helper.name: availability_text(helper) for helper in self.school.helpers}


def remaining_days(school: School, plan: Plan, request: Request) -> tuple[str, ...]:
    used = {session.day for session in plan.sessions_of(request.request_id)}
    return tuple(day for day in school.allowed_days(request) if day not in used)


def slot_facts(index: PlanIndex, request: Request, day: str, start: int, eligible=None) -> SlotFacts:
    end = start + request.duration_min
    ledger = index.ledger
    available, with_hours, free = [], [], []
    for helper in index.school.eligible_helpers(request) if eligible is None else eligible:
        if not helper.is_available(day, start, end):
            continue
        available.append(helper.name)
        if not ledger.has_hours_left(helper, day, request.duration_min):
            continue
        with_hours.append(helper.name)
        if not ledger.conflicts(helper, request, day, start):
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
