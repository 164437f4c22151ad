"""Store a run's outcome, and read stored plans and pins back as ``planner`` values (the contract with web core)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cached_property

from sqlalchemy import ColumnElement, Row, and_, or_, select

from planner import services
from planner.model import LevelResult, Pin, Plan, School, Session, SolveStatus, name_key
from web.db import db
from web.store.dashboard_facts import store_dashboard_facts
from web.store.export_cache import prepare_export
from web.store.kept import kept
from web.store.models_plan import (
    FINISHED_STATUSES,
    RUN_DONE,
    RUN_STOPPED,
    PlanDiagnosis,
    PlannedSession,
    PlanPin,
    PlanRun,
    Publication,
    utc_now,
)


@dataclass(frozen=True)
class StoredPlan:
    run_id: int
    plan: Plan
    diagnoses: tuple[services.Diagnosis, ...] = ()
    created_at: dt.datetime | None = None
    published_at: dt.datetime | None = None

    def diagnosis_of(self, request_id: str) -> services.Diagnosis | None:
        return self._diagnoses_by_request.get(name_key(request_id))

    @cached_property
    def _diagnoses_by_request(self) -> dict[str, services.Diagnosis]:
        """The first diagnosis per request key: a page of every request looks each one up at once."""
        found: dict[str, services.Diagnosis] = {}
        for diagnosis in self.diagnoses:
            found.setdefault(name_key(diagnosis.request_id), diagnosis)
        return found


def has_plan_clause() -> ColumnElement[bool]:
    """Runs that produced a plan: finished, or stopped after placing something.

    A run stopped before it found anything is not a plan; it must not hide the previous one.
    """
    placed = select(PlannedSession.id).where(PlannedSession.run_id == PlanRun.id).exists()
    return or_(PlanRun.status == RUN_DONE, and_(PlanRun.status == RUN_STOPPED, placed))


def latest_plan_run() -> PlanRun | None:
    return db.session.scalars(select(PlanRun).where(has_plan_clause()).order_by(PlanRun.id.desc()).limit(1)).first()


def latest_plan() -> StoredPlan | None:
    """The newest run with a plan (see ``has_plan_clause``), or None."""
    run = latest_plan_run()
    return to_stored_plan(run) if run else None


def published_plan() -> StoredPlan | None:
    """The plan teachers and helpers see: the most recently published run, or None."""
    run = published_plan_run()
    return to_stored_plan(run) if run else None


def published_plan_run() -> PlanRun | None:
    query = select(PlanRun).where(PlanRun.published_at.is_not(None)).order_by(PlanRun.published_at.desc()).limit(1)
    return db.session.scalars(query).first()


def finished_plan_runs(limit: int = 30) -> list[PlanRun]:
    """The newest runs with a plan, newest first: the ones a page, an export or a comparison can show."""
    return list(db.session.scalars(select(PlanRun).where(has_plan_clause()).order_by(PlanRun.id.desc()).limit(limit)))


def planner_default_run() -> PlanRun | None:
    """The plan the planner's pages and exports show unless asked otherwise: the published one, else the newest."""
    return published_plan_run() or latest_plan_run()


def publish_run(run: PlanRun, published_by: str) -> Publication:
    """Make ``run`` the plan teachers and helpers see, and keep the publication in the history."""
    publication = Publication(run_id=run.id, published_at=utc_now(), published_by=published_by)
    run.published_at = publication.published_at
    db.session.add(publication)
    db.session.commit()
    return publication


def publications() -> list[Publication]:
    """Every publication, newest first."""
    return list(
        db.session.scalars(select(Publication).order_by(Publication.published_at.desc(), Publication.id.desc()))
    )


def current_pins() -> tuple[Pin, ...]:
    rows = db.session.scalars(select(PlanPin).order_by(PlanPin.id)).all()
    return tuple(Pin(request_id=row.request_id, helper=row.helper, day=row.day, start=row.start) for row in rows)


def pin_planned_session(row: PlannedSession) -> None:
    """Pin every helper of a planned session at its day and start (kept in every next run)."""
    pinned = {name_key(pin.helper) for pin in pins_at(row.request_id, row.day, row.start)}
    for helper in row.helpers:
        if name_key(helper) not in pinned:
            db.session.add(PlanPin(request_id=row.request_id, helper=helper, day=row.day, start=row.start))
    db.session.commit()


def unpin_planned_session(row: PlannedSession) -> None:
    for pin in pins_at(row.request_id, row.day, row.start):
        db.session.delete(pin)
    db.session.commit()


def pins_at(request_id: str, day: str, start: int) -> list[PlanPin]:
    rows = db.session.scalars(select(PlanPin).where(PlanPin.day == day, PlanPin.start == start)).all()
    return [pin for pin in rows if name_key(pin.request_id) == name_key(request_id)]


def to_stored_plan(run: PlanRun) -> StoredPlan:
    return StoredPlan(
        run_id=run.id,
        plan=to_plan(run),
        diagnoses=tuple(
            services.restored_diagnosis(d.request_id, d.cause, d.reason, d.suggestion) for d in _diagnosis_rows(run)
        ),
        created_at=run.created_at,
        published_at=run.published_at,
    )


