"""The school's one run slot (``run_slot``): claimed by a start, freed when its run ends.

The claim is a conditional UPDATE (``… WHERE run_id IS NULL``) checked by its row count: PostgreSQL
re-checks the condition after waiting for a concurrent claim's row lock, SQLite lets one writer in at a
time, so of two starts in any two processes exactly one gets the slot.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.store.models_plan import ACTIVE_RUN_STATUSES, AnalysisRun, PlanRun, RunState, utc_now
from web.store.models_runs import RUN_SLOT_ID, RunSlot

RUN_MODELS: tuple[type[RunState], ...] = (PlanRun, AnalysisRun)
RunKey = tuple[str, int]  # (table name, run id): ids of different tables may be equal


def run_model(table: str) -> type[RunState]:
    return next(model for model in RUN_MODELS if model.__tablename__ == table)


def ensure_slot(session: Session) -> None:
    """Create the slot row when the database has none yet (a schema made without the migration)."""
    if session.scalar(select(RunSlot.id).where(RunSlot.id == RUN_SLOT_ID)) is not None:
        return
    try:
        session.add(RunSlot(id=RUN_SLOT_ID))
        session.commit()
    except IntegrityError:  # another process made it meanwhile
        session.rollback()


def claim_slot(session: Session, key: RunKey) -> bool:
    """Take the slot for ``key`` inside the caller's transaction; False when another run holds it."""
    result = session.execute(
        update(RunSlot)
        .where(RunSlot.id == RUN_SLOT_ID, RunSlot.run_id.is_(None))
        .values(run_table=key[0], run_id=key[1], claimed_at=utc_now())
    )
    return result.rowcount == 1


def release_slot(session: Session, key: RunKey) -> None:
    """Free the slot if ``key`` holds it (inside the caller's transaction)."""
    session.execute(
        update(RunSlot)
        .where(RunSlot.id == RUN_SLOT_ID, RunSlot.run_table == key[0], RunSlot.run_id == key[1])
        .values(run_table=None, run_id=None, claimed_at=None)
    )


def release_slot_of_ended_run(session: Session) -> None:
    """Free the slot when the run holding it has ended (or is gone); an ended run never starts again."""
    holder = session.execute(select(RunSlot.run_table, RunSlot.run_id).where(RunSlot.id == RUN_SLOT_ID)).first()
    if holder is None or holder.run_id is None:
        return
    model = run_model(holder.run_table)
    status = session.scalar(select(model.status).where(model.id == holder.run_id))
    if status not in ACTIVE_RUN_STATUSES:
        release_slot(session, (holder.run_table, holder.run_id))
    session.commit()
