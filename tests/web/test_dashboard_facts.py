"""What the dashboard shows of a run that takes seconds to work out is stored with the run
(``web.store.dashboard_facts``), and a run stored without it still shows it.

The tiny school of the planning page tests (``tests/web/test_planning.tiny_school``): Anna, 3 hours a
week, Monday and Tuesday 8:30–12:00. A1 (hoog, 2 × 60 min) is placed twice with her; A2 (middel, 45 min
between 13:00 and 14:00) is not: Anna staying 13:00–13:45 on Monday or Tuesday would fit it, and she
has an hour left, so there are two offers and one helper with hours left.
"""

from __future__ import annotations

from dataclasses import replace

import flask_migrate
from markupsafe import escape
from sqlalchemy import inspect, select, text

from planner import model as m
from planner import services
from tests.web.conftest import PASSWORD, login, reset_database
from tests.web.test_planning import tiny_school
from web import MIGRATIONS_DIR
from web.db import db
from web.store import plan_store
from web.store.convert import load_school, replace_school
from web.store.dashboard_facts import HOURS_OFFERS_SHOWN, from_json, to_json, work_out
from web.store.models_plan import RUN_DONE, PlannedSession, PlanRun
from web.store.users import create_user

PLAN = m.Plan((m.Session("A1", ("Anna",), "ma", 540, 600), m.Session("A1", ("Anna",), "di", 540, 600)))
BEFORE = "f3a9c1d27e40"  # the migration before the dashboard facts


def seed_tiny_school(app) -> None:
    with app.app_context():
        replace_school(tiny_school())
        create_user("planner@school.nl", "planner", "Petra Planner", PASSWORD)
        db.session.commit()


def store_run(app) -> int:
    """The plan stored as a finished run stores it (``store_results``)."""
    with app.app_context():
        run = PlanRun()
        db.session.add(run)
        db.session.commit()
        plan_store.store_results(run.id, services.explain_plan(load_school(), PLAN), stopped=False)
        return run.id


def old_run(app) -> int:
    """A finished run as runs were stored before the facts existed: the plan's rows only."""
    with app.app_context():
        run = PlanRun(status=RUN_DONE, solve_status="optimaal")
        run.sessions = [PlannedSession(request_id=s.request_id, helpers=list(s.helpers), pinned_helpers=[],
                                       day=s.day, start=s.start, end=s.end) for s in PLAN.sessions]  # fmt: skip
        db.session.add(run)
        db.session.commit()
        return run.id


def stored_facts(app, run_id: int) -> dict | None:
    with app.app_context():
        db.session.expire_all()
        return db.session.get(PlanRun, run_id).dashboard_facts


def expected_lines(app) -> tuple[list[services.IdleHours], list[services.HoursOffer]]:
    """What the dashboard computed on every view before the facts were stored."""
    with app.app_context():
        school = load_school()
        return services.explain_idle_hours(school, PLAN), services.hours_offers(school, PLAN)


def assert_dashboard_shows(page: str, idle: list[services.IdleHours], offers: list[services.HoursOffer]) -> None:
    for item in idle:
        assert str(escape(item.head)) in page
        for cause in item.causes:
            assert str(escape(cause.text)) in page
    for offer in offers:
        assert f'{offer.helper} <span class="offer-day">' in page
        assert str(escape(offer.change_text)) in page


def test_a_stored_run_keeps_what_the_dashboard_computed_on_every_view(app):
    seed_tiny_school(app)
    run_id = store_run(app)
    idle, offers = expected_lines(app)
    assert [item.helper for item in idle] == ["Anna"] and len(offers) == 2  # see the module text
    with app.app_context():
        assert stored_facts(app, run_id) == to_json(work_out(load_school(), PLAN))
    facts = from_json(stored_facts(app, run_id))
    assert facts.hours_offer_count == 2
    assert [line.change_text for line in facts.hours_offers] == [offer.change_text for offer in offers]
    assert [line.cause_texts for line in facts.idle_hours] == [tuple(c.text for c in item.causes) for item in idle]
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert_dashboard_shows(page, idle, offers)


