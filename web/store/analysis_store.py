"""Analysis runs (capacity curve, scenario comparison): their results as plain data, and the runs to show.

``AnalysisRun.result`` of a curve::

    {"points": [{"extra_hours", "shares": {"hoog", "middel", "laag"}, "total_share", "extra_used_min",
                 "proven_optimal", "carried_over"}, ...],
     "requests": {"hoog", "middel", "laag"},  # how many requests each priority has (a share of none means little)
     "notes": ["Bij +8 uur daalt laag van 40 % naar 35 %: ...", ...]}

and of a comparison (rows as ``planner.compare`` gives them, statuses as the plans say)::

    {"status_a", "status_b", "priorities": [{"label", "share_a", "share_b"}],
     "helpers": [{"helper", "minutes_a", "minutes_b", "cap_a_min", "cap_b_min"}],
     "changes": [{"request_id", "group", "priority", "placed_a", "placed_b", "asked_a", "asked_b", "difference"}]}
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import select

from planner import services
from planner.model import Priority, School
from web.db import db
from web.store.models_plan import ACTIVE_RUN_STATUSES, RUN_DONE, RUN_STOPPED, AnalysisRun, utc_now


def curve_result(school: School, points: list) -> dict[str, Any]:
    """The curve's points and the sentences that explain its dips (``services.curve_dips``)."""
    return {
        "points": [
            {
                "extra_hours": point.extra_hours,
                "shares": {priority.label: point.share(priority) for priority in Priority},
                "total_share": point.total_share,
                "extra_used_min": point.extra_used_min,
                "proven_optimal": point.proven_optimal,
                "carried_over": point.carried_over,
            }
            for point in points
        ],
        "requests": {priority.label: sum(r.priority == priority for r in school.requests) for priority in Priority},
        "notes": [dip.text for dip in services.curve_dips(school, points)],
    }


def comparison_result(comparison) -> dict[str, Any]:
    return {
        "status_a": comparison.plan_a.status.value,
        "status_b": comparison.plan_b.status.value,
        "priorities": [asdict(row) for row in comparison.priorities],
        "helpers": [asdict(row) for row in comparison.helpers],
        "changes": [asdict(change) | {"difference": change.difference} for change in comparison.changes],
    }


def store_result(run_id: int, result: dict[str, Any], *, stopped: bool, elapsed_s: float) -> None:
    run = db.session.get(AnalysisRun, run_id)
    run.result = result
    run.status = RUN_STOPPED if stopped else RUN_DONE
    run.elapsed_s = elapsed_s
    run.finished_at = utc_now()
    db.session.commit()


def latest_run(kind: str) -> AnalysisRun | None:
    """The newest run of this kind, whatever its status."""
    query = select(AnalysisRun).where(AnalysisRun.kind == kind).order_by(AnalysisRun.id.desc()).limit(1)
    return db.session.scalars(query).first()


def latest_result_run(kind: str) -> AnalysisRun | None:
    """The newest run of this kind with a result to show (finished, or stopped after some work)."""
    query = (
        select(AnalysisRun)
        .where(AnalysisRun.kind == kind, AnalysisRun.status.in_((RUN_DONE, RUN_STOPPED)))
        .order_by(AnalysisRun.id.desc())
    )
    return next((run for run in db.session.scalars(query) if run.result), None)


def active_run() -> AnalysisRun | None:
    query = select(AnalysisRun).where(AnalysisRun.status.in_(ACTIVE_RUN_STATUSES)).order_by(AnalysisRun.id.desc())
    return db.session.scalars(query.limit(1)).first()
