"""A run's exported workbook is kept for the school it was made for (``web.store.export_cache``): an export of an
unchanged school sends the kept workbook with the status line set in it (concept or published), any change to the
school writes a new one; the worker keeps it right after storing a run, and writes it again when the school changed
and has been quiet for a while.

The seeded school (tests/web/conftest.py) with one published run: request 1 once with Carla.
"""

from __future__ import annotations

import io

import openpyxl
from sqlalchemy import select

from planner import services
from tests.tools import wait_until
from web.db import db
from web.store import plan_store
from web.store.convert import load_school
from web.store.export_cache import is_kept_for
from web.store.models import Request
from web.store.models_plan import ExportCache, PlanRun

from .conftest import publish_plan
from .run_worker import WorkerThread

SESSIONS = [{"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585}]
KEPT_MARK = "kept workbook"  # in a workbook written over the kept one: an export that shows it wrote none


def marked_workbook() -> bytes:
    """A stand-in for the kept workbook: the mark in A1 and, like every kept workbook, the placeholder line."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Overzicht"
    sheet["A1"], sheet["A2"] = KEPT_MARK, services.STATUS_PLACEHOLDER
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def kept_rows(app) -> list[ExportCache]:
    with app.app_context():
        return list(db.session.scalars(select(ExportCache)))


def mark_kept(app) -> None:
    with app.app_context():
        db.session.scalars(select(ExportCache)).one().data = marked_workbook()
        db.session.commit()


def is_marked(data: bytes) -> bool:
    return openpyxl.load_workbook(io.BytesIO(data))["Overzicht"]["A1"].value == KEPT_MARK


def overview_status(data: bytes) -> str:
    """The line under the title of ``Overzicht``: published or concept."""
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Overzicht"]
    texts = [str(cell.value) for row in sheet.iter_rows(max_row=4) for cell in row]
    return next(text for text in texts if "berekening" in text)


def test_an_unchanged_school_gets_the_kept_workbook(app, clients):
    publish_plan(app, SESSIONS)
    first = clients["planner"].get("/planner/exporteren").data
    assert overview_status(first).startswith("Gepubliceerd op") and len(kept_rows(app)) == 1
    mark_kept(app)
    again = clients["planner"].get("/planner/exporteren").data
    assert is_marked(again) and overview_status(again) == overview_status(first)


def test_a_changed_school_gets_a_new_workbook_that_shows_the_change(app, clients):
    publish_plan(app, SESSIONS)
    clients["planner"].get("/planner/exporteren")
    mark_kept(app)
    with app.app_context():
        db.session.scalars(select(Request).where(Request.code == "2")).one().goal = "Vloeiend lezen"
        db.session.commit()
    data = clients["planner"].get("/planner/exporteren").data
    assert not is_marked(data)
    goals = [cell.value for row in openpyxl.load_workbook(io.BytesIO(data))["Aanvragen"].iter_rows() for cell in row]
    assert "Vloeiend lezen" in goals
    assert len(kept_rows(app)) == 1  # one kept workbook per run: the new one replaced the old


def test_another_status_line_is_set_in_the_kept_workbook(app, clients):
    # Publishing changes only the line under the title: the kept workbook is sent with the new line, not
    # written again (at a thousand requests writing takes seconds).
    run_id = publish_plan(app, SESSIONS)
    with app.app_context():
        db.session.get(PlanRun, run_id).published_at = None  # a concept
        db.session.commit()
    assert overview_status(clients["planner"].get("/planner/exporteren").data).startswith("Concept")
    mark_kept(app)
    with app.app_context():
        plan_store.publish_run(db.session.get(PlanRun, run_id), "planner@school.nl")
    data = clients["planner"].get("/planner/exporteren").data
    assert is_marked(data) and overview_status(data).startswith("Gepubliceerd op")


def test_the_kept_workbook_with_its_line_equals_one_written_with_the_line(app, clients):
    # The quick path must send what writing the workbook anew would: every cell of every sheet the same.
    run_id = publish_plan(app, SESSIONS)
    sent = clients["planner"].get("/planner/exporteren").data
    sent = clients["planner"].get("/planner/exporteren").data  # the second time from the kept workbook
    with app.app_context():
        run = db.session.get(PlanRun, run_id)
        school = load_school()
        stored = plan_store.to_stored_plan(run)
        outcome = services.stored_outcome(school, stored.plan, stored.diagnoses)
        written = services.result_bytes(outcome, plan_status=overview_status(sent))
    assert cell_values(sent) == cell_values(written)


def cell_values(data: bytes) -> dict[str, list[list[object]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in workbook}


def test_the_idle_worker_writes_the_workbook_again_once_the_school_is_quiet(app, clients):
    """A changed school makes the kept workbook stale; the idle worker, once the school has been quiet for
    its quiet spell (here 0,2 s), writes it again for the school as it is now, so the export only sets its
    status line: the export sends the workbook the worker kept (marked here to tell it apart)."""
    publish_plan(app, SESSIONS)
    clients["planner"].get("/planner/exporteren")
    with app.app_context():
        db.session.scalars(select(Request).where(Request.code == "2")).one().goal = "Vloeiend lezen"
        db.session.commit()
    app.config["HANDENPLANNER_EXPORT_REFRESH_QUIET_S"] = 0.2
    worker = WorkerThread(app).start()
    try:
        assert wait_until(lambda: kept_for_current_school(app), timeout_s=60)
    finally:
        worker.stop()
    mark_kept(app)
    assert is_marked(clients["planner"].get("/planner/exporteren").data)


def kept_for_current_school(app) -> bool:
    with app.app_context():
        run = db.session.scalars(select(PlanRun)).one()
        return is_kept_for(run, load_school())