def test_the_dashboard_reads_the_stored_facts_not_the_school(app):
    seed_tiny_school(app)
    run_id = store_run(app)
    # A changed stored line shows as stored: the page does not work the facts out again.
    with app.app_context():
        run = db.session.get(PlanRun, run_id)
        run.dashboard_facts = run.dashboard_facts | {
            "idle_hours": [{"helper": "Anna", "head": "Bewaard.", "causes": []}]
        }
        db.session.commit()
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert "Bewaard." in page


def test_a_run_stored_without_facts_shows_them_and_keeps_them(app):
    seed_tiny_school(app)
    run_id = old_run(app)
    assert stored_facts(app, run_id) is None
    idle, offers = expected_lines(app)
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert_dashboard_shows(page, idle, offers)
    with app.app_context():
        assert stored_facts(app, run_id) == to_json(work_out(load_school(), PLAN))


def test_only_the_offers_the_dashboard_shows_are_kept_with_the_count_of_all(app):
    seed_tiny_school(app)
    with app.app_context():
        facts = work_out(load_school(), PLAN)
    # Two offers, fewer than the dashboard shows: all kept; the count is the number found.
    assert len(facts.hours_offers) == min(HOURS_OFFERS_SHOWN, 2) and facts.hours_offer_count == 2
    assert from_json(to_json(facts)) == facts


def test_the_migration_adds_the_facts_and_the_indexes_and_older_runs_still_show(app):
    seed_tiny_school(app)
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        flask_migrate.upgrade(directory=MIGRATIONS_DIR, revision=BEFORE)
        replace_school(tiny_school())
        create_user("planner@school.nl", "planner", "Petra Planner", PASSWORD)
        db.session.commit()
        with db.engine.begin() as connection:  # a finished run and its sessions, as the old schema stores them
            run_id = connection.execute(
                text("INSERT INTO plan_run (status, created_at, time_limit_s, elapsed_s, level_label, "
                     "stop_requested, error_text, solve_status, wall_time_s, levels, figures) VALUES "
                     "('done', CURRENT_TIMESTAMP, 30, 0, '', false, '', 'optimaal', 0, '[]', '{}') RETURNING id")
            ).scalar_one()  # fmt: skip
            for session in PLAN.sessions:
                connection.execute(
                    text("INSERT INTO planned_session (run_id, request_id, helpers, pinned_helpers, day, start, "
                         '"end") VALUES (:run, :request, \'["Anna"]\', \'[]\', :day, :start, :end)'),
                    {"run": run_id, "request": session.request_id, "day": session.day, "start": session.start,
                     "end": session.end},
                )  # fmt: skip
        db.session.remove()
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        indexes = {name: {i["name"] for i in inspect(db.engine).get_indexes(name)} for name in ("requests", "plan_run")}
        assert {"ix_requests_teacher_id", "ix_requests_group_id"} <= indexes["requests"]
        assert "ix_plan_run_published_at" in indexes["plan_run"]
        assert db.session.scalars(select(PlanRun.dashboard_facts).where(PlanRun.id == run_id)).one() is None
        db.session.remove()
    idle, offers = expected_lines(app)
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert_dashboard_shows(page, idle, offers)
    assert stored_facts(app, run_id) is not None
    with app.app_context():
        db.session.remove()
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision=BEFORE)
        assert "dashboard_facts" not in {column["name"] for column in inspect(db.engine).get_columns("plan_run")}
        db.session.remove()
        reset_database()


def test_a_plan_made_per_location_says_so_on_the_dashboard(app):
    """A board pool is planned per group of locations (``Plan.method``); the workbook's ``Overzicht`` says so,
    and so must the dashboard of the stored run, which before lost the method."""
    seed_tiny_school(app)
    with app.app_context():
        run = PlanRun()
        db.session.add(run)
        db.session.commit()
        per_location = replace(PLAN, method="opgesplitst per locatie")
        plan_store.store_results(run.id, services.explain_plan(load_school(), per_location), stopped=False)
        assert plan_store.to_plan(db.session.get(PlanRun, run.id)).method == "opgesplitst per locatie"
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert "Werkwijze: opgesplitst per locatie." in page
    assert str(escape(services.METHOD_EXPLANATION)) in page
