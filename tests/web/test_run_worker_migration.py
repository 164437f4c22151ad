"""Migration f3a9c1d27e40: the run slot, the workers' heartbeats, and runs of the former web thread."""

from __future__ import annotations

import flask_migrate
from sqlalchemy import text

from web import MIGRATIONS_DIR
from web.db import db
from web.planning.runner import start_plan_run

from .conftest import reset_database

BEFORE = "d81f0c3a5b62"


def test_a_run_left_running_by_the_web_thread_fails_and_the_slot_starts_free(app):
    # Before the upgrade a run was "running" in the old server's thread: it holds no slot and has no
    # worker, and that server is gone, so the upgrade fails it; the next start gets the slot.
    app.config["HANDENPLANNER_SOLVE_TIME_LIMIT"] = 5
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        flask_migrate.upgrade(directory=MIGRATIONS_DIR, revision=BEFORE)
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO plan_run (status, created_at, time_limit_s, elapsed_s, level_label, "
                    "stop_requested, error_text, solve_status, wall_time_s, levels, figures) "
                    "VALUES ('running', CURRENT_TIMESTAMP, 30, 0, '', false, '', '', 0, '[]', '{}')"
                )
            )
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        with db.engine.connect() as connection:
            old = connection.execute(text("SELECT status, error_text FROM plan_run")).one()
            slot = connection.execute(text("SELECT id, run_id FROM run_slot")).one()
        assert old.status == "failed" and "update van Handenplanner" in old.error_text
        assert tuple(slot) == (1, None)
        assert start_plan_run() == 2
        db.session.remove()  # end the read: on PostgreSQL a migration's DROP TABLE waits for it

        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision=BEFORE)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM plan_run")).scalar() == 2
        reset_database()
