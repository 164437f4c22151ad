"""Runs stored before the key figures had one shape get the shape of ``solve --json``, and back
(migration 35505f228de2)."""

from __future__ import annotations

from dataclasses import asdict

import flask_migrate
from sqlalchemy import select, text

from planner import figures, model, services
from web import MIGRATIONS_DIR
from web.db import db
from web.store import plan_store
from web.store.convert import load_school, replace_school
from web.store.models_plan import RUN_DONE, PlanDiagnosis, PlannedSession, PlanRun
from web.store.models_reach import DaysOffRow

from .conftest import reset_database, seed_school

BEFORE = "8ee6db207c86"
RUN_FACTS = {"skipped_pins": 1, "base_run_id": None}


def old_figures(school: model.School, plan: model.Plan) -> dict:
    """The figures as runs stored them before (the former ``plan_store.plan_figures``)."""
    return {
        "priorities": [
            {
                "label": row.priority.label,
                "requests": row.requests,
                "fully": row.fully,
                "partly": row.partly,
                "not_placed": row.not_placed,
                "share": row.honoured_share,
            }
            for row in figures.figures_per_priority(school, plan)
        ],
        "total_share": figures.total_honoured_share(school, plan),
        "requested_min": figures.requested_minutes(school),
        "planned_min": figures.planned_minutes(plan),
        "available_min": figures.available_minutes(school),
    } | RUN_FACTS


def test_a_stored_runs_figures_get_the_shape_of_solve_json_and_back(app):
    # The seed school: request 1 (hoog) placed twice with Carla, request 2 (middel) not at all.
    plan = model.Plan(
        sessions=(
            model.Session("1", ("Carla",), "ma", 540, 585),
            model.Session("1", ("Carla",), "di", 540, 585),
        ),
        levels=(model.LevelResult("hoog", "Gehonoreerde aanvragen, prioriteit hoog", 1.0, 1.0, True, 0.4),),
        status=model.SolveStatus.OPTIMAL,
        wall_time_s=1.5,
    )
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        flask_migrate.upgrade(directory=MIGRATIONS_DIR, revision=BEFORE)
        # Today's adapter also writes the days off, a later table, and today's PlanRun has later columns
        # (its worker, the dashboard's facts): made for the seeding, dropped before upgrading.
        DaysOffRow.__table__.create(db.engine)
        with db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE plan_run ADD COLUMN worker_id VARCHAR(64)"))
            connection.execute(text("ALTER TABLE plan_run ADD COLUMN dashboard_facts JSON"))
        replace_school(seed_school())
        outcome = services.explain_plan(load_school(), plan)
        before = old_figures(outcome.school, plan)
        run = PlanRun(
            status=RUN_DONE,
            solve_status=plan.status.value,
            wall_time_s=plan.wall_time_s,
            levels=[asdict(level) for level in plan.levels],
            figures=before,
        )
        run.sessions = [PlannedSession(request_id="1", helpers=["Carla"], day=s.day, start=s.start, end=s.end)
                        for s in plan.sessions]  # fmt: skip
        run.diagnoses = [
            PlanDiagnosis(request_id=d.request_id, cause=d.cause.value, reason=d.reason) for d in outcome.diagnoses
        ]
        db.session.add(run)
        db.session.commit()
        run_id = run.id
        db.session.remove()
        DaysOffRow.__table__.drop(db.engine)
        with db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE plan_run DROP COLUMN worker_id"))
            connection.execute(text("ALTER TABLE plan_run DROP COLUMN dashboard_facts"))

        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        db.session.expire_all()
        stored = plan_store.to_stored_plan(db.session.get(PlanRun, run_id))
        # Exactly what a run stores now for the same plan and diagnoses.
        expected = services.key_figures(services.SolveOutcome(load_school(), stored.plan, stored.diagnoses))
        assert db.session.get(PlanRun, run_id).figures == expected | RUN_FACTS
        db.session.remove()  # end the read: on PostgreSQL a migration's DROP TABLE waits for it

        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision=BEFORE)
        db.session.expire_all()
        assert db.session.scalar(select(PlanRun.figures).where(PlanRun.id == run_id)) == before
        db.session.remove()
        reset_database()
