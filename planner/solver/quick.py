"""The greedy plan as the plan, for a school too large to build or search in its time (``size.py``).

Its status is ``SolveStatus.QUICK``; its levels are the honoured levels (one per priority with
requests) with the greedy plan's value and an honest upper bound: each request counted as fully
honoured when it has candidate sessions on as many days as it asks, else in proportion to the days
it has candidates on. No plan honours more, so bound − value is at most what optimising could win.
A level is proven only when the greedy plan reaches its bound.
"""

from __future__ import annotations

import time
from collections import defaultdict

from planner.levels import level_info
from planner.model import LevelResult, Plan, Priority, Session, SolveStatus, name_key
from planner.solver.greedy import greedy_assignments
from planner.solver.variables import CandidateSpace, find_assignment, sessions_of_assignments


def quick_plan(space: CandidateSpace, started: float) -> Plan:
    """The greedy plan (pins first, then a previous plan's sessions that still fit, then the rest by
    priority), with its honoured levels and their bounds; ``INFEASIBLE`` and empty when pins clash."""
    pins = (find_assignment(space, p.request_id, p.helper, p.day, p.start) for p in space.school.pins)
    chosen = greedy_assignments(space, tuple(pin for pin in pins if pin is not None), tuple(space.previous))
    if chosen is None:
        return Plan((), (), SolveStatus.INFEASIBLE, time.monotonic() - started)
    sessions = sessions_of_assignments(space, chosen)
    return Plan(sessions, honoured_levels(space, sessions), SolveStatus.QUICK, time.monotonic() - started)


def honoured_levels(space: CandidateSpace, sessions: tuple[Session, ...]) -> tuple[LevelResult, ...]:
    """Per priority with requests: requests honoured (in proportion) in ``sessions``, and at most."""
    placed: dict[str, int] = defaultdict(int)
    for session in sessions:
        placed[name_key(session.request_id)] += 1
    levels = []
    for priority in Priority:
        requests = [(idx, r) for idx, r in enumerate(space.requests) if r.priority == priority]
        if not requests:
            continue
        value = sum(min(placed[name_key(r.request_id)], r.sessions_per_week) / r.sessions_per_week for _, r in requests)
        bound = sum(_possible_sessions(space, idx) / r.sessions_per_week for idx, r in requests)
        info = level_info(priority.label)
        levels.append(LevelResult(info.key, info.label, value, bound, value >= bound, 0.0))
    return tuple(levels)


def _possible_sessions(space: CandidateSpace, request_idx: int) -> int:
    """At most one session a day (rule 2): the days with a candidate, up to the sessions asked."""
    days = {slot.day for slot in space.slots_of_request.get(request_idx, ())}
    return min(len(days), space.requests[request_idx].sessions_per_week)
