"""The planner's dashboard shows what more hours would buy, computed from the stored plan.

The tiny school of the planning page tests: Anna, 3 hours a week, on Monday and Tuesday 8:30–12:00.
A1 (hoog) asks 2 × 60 minutes between 9:00 and 11:00 and has both, with Anna; A2 (middel) asks 45 minutes
between 13:00 and 14:00, when nobody is there. Anna coming 13:00–13:45 on Monday (or Tuesday) lets A2 in:
her week has the hour left.
"""

from __future__ import annotations

from markupsafe import escape

from planner import model as m
from planner import services
from tests.web.conftest import PASSWORD, login
from tests.web.test_planning import tiny_school
from web.db import db
from web.store import plan_store
from web.store.convert import load_school, replace_school
from web.store.models_plan import PlanRun
from web.store.users import create_user

PLAN = m.Plan((m.Session("A1", ("Anna",), "ma", 540, 600), m.Session("A1", ("Anna",), "di", 540, 600)))


def store_plan(app) -> None:
    """The tiny school with its planner, and the plan stored as a finished run, as a run would store it."""
    with app.app_context():
        replace_school(tiny_school())
        create_user("planner@school.nl", "planner", "Petra Planner", PASSWORD)
        outcome = services.explain_plan(load_school(), PLAN)
        run = PlanRun()
        db.session.add(run)
        db.session.commit()
        plan_store.store_results(run.id, outcome, stopped=False)


def test_the_dashboard_lists_what_more_hours_buy_best_first(app):
    store_plan(app)
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert "Wat meer uren opleveren" in page
    # A2 (middel, weight 2) for 0,75 extra hours: 2,7 per extra hour; Monday before Tuesday at equal value.
    monday = page.index('Anna <span class="offer-day">maandag</span>')
    tuesday = page.index('Anna <span class="offer-day">dinsdag</span>')
    assert monday < tuesday
    row = page[monday:tuesday]
    assert "13:00–13:45 erbij" in row and "<td>0,75</td>" in row and "A2 <span" in row and "(1 middel)" in row
    assert "<td>2,7</td>" in row


def test_the_unmet_page_shows_the_stored_way_to_fit(app):
    store_plan(app)
    with app.app_context():
        [diagnosis] = services.explain_plan(load_school(), PLAN).diagnoses
    page = login(app.test_client(), "planner@school.nl").get("/planner/niet-ingepland").get_data(as_text=True)
    assert diagnosis.suggestion.startswith("Als Anna op maandag ook van 13:00 tot 13:45 komt, past dit")
    assert str(escape(diagnosis.suggestion)) in page


def test_without_a_plan_the_dashboard_has_no_such_section(app):
    with app.app_context():
        replace_school(tiny_school())
        create_user("planner@school.nl", "planner", "Petra Planner", PASSWORD)
        db.session.commit()
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert "Wat meer uren opleveren" not in page
