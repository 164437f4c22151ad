"""Each diagnosis with its way to fit: the cheapest verified change to the input that keeps the plan.

Requests are taken by priority (hoog first), so that with a time limit the most important get theirs;
the diagnoses keep their order. See ``plan_changes`` (the values and ``verify``), ``fit_search`` (how
ways are found) and ``change_texts`` (what the school leader reads).
"""

from __future__ import annotations

import time
from dataclasses import replace

from planner.diagnosis.change_texts import described
from planner.diagnosis.explain import Diagnosis
from planner.diagnosis.fit_search import find_changes, first_verified, ways_to_fit
from planner.diagnosis.slots import PlanIndex
from planner.ledger import plan_breaches
from planner.model import Plan, Priority, School


def add_ways_to_fit(
    school: School, plan: Plan, diagnoses: list[Diagnosis], *, time_limit_s: float | None = None
) -> list[Diagnosis]:
    """The same diagnoses, each with the cheapest verified change that keeps the plan as its suggestion,
    where one was found within the time limit (none: no limit). Fast, no solving; nothing when the plan
    itself breaks a rule (a stored plan after the school changed), since then no plan can be kept."""
    if not diagnoses or plan_breaches(school, plan.sessions):
        return list(diagnoses)
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    index = PlanIndex(school, plan)
    ways = {}
    for diagnosis in sorted(diagnoses, key=lambda d: _priority(school, d)):
        request = school.request(diagnosis.request_id)
        if request is None or (deadline is not None and time.monotonic() > deadline):
            continue
        way = first_verified(index, ways_to_fit(index, find_changes(index, request)))
        if way is not None:
            ways[diagnosis.request_id] = described(school, plan, way)
    return [
        replace(d, suggestion=ways[d.request_id].text, way_to_fit=ways[d.request_id]) if d.request_id in ways else d
        for d in diagnoses
    ]


def _priority(school: School, diagnosis: Diagnosis) -> int:
    request = school.request(diagnosis.request_id)
    return int(request.priority) if request else len(Priority) + 1
