"""Publishing after seeing the changes, comparing runs, the history, and which plan each page shows.

Runs are stored directly (no solver): the seeded school's request 1 (Anna's, twice a week) and 2 (Bram's).
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.web.conftest import publish_plan
from tests.web.publishing import confirmation_fields, publish
from web.db import db
from web.store import plan_store
from web.store.models_plan import RUN_DONE, PlannedSession, PlanRun, Publication

MONDAY = {"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585}
TUESDAY = {"request_id": "1", "helpers": ["Carla"], "day": "di", "start": 540, "end": 585}
WEDNESDAY_DAAN = {"request_id": "2", "helpers": ["Daan"], "day": "wo", "start": 540, "end": 570}


def store_run(app, sessions: list[dict]) -> int:
    """A finished run that is not published: a concept."""
    with app.app_context():
        run = PlanRun(status=RUN_DONE, solve_status="optimaal")
        run.sessions = [PlannedSession(pinned_helpers=[], **session) for session in sessions]
        db.session.add(run)
        db.session.commit()
        return run.id


@pytest.fixture
def two_runs(app, seeded):
    """Run 1 published (Monday only), run 2 a concept: Monday moved to Tuesday, and request 2 added."""
    published = publish_plan(app, [MONDAY])
    concept = store_run(app, [TUESDAY, WEDNESDAY_DAAN])
    return published, concept


def test_confirmation_shows_the_changes_per_helper_and_teacher(clients, two_runs):
    _, concept = two_runs
    page = clients["planner"].get(f"/planner/publiceren?run={concept}").get_data(as_text=True)
    # One move (request 1, Monday → Tuesday) and one addition (request 2 with Daan): two changes.
    assert 'data-diff-total="2"' in page
    assert "Ondersteuner Carla" in page and "Ondersteuner Daan" in page
    assert "Leerkracht Anna de Vries" in page and "Leerkracht Bram Jansen" in page
    assert "verplaatst" in page and "erbij" in page
    assert "maandag 9:00–9:45 (Carla)" in page and "dinsdag 9:00–9:45 (Carla)" in page


def test_publishing_needs_the_confirmation(app, clients, two_runs):
    published, concept = two_runs
    response = clients["planner"].post("/planner/publiceren", data={"run_id": concept})
    assert response.status_code == 302 and f"run={concept}" in response.location
    with app.app_context():
        assert plan_store.published_plan_run().id == published


def test_a_confirmation_against_a_plan_since_replaced_is_refused(app, clients, two_runs):
    # The planner confirmed against run 1; meanwhile run 3 was published. The changes shown are stale.
    published, concept = two_runs
    fields = confirmation_fields(clients["planner"], concept)
    assert fields["tegen"] == str(published)
    newer = publish_plan(app, [MONDAY, WEDNESDAY_DAAN])
    clients["planner"].post("/planner/publiceren", data=fields)
    with app.app_context():
        assert plan_store.published_plan_run().id == newer


def test_publishing_keeps_the_history_with_who_and_when(app, clients, two_runs):
    _, concept = two_runs
    response = publish(clients["planner"], concept)
    assert f"Berekening {concept} is gepubliceerd" in response.get_data(as_text=True)
    with app.app_context():
        assert plan_store.published_plan_run().id == concept
        (publication,) = db.session.query(Publication).all()
        assert (publication.run_id, publication.published_by) == (concept, "planner@school.nl")
    page = clients["planner"].get("/planner/publicaties").get_data(as_text=True)
    assert "planner@school.nl" in page and "(UTC)" not in page


def test_any_two_runs_can_be_compared(clients, two_runs):
    published, concept = two_runs
    # From the concept back to the published plan: the move goes back, request 2 is removed.
    page = clients["planner"].get(f"/planner/vergelijken?a={concept}&b={published}").get_data(as_text=True)
    assert 'data-diff-total="2"' in page and "vervalt" in page and "verplaatst" in page
    same = clients["planner"].get(f"/planner/vergelijken?a={concept}&b={concept}").get_data(as_text=True)
    assert 'data-diff-total="0"' in same


def test_planner_pages_show_the_published_plan_unless_asked(clients, two_runs):
    published, concept = two_runs
    for path in ("/planner/", "/planner/rooster", "/planner/niet-ingepland"):
        page = clients["planner"].get(path).get_data(as_text=True)
        assert 'data-plan-status="gepubliceerd"' in page and "Gepubliceerd rooster van" in page, path
        asked = clients["planner"].get(f"{path}?run={concept}").get_data(as_text=True)
        assert f"Concept (berekening {concept}, niet gepubliceerd)" in asked, path
        assert f"zij zien berekening {published}" in asked, path


def _overview_status(data: bytes) -> str:
    return openpyxl.load_workbook(io.BytesIO(data))["Overzicht"]["A2"].value


def test_export_is_the_published_plan_and_says_so(clients, two_runs):
    published, concept = two_runs
    default = clients["planner"].get("/planner/exporteren")
    assert _overview_status(default.data).startswith("Gepubliceerd op ")
    assert f"berekening-{published}" in default.headers["Content-Disposition"]
    chosen = clients["planner"].get(f"/planner/exporteren?run={concept}")
    assert _overview_status(chosen.data) == f"Concept — niet gepubliceerd (berekening {concept})"


def test_helpers_and_teachers_see_only_the_published_plan(clients, two_runs):
    # The concept gives Daan a Wednesday session and moves Carla to Tuesday; neither is published.
    helper_page = clients["helper"].get("/ondersteuner/").get_data(as_text=True)
    assert "Maandag" in helper_page or "maandag" in helper_page
    assert "dinsdag" not in helper_page.lower()
    teacher_page = clients["other_teacher"].get("/leerkracht/").get_data(as_text=True)
    assert "niet ingepland" in teacher_page  # Bram's request 2 is only in the concept
