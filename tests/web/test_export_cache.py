"""A run's exported workbook is kept for the school and status line it was made for (``web.store.export_cache``):
an export of an unchanged school sends the kept bytes, any change to the school or the status writes a new one.

The seeded school (tests/web/conftest.py) with one published run: request 1 once with Carla.
"""

from __future__ import annotations

import io

import openpyxl
from sqlalchemy import select

from web.db import db
from web.store import plan_store
from web.store.models import Request
from web.store.models_plan import ExportCache, PlanRun

from .conftest import publish_plan

SESSIONS = [{"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585}]
MARK = b"kept bytes"  # written over the kept workbook: an export that sends it did not write a new one


def kept_rows(app) -> list[ExportCache]:
    with app.app_context():
        return list(db.session.scalars(select(ExportCache)))


def mark_kept(app) -> None:
    with app.app_context():
        db.session.scalars(select(ExportCache)).one().data = MARK
        db.session.commit()


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
    assert clients["planner"].get("/planner/exporteren").data == MARK


def test_a_changed_school_gets_a_new_workbook_that_shows_the_change(app, clients):
    publish_plan(app, SESSIONS)
    clients["planner"].get("/planner/exporteren")
    mark_kept(app)
    with app.app_context():
        db.session.scalars(select(Request).where(Request.code == "2")).one().goal = "Vloeiend lezen"
        db.session.commit()
    data = clients["planner"].get("/planner/exporteren").data
    assert data != MARK
    goals = [cell.value for row in openpyxl.load_workbook(io.BytesIO(data))["Aanvragen"].iter_rows() for cell in row]
    assert "Vloeiend lezen" in goals
    assert len(kept_rows(app)) == 1  # one kept workbook per run: the new one replaced the old


def test_another_status_line_gets_a_new_workbook(app, clients):
    run_id = publish_plan(app, SESSIONS)
    with app.app_context():
        db.session.get(PlanRun, run_id).published_at = None  # a concept
        db.session.commit()
    assert overview_status(clients["planner"].get("/planner/exporteren").data).startswith("Concept")
    mark_kept(app)
    with app.app_context():
        plan_store.publish_run(db.session.get(PlanRun, run_id), "planner@school.nl")
    data = clients["planner"].get("/planner/exporteren").data
    assert data != MARK and overview_status(data).startswith("Gepubliceerd op")
