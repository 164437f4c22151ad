"""The key figures of a solved school as plain JSON data: one shape for ``solve --json`` and the web app."""

from __future__ import annotations

import os

from planner import figures
from planner.diagnosis import Diagnosis
from planner.services.outcome import SolveOutcome


def key_figures(outcome: SolveOutcome, output_path: str | os.PathLike[str] | None = None) -> dict[str, object]:
    """Status, requests honoured (in total and per priority), hours, the objective's levels, what did not fit."""
    school, plan = outcome.school, outcome.plan
    per_priority = figures.figures_per_priority(school, plan)
    return {
        "status": plan.status.value,
        "wall_time_s": round(plan.wall_time_s, 2),
        "output": str(output_path) if output_path is not None else None,
        "requests": {
            "total": len(school.requests),
            "fully": sum(item.fully for item in per_priority),
            "partly": sum(item.partly for item in per_priority),
            "not_placed": sum(item.not_placed for item in per_priority),
            "honoured_share": round(figures.total_honoured_share(school, plan), 4),
        },
        "priorities": {
            item.priority.label: {
                "requests": item.requests,
                "fully": item.fully,
                "partly": item.partly,
                "not_placed": item.not_placed,
                "honoured": round(item.honoured, 4),
                "honoured_share": round(item.honoured_share, 4),
            }
            for item in per_priority
        },
        "hours": {
            "requested": round(figures.requested_minutes(school) / 60, 2),
            "planned": round(figures.planned_minutes(plan) / 60, 2),
            "available": round(figures.available_minutes(school) / 60, 2),
        },
        "levels": [
            {
                "key": level.key,
                "label": level.label,
                "value": round(level.value, 4),
                "bound": round(level.bound, 4),
                "proven_optimal": level.proven_optimal,
                "time_s": round(level.time_s, 2),
            }
            for level in plan.levels
        ],
        "unplaced": [_unplaced_figures(outcome, diagnosis) for diagnosis in outcome.diagnoses],
    }


def _unplaced_figures(outcome: SolveOutcome, diagnosis: Diagnosis) -> dict[str, object]:
    request = outcome.school.request(diagnosis.request_id)
    return {
        "request_id": diagnosis.request_id,
        "asked": request.sessions_per_week if request else None,
        "placed": outcome.plan.placed_count(diagnosis.request_id),
        "cause": diagnosis.cause.value,
        "reason": diagnosis.reason,
        "suggestion": diagnosis.suggestion,
    }