def to_plan(run: PlanRun, *, with_sessions: bool = True) -> Plan:
    """The run's plan; ``with_sessions=False`` reads only its status and levels (for the outcome in words).
    A finished run's plan never changes: it is kept (``web.store.kept``), named by the run and its end."""
    if run.status in FINISHED_STATUSES and run.finished_at is not None:
        return kept(("plan", run.id, run.finished_at, with_sessions), lambda: _read_plan(run, with_sessions))
    return _read_plan(run, with_sessions)


def _read_plan(run: PlanRun, with_sessions: bool) -> Plan:
    rows = _session_rows(run) if with_sessions else ()
    sessions = tuple(
        Session(
            request_id=row.request_id,
            helpers=tuple(row.helpers or ()),
            day=row.day,
            start=row.start,
            end=row.end,
            pinned_helpers=tuple(row.pinned_helpers or ()),
        )
        for row in rows
    )
    levels = tuple(LevelResult(**level) for level in (run.levels or ()))
    return Plan(
        sessions=sessions,
        levels=levels,
        status=_solve_status(run.solve_status),
        wall_time_s=run.wall_time_s,
        method=str((run.figures or {}).get("method") or ""),
    )


def _session_rows(run: PlanRun) -> Sequence[Row]:
    """The run's sessions as plain rows (a plan of hundreds of sessions reads in one query, without ORM objects)."""
    columns = PlannedSession.__table__.columns
    return db.session.execute(select(*columns).where(columns.run_id == run.id).order_by(columns.id)).all()


def _diagnosis_rows(run: PlanRun) -> Sequence[Row]:
    columns = PlanDiagnosis.__table__.columns
    return db.session.execute(select(*columns).where(columns.run_id == run.id).order_by(columns.id)).all()


def _solve_status(value: str) -> SolveStatus:
    try:
        return SolveStatus(value)
    except ValueError:
        return SolveStatus.FEASIBLE


def store_results(run_id: int, outcome: services.SolveOutcome, *, stopped: bool, skipped_pins: int = 0) -> None:
    """Save a finished run's sessions, diagnoses, levels and key figures, and mark it done or stopped; then
    what the dashboard shows of it (``web.store.dashboard_facts``)."""
    run = db.session.get(PlanRun, run_id, populate_existing=True)  # the progress writer changed the row
    if run is None:
        return
    plan = outcome.plan
    run.sessions = [
        PlannedSession(
            request_id=s.request_id,
            helpers=list(s.helpers),
            pinned_helpers=list(s.pinned_helpers),
            day=s.day,
            start=s.start,
            end=s.end,
        )
        for s in plan.sessions
    ]
    run.diagnoses = [
        PlanDiagnosis(request_id=d.request_id, cause=d.cause.value, reason=d.reason, suggestion=d.suggestion or "")
        for d in outcome.diagnoses
    ]
    run.levels = [asdict(level) for level in plan.levels]
    run_facts = {
        "skipped_pins": skipped_pins,
        "base_run_id": run.base_run_id,
        "time_split": run.time_split,
        "method": plan.method,
    }
    run.figures = services.key_figures(outcome) | run_facts
    run.solve_status = plan.status.value
    run.wall_time_s = plan.wall_time_s
    run.status = RUN_STOPPED if stopped else RUN_DONE
    run.finished_at = utc_now()
    if run.started_at is not None:
        run.elapsed_s = (run.finished_at - run.started_at).total_seconds()
    db.session.commit()
    _store_dashboard_facts(run, outcome)


def _store_dashboard_facts(run: PlanRun, outcome: services.SolveOutcome) -> None:
    """After the plan is kept (the run counts as finished): what the dashboard shows of it. These facts are
    extra: if working them out fails, the plan stays and the dashboard works them out on its first view."""
    try:
        store_dashboard_facts(run, outcome.school, outcome.plan)
    except Exception:
        db.session.rollback()
        logging.getLogger(__name__).exception("dashboardgegevens van berekening %s niet bewaard", run.id)


def result_workbook(run: PlanRun, school: School) -> bytes:
    """The result workbook of a stored run for ``school``, with the placeholder status line that an export
    replaces (``web.store.export_cache``)."""
    stored = to_stored_plan(run)
    outcome = services.stored_outcome(school, stored.plan, stored.diagnoses)
    return services.result_bytes(outcome, plan_status=services.STATUS_PLACEHOLDER)


def prepare_run_export(run_id: int, school: School) -> None:
    """After a run is stored: its result workbook for ``school`` (the school as it is now), kept so that the
    first export is quick. Extra like the dashboard facts: if writing it fails, the export writes it."""
    run = db.session.get(PlanRun, run_id)
    if run is None:
        return
    try:
        prepare_export(run, school, lambda: result_workbook(run, school))
    except Exception:
        db.session.rollback()
        logging.getLogger(__name__).exception("exportwerkmap van berekening %s niet bewaard", run_id)
