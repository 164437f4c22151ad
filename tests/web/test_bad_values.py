"""Bad values in web forms and URLs: a Dutch message or a 404, never a 500, and nothing stored.

Runs on SQLite and on PostgreSQL (CI): PostgreSQL refuses a text over its column's size, a NUL
byte and an integer over 2^31−1, where SQLite stores them; the form must refuse them first on both.
"""

from __future__ import annotations

import re
from pathlib import Path

import web
from web.db import db
from web.form_values import MAX_ID
from web.store.convert import load_school
from web.store.models import Group, Helper, Request, Task

TOO_BIG_ID = str(2**63)  # over every database integer: SQLite's and PostgreSQL's bigint alike


def _request_form(app, **changes) -> dict:
    with app.app_context():
        group_id = db.session.scalars(db.select(Group).where(Group.name == "5")).one().id
    return {
        "groep": str(group_id),
        "taak": "basisgroep overnemen",
        "keer_per_week": "1",
        "duur_min": "45",
        "dagen": ["ma", "di"],
        "tijdtype": "venster",
        "van": "9:00",
        "tot": "11:00",
        "prioriteit": "middel",
        "functies": ["onderwijsassistent"],
        "handen": "1",
        **changes,
    }


def _request_count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Request.id)))


def _int_rules(app) -> list:
    return [rule for rule in app.url_map.iter_rules() if "<int:" in rule.rule]


def test_every_url_with_an_id_answers_404_for_an_id_no_database_can_hold(app, clients):
    rules = _int_rules(app)
    assert len(rules) >= 7  # the brief measured 7 such URLs on main
    for rule in rules:
        path = re.sub(r"<int:[a-z_]+>", TOO_BIG_ID, rule.rule)
        method = "get" if "GET" in rule.methods else "post"
        assert getattr(clients["planner"], method)(path).status_code == 404, path
        # The largest id a row can have is looked up and simply not found.
        assert getattr(clients["planner"], method)(re.sub(r"<int:[a-z_]+>", str(MAX_ID), rule.rule)).status_code in (
            403,
            404,
        ), rule.rule


def test_ids_in_query_and_form_fields_over_the_database_integer_give_no_500(app, clients):
    planner = clients["planner"]
    for path in (
        f"/planner/aanvragen?leerkracht={TOO_BIG_ID}&groep={TOO_BIG_ID}",
        f"/planner/?run={TOO_BIG_ID}",
        f"/planner/rooster?run={TOO_BIG_ID}",
        f"/planner/afwezigheid?id={TOO_BIG_ID}",
    ):
        assert planner.get(path).status_code < 500, path
    assert planner.post("/planner/taken", data={"id": TOO_BIG_ID, "naam": "x"}).status_code == 302
    assert planner.post("/planner/vrije-dagen/verwijderen", data={"id": TOO_BIG_ID}).status_code == 404
    assert planner.post("/planner/afwezigheid/verwijderen", data={"id": TOO_BIG_ID}).status_code == 404
    account = {"email": "nieuw@school.nl", "rol": "teacher", "leerkracht": TOO_BIG_ID}
    assert planner.post("/planner/accounts", data=account).status_code == 422
    teacher_form = _request_form(app, groep=TOO_BIG_ID)
    assert clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=teacher_form).status_code == 422


def test_request_form_refuses_every_bad_value_at_once_and_stores_nothing(app, clients):
    before = _request_count(app)
    bad = _request_form(
        app,
        keer_per_week="²",  # str.isdigit() says yes, int() says no
        handen=str(10**25),
        vak="v" * 101,  # String(100)
        taak="t" * 201,  # String(200)
        toelichting="met\x00nul",  # PostgreSQL refuses a NUL byte in any text
    )
    response = clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vul in hoe vaak per week: 1 tot 7." in page
    assert "Vul het aantal handen tegelijk in: 1 tot 10." in page
    assert "De tekst bij het vak is 101 tekens lang; hoogstens 100." in page
    assert "De tekst bij de taak is 201 tekens lang; hoogstens 200." in page
    assert "De tekst bij de toelichting bevat een ongeldig teken (NUL)." in page
    assert _request_count(app) == before


def test_hands_over_ten_and_over_the_database_integer_are_refused(app, clients):
    for hands in ("11", str(3 * 10**9)):
        response = clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=_request_form(app, handen=hands))
        assert response.status_code == 422 and "1 tot 10" in response.get_data(as_text=True)


