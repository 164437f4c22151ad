"""The objective levels' values of a finished plan, in plain Python.

The twin of ``objective.py`` for a plan that no single CP-SAT model holds: the plan joined from
the per-location solves (``decompose.py``). Each function reads the level's definition in
``objective.py`` and computes the same number from the sessions; ``tests/solver/test_decompose.py``
holds the two equal on a solved school.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from planner.model import Priority, School, Session, name_key

LevelValue = Callable[[School, tuple[Session, ...]], float]


def honoured_requests(priority: Priority) -> LevelValue:
    def value(school: School, sessions: tuple[Session, ...]) -> float:
        placed = _placed_per_request(sessions)
        chosen = (r for r in school.requests if r.priority == priority)
        return sum(min(placed[name_key(r.request_id)], r.sessions_per_week) / r.sessions_per_week for r in chosen)

    return value


def help_minutes(school: School, sessions: tuple[Session, ...]) -> float:
    return float(sum(session.duration_min * len(session.helpers) for session in sessions))


def fairness(school: School, sessions: tuple[Session, ...]) -> float:
    placed = _placed_per_request(sessions)
    shares: dict[str, list[float]] = defaultdict(list)
    for request in school.requests:
        shares[name_key(request.teacher)].append(placed[name_key(request.request_id)] / request.sessions_per_week)
    return min((sum(parts) / len(parts) for parts in shares.values()), default=0.0)


def continuity(school: School, sessions: tuple[Session, ...]) -> float:
    used: dict[str, set[str]] = defaultdict(set)
    with_preferred = 0
    for session in sessions:
        request = school.request(session.request_id)
        used[name_key(session.request_id)].update(name_key(helper) for helper in session.helpers)
        if request is not None and request.preferred_helper:
            preferred = name_key(request.preferred_helper)
            with_preferred += sum(1 for helper in session.helpers if name_key(helper) == preferred)
    return float(sum(len(helpers) for helpers in used.values()) - with_preferred)


def preferred_time(school: School, sessions: tuple[Session, ...]) -> float:
    total = 0
    for session in sessions:
        request = school.request(session.request_id)
        if request is not None and request.preferred_start is not None:
            total += abs(session.start - request.preferred_start)
    return float(total)


def gaps(school: School, sessions: tuple[Session, ...]) -> float:
    """Per helper and working day, its busy stretches minus one: a session starts a stretch when no
    session of the helper covers the time step before its start (as ``objective.gaps``)."""
    step = school.settings.time_step_min
    per_helper_day: dict[tuple[str, str], list[Session]] = defaultdict(list)
    for session in sessions:
        for helper in session.helpers:
            per_helper_day[(name_key(helper), session.day)].append(session)
    total = 0
    for day_sessions in per_helper_day.values():
        starts = {session.start for session in day_sessions}
        stretches = sum(1 for start in starts if not any(s.start <= start - step < s.end for s in day_sessions))
        total += stretches - 1
    return float(total)


LEVEL_VALUES: dict[str, LevelValue] = {
    "hoog": honoured_requests(Priority.HOOG),
    "middel": honoured_requests(Priority.MIDDEL),
    "laag": honoured_requests(Priority.LAAG),
    "help_minutes": help_minutes,
    "fairness": fairness,
    "continuity": continuity,
    "preferred_time": preferred_time,
    "gaps": gaps,
}


def _placed_per_request(sessions: tuple[Session, ...]) -> dict[str, int]:
    placed: dict[str, int] = defaultdict(int)
    for session in sessions:
        placed[name_key(session.request_id)] += 1
    return placed
