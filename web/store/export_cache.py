"""The result workbook of a run, kept for the school it was made for.

Writing it at a thousand requests takes seconds (what more hours buy, why hours stay unused, a
week grid per helper and group). A run's plan never changes, so the workbook only changes with the
school (requests, helpers, pins, days off …) and with the line saying whether it is published. The
bytes are kept per run with a digest of both; an export of an unchanged school sends them again,
any change makes the next export write a new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sqlalchemy import delete, select

from planner.model import School
from web.db import db
from web.store.models_plan import ExportCache, PlanRun, utc_now


def export_digest(school: School, plan_status: str) -> str:
    """A digest of everything the workbook shows besides the run's own plan: the school and the status line.

    ``repr`` of the frozen dataclasses lists every field in order (tuples, no sets), so it is stable."""
    return hashlib.sha256(repr((school, plan_status)).encode("utf-8")).hexdigest()


def cached_export(run: PlanRun, school: School, plan_status: str, build: Callable[[], bytes]) -> bytes:
    """The kept workbook of ``run`` when made for this school and status; else ``build()``'s, kept instead."""
    digest = export_digest(school, plan_status)
    kept = db.session.scalars(
        select(ExportCache.data).where(ExportCache.run_id == run.id, ExportCache.digest == digest)
    ).first()
    if kept is not None:
        return bytes(kept)
    data = build()
    db.session.execute(delete(ExportCache).where(ExportCache.run_id == run.id))
    db.session.add(ExportCache(run_id=run.id, digest=digest, data=data, created_at=utc_now()))
    db.session.commit()
    return data