def test_texts_that_just_fit_their_columns_are_stored(app, clients):
    form = _request_form(app, vak="v" * 100, taak="t" * 200)
    assert clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=form).status_code == 302
    with app.app_context():
        assert db.session.scalars(db.select(Request).where(Request.subject == "v" * 100)).one().task == "t" * 200


def _settings_form(**changes) -> dict:
    return {
        "school": "De Proefschool",
        "tijdstap_min": "15",
        "wisseltijd_min": "0",
        "tijdslimiet_s": "20",
        "dag_ma": "ja",
        "begin_ma": "8:30",
        "eind_ma": "14:30",
        **changes,
    }


def test_settings_refuse_nan_inf_and_huge_numbers_all_at_once(app, clients):
    planner = clients["planner"]
    for bad in ("nan", "inf", "1e30", "-inf"):
        form = _settings_form(tijdstap_min=bad, wisseltijd_min=bad, tijdslimiet_s=bad)
        page = planner.post("/planner/school", data=form, follow_redirects=True).get_data(as_text=True)
        assert "Tijdstap: &#39;" in page and "Wisseltijd: &#39;" in page and "Tijdslimiet: &#39;" in page, bad
    with app.app_context():
        assert load_school().settings.time_limit_s != float("inf")
    # The pages a stored infinite time limit used to break still answer.
    assert planner.get("/planner/").status_code == 200


def test_settings_ranges(app, clients):
    cases = {
        "tijdslimiet_s": ("3601", "Tijdslimiet: geef een getal van 1 tot en met 3600."),
        "wisseltijd_min": ("241", "Wisseltijd: geef een getal van 0 tot en met 240."),
        "tijdstap_min": ("7", "Tijdstap: kies een aantal minuten waar het uur door deelbaar is"),
    }
    for field_name, (value, message) in cases.items():
        response = clients["planner"].post("/planner/school", data=_settings_form(**{field_name: value}))
        page = clients["planner"].get(response.headers["Location"]).get_data(as_text=True)
        assert message in page, field_name
    with app.app_context():
        settings = load_school().settings
        assert (settings.time_limit_s, settings.changeover_min) != (3601, 241)


def test_helper_hours_must_be_finite_and_within_a_week(app, clients):
    for hours, daily in (("inf", ""), ("61", ""), ("nan", ""), ("8", "25")):
        form = {"naam": "Fien", "functie": "stagiaire", "uren_per_week": hours, "max_uren_per_dag": daily}
        page = (
            clients["planner"].post("/planner/ondersteuners", data=form, follow_redirects=True).get_data(as_text=True)
        )
        assert re.search(r"geef een getal van 0 tot en met (60|24)|is geen getal", page), (hours, daily)
    with app.app_context():
        assert db.session.scalars(db.select(Helper).where(Helper.name == "Fien")).first() is None


def test_group_and_task_names_over_their_column_get_a_dutch_message(app, clients):
    planner = clients["planner"]
    page = planner.post("/planner/groepen", data={"naam": "g" * 101}, follow_redirects=True).get_data(as_text=True)
    assert "De tekst bij de naam van de groep is 101 tekens lang; hoogstens 100." in page
    page = planner.post("/planner/taken", data={"naam": "t\x00"}, follow_redirects=True).get_data(as_text=True)
    assert "De tekst bij de taak bevat een ongeldig teken (NUL)." in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Group.id))) == 2  # the two seeded groups
        assert db.session.scalars(db.select(Task.name)).all() == ["basisgroep overnemen"]  # the seeded task only


def test_request_round_toggle_redirects_only_to_a_local_page(app, clients):
    planner = clients["planner"]
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = planner.post("/planner/aanvraagronde", data={"open": "ja", "terug": target})
        assert response.headers["Location"] == "/planner/aanvragen", target
    response = planner.post("/planner/aanvraagronde", data={"open": "ja", "terug": "/planner/"})
    assert response.headers["Location"] == "/planner/"


def test_every_answer_has_a_content_security_policy(app, clients):
    for client, path in ((clients["anonymous"], "/inloggen"), (clients["planner"], "/planner/")):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy


INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def test_no_template_has_inline_scripts_or_styles_the_policy_would_block():
    templates = sorted(Path(web.__file__).parent.rglob("*.html"))
    assert templates
    assert [str(path) for path in templates if INLINE_CODE.search(path.read_text(encoding="utf-8"))] == []


def test_a_huge_bad_time_is_not_echoed_whole(app, clients):
    huge = "9" * 40_000
    response = clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=_request_form(app, van=huge))
    messages = re.findall(r"&#39;(9+…?)&#39;", response.get_data(as_text=True))
    assert response.status_code == 422 and messages and all(len(text) <= 80 for text in messages)
