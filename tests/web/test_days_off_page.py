"""The planner's Vrije dagen page: holidays and study days are added, read into the school, removed."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.model import DaysOff
from web.store.convert import load_school


@pytest.fixture
def backend() -> str:
    """No backend-specific SQL here: SQLite only keeps the suite fast (see conftest)."""
    return "sqlite"


def _days_off(app):
    with app.app_context():
        return load_school().days_off


def test_a_holiday_and_a_study_day_are_added_and_removed(app, clients, seeded):
    planner = clients["planner"]
    holiday = {"van": "2026-12-21", "tot": "2027-01-01", "omschrijving": "kerstvakantie"}
    assert planner.post("/planner/vrije-dagen", data=holiday).status_code == 302
    planner.post("/planner/vrije-dagen", data={"van": "2026-10-07", "omschrijving": "studiedag"})
    assert _days_off(app) == (
        DaysOff(dt.date(2026, 10, 7), dt.date(2026, 10, 7), "studiedag"),  # no end: that one day
        DaysOff(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "kerstvakantie"),
    )
    page = planner.get("/planner/vrije-dagen").get_data(as_text=True)
    assert "maandag 21 december 2026" in page and "kerstvakantie" in page
    row_id = int(page.split('name="id" value="')[1].split('"')[0])
    planner.post("/planner/vrije-dagen/verwijderen", data={"id": row_id})
    assert [d.description for d in _days_off(app)] == ["kerstvakantie"]


def test_an_end_before_the_start_is_refused_with_a_dutch_message(app, clients, seeded):
    response = clients["planner"].post(
        "/planner/vrije-dagen", data={"van": "2026-12-21", "tot": "2026-12-20"}, follow_redirects=True
    )
    assert "ligt vóór die bij" in response.get_data(as_text=True)
    assert _days_off(app) == ()
