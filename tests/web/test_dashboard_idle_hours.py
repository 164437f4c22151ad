"""The planner's dashboard says why helpers' hours stay unused in the stored plan.

The seeded school (tests/web/conftest.py): Carla (8 h, ma and di 8:30–12:00) and intern Daan
(4 h, wo 8:30–12:15, placement group 6). The hand-made plan: request 1 twice with Carla
(ma and di 9:00–9:45), request 2 once with Daan (wo 9:00–9:30). Both have hours left.
"""

from __future__ import annotations

from markupsafe import escape

from planner import services
from planner.model import Plan, Session
from tests.web.conftest import login
from web.db import db
from web.store import plan_store
from web.store.convert import load_school
from web.store.models_plan import PlanRun

PLAN = Plan(
    (
        Session("1", ("Carla",), "ma", 540, 585),
        Session("1", ("Carla",), "di", 540, 585),
        Session("2", ("Daan",), "wo", 540, 570),
    )
)


def store_plan(app) -> list[services.IdleHours]:
    """Store the plan as a finished run; returns the explanation the dashboard should show."""
    with app.app_context():
        outcome = services.explain_plan(load_school(), PLAN)
        run = PlanRun()
        db.session.add(run)
        db.session.commit()
        plan_store.store_results(run.id, outcome, stopped=False)
        return services.explain_idle_hours(outcome.school, PLAN)


def test_the_dashboard_explains_every_helper_with_hours_left(app, seeded):
    expected = store_plan(app)
    assert [idle.helper for idle in expected] == ["Carla", "Daan"]
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert "Waarom uren over blijven" in page
    for idle in expected:
        assert str(escape(idle.head)) in page
        for cause in idle.causes:
            assert str(escape(cause.text)) in page
    # Daan may only work in group 6, and at his free time only group 5 asks: the placement group is why.
    assert "geen aanvraag van groep 6 (stagegroep)" in page


def test_no_plan_no_explanation(app, seeded):
    page = login(app.test_client(), "planner@school.nl").get("/planner/").get_data(as_text=True)
    assert "Waarom uren over blijven" not in page
