"""Key figures of a plan, computed in one place for the CLI, workbook and web.

A request's honoured fraction is its placed sessions over its sessions asked
(domain spec, level 1); only complete sessions (all hands) are in a plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model import Plan, Priority, Request, School, name_key


@dataclass(frozen=True)
class PriorityFigures:
    priority: Priority
    requests: int
    fully: int
    partly: int
    not_placed: int
    honoured: float  # sum of honoured fractions

    @property
    def honoured_share(self) -> float:
        return self.honoured / self.requests if self.requests else 1.0


def honoured_fraction(plan: Plan, request: Request) -> float:
    placed = min(plan.placed_count(request.request_id), request.sessions_per_week)
    return placed / request.sessions_per_week


def outcome(plan: Plan, request: Request) -> str:
    """``gehonoreerd``, ``deels`` or ``niet ingepland``."""
    placed = plan.placed_count(request.request_id)
    if placed >= request.sessions_per_week:
        return "gehonoreerd"
    return "deels" if placed else "niet ingepland"


def figures_per_priority(school: School, plan: Plan) -> list[PriorityFigures]:
    rows = []
    for priority in Priority:
        requests = [r for r in school.requests if r.priority == priority]
        outcomes = [outcome(plan, r) for r in requests]
        rows.append(
            PriorityFigures(
                priority=priority,
                requests=len(requests),
                fully=outcomes.count("gehonoreerd"),
                partly=outcomes.count("deels"),
                not_placed=outcomes.count("niet ingepland"),
                honoured=sum(honoured_fraction(plan, r) for r in requests),
            )
        )
    return rows


def total_honoured_share(school: School, plan: Plan) -> float:
    if not school.requests:
        return 1.0
    return sum(honoured_fraction(plan, r) for r in school.requests) / len(school.requests)


def planned_minutes_per_helper(school: School, plan: Plan) -> dict[str, int]:
    minutes = {helper.name: 0 for helper in school.helpers}
    canonical = {name_key(helper.name): helper.name for helper in school.helpers}
    for session in plan.sessions:
        for helper in session.helpers:
            name = canonical.get(name_key(helper), helper)
            minutes[name] = minutes.get(name, 0) + session.duration_min
    return minutes


def honoured_share_per_teacher(school: School, plan: Plan) -> dict[str, float]:
    shares = {}
    for teacher in school.teachers:
        requests = [r for r in school.requests if name_key(r.teacher) == name_key(teacher.name)]
        if requests:
            shares[teacher.name] = sum(honoured_fraction(plan, r) for r in requests) / len(requests)
    return shares


def requested_minutes(school: School) -> int:
    return sum(request.requested_minutes for request in school.requests)


def planned_minutes(plan: Plan) -> int:
    return sum(session.duration_min * len(session.helpers) for session in plan.sessions)


def available_minutes(school: School) -> int:
    """What the helpers can give a week: their cap, or less if available less."""
    return sum(min(helper.weekly_cap_min, helper.available_minutes()) for helper in school.helpers)
