"""The helper's week from the published plan."""

from __future__ import annotations

import pytest

from .conftest import publish_plan


@pytest.fixture
def backend() -> str:
    """These pages hold no backend-specific SQL: SQLite only keeps the suite fast (see conftest)."""
    return "sqlite"


def test_empty_state_before_anything_is_published(clients):
    page = clients["helper"].get("/ondersteuner/").get_data(as_text=True)
    assert "nog geen rooster gepubliceerd" in page


def test_week_shows_time_group_teacher_task_goal_and_location(app, clients):
    publish_plan(
        app,
        [
            {"request_id": "1", "helpers": ["Carla"], "day": "di", "start": 600, "end": 645},
            {"request_id": "2", "helpers": ["Carla", "Daan"], "day": "ma", "start": 540, "end": 570},
            {"request_id": "1", "helpers": ["Daan"], "day": "wo", "start": 540, "end": 585},
        ],
    )
    page = clients["helper"].get("/ondersteuner/").get_data(as_text=True)
    # Carla has Monday (request 2, group 6 at the Dependance, with Daan) before Tuesday (request 1).
    assert page.index("Maandag") < page.index("Dinsdag") and "Woensdag" not in page
    assert "9:00–9:30" in page and "Bram Jansen" in page and "leesbegeleiding" in page and "Dependance" in page
    assert "samen met Daan" in page
    assert "10:00–10:45" in page and "Anna de Vries" in page and "Tafels 1-10 automatiseren" in page


def test_the_location_column_shows_only_when_a_session_has_a_location(app, clients):
    # Request 1 is for group 5, which has no location (the school's single location): no column.
    publish_plan(app, [{"request_id": "1", "helpers": ["Carla"], "day": "di", "start": 600, "end": 645}])
    page = clients["helper"].get("/ondersteuner/").get_data(as_text=True)
    assert "10:00–10:45" in page and "Locatie" not in page


def test_only_the_published_plan_counts(app, clients):
    from web.db import db
    from web.store.models_plan import RUN_DONE, PlannedSession, PlanRun

    with app.app_context():
        draft = PlanRun(status=RUN_DONE)
        draft.sessions = [
            PlannedSession(request_id="1", helpers=["Carla"], pinned_helpers=[], day="ma", start=540, end=585)
        ]
        db.session.add(draft)
        db.session.commit()
    page = clients["helper"].get("/ondersteuner/").get_data(as_text=True)
    assert "nog geen rooster gepubliceerd" in page
