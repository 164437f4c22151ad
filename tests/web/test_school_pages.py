"""The school's set-up pages: school, groups, teachers, helpers with availability, tasks, requests, accounts."""

from __future__ import annotations

import re

import pytest

from web.db import db
from web.store.convert import load_school, settings_row
from web.store.models import Group, Helper, Request, Teacher

from .conftest import login, publish_plan


def _school(app):
    with app.app_context():
        return load_school()


@pytest.fixture
def backend() -> str:
    """These pages hold no backend-specific SQL: SQLite only keeps the suite fast (see conftest)."""
    return "sqlite"


def test_school_settings_and_hours_are_edited(app, clients):
    data = {
        "school": "OBS De Regenboog",
        "tijdstap_min": "15",
        "wisseltijd_min": "10",
        "tijdslimiet_s": "20",
        "periode_van": "2026-09-01",
        "periode_tot": "2027-01-31",
        "dag_ma": "ja",
        "begin_ma": "8:30",
        "eind_ma": "14:30",
        "dag_vr": "ja",
        "begin_vr": "8:30",
        "eind_vr": "12:00",
    }
    assert clients["planner"].post("/planner/school", data=data).status_code == 302
    school = _school(app)
    assert school.settings.school_name == "OBS De Regenboog" and school.settings.time_step_min == 15
    assert [(d.day, d.start, d.end) for d in school.school_days] == [("ma", 510, 870), ("vr", 510, 720)]
    # A step that does not divide 60 is refused and changes nothing.
    clients["planner"].post("/planner/school", data={**data, "tijdstap_min": "7"})
    assert _school(app).settings.time_step_min == 15


def test_groups_are_added_renamed_and_deleted_only_when_unused(app, clients):
    planner = clients["planner"]
    planner.post("/planner/groepen", data={"naam": "7/8", "locatie": "Hoofdgebouw"})
    planner.post("/planner/groepen", data={"naam": "7/8"})  # duplicate refused
    with app.app_context():
        rows = db.session.scalars(db.select(Group).where(Group.name == "7/8")).all()
        assert len(rows) == 1
        new_id = rows[0].id
        used_id = db.session.scalars(db.select(Group).where(Group.name == "5")).one().id
    planner.post(f"/planner/groepen/{new_id}", data={"naam": "7-8", "locatie": ""})
    page = planner.post(f"/planner/groepen/{used_id}", data={"actie": "verwijderen"}, follow_redirects=True)
    assert "kan niet weg" in page.get_data(as_text=True)
    planner.post(f"/planner/groepen/{new_id}", data={"actie": "verwijderen"})
    assert [g.name for g in _school(app).groups] == ["5", "6"]


def test_teacher_is_added_with_groups_and_edited(app, clients):
    with app.app_context():
        group_ids = {g.name: str(g.id) for g in db.session.scalars(db.select(Group))}
    clients["planner"].post(
        "/planner/leerkrachten", data={"naam": "Cor", "email": "cor@x.nl", "groepen": [group_ids["6"]]}
    )
    assert _school(app).teacher("cor").groups == ("6",)
    with app.app_context():
        cor_id = db.session.scalars(db.select(Teacher).where(Teacher.name == "Cor")).one().id
    clients["planner"].post(
        f"/planner/leerkrachten/{cor_id}", data={"naam": "Cor", "groepen": list(group_ids.values())}
    )
    assert _school(app).teacher("Cor").groups == ("5", "6")


def test_helper_with_hours_skills_placement_and_availability(app, clients):
    planner = clients["planner"]
    response = planner.post(
        "/planner/ondersteuners", data={"naam": "Fien", "functie": "stagiaire", "uren_per_week": "6,5"}
    )
    helper_path = response.headers["Location"]
    planner.post(
        helper_path,
        data={
            "naam": "Fien",
            "functie": "stagiaire",
            "uren_per_week": "6,5",
            "max_uren_per_dag": "3",
            "vaardigheden": "lezen, rekenen",
            "stagegroep": ["6"],
            "locaties": "",
        },
    )
    planner.post(helper_path, data={"actie": "blok-toevoegen", "dag": "di", "van": "8:30", "tot": "12:00"})
    planner.post(helper_path, data={"actie": "blok-toevoegen", "dag": "di", "van": "13:00", "tot": "12:00"})  # refused
    fien = _school(app).helper("Fien")
    assert (fien.hours_per_week, fien.max_hours_per_day, fien.skills, fien.placement_groups) == (
        6.5,
        3.0,
        ("lezen", "rekenen"),
        ("6",),
    )
    assert [(b.day, b.start, b.end) for b in fien.availability] == [("di", 510, 720)]
    page = planner.get(helper_path).get_data(as_text=True)
    assert "3,5 uur per week" in page
    with app.app_context():
        block_id = db.session.scalars(db.select(Helper).where(Helper.name == "Fien")).one().availability[0].id
    planner.post(helper_path, data={"actie": "blok-verwijderen", "blok": str(block_id)})
    assert _school(app).helper("Fien").availability == ()
    assert (
        planner.post(
            helper_path, data={"naam": "Fien", "functie": "tovenaar", "uren_per_week": "1"}, follow_redirects=True
        ).status_code
        == 200
    )
    assert _school(app).helper("Fien").role == "stagiaire"


