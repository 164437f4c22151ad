"""The school version (``web.store.school_version``) changes with every change to the school, made by
anyone, and what a web process keeps (``web.store.kept``) is never shown once the school has changed.

The seeded school of ``tests/web/conftest.py`` has rows in every school table but three; a day off, a pin
and an absence (of a stored run) are added, so every table has a row a statement can touch.
"""

from __future__ import annotations

import datetime as dt
import re

import flask_migrate
import pytest
from sqlalchemy import create_engine, text

from tests.web.conftest import login, publish_plan, seed
from web import MIGRATIONS_DIR
from web.db import db
from web.store.convert import kept_school
from web.store.models import Group
from web.store.models_plan import AbsenceRecord, PlanPin
from web.store.models_reach import DaysOffRow
from web.store.school_version import SCHOOL, SCHOOL_TABLES, SETUP, read_versions


def fill_every_school_table(app) -> None:
    seed(app)
    run_id = publish_plan(app, [])
    with app.app_context():
        db.session.add(DaysOffRow(first=dt.date(2026, 12, 24), last=dt.date(2027, 1, 4), description="Kerst"))
        db.session.add(PlanPin(request_id="1", helper="Carla", day="ma", start=540))
        db.session.add(AbsenceRecord(helper="Carla", date=dt.date(2026, 12, 7), run_id=run_id))
        db.session.commit()


def versions(app) -> dict[int, int]:
    with app.app_context():
        return read_versions(db.session)


def migrated_schema(app) -> None:
    """The schema as ``handenplanner db upgrade`` builds it, instead of ``create_all``."""
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)


@pytest.mark.parametrize("schema", ["create_all", "migrations"])
def test_a_statement_on_any_school_table_draws_a_new_version(app, schema):
    """Both versions change with every school table, but a request leaves the setup's version alone."""
    if schema == "migrations":
        migrated_schema(app)
    fill_every_school_table(app)
    for table in SCHOOL_TABLES:
        before = versions(app)
        key = next(iter(db.metadata.tables[table].primary_key.columns)).name
        with app.app_context(), db.engine.begin() as connection:
            touched = connection.execute(text(f'UPDATE "{table}" SET "{key}" = "{key}"')).rowcount
        assert touched >= 1, table  # the table has a row, so even SQLite's row triggers fire
        after = versions(app)
        assert after[SCHOOL] != before[SCHOOL], table
        assert (after[SETUP] == before[SETUP]) == (table == "requests"), table


def test_runs_accounts_and_progress_leave_the_version_alone(app):
    """A run's progress is written every second: it must not make every page work the school out again."""
    fill_every_school_table(app)
    before = versions(app)
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("UPDATE plan_run SET elapsed_s = elapsed_s + 1, level_label = 'hoog'"))
        connection.execute(text("UPDATE users SET name = name"))
    assert versions(app) == before


def test_a_page_shows_a_change_another_process_made_at_once(app):
    """The dashboard keeps the school it worked out; a request withdrawn through another connection (as the
    worker, a second web process or a command would) shows on the very next view."""
    fill_every_school_table(app)
    client = login(app.test_client(), "planner@school.nl")
    counted = dashboard_request_count(client)
    assert counted == dashboard_request_count(client)  # the second view comes from what was kept
    other_process = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with other_process.begin() as connection:
        connection.execute(text("UPDATE requests SET withdrawn = true WHERE code = '1'"))
    other_process.dispose()
    assert dashboard_request_count(client) == counted - 1


def test_a_transaction_that_changed_the_school_sees_its_change_and_keeps_nothing(app):
    fill_every_school_table(app)
    with app.app_context():
        groups = {group.name for group in kept_school().groups}
        db.session.add(Group(name="9z", location=""))
        db.session.flush()
        assert {group.name for group in kept_school().groups} == groups | {"9z"}
        db.session.rollback()
        # Had the changed school been kept, this view would still show the group that was never committed.
        assert {group.name for group in kept_school().groups} == groups


def dashboard_request_count(client) -> int:
    page = client.get("/planner/").get_data(as_text=True)
    return int(re.search(r'<span class="stat-value">(\d+)</span><span class="stat-label">aanvragen', page).group(1))
