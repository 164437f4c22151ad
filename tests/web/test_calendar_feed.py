"""Calendar subscriptions: the secret address shows the published plan, absences and holidays; revoked is 404.

Every feed is parsed back with the ``icalendar`` library. The seeded school has school on ma, di, wo;
the planning period is one fortnight: Monday 7 to Friday 18 December 2026.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest

from web.db import db
from web.store.convert import settings_row
from web.store.models import Request
from web.store.models_plan import AbsenceRecord, utc_now
from web.store.models_reach import DaysOffRow

from .conftest import publish_plan

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CARLA_MONDAY = {"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585}
CARLA_TUESDAY = {"request_id": "2", "helpers": ["Carla"], "day": "di", "start": 600, "end": 630}


@pytest.fixture
def backend() -> str:
    """No backend-specific SQL here: SQLite only keeps the suite fast (see conftest)."""
    return "sqlite"


@pytest.fixture
def fortnight(app, seeded):
    with app.app_context():
        settings = settings_row()
        settings.period_start, settings.period_end = dt.date(2026, 12, 7), dt.date(2026, 12, 18)
        db.session.commit()
    return publish_plan(app, [CARLA_MONDAY, CARLA_TUESDAY])


def subscribe(client, page: str) -> str:
    """Make an address on the subscription page; the path of the feed it shows once."""
    response = client.post(page, data={"actie": "vernieuwen"}, follow_redirects=True)
    return re.search(r'value="http://localhost(/agenda/[^"]+\.ics)"', response.get_data(as_text=True)).group(1)


def events(client, path: str) -> list[tuple[dt.datetime, dt.datetime, str]]:
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.get_data())
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    return sorted((e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"])) for e in calendar.walk("VEVENT"))


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=AMSTERDAM)


def test_the_helpers_feed_has_every_session_on_every_school_date_in_amsterdam_time(app, clients, fortnight):
    feed = subscribe(clients["helper"], "/ondersteuner/agenda")
    # two weeks × (Monday 9:00–9:45 for request 1, Tuesday 10:00–10:30 for request 2)
    got = events(clients["anonymous"], feed)
    assert [(start, end) for start, end, _ in got] == [
        (at(7, 9), at(7, 9, 45)),
        (at(8, 10), at(8, 10, 30)),
        (at(14, 9), at(14, 9, 45)),
        (at(15, 10), at(15, 10, 30)),
    ]
    assert got[0][2] == "basisgroep overnemen – groep 5"
    assert got[0][0].utcoffset() == dt.timedelta(hours=1)  # CET in December


def test_the_feed_skips_a_study_day_and_shows_a_passed_on_absence_on_its_date(app, clients, fortnight):
    with app.app_context():
        db.session.add(DaysOffRow(first=dt.date(2026, 12, 15), last=dt.date(2026, 12, 15), description="studiedag"))
        # Carla is absent on 14 December: Daan takes request 1 over at 9:30 (passed on)
        planned = {"helpers": ["Carla"], "start": 540, "end": 585}
        now = {"helpers": ["Daan"], "start": 570, "end": 615}
        db.session.add(
            AbsenceRecord(
                helper="Carla",
                date=dt.date(2026, 12, 14),
                run_id=fortnight,
                changes=[{"request_id": "1", "planned": planned, "now": now}],
                absent_sessions=1,
                published_at=utc_now(),
            )
        )
        db.session.commit()
    helper_feed = subscribe(clients["helper"], "/ondersteuner/agenda")
    assert [start for start, _, _ in events(clients["anonymous"], helper_feed)] == [at(7, 9), at(8, 10)]
    teacher_feed = subscribe(clients["teacher"], "/leerkracht/agenda")
    # Anna's request 1: Carla on the 7th, Daan at the new time on the 14th
    assert events(clients["anonymous"], teacher_feed) == [
        (at(7, 9), at(7, 9, 45), "Carla: basisgroep overnemen"),
        (at(14, 9, 30), at(14, 10, 15), "Daan: basisgroep overnemen"),
    ]


def test_a_renewed_or_revoked_address_gives_404(app, clients, fortnight):
    helper = clients["helper"]
    first = subscribe(helper, "/ondersteuner/agenda")
    second = subscribe(helper, "/ondersteuner/agenda")
    assert clients["anonymous"].get(first).status_code == 404
    assert clients["anonymous"].get(second).status_code == 200
    helper.post("/ondersteuner/agenda", data={"actie": "intrekken"})
    assert clients["anonymous"].get(second).status_code == 404
    assert clients["anonymous"].get("/agenda/geraden.ics").status_code == 404


def test_the_teacher_sees_who_comes_to_the_group_when(app, clients, fortnight):
    page = clients["teacher"].get("/leerkracht/groep").get_data(as_text=True)
    # Anna teaches group 5: request 1 with Carla on Monday; Bram's group 6 is not hers
    assert "Groep 5" in page and "Carla" in page and "9:00–9:45" in page
    assert "leesbegeleiding" not in page


INJECTED = "\rEND:VEVENT\rBEGIN:VEVENT\rUID:nep\rDTSTART:20261209T080000\rDTEND:20261209T090000\rSUMMARY:nep"


def leniently_read_events(raw: bytes) -> list[icalendar.Event]:
    """The events as a calendar app sees them that takes a lone CR or LF for a line end, as many do."""
    text = raw.decode().replace("\r\n", "\n").replace("\r", "\n")
    return icalendar.Calendar.from_ical(text).walk("VEVENT")


def test_line_ends_in_a_task_or_goal_cannot_add_events_or_properties(app, clients, fortnight):
    # a lone CR in the task (and LF and CRLF in the goal) would start new lines and a fifth event on the 9th;
    # escaped, the feed keeps exactly Carla's four sessions, and the texts keep their line ends as text
    with app.app_context():
        request = db.session.scalars(db.select(Request).where(Request.code == "1")).one()
        request.task = "basisgroep" + INJECTED
        request.goal = "eerst\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20261209T080000"
        db.session.commit()
    raw = clients["anonymous"].get(subscribe(clients["helper"], "/ondersteuner/agenda")).get_data()
    assert re.search(rb"\r(?!\n)|(?<!\r)\n", raw) is None  # every line ends in CRLF, nothing else breaks a line
    found = leniently_read_events(raw)
    assert [event.decoded("dtstart") for event in found] == [at(7, 9), at(8, 10), at(14, 9), at(15, 10)]
    assert {str(event["uid"]) for event in found} == {
        f"2026-12-{day}-{code}@handenplanner" for day, code in (("07", 1), ("08", 2), ("14", 1), ("15", 2))
    }
    assert str(found[0]["summary"]) == "basisgroep" + INJECTED.replace("\r", "\n") + " – groep 5"
    assert "eerst\nEND:VEVENT\nBEGIN:VEVENT" in str(found[0]["description"])
