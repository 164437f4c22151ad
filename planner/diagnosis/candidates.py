"""Candidate changes for a request that does not fit, cheapest first; they are verified elsewhere.

Order: shift the window (nothing else changes), widen it, allow another day, allow another role,
extra hours for a named helper. Times where eligible helpers are *free* in the current plan come
before times where they are only *available*; nearer times before farther ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from planner.diagnosis.reasons import day_names
from planner.diagnosis.slots import SlotRank, has_hours_left, helper_usage, remaining_days, slot_facts
from planner.model import ROLES, ModelError, Plan, Request, School
from planner.timegrid import format_hours, format_time

MAX_TIME_CANDIDATES = 3  # shifted (and widened) windows tried per request


@dataclass(frozen=True)
class Candidate:
    text: str  # the suggestion as the user reads it
    school: School  # the input with this change


def candidates(school: School, plan: Plan, request: Request, diagnosis) -> Iterator[Candidate]:
    starts = _promising_starts(school, plan, request)
    yield from _shifted_windows(school, request, starts)
    yield from _widened_windows(school, request, starts)
    yield from _other_days(school, plan, request)
    yield from _other_roles(school, request)
    yield from _extra_hours(school, plan, request)


def _with_request(school: School, request: Request) -> School:
    requests = tuple(request if r.request_id == request.request_id else r for r in school.requests)
    return replace(school, requests=requests)


def _changed(school: School, request: Request, **changes) -> School | None:
    """The school with the request changed, or None when the change makes the input invalid."""
    try:
        changed = replace(request, **changes)
        if changed.preferred_start is not None and not (
            changed.window_start <= changed.preferred_start <= changed.window_end - changed.duration_min
        ):
            changed = replace(changed, preferred_start=None)
    except ModelError:
        return None
    new_school = _with_request(school, changed)
    if len(new_school.allowed_days(changed)) < changed.sessions_per_week:
        return None
    return new_school


def _promising_starts(school: School, plan: Plan, request: Request) -> list[int]:
    """Start times outside the window where enough eligible helpers are free (then: available)."""
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
            rank = slot_facts(school, plan, whole_day, day, start).rank
            if rank >= SlotRank.TAKEN:
                distance = max(request.window_start - start, start + request.duration_min - request.window_end)
                score = (-int(rank), distance)
                scored[start] = min(scored.get(start, score), score)
    ordered = sorted(scored, key=lambda start: scored[start])
    return ordered[:MAX_TIME_CANDIDATES]


def _shifted_windows(school: School, request: Request, starts: list[int]) -> Iterator[Candidate]:
    length = request.window_end - request.window_start
    for start in starts:
        new_start = start if start < request.window_start else start + request.duration_min - length
        changed = _changed(school, request, window_start=new_start, window_end=new_start + length)
        if changed is not None:
            what = "Schuif naar" if request.is_fixed_time else "Schuif het venster naar"
            yield Candidate(f"{what} {format_time(new_start)}–{format_time(new_start + length)}", changed)


def _widened_windows(school: School, request: Request, starts: list[int]) -> Iterator[Candidate]:
    for start in starts:
        new_start = min(request.window_start, start)
        new_end = max(request.window_end, start + request.duration_min)
        changed = _changed(school, request, window_start=new_start, window_end=new_end)
        if changed is not None:
            yield Candidate(f"Ruim het venster op naar {format_time(new_start)}–{format_time(new_end)}", changed)


def _other_days(school: School, plan: Plan, request: Request) -> Iterator[Candidate]:
    if not request.days:
        return
    for day in school.school_day_codes:
        if day in request.days or not school.fits_on_day(request, day):
            continue
        ranks = [slot_facts(school, plan, request, day, s).rank for s in school.candidate_starts(request, day)]
        if max(ranks, default=SlotRank.UNAVAILABLE) < SlotRank.TAKEN:
            continue
        changed = _changed(school, request, days=(*request.days, day))
        if changed is not None:
            yield Candidate(f"Sta ook {day_names([day])} toe", changed)


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
        changed = _changed(school, request, roles=(*request.roles, role))
        if changed is not None:
            yield Candidate(f"Sta ook een {role} toe", changed)


def _extra_hours(school: School, plan: Plan, request: Request) -> Iterator[Candidate]:
    """Extra weekly (or daily) hours for eligible helpers available in the window whose hours are spent."""
    missing = request.sessions_per_week - plan.placed_count(request.request_id)
    for helper in school.eligible_helpers(request):
        usage = helper_usage(plan, helper)
        days = [
            day
            for day in remaining_days(school, plan, request)
            if any(helper.is_available(day, s, s + request.duration_min) for s in school.candidate_starts(request, day))
        ]
        if not days or all(has_hours_left(helper, usage, day, request.duration_min) for day in days):
            continue
        weekly_short = usage.week_min + missing * request.duration_min - helper.weekly_cap_min
        extra_min = math.ceil(max(weekly_short, 0) / 30) * 30
        new_helper = replace(helper, hours_per_week=helper.hours_per_week + extra_min / 60)
        text = f"Met {format_hours(extra_min)} uur extra per week voor {helper.name} past dit"
        daily = helper.daily_cap_min
        if daily is not None and all(usage.day_min.get(d, 0) + request.duration_min > daily for d in days):
            extra_day = min(usage.day_min.get(d, 0) + request.duration_min - daily for d in days)
            extra_day = math.ceil(extra_day / 30) * 30
            new_helper = replace(new_helper, max_hours_per_day=helper.max_hours_per_day + extra_day / 60)
            day_text = f"{format_hours(extra_day)} uur meer per dag"
            text = f"Met {day_text} voor {helper.name} past dit" if not extra_min else f"{text}, en {day_text}"
        helpers = tuple(new_helper if h.name == helper.name else h for h in school.helpers)
        yield Candidate(text, replace(school, helpers=helpers))
