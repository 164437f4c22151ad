"""Teacher pages: submit, validate, edit, withdraw, the closed round, outcomes after publishing."""

from __future__ import annotations

import threading

from web.db import db
from web.store.convert import settings_row
from web.store.models import Request

from .conftest import login, publish_plan

VALID = {
    "groep": "",  # filled per test with the id of group 5
    "vak": "rekenen",
    "taak": "basisgroep overnemen",
    "doel": "Breuken vergelijken",
    "subgroep": "intensieve subgroep",
    "keer_per_week": "2",
    "duur_min": "45",
    "dagen": ["ma", "di"],
    "tijdtype": "venster",
    "van": "9:00",
    "tot": "11:00",
    "voorkeur_begin": "9:30",
    "prioriteit": "hoog",
    "functies": ["onderwijsassistent"],
    "vaardigheden": "rekenen",
    "handen": "1",
    "voorkeur": "Carla",
    "toelichting": "",
}


def _group_id(app, name: str) -> str:
    from web.store.models import Group

    with app.app_context():
        return str(db.session.scalars(db.select(Group).where(Group.name == name)).one().id)


def _form(app, **changes):
    return {**VALID, "groep": _group_id(app, "5"), **changes}


def test_teacher_submits_a_request_with_every_field(app, clients):
    response = clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=_form(app))
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalars(db.select(Request).where(Request.goal == "Breuken vergelijken")).one()
        assert (row.teacher.name, row.group.name, row.days, row.window_start, row.window_end) == (
            "Anna de Vries",
            "5",
            "ma, di",
            540,
            660,
        )
        assert (row.preferred_start, row.priority, row.roles, row.subgroup) == (
            570,
            1,
            "onderwijsassistent",
            "intensieve subgroep",
        )
        assert row.code == f"A{row.id:03d}" and not row.withdrawn  # the workbook's request id form
    page = clients["teacher"].get("/leerkracht/").get_data(as_text=True)
    assert "basisgroep overnemen" in page and "ingediend" in page


def test_fixed_time_sets_a_window_of_exactly_the_duration(app, clients):
    clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=_form(app, tijdtype="vast", begin="10:15", doel="vast"))
    with app.app_context():
        row = db.session.scalars(db.select(Request).where(Request.goal == "vast")).one()
        assert (row.window_start, row.window_end) == (615, 660)


def test_validation_messages_appear_next_to_the_fields(app, clients):
    cases = {
        # window 9:00-9:30 is 30 min, shorter than 45 min
        "korter dan de duur": _form(app, tot="9:30", voorkeur_begin=""),
        # two sessions asked, only Monday allowed: each session needs its own day
        "past maar op 1 dag": _form(app, dagen=["ma"]),
        # 9:07 is not on the 5-minute step
        "valt niet op de tijdstap": _form(app, van="9:07"),
        # group 6 is Bram's, not Anna's
        "eigen groepen": _form(app, groep=_group_id(app, "6")),
        "geen tijd": _form(app, van="negen uur"),
        # Wednesday school ends 12:15 and the window starts 12:30 there: fits on no day
        "Op geen van de gekozen dagen": _form(
            app, dagen=["wo"], keer_per_week="1", van="12:30", tot="13:30", voorkeur_begin=""
        ),
    }
    for expected, data in cases.items():
        response = clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 422 and expected in page, expected
        assert 'aria-invalid="true"' in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Request.id))) == 2  # only the seeded ones


def test_teacher_edits_and_withdraws_own_request(app, clients, seeded):
    base = f"/leerkracht/aanvragen/{seeded.request_a_id}"
    form = clients["teacher"].get(base + "/bewerken").get_data(as_text=True)
    assert "Tafels 1-10 automatiseren" in form
    response = clients["teacher"].post(base + "/bewerken", data=_form(app, doel="Nieuw doel", keer_per_week="1"))
    assert response.status_code == 302
    assert clients["teacher"].post(base + "/intrekken").status_code == 302
    with app.app_context():
        row = db.session.get(Request, seeded.request_a_id)
        assert (row.goal, row.sessions_per_week, row.withdrawn) == ("Nieuw doel", 1, True)
    assert "ingetrokken" in clients["teacher"].get("/leerkracht/").get_data(as_text=True)


