"""Database rows for plans: solver runs, their sessions and diagnoses, pins, absences and analysis runs.

Requests and helpers are referenced by their ``request_id`` and name (as in the
workbook), not by foreign keys: an import replaces all school rows, while runs
and pins are kept as history; stale references are skipped when read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.db import Base

RUN_QUEUED = "queued"
RUN_RUNNING = "running"
RUN_DONE = "done"
RUN_STOPPED = "stopped"
RUN_FAILED = "failed"
ACTIVE_RUN_STATUSES = (RUN_QUEUED, RUN_RUNNING)
FINISHED_STATUSES = (RUN_DONE, RUN_STOPPED)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class RunState:
    """What every background run keeps: its live progress, the stop request and how it ended."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default=RUN_QUEUED)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    time_limit_s: Mapped[float] = mapped_column(Float, default=30.0)
    elapsed_s: Mapped[float] = mapped_column(Float, default=0.0)
    level_label: Mapped[str] = mapped_column(String(200), default="")
    best: Mapped[float | None] = mapped_column(Float, nullable=True)
    bound: Mapped[float | None] = mapped_column(Float, nullable=True)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    stop_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    error_text: Mapped[str] = mapped_column(Text, default="")
    # The worker (``run_worker.id``) that claimed the run; a running run whose worker is gone has failed.
    worker_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    @property
    def time_split(self) -> str:
        """How the run's time limit was divided; a plan run keeps it in its figures (see ``PlanRun``)."""
        return ""

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_RUN_STATUSES

    @property
    def live_elapsed_s(self) -> float:
        """Seconds since the start while running (also after the solver, while diagnosing); else the total."""
        if self.is_active and self.started_at is not None:
            return max(self.elapsed_s or 0.0, (utc_now() - self.started_at).total_seconds())
        return self.elapsed_s or 0.0


class PlanRun(RunState, Base):
    """One solver run: its live progress, and when finished the plan's figures."""

    __tablename__ = "plan_run"

    solve_status: Mapped[str] = mapped_column(String(32), default="")
    wall_time_s: Mapped[float] = mapped_column(Float, default=0.0)
    levels: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)  # the newest
    # What the dashboard shows that takes seconds to work out (web.store.dashboard_facts); None until worked out.
    # Deferred: lists of runs do not load it.
    dashboard_facts: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True, deferred=True)

    sessions: Mapped[list[PlannedSession]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="PlannedSession.id"
    )
    diagnoses: Mapped[list[PlanDiagnosis]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="PlanDiagnosis.id"
    )

    @property
    def base_run_id(self) -> int | None:
        """Re-planning with minimal change: the run whose plan this run keeps as much of as it can.

        Kept in the ``figures`` facts (set at start, carried over when the figures are stored).
        """
        value = (self.figures or {}).get("base_run_id")
        return int(value) if value is not None else None

    @property
    def time_split(self) -> str:
        """How the run's time limit was divided (Dutch, e.g. "Tijdsverdeling: 21 s rekenen, …"); kept in the
        ``figures`` facts from the moment the run has read the school."""
        return str((self.figures or {}).get("time_split") or "")


class ExportCache(Base):
    """A run's result workbook as last exported, with the digest of the school and status it was made for
    (``web.store.export_cache``)."""

    __tablename__ = "export_cache"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class Publication(Base):
    """One time a run was published, and by whom: the history of the plans people had.

    ``PlanRun.published_at`` keeps the run's last publication; the plan people see is that of the
    newest publication.
    """

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id", ondelete="CASCADE"), index=True)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    published_by: Mapped[str] = mapped_column(String(200), default="")


class PlannedSession(Base):
    """One placed session of a run: all its hands at one day and time."""

    __tablename__ = "planned_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[str] = mapped_column(String(100))
    helpers: Mapped[list[str]] = mapped_column(JSON, default=list)
    pinned_helpers: Mapped[list[str]] = mapped_column(JSON, default=list)
    day: Mapped[str] = mapped_column(String(2))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    run: Mapped[PlanRun] = relationship(back_populates="sessions")


class PlanDiagnosis(Base):
    """Why a request of a run was not (fully) placed, and what would make it fit."""

    __tablename__ = "plan_diagnosis"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[str] = mapped_column(String(100))
    cause: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    suggestion: Mapped[str] = mapped_column(Text, default="")

    run: Mapped[PlanRun] = relationship(back_populates="diagnoses")


class PlanPin(Base):
    """A session fixed by the planner; every next run keeps it (hard rule 7)."""

    __tablename__ = "plan_pin"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(String(100))
    helper: Mapped[str] = mapped_column(String(200))
    day: Mapped[str] = mapped_column(String(2))
    start: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class AbsenceRecord(Base):
    """A helper's absent day as re-planned (``planner.absence``), kept to pass on to those concerned.

    ``changes`` holds every session of that day that changes, as plain data:
    ``{"request_id", "planned": {"helpers", "start", "end"}, "now": {...} or null}``;
    the absent helper's sessions come first (``absent_sessions`` of them).
    """

    __tablename__ = "absence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    helper: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id", ondelete="CASCADE"), index=True)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    absent_sessions: Mapped[int] = mapped_column(Integer, default=0)
    proven_optimal: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


ANALYSIS_CURVE = "curve"
ANALYSIS_COMPARISON = "vergelijking"


class AnalysisRun(RunState, Base):
    """A capacity curve or a comparison of two scenarios, run in the background like a plan run.

    ``asked`` holds what the planner asked (steps and role, or the scenario); ``result`` the outcome as
    plain data (``web.store.analysis_store``), also for a stopped run: the points or plans found so far.
    ``scenario_workbook`` holds an uploaded workbook to compare with until the worker has run it.
    """

    __tablename__ = "analysis_run"

    kind: Mapped[str] = mapped_column(String(16))
    asked: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scenario_workbook: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