def test_tasks_with_roles(app, clients):
    clients["planner"].post(
        "/planner/taken", data={"naam": "voorlezen", "functies": ["vrijwilliger"], "omschrijving": "x"}
    )
    assert _school(app).task("voorlezen").roles == ("vrijwilliger",)


def test_requests_are_filtered_by_teacher_group_priority_and_status(app, clients, seeded):
    planner = clients["planner"]
    page = planner.get("/planner/aanvragen").get_data(as_text=True)
    assert "Anna de Vries" in page and "Bram Jansen" in page
    page = planner.get(f"/planner/aanvragen?leerkracht={seeded.teacher_a_id}").get_data(as_text=True)
    assert "leesbegeleiding" not in page and "basisgroep overnemen" in page
    page = planner.get("/planner/aanvragen?prioriteit=middel").get_data(as_text=True)
    assert "leesbegeleiding" in page and "Tafels" not in page
    publish_plan(app, [{"request_id": "2", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 570}])
    page = planner.get("/planner/aanvragen?status=gehonoreerd").get_data(as_text=True)
    assert "leesbegeleiding" in page and "Tafels" not in page
    page = planner.get("/planner/aanvragen?status=niet+ingepland").get_data(as_text=True)
    assert "Tafels" in page and "leesbegeleiding" not in page
    page = planner.get("/planner/aanvragen?zoek=LEESBEGELEIDING").get_data(as_text=True)
    assert "leesbegeleiding" in page and "basisgroep overnemen" not in page  # words in any case


def test_planner_opens_and_closes_the_request_round(app, clients):
    clients["planner"].post("/planner/aanvraagronde", data={"open": "nee"})
    with app.app_context():
        assert settings_row().request_round_open is False
    assert "gesloten" in clients["teacher"].get("/leerkracht/").get_data(as_text=True)
    clients["planner"].post("/planner/aanvraagronde", data={"open": "ja"})
    with app.app_context():
        assert settings_row().request_round_open is True


def test_planner_creates_an_account_and_the_one_time_password_works(app, clients):
    with app.app_context():
        helper_id = db.session.scalars(db.select(Helper).where(Helper.name == "Daan")).one().id
    response = clients["planner"].post(
        "/planner/accounts",
        data={"email": "daan@school.nl", "naam": "", "rol": "helper", "ondersteuner": str(helper_id)},
    )
    page = response.get_data(as_text=True)
    password = re.search(r'<span class="secret">([^<]+)</span>', page).group(1)
    client = login(app.test_client(), "daan@school.nl", password)
    assert "Mijn week: Daan" in client.get("/ondersteuner/").get_data(as_text=True)
    # A teacher account without a linked teacher is refused with a clear message.
    refused = clients["planner"].post("/planner/accounts", data={"email": "x@school.nl", "rol": "teacher"})
    assert refused.status_code == 422 and "Koppel een leerkrachtaccount" in refused.get_data(as_text=True)


def test_renaming_keeps_names_that_other_rows_use_in_step(app, clients):
    from web.store.models import Request

    with app.app_context():
        group_6 = db.session.scalars(db.select(Group).where(Group.name == "6")).one().id
        carla = db.session.scalars(db.select(Helper).where(Helper.name == "Carla")).one().id
        db.session.scalars(db.select(Request).where(Request.code == "1")).one().preferred_helper = "Carla"
        db.session.commit()
    clients["planner"].post(f"/planner/groepen/{group_6}", data={"naam": "6b", "locatie": "Dependance"})
    assert _school(app).helper("Daan").placement_groups == ("6b",)  # Daan's placement group followed the rename
    form = {"naam": "Carla B", "functie": "onderwijsassistent", "uren_per_week": "8", "vaardigheden": "rekenen"}
    clients["planner"].post(f"/planner/ondersteuners/{carla}", data=form)
    assert _school(app).request("1").preferred_helper == "Carla B"
    clients["planner"].post(f"/planner/ondersteuners/{carla}", data={"actie": "verwijderen"})
    assert _school(app).request("1").preferred_helper is None


