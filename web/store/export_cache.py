"""The result workbook of a run, kept for the school it was made for.

Writing it at a thousand requests takes seconds (what more hours buy, why hours stay unused, a
week grid per helper and group). A run's plan never changes, so the workbook only changes with the
school (requests, helpers, pins, days off …) and with the line under ``Overzicht``'s title saying
whether it is published. The workbook is kept per run with a digest of the school, written with a
placeholder for that line (``services.STATUS_PLACEHOLDER``); an export of an unchanged school sets the
line in the kept bytes (``services.with_plan_status``, a fraction of a second), any change to the school
makes the next export write a new one. The worker writes it right after storing a run
(``prepare_export``), so even the first export after a run or its publication is quick.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sqlalchemy import delete, select

from planner import services
from planner.model import School
from web.db import db
from web.store.models_plan import ExportCache, PlanRun, utc_now


def export_digest(school: School) -> str:
    """A digest of everything the workbook shows besides the run's own plan and the status line: the school.
    ``repr`` of the frozen dataclasses lists every field in order (tuples, no sets), so it is stable."""
    return hashlib.sha256(repr(school).encode("utf-8")).hexdigest()


def cached_export(run: PlanRun, school: School, plan_status: str, build: Callable[[], bytes]) -> bytes:
    """The workbook of ``run`` for this school with ``plan_status`` under the title: from the kept bytes when
    they were made for this school, else from ``build()`` (the workbook with the placeholder line), kept."""
    digest = export_digest(school)
    kept = db.session.scalars(
        select(ExportCache.data).where(ExportCache.run_id == run.id, ExportCache.digest == digest)
    ).first()
    if kept is not None:
        try:
            return services.with_plan_status(bytes(kept), plan_status)
        except services.StatusLineMissingError:  # kept before the line had its placeholder: write it anew
            pass
    return services.with_plan_status(keep_export(run, digest, build()), plan_status)


def is_kept_for(run: PlanRun, school: School) -> bool:
    """Whether the kept workbook of ``run`` was written for this school."""
    digest = export_digest(school)
    kept = select(ExportCache.id).where(ExportCache.run_id == run.id, ExportCache.digest == digest)
    return db.session.scalars(kept).first() is not None


def prepare_export(run: PlanRun, school: School, build: Callable[[], bytes]) -> None:
    """Write and keep the workbook of a run just stored, for ``school`` (what the run planned)."""
    keep_export(run, export_digest(school), build())


def keep_export(run: PlanRun, digest: str, data: bytes) -> bytes:
    db.session.execute(delete(ExportCache).where(ExportCache.run_id == run.id))
    db.session.add(ExportCache(run_id=run.id, digest=digest, data=data, created_at=utc_now()))
    db.session.commit()
    return data