def test_closed_round_makes_requests_read_only(app, clients, seeded):
    with app.app_context():
        settings_row().request_round_open = False
        db.session.commit()
    base = f"/leerkracht/aanvragen/{seeded.request_a_id}"
    page = clients["teacher"].get(base).get_data(as_text=True)
    assert "gesloten" in page and "Wijzigen" not in page
    assert clients["teacher"].post(base + "/bewerken", data=_form(app, doel="stiekem")).status_code == 302
    clients["teacher"].post(base + "/intrekken")
    clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=_form(app, doel="te laat"))
    with app.app_context():
        row = db.session.get(Request, seeded.request_a_id)
        assert row.goal == "Tafels 1-10 automatiseren" and not row.withdrawn
        assert db.session.scalar(db.select(db.func.count(Request.id))) == 2


def test_after_publishing_teacher_sees_outcome_reason_and_who_comes_when(app, clients, seeded):
    # Request 1 asks 2 sessions; the plan places one (Monday 9:00 with Carla): partly honoured.
    publish_plan(
        app,
        [{"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585}],
        [
            {
                "request_id": "1",
                "cause": "uren op",
                "reason": "Carla heeft geen uren meer op dinsdag.",
                "suggestion": "Met 1 uur extra voor Carla past dit.",
            }
        ],
    )
    page = clients["teacher"].get("/leerkracht/").get_data(as_text=True)
    assert "deels" in page and "1 van 2" in page
    assert "Van uw 1 aanvraag in het rooster:" in page and "0 gehonoreerd" in page
    assert "maandag 9:00–9:45: Carla" in page
    assert "Carla heeft geen uren meer op dinsdag." in page and "Met 1 uur extra" in page
    bram = clients["other_teacher"].get("/leerkracht/").get_data(as_text=True)
    assert "niet ingepland" in bram and "Carla heeft geen uren" not in bram


def test_a_request_sent_after_the_published_run_is_new_not_unplaced(app, clients, seeded):
    # The published run placed request 1 fully; a request sent afterwards was never seen by a run,
    # so it is "nieuw", not "niet ingepland", and the flash names it the way every page does (A003).
    publish_plan(
        app,
        [
            {"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585},
            {"request_id": "1", "helpers": ["Carla"], "day": "di", "start": 540, "end": 585},
        ],
    )
    sent = clients["teacher"].post("/leerkracht/aanvragen/nieuw", data=_form(app), follow_redirects=True)
    assert "Uw aanvraag A003 is ingediend." in sent.get_data(as_text=True)
    page = clients["teacher"].get("/leerkracht/").get_data(as_text=True)
    assert "nieuw — nog niet ingepland" in page
    assert "Van uw 1 aanvraag in het rooster:" in page and "0 niet ingepland" in page


def test_two_teachers_submitting_at_the_same_time_lose_nothing(app, seeded):
    """Threads with their own clients post at once; every request must be stored with a unique code."""
    per_teacher = 6
    group_ids = {"anna@school.nl": _group_id(app, "5"), "bram@school.nl": _group_id(app, "6")}
    barrier = threading.Barrier(2)
    errors = []

    def submit(email: str) -> None:
        client = login(app.test_client(), email)
        barrier.wait()
        for number in range(per_teacher):
            data = {
                **VALID,
                "groep": group_ids[email],
                "doel": f"{email}-{number}",
                "voorkeur": "",
                "functies": [],
                "vaardigheden": "",
            }
            status = client.post("/leerkracht/aanvragen/nieuw", data=data).status_code
            if status != 302:
                errors.append((email, number, status))

    threads = [threading.Thread(target=submit, args=(email,)) for email in group_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with app.app_context():
        rows = db.session.scalars(db.select(Request)).all()
        goals = {row.goal for row in rows}
        assert all(f"{email}-{n}" in goals for email in group_ids for n in range(per_teacher))
        assert len({row.code for row in rows}) == len(rows) == 2 + 2 * per_teacher
