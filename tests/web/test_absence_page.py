"""The planner's absence page: a helper is absent on a date; the day is re-planned, kept and passed on.

The school: Anna and Bert, onderwijsassistenten, both available Monday 8:30–12:00 with
hours to spare. The published plan has A1 (Els, hoog) with Anna and A2 (Piet, laag) with
Bert, both on Monday 9:00. When Anna is absent on a Monday, Bert can do only one of them:
the high-priority A1 goes on with him, A2 lapses and Piet loses help that day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from planner import model as m
from tests.web.conftest import PASSWORD, make_app, publish_plan
from tests.web.conftest import login as login_client
from web.db import db
from web.store.convert import replace_school
from web.store.models_plan import AbsenceRecord, PlanRun
from web.store.users import create_user, find_helper, find_teacher

TODAY = dt.date.today()
NEXT_MONDAY = TODAY + dt.timedelta(days=(7 - TODAY.weekday()) % 7 or 7)
LAST_MONDAY = NEXT_MONDAY - dt.timedelta(days=14)


def absence_school() -> m.School:
    morning = (m.AvailabilityBlock("ma", 510, 720),)
    return m.School(
        school_days=(m.SchoolDay("ma", 510, 870), m.SchoolDay("di", 510, 870)),
        groups=(m.Group("3"), m.Group("5")),
        teachers=(m.Teacher("Els", ("3",)), m.Teacher("Piet", ("5",))),
        helpers=tuple(m.Helper(name, "onderwijsassistent", 4, morning) for name in ("Anna", "Bert")),
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
        create_user("bert@school.nl", "helper", "", PASSWORD, helper=find_helper("Bert"))
        create_user("els@school.nl", "teacher", "", PASSWORD, teacher=find_teacher("Els"))
        create_user("piet@school.nl", "teacher", "", PASSWORD, teacher=find_teacher("Piet"))
        db.session.commit()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def client(app, email: str = "planner@school.nl"):
    return login_client(app.test_client(), email)


@pytest.fixture
def planner(app):
    return client(app)


def publish_monday_plan(app) -> int:
    return publish_plan(
        app,
        [
            {"request_id": "A1", "helpers": ["Anna"], "day": "ma", "start": 540, "end": 600},
            {"request_id": "A2", "helpers": ["Bert"], "day": "ma", "start": 540, "end": 585},
        ],
    )


def record(planner, helper: str = "Anna", date: dt.date = NEXT_MONDAY) -> int:
    response = planner.post("/planner/afwezigheid", data={"ondersteuner": helper, "datum": date.isoformat()})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"id=(\d+)", response.location).group(1))


def week_of_bert(app) -> str:
    return client(app, "bert@school.nl").get("/ondersteuner/").get_data(as_text=True)


def records(app) -> int:
    with app.app_context():
        return db.session.query(AbsenceRecord).count()


def test_the_absent_helpers_session_goes_to_a_colleague_and_the_teacher_losing_help_is_named(app, planner):
    publish_monday_plan(app)
    page = planner.get(f"/planner/afwezigheid?id={record(planner)}").get_data(as_text=True)
    assert "Anna afwezig op maandag" in page and "nog niet doorgegeven" in page
    assert "1 overgenomen</strong>, <strong>0 vervallen" in page
    assert "Daarvoor vervalt bij collega's 1 sessie: zo gaan er die dag zoveel mogelijk sessies door" in page
    taken_over = page.split("<h3>Overgenomen</h3>")[1].split("</table>")[0]
    assert "A1" in taken_over and "Bert" in taken_over and "9:00–10:00" in taken_over
    lapsed = page.split("<h3>Vervalt: geen hulp deze dag</h3>")[1]
    assert "A2" in lapsed.split("</table>")[0]
    # Bert, the only one who may do A2, is busy with A1 (hoog) at 9:00: that is why A2 lapses.
    assert "Wie dit mag doen, is dan bezig met iets wat voorgaat: A1 (hoog, Bert)." in lapsed.split("</table>")[0]
    assert "geen hulp bij (een deel van) hun aanvragen:</strong> Piet." in lapsed


def test_recording_keeps_the_day_and_leaves_the_week_plan_as_it_is(app, planner):
    run_id = publish_monday_plan(app)
    record(planner)
    record(planner)  # the same helper and date again: replaces the first record
    with app.app_context():
        run = db.session.get(PlanRun, run_id)
        assert sorted((s.request_id, tuple(s.helpers)) for s in run.sessions) == [("A1", ("Anna",)), ("A2", ("Bert",))]
        assert db.session.query(PlanRun).count() == 1
        [kept] = db.session.query(AbsenceRecord).all()
        assert (kept.helper, kept.date, kept.absent_sessions, kept.published_at) == ("Anna", NEXT_MONDAY, 1, None)


def test_passed_on_changes_reach_the_helper_and_the_teachers_concerned(app, planner):
    publish_monday_plan(app)
    record_id = record(planner)
    bert, els, piet = client(app, "bert@school.nl"), client(app, "els@school.nl"), client(app, "piet@school.nl")
    assert "Wijzigingen door afwezigheid" not in bert.get("/ondersteuner/").get_data(as_text=True)
    response = planner.post("/planner/afwezigheid/doorgeven", data={"id": record_id})
    assert response.status_code == 302
    bert_page = bert.get("/ondersteuner/").get_data(as_text=True)
    assert "9:00–10:00: u neemt A1 (basisgroep overnemen, groep 3) over van Anna." in bert_page
    assert "9:00–9:45: A2 (leesbegeleiding, groep 5) gaat niet door." in bert_page
    assert "bij A1 (basisgroep overnemen, groep 3) komt Bert." in els.get("/leerkracht/").get_data(as_text=True)
    piet_page = piet.get("/leerkracht/").get_data(as_text=True)
    assert "A2 (leesbegeleiding, groep 5) gaat niet door, er is die dag geen hulp." in piet_page
    assert "A1" not in piet_page.split("Wijzigingen door afwezigheid")[1].split("</section>")[0]


def test_past_dates_are_no_longer_shown_to_helpers(app, planner):
    publish_monday_plan(app)
    planner.post("/planner/afwezigheid/doorgeven", data={"id": record(planner, date=LAST_MONDAY)})
    assert "Wijzigingen door afwezigheid" not in week_of_bert(app)


def test_a_removed_absence_is_gone_for_everyone(app, planner):
    publish_monday_plan(app)
    record_id = record(planner)
    planner.post("/planner/afwezigheid/doorgeven", data={"id": record_id})
    assert planner.post("/planner/afwezigheid/verwijderen", data={"id": record_id}).status_code == 302
    assert records(app) == 0
    assert planner.get(f"/planner/afwezigheid?id={record_id}").status_code == 404
    assert "Wijzigingen door afwezigheid" not in week_of_bert(app)


def test_every_input_problem_is_listed_at_once_escaped_and_nothing_is_kept(app, planner):
    publish_monday_plan(app)
    response = planner.post("/planner/afwezigheid", data={"ondersteuner": "<script>x</script>", "datum": "31-02-2026"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Onbekende ondersteuner &#39;&lt;script&gt;x&lt;/script&gt;&#39;" in page
    assert "Vul een geldige datum in" in page and "<script>x</script>" not in page
    assert records(app) == 0


def test_a_day_without_school_or_without_a_plan_gets_a_dutch_message(app, planner):
    saturday = NEXT_MONDAY + dt.timedelta(days=5)
    page = planner.post("/planner/afwezigheid", data={"ondersteuner": "Anna", "datum": f"{saturday:%d-%m-%Y}"})
    text = page.get_data(as_text=True)
    assert "Op zaterdag is er volgens de schooltijden geen school." in text
    assert "Er is nog geen rooster berekend" in text


def test_a_helper_without_sessions_that_day_needs_no_change(app, planner):
    publish_monday_plan(app)
    tuesday = NEXT_MONDAY + dt.timedelta(days=1)
    page = planner.get(f"/planner/afwezigheid?id={record(planner, date=tuesday)}").get_data(as_text=True)
    assert "Anna heeft op dinsdag geen sessies in het rooster: er hoeft niets te veranderen." in page
    assert "Wijzigingen doorgeven" not in page


def test_the_date_field_offers_only_the_school_dates_of_the_period(app, planner):
    # The period runs over two weeks, Monday to Monday, and the school has Monday and Tuesday: the
    # choice holds exactly those five dates (no Wednesday, no weekend), and the hint names the days.
    with app.app_context():
        school = absence_school()
        period = m.Settings(school_name="De Kleine School", period_start=LAST_MONDAY, period_end=NEXT_MONDAY)
        replace_school(dataclasses.replace(school, settings=period))
        db.session.commit()
    page = planner.get("/planner/afwezigheid").get_data(as_text=True)
    choice = page[page.index('<select id="datum"') : page.index("</select>", page.index('<select id="datum"'))]
    offered = re.findall(r'<option value="(\d{4}-\d{2}-\d{2})"', choice)
    mondays_and_tuesdays = [LAST_MONDAY + dt.timedelta(days=n) for n in (0, 1, 7, 8, 14)]
    assert offered == [date.isoformat() for date in mondays_and_tuesdays]
    assert "Een schooldag (maandag en dinsdag) van " in page


def test_the_form_lists_the_helpers_and_the_recorded_absences(app, planner):
    publish_monday_plan(app)
    record(planner)
    page = planner.get("/planner/afwezigheid").get_data(as_text=True)
    assert '<option value="Anna">Anna</option>' in page and 'type="date"' in page
    assert "Vastgelegde afwezigheden" in page and "Anna, maandag" in page


def test_recording_without_a_csrf_token_is_refused(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/planner/afwezigheid", data={"ondersteuner": "Anna", "datum": "2026-12-07"})
    assert response.status_code == 400
    assert records(app) == 0


def test_only_the_planner_may_record_pass_on_or_remove_an_absence(app, planner):
    publish_monday_plan(app)
    record_id = record(planner)
    for email in ("bert@school.nl", "els@school.nl"):
        other = client(app, email)
        form = {"ondersteuner": "Anna", "datum": NEXT_MONDAY.isoformat()}
        assert other.post("/planner/afwezigheid", data=form).status_code == 403
        assert other.post("/planner/afwezigheid/doorgeven", data={"id": record_id}).status_code == 403
        assert other.post("/planner/afwezigheid/verwijderen", data={"id": record_id}).status_code == 403
    with app.app_context():
        [kept] = db.session.query(AbsenceRecord).all()
        assert kept.published_at is None
