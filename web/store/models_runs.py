"""Database rows that let separate processes share the runs: the one run slot and the workers' heartbeats.

The web processes only queue runs; ``handenplanner worker`` processes execute them (``web.runs``). Both
coordinate through these rows, so "one run at a time" holds across every process on the database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from web.db import Base
from web.store.models_plan import utc_now

RUN_SLOT_ID = 1


class RunSlot(Base):
    """The single row that says which run (plan or analysis) holds the school's one run slot.

    A start claims it with a conditional UPDATE (``run_id IS NULL``), so of two starts at the same
    moment, in any two processes, one wins; the run's end frees it.
    """

    __tablename__ = "run_slot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_table: Mapped[str | None] = mapped_column(String(32), nullable=True)
    run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class RunWorkerBeat(Base):
    """A running ``handenplanner worker``: where it runs and when it last said it was alive."""

    __tablename__ = "run_worker"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    beat_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
