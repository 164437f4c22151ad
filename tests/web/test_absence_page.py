"""The planner's absence page: a helper is absent on a date, the page shows how that day goes.

The school: Anna and Bert, onderwijsassistenten, both available Monday 8:30–12:00 with
hours to spare. The published plan has A1 (Els, hoog) with Anna and A2 (Piet, laag) with
Bert, both on Monday 9:00. When Anna is absent on Monday 30 November 2026, Bert can do
only one of them: the high-priority A1 goes on with him, A2 lapses and Piet loses help.
"""

from __future__ import annotations

import pytest

from planner import model as m
from tests.web.conftest import PASSWORD, make_app, publish_plan
from tests.web.conftest import login as login_client
from web.convert import replace_school
from web.db import db
from web.models_plan import PlanRun
from web.users import create_user

MONDAY = "2026-11-30"


def absence_school() -> m.School:
    morning = (m.AvailabilityBlock("ma", 510, 720),)
    return m.School(
        school_days=(m.SchoolDay("ma", 510, 870), m.SchoolDay("di", 510, 870)),
        groups=(m.Group("3"), m.Group("5")),
        teachers=(m.Teacher("Els", ("3",)), m.Teacher("Piet", ("5",))),
        helpers=(
            m.Helper("Anna", "onderwijsassistent", 4, morning),
            m.Helper("Bert", "onderwijsassistent", 4, morning),
        ),
        requests=(
            m.Request("A1", "Els", "3", "basisgroep overnemen", 1, 60, 540, 600, priority=m.Priority.HOOG),
            m.Request("A2", "Piet", "5", "leesbegeleiding", 1, 45, 540, 585, priority=m.Priority.LAAG),
        ),
        settings=m.Settings(school_name="De Kleine School"),
    )


@pytest.fixture
def app(tmp_path, backend):
    application = make_app(tmp_path, backend)
    with application.app_context():
        replace_school(absence_school())
        create_user("planner@school.nl", "planner", "Petra Planner", PASSWORD)
        db.session.commit()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def planner(app):
    return login_client(app.test_client(), "planner@school.nl")


def publish_monday_plan(app) -> int:
    return publish_plan(
        app,
        [
            {"request_id": "A1", "helpers": ["Anna"], "day": "ma", "start": 540, "end": 600},
            {"request_id": "A2", "helpers": ["Bert"], "day": "ma", "start": 540, "end": 585},
        ],
    )


def test_the_absent_helpers_session_goes_to_a_colleague_and_the_teacher_losing_help_is_named(app, planner):
    publish_monday_plan(app)
    page = planner.get(f"/planner/afwezigheid?ondersteuner=Anna&datum={MONDAY}").get_data(as_text=True)
    assert "Anna afwezig op maandag 30 november 2026" in page
    assert "1 overgenomen</strong>, <strong>0 vervallen" in page
    assert "Daarvoor vervalt bij collega's 1 sessie: zo gaan er die dag zoveel mogelijk sessies door" in page
    taken_over = page.split("<h3>Overgenomen</h3>")[1].split("</table>")[0]
    assert "A1" in taken_over and "Bert" in taken_over and "9:00–10:00" in taken_over
    lapsed = page.split("<h3>Vervalt: geen hulp deze dag</h3>")[1]
    assert "A2" in lapsed.split("</table>")[0]
    assert "geen hulp bij (een deel van) hun aanvragen:</strong> Piet." in lapsed


def test_the_page_changes_nothing_stored(app, planner):
    run_id = publish_monday_plan(app)
    planner.get(f"/planner/afwezigheid?ondersteuner=Anna&datum={MONDAY}")
    with app.app_context():
        run = db.session.get(PlanRun, run_id)
        assert sorted((s.request_id, tuple(s.helpers)) for s in run.sessions) == [("A1", ("Anna",)), ("A2", ("Bert",))]
        assert db.session.query(PlanRun).count() == 1


def test_every_input_problem_is_listed_at_once_and_user_text_is_escaped(app, planner):
    publish_monday_plan(app)
    page = planner.get("/planner/afwezigheid?ondersteuner=<script>x</script>&datum=31-02-2026").get_data(as_text=True)
    assert "Onbekende ondersteuner &#39;&lt;script&gt;x&lt;/script&gt;&#39;" in page
    assert "Vul een geldige datum in" in page
    assert "<script>x</script>" not in page


def test_a_day_without_school_or_without_a_plan_gets_a_dutch_message(app, planner):
    page = planner.get("/planner/afwezigheid?ondersteuner=Anna&datum=5-12-2026").get_data(as_text=True)
    assert "Op zaterdag is er volgens de schooltijden geen school." in page
    assert "Er is nog geen rooster berekend" in page


def test_a_helper_without_sessions_that_day_needs_no_change(app, planner):
    publish_monday_plan(app)
    page = planner.get("/planner/afwezigheid?ondersteuner=Anna&datum=2026-12-01").get_data(as_text=True)
    assert "Anna heeft op dinsdag geen sessies in het rooster: er hoeft niets te veranderen." in page


def test_the_form_lists_the_helpers(planner):
    page = planner.get("/planner/afwezigheid").get_data(as_text=True)
    assert '<option value="Anna">Anna</option>' in page and 'type="date"' in page
