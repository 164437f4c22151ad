"""a run's figures in the key-figures shape of ``solve --json``

Revision ID: 35505f228de2
Revises: 8ee6db207c86
Create Date: 2026-12-01 18:00:00.000000

Runs stored before kept their figures in a shape of their own (``total_share``,
``priorities`` as a list, minutes). They get the one shape of
``planner.services.key_figures``, the sessions asked read from the requests as they are
now (as ``key_figures`` does; empty for a request since removed). The run facts
``skipped_pins`` and ``base_run_id`` stay. No schema change: only the JSON in ``plan_run.figures``.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "35505f228de2"
down_revision = "8ee6db207c86"
branch_labels = None
depends_on = None

RUN_FACTS = ("skipped_pins", "base_run_id")

plan_run = sa.table(
    "plan_run",
    sa.column("id", sa.Integer),
    sa.column("figures", sa.JSON),
    sa.column("levels", sa.JSON),
    sa.column("solve_status", sa.String),
    sa.column("wall_time_s", sa.Float),
)
plan_diagnosis = sa.table(
    "plan_diagnosis",
    sa.column("id", sa.Integer),
    sa.column("run_id", sa.Integer),
    sa.column("request_id", sa.String),
    sa.column("cause", sa.String),
    sa.column("reason", sa.Text),
    sa.column("suggestion", sa.Text),
)
requests = sa.table(
    "requests",
    sa.column("code", sa.String),
    sa.column("sessions_per_week", sa.Integer),
    sa.column("withdrawn", sa.Boolean),
)
planned_session = sa.table("planned_session", sa.column("run_id", sa.Integer), sa.column("request_id", sa.String))


def upgrade():
    connection = op.get_bind()
    for run in connection.execute(sa.select(plan_run)).mappings().all():
        if "total_share" in (run["figures"] or {}):
            figures = _key_figures(connection, run)
            connection.execute(sa.update(plan_run).where(plan_run.c.id == run["id"]).values(figures=figures))


def downgrade():
    connection = op.get_bind()
    for run in connection.execute(sa.select(plan_run.c.id, plan_run.c.figures)).mappings().all():
        if "hours" in (run["figures"] or {}):
            figures = _old_figures(run["figures"])
            connection.execute(sa.update(plan_run).where(plan_run.c.id == run["id"]).values(figures=figures))


def _key_figures(connection, run) -> dict:
    old = run["figures"]
    rows = old.get("priorities", [])
    return {
        "status": run["solve_status"] or "",
        "wall_time_s": round(run["wall_time_s"] or 0.0, 2),
        "output": None,
        "requests": {
            "total": sum(row["requests"] for row in rows),
            "fully": sum(row["fully"] for row in rows),
            "partly": sum(row["partly"] for row in rows),
            "not_placed": sum(row["not_placed"] for row in rows),
            "honoured_share": round(old["total_share"], 4),
        },
        "priorities": {
            row["label"]: {
                "requests": row["requests"],
                "fully": row["fully"],
                "partly": row["partly"],
                "not_placed": row["not_placed"],
                "honoured": round(row["share"] * row["requests"], 4),
                "honoured_share": round(row["share"], 4),
            }
            for row in rows
        },
        "hours": {
            "requested": round(old.get("requested_min", 0) / 60, 2),
            "planned": round(old.get("planned_min", 0) / 60, 2),
            "available": round(old.get("available_min", 0) / 60, 2),
        },
        "levels": [_level(level) for level in run["levels"] or ()],
        "unplaced": _unplaced(connection, run["id"]),
    } | {fact: old[fact] for fact in RUN_FACTS if fact in old}


def _level(level: dict) -> dict:
    return {
        "key": level.get("key", ""),
        "label": level.get("label", ""),
        "value": round(level.get("value", 0.0), 4),
        "bound": round(level.get("bound", 0.0), 4),
        "proven_optimal": bool(level.get("proven_optimal", False)),
        "time_s": round(level.get("time_s", 0.0), 2),
    }


def _unplaced(connection, run_id: int) -> list[dict]:
    asked = {
        _key(code): count
        for code, count in connection.execute(
            sa.select(requests.c.code, requests.c.sessions_per_week).where(requests.c.withdrawn.is_(False))
        )
    }
    placed = {}
    for (request_id,) in connection.execute(
        sa.select(planned_session.c.request_id).where(planned_session.c.run_id == run_id)
    ):
        placed[_key(request_id)] = placed.get(_key(request_id), 0) + 1
    diagnoses = connection.execute(
        sa.select(plan_diagnosis).where(plan_diagnosis.c.run_id == run_id).order_by(plan_diagnosis.c.id)
    ).mappings()
    return [
        {
            "request_id": row["request_id"],
            "asked": asked.get(_key(row["request_id"])),
            "placed": placed.get(_key(row["request_id"]), 0),
            "cause": row["cause"],
            "reason": row["reason"],
            "suggestion": row["suggestion"] or None,
        }
        for row in diagnoses
    ]


def _key(name: str) -> str:
    """Request ids match as in ``planner.model.name_key``: case-insensitive, spaces normalised."""
    return " ".join(name.split()).casefold()


def _old_figures(figures: dict) -> dict:
    hours = figures["hours"]
    return {
        "priorities": [
            {
                "label": label,
                "requests": row["requests"],
                "fully": row["fully"],
                "partly": row["partly"],
                "not_placed": row["not_placed"],
                "share": row["honoured_share"],
            }
            for label, row in figures["priorities"].items()
        ],
        "total_share": figures["requests"]["honoured_share"],
        "requested_min": round(hours["requested"] * 60),
        "planned_min": round(hours["planned"] * 60),
        "available_min": round(hours["available"] * 60),
    } | {fact: figures[fact] for fact in RUN_FACTS if fact in figures}
