"""Candidate changes for a request that does not fit, cheapest first; they are verified elsewhere.

Order: shift the window (nothing else changes), widen it, allow another day, allow another role,
extra hours for a named helper. Times where eligible helpers are *free* in the current plan come
before times where they are only *available*; nearer times before farther ones. Each candidate keeps
its change as the values of the ways to fit (``RequestChange``, ``HelperChange``), so its price and who
must agree are written as theirs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from planner.diagnosis.plan_changes import HelperChange, RequestChange, changed_school
from planner.diagnosis.reasons import day_names
from planner.diagnosis.slots import PlanIndex, SlotRank, remaining_days, slot_facts
from planner.model import ROLES, ModelError, Plan, Request, School
from planner.timegrid import format_hours, format_time

MAX_TIME_CANDIDATES = 3  # shifted (and widened) windows tried per request
MIN_START_GAP_MIN = 30  # candidate starts this far apart, so the few tried are really different


@dataclass(frozen=True)
class Candidate:
    text: str  # the suggestion as the user reads it
    school: School  # the input with this change
    change: HelperChange | RequestChange | None = None  # None: no change (plan again, longer)
    names_helpers: bool = True  # add "dan kan Anna het doen" once verified (not when the text names them)

    @property
    def extra_minutes(self) -> int:
        """Extra helper-minutes a week: the price, as for a way to fit."""
        return self.change.extra_minutes if isinstance(self.change, HelperChange) else 0


def candidates(school: School, plan: Plan, request: Request, diagnosis=None) -> Iterator[Candidate]:
    index = PlanIndex(school, plan)
    starts = _promising_starts(index, request)
    yield from _shifted_windows(school, request, starts)
    yield from _widened_windows(school, request, starts)
    yield from _other_days(index, request)
    yield from _other_roles(school, request)
    yield from _extra_hours(index, request)


def _request_candidate(school: School, request: Request, text: str, change: RequestChange) -> Candidate | None:
    """The candidate, or None when the change makes the input invalid."""
    try:
        new_school = changed_school(school, request.request_id, change)
    except ModelError:
        return None
    changed = new_school.request(request.request_id)
    if len(new_school.allowed_days(changed)) < changed.sessions_per_week:
        return None
    return Candidate(text, new_school, change)


def _promising_starts(index: PlanIndex, request: Request) -> list[int]:
    """Start times outside the window where enough eligible helpers are free, then busy, then out of hours.

    Busy or out-of-hours helpers may still be freed by the re-solve (moving or dropping lower-priority work).
    """
    school, plan = index.school, index.plan
    eligible = school.eligible_helpers(request)
    scored: dict[int, tuple[int, int]] = {}
    for day in remaining_days(school, plan, request) or school.allowed_days(request):
        school_day = school.school_day(day)
        try:
            whole_day = replace(request, window_start=school_day.start, window_end=school_day.end, preferred_start=None)
        except ModelError:  # the school day is shorter than a session
            continue
        for start in school.candidate_starts(whole_day, day):
            if request.window_start <= start and start + request.duration_min <= request.window_end:
                continue
            rank = slot_facts(index, whole_day, day, start, eligible).rank
            if rank >= SlotRank.NO_HOURS:
                distance = max(request.window_start - start, start + request.duration_min - request.window_end)
                score = (-int(rank), distance)
                scored[start] = min(scored.get(start, score), score)
    chosen: list[int] = []
    for start in sorted(scored, key=lambda start: scored[start]):
        if all(abs(start - other) >= MIN_START_GAP_MIN for other in chosen):
            chosen.append(start)
    return chosen[:MAX_TIME_CANDIDATES]


def _shifted_windows(school: School, request: Request, starts: list[int]) -> Iterator[Candidate]:
    length = request.window_end - request.window_start
    for start in starts:
        new_start = start if start < request.window_start else start + request.duration_min - length
        what = "Schuif naar" if request.is_fixed_time else "Schuif het venster naar"
        text = f"{what} {format_time(new_start)}–{format_time(new_start + length)}"
        candidate = _request_candidate(school, request, text, RequestChange(window=(new_start, new_start + length)))
        if candidate is not None:
            yield candidate


def _widened_windows(school: School, request: Request, starts: list[int]) -> Iterator[Candidate]:
    for start in starts:
        new_start = min(request.window_start, start)
        new_end = max(request.window_end, start + request.duration_min)
        text = f"Verruim het venster tot {format_time(new_start)}–{format_time(new_end)}"
        candidate = _request_candidate(school, request, text, RequestChange(window=(new_start, new_end)))
        if candidate is not None:
            yield candidate


def _other_days(index: PlanIndex, request: Request) -> Iterator[Candidate]:
    school = index.school
    if not request.days:
        return
    for day in school.school_day_codes:
        if day in request.days or not school.fits_on_day(request, day):
            continue
        ranks = [slot_facts(index, request, day, s).rank for s in school.candidate_starts(request, day)]
        if max(ranks, default=SlotRank.UNAVAILABLE) < SlotRank.NO_HOURS:
            continue
        candidate = _request_candidate(school, request, f"Sta ook {day_names([day])} toe", RequestChange(extra_day=day))
        if candidate is not None:
            yield candidate


def _other_roles(school: School, request: Request) -> Iterator[Candidate]:
    """Roles that only the request's own ``functies`` forbid, held by a helper fit in every other way."""
    if not request.roles:
        return
    for role in ROLES:
        if role in request.roles:
            continue
        widened = replace(request, roles=(*request.roles, role))
        if not any(h.role == role and school.is_eligible(h, widened) for h in school.helpers):
            continue
        candidate = _request_candidate(school, request, f"Sta ook een {role} toe", RequestChange(extra_role=role))
        if candidate is not None:
            yield candidate


def _extra_hours(index: PlanIndex, request: Request) -> Iterator[Candidate]:
    """Extra weekly (or daily) hours for eligible helpers available in the window whose hours are spent."""
    school, plan, ledger = index.school, index.plan, index.ledger
    missing = request.sessions_per_week - plan.placed_count(request.request_id)
    for helper in school.eligible_helpers(request):
        days = [
            day
            for day in remaining_days(school, plan, request)
            if any(helper.is_available(day, s, s + request.duration_min) for s in school.candidate_starts(request, day))
        ]
        if not days or all(ledger.has_hours_left(helper, day, request.duration_min) for day in days):
            continue
        extra_week = _round_up_half_hour(
            ledger.week_minutes(helper) + missing * request.duration_min - helper.weekly_cap_min
        )
        daily = helper.daily_cap_min
        extra_day = 0
        if daily is not None:
            extra_day = _round_up_half_hour(
                min(ledger.day_minutes(helper, d) + request.duration_min - daily for d in days)
            )
        if not extra_week and not extra_day:
            continue
        yield _extra_hours_candidate(school, request, helper, extra_week, extra_day)


def _round_up_half_hour(minutes: int) -> int:
    return math.ceil(max(minutes, 0) / 30) * 30


def _extra_hours_candidate(school: School, request: Request, helper, extra_week: int, extra_day: int) -> Candidate:
    parts = []
    if extra_week:
        parts.append(f"{format_hours(extra_week)} uur extra per week")
    if extra_day:
        parts.append(f"{format_hours(extra_day)} uur meer per dag")
    change = HelperChange(helper.name, extra_week_min=extra_week, extra_day_min=extra_day)
    text = f"Met {' en '.join(parts)} voor {helper.name} past dit"
    return Candidate(text, changed_school(school, request.request_id, change), change, names_helpers=False)
