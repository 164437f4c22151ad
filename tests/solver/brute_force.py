"""Exhaustive search for tiny instances, written independently of the solver.

It enumerates every set of sessions the hard rules allow and returns the
lexicographically best values of levels 1–2: honoured requests per priority
(exact fractions) and help minutes. Candidate sessions are derived from the
raw data here; every partial plan is kept valid by simple incremental checks,
and the best plan found is re-checked by ``tests.plan_checker``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

from planner.model import Plan, Priority, Request, School, Session
from tests.plan_checker import violations

ALL_ROLES = ("klassenassistent", "onderwijsassistent", "leraarondersteuner", "stagiaire", "vrijwilliger", "anders")


@dataclass(frozen=True)
class BestValues:
    honoured: tuple[Fraction, Fraction, Fraction]  # hoog, middel, laag
    help_minutes: int
    plan: Plan


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _starts(school: School, request: Request, day: str) -> list[int]:
    school_day = next(d for d in school.school_days if d.day == day)
    step = school.settings.time_step_min
    return [
        start
        for start in range(0, 24 * 60, step)
        if max(request.window_start, school_day.start) <= start
        and start + request.duration_min <= min(request.window_end, school_day.end)
    ]


def _may_do(school: School, helper, request: Request) -> bool:
    task = next((t for t in school.tasks if _key(t.name) == _key(request.task)), None)
    roles = set(request.roles or ALL_ROLES) & set(task.roles if task and task.roles else ALL_ROLES)
    group = next(g for g in school.groups if _key(g.name) == _key(request.group))
    placement = {_key(g) for g in helper.placement_groups}
    return (
        helper.role in roles
        and {_key(s) for s in request.skills} <= {_key(s) for s in helper.skills}
        and (not group.location or not helper.locations or _key(group.location) in map(_key, helper.locations))
        and (not placement or helper.may_work_elsewhere or _key(request.group) in placement)
    )


def _available(helper, day: str, start: int, end: int) -> bool:
    # Minute by minute: every minute of the session lies in some block (touching blocks join).
    blocks = [(b.start, b.end) for b in helper.availability if b.day == day]
    return all(any(s <= minute < e for s, e in blocks) for minute in range(start, end))


def candidate_sessions(school: School, request: Request) -> list[Session]:
    days = [d.day for d in school.school_days if not request.days or d.day in request.days]
    sessions = []
    for day in days:
        for start in _starts(school, request, day):
            end = start + request.duration_min
            able = [h.name for h in school.helpers if _may_do(school, h, request) and _available(h, day, start, end)]
            for helpers in itertools.combinations(able, request.hands):
                sessions.append(Session(request.request_id, helpers, day, start, end))
    return sessions


def _choices(school: School, request: Request) -> list[tuple[Session, ...]]:
    """Every set of this request's sessions on different days, at most keer_per_week."""
    candidates = candidate_sessions(school, request)
    choices: list[tuple[Session, ...]] = [()]
    for count in range(1, request.sessions_per_week + 1):
        for combo in itertools.combinations(candidates, count):
            if len({s.day for s in combo}) == count:
                choices.append(combo)
    return choices


def _fits(school: School, chosen: list[Session], new: tuple[Session, ...]) -> bool:
    return not violations(school, Plan(tuple(chosen) + new)) if new else True


def _values(school: School, sessions: list[Session]) -> tuple[Fraction, Fraction, Fraction, int]:
    honoured = dict.fromkeys(Priority, Fraction(0))
    for request in school.requests:
        placed = sum(1 for s in sessions if _key(s.request_id) == _key(request.request_id))
        honoured[request.priority] += Fraction(placed, request.sessions_per_week)
    minutes = sum((s.end - s.start) * len(s.helpers) for s in sessions)
    return honoured[Priority.HOOG], honoured[Priority.MIDDEL], honoured[Priority.LAAG], minutes


def best_values(school: School) -> BestValues:
    requests = list(school.requests)
    options = [_choices(school, r) for r in requests]
    best: list = [None, []]

    def search(index: int, chosen: list[Session]) -> None:
        if index == len(requests):
            values = _values(school, chosen)
            if best[0] is None or values > best[0]:
                best[0], best[1] = values, list(chosen)
            return
        for choice in options[index]:
            if _fits(school, chosen, choice):
                search(index + 1, chosen + list(choice))

    search(0, [])
    plan = Plan(tuple(best[1]))
    assert not violations(school, plan)
    hoog, middel, laag, minutes = best[0]
    return BestValues((hoog, middel, laag), minutes, plan)