def test_accounts_for_everyone_with_an_e_mail_address(app, clients):
    # Seed: Anna and Bram have e-mail addresses and accounts already; give Daan an address, no account yet.
    with app.app_context():
        db.session.scalars(db.select(Helper).where(Helper.name == "Daan")).one().email = "daan@school.nl"
        db.session.commit()
    page = clients["planner"].post("/planner/accounts/iedereen").get_data(as_text=True)
    passwords = re.findall(r'<span class="secret">([^<]+)</span>', page)
    assert len(passwords) == 1 and "daan@school.nl" in page
    login(app.test_client(), "daan@school.nl", passwords[0])
    again = clients["planner"].post("/planner/accounts/iedereen").get_data(as_text=True)
    assert "heeft al een account" in again


def test_planner_edits_withdraws_and_restores_any_request(app, clients, seeded):
    from web.store.models import Request

    path = f"/planner/aanvragen/{seeded.request_b_id}"
    page = clients["planner"].get(path).get_data(as_text=True)
    assert "Aanvraag van Bram Jansen" in page and "leesbegeleiding" in page
    with app.app_context():
        group_6 = str(db.session.scalars(db.select(Group).where(Group.name == "6")).one().id)
    # Widen the window from a fixed 9:00 to 9:00–11:00, as a diagnosis might suggest.
    form = {
        "groep": group_6,
        "taak": "leesbegeleiding",
        "keer_per_week": "1",
        "duur_min": "30",
        "tijdtype": "venster",
        "van": "9:00",
        "tot": "11:00",
        "prioriteit": "middel",
        "handen": "1",
    }
    assert clients["planner"].post(path, data=form).status_code == 302
    assert (_school(app).request("2").window_start, _school(app).request("2").window_end) == (540, 660)
    clients["planner"].post(path, data={"actie": "intrekken"})
    assert _school(app).request("2") is None
    clients["planner"].post(path, data={"actie": "herstellen"})
    with app.app_context():
        assert db.session.get(Request, seeded.request_b_id).withdrawn is False


def test_a_long_requests_list_is_shown_a_hundred_at_a_time_with_its_filters(app, clients, seeded):
    """250 more requests of Anna's: 252 in all (the seed has 2), so three pages of 100, 100 and 52; a filter
    on Anna pages her 251 the same way and the page links keep the filter."""
    with app.app_context():
        template = db.session.get(Request, seeded.request_a_id)
        for number in range(250):
            db.session.add(copied_request(template, f"L{number:03d}"))
        db.session.commit()
    planner = clients["planner"]
    first = planner.get("/planner/aanvragen").get_data(as_text=True)
    assert "252 aanvragen, 1–100 op deze pagina" in first and "Pagina 1 van 3" in first
    assert count_rows(first) == 100 and "Vorige" not in first
    last = planner.get("/planner/aanvragen?pagina=3").get_data(as_text=True)
    assert "201–252 op deze pagina" in last and count_rows(last) == 52 and "Volgende" not in last
    # Any page number a URL holds lands on a page that exists.
    assert "Pagina 3 van 3" in planner.get("/planner/aanvragen?pagina=99999999999999999999").get_data(as_text=True)
    assert "Pagina 1 van 3" in planner.get("/planner/aanvragen?pagina=-4").get_data(as_text=True)
    filtered = planner.get(f"/planner/aanvragen?leerkracht={seeded.teacher_a_id}").get_data(as_text=True)
    assert f"leerkracht={seeded.teacher_a_id}" in re.search(r'href="([^"]*)" rel="next"', filtered).group(1)
    # A search is filtered in Python over every row, then paged the same way: L1xx are 100 requests.
    found = planner.get("/planner/aanvragen?zoek=L1").get_data(as_text=True)
    assert "100 aanvragen" in found and "Pagina" not in found and count_rows(found) == 100


def copied_request(template: Request, code: str) -> Request:
    columns = {c.key: getattr(template, c.key) for c in Request.__table__.columns if c.key not in ("id", "code")}
    return Request(**columns, code=code)


def count_rows(page: str) -> int:
    return len(re.findall(r"<tr>\s*<td><a href=\"/planner/aanvragen/\d+\"", page))
