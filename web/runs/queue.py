"""The database as the run queue: a start stores a queued run holding the run slot; a worker claims it.

A start (web) and a claim (worker) are each one conditional UPDATE checked by its row count, so they
hold across any number of web processes and workers. On PostgreSQL a worker picks its candidate with
``FOR UPDATE SKIP LOCKED``. A stop of a queued run ends it at once; a stop of a running run sets the
flag that the run and its worker watch.
"""

from __future__ import annotations

from sqlalchemy import select, update

from web.db import db
from web.runs.heartbeat import live_worker_ids
from web.runs.slot import (
    RUN_MODELS,
    RunKey,
    claim_slot,
    ensure_slot,
    release_slot,
    release_slot_of_ended_run,
    run_model,
)
from web.store.models_plan import (
    ACTIVE_RUN_STATUSES,
    RUN_FAILED,
    RUN_QUEUED,
    RUN_RUNNING,
    RUN_STOPPED,
    RunState,
    utc_now,
)

CANCELLED_LABEL = "Gestopt voordat de berekening begon"
# Shown until a worker takes the run; without any worker (serve --zonder-worker) it says what is missing.
QUEUED_LABEL = "Wacht op de worker die de berekening uitvoert (handenplanner worker)"
WORKER_GONE_TEXT = (
    "Deze berekening is onderbroken: het rekenproces stopte onverwacht (bijvoorbeeld door een herstart "
    "of te weinig geheugen). Start een nieuwe."
)


class RunAlreadyActiveError(Exception):
    """A second start while a run is queued or running."""


def enqueue(run: RunState) -> int:
    """Store ``run`` as queued and give it the run slot; raises RunAlreadyActiveError while another run
    (a plan run or an analysis run) is queued or running."""
    ensure_slot(db.session)
    fail_orphaned_runs()
    run.status, run.level_label = RUN_QUEUED, QUEUED_LABEL
    db.session.add(run)
    db.session.flush()  # the INSERT takes SQLite's write lock before the claim, as BEGIN IMMEDIATE would
    if not claim_slot(db.session, (run.__tablename__, run.id)):
        db.session.rollback()
        raise RunAlreadyActiveError
    db.session.commit()
    return run.id


def claim_next(worker_id: str) -> RunKey | None:
    """Give the oldest queued run to this worker (status running); None when nothing is queued."""
    for model in RUN_MODELS:
        candidate = (
            select(model.id)
            .where(model.status == RUN_QUEUED)
            .order_by(model.id)
            .limit(1)
            .with_for_update(skip_locked=True)  # PostgreSQL; SQLite has one writer anyway
        )
        run_id = db.session.scalar(candidate)
        if run_id is None:
            db.session.commit()
            continue
        now = utc_now()
        result = db.session.execute(
            update(model)
            .where(model.id == run_id, model.status == RUN_QUEUED)
            .values(status=RUN_RUNNING, worker_id=worker_id, started_at=now, updated_at=now, level_label="")
        )
        db.session.commit()
        if result.rowcount == 1:
            return (model.__tablename__, run_id)
    return None


def request_stop(run_id: int, model: type[RunState]) -> bool:
    """Stop an active run: a queued one ends at once, a running one gets the stop flag. False when not active."""
    cancelled = db.session.execute(
        update(model)
        .where(model.id == run_id, model.status == RUN_QUEUED)
        .values(status=RUN_STOPPED, stop_requested=True, finished_at=utc_now(), level_label=CANCELLED_LABEL)
    )
    if cancelled.rowcount:
        release_slot(db.session, (model.__tablename__, run_id))
        db.session.commit()
        return True
    flagged = db.session.execute(
        update(model).where(model.id == run_id, model.status == RUN_RUNNING).values(stop_requested=True)
    )
    db.session.commit()
    return bool(flagged.rowcount)


def end_run(key: RunKey, status: str, **values) -> bool:
    """End a still running run (failed or stopped) and free the slot; False when it had ended already."""
    model = run_model(key[0])
    result = db.session.execute(
        update(model)
        .where(model.id == key[1], model.status.in_(ACTIVE_RUN_STATUSES))
        .values(status=status, finished_at=utc_now(), **values)
    )
    release_slot_of_ended_run(db.session)  # commits
    return bool(result.rowcount)


def fail_orphaned_runs() -> None:
    """Runs whose worker is gone (killed, out of memory, a stopped server) fail at once and free the slot."""
    live = live_worker_ids(db.session)
    for model in RUN_MODELS:
        orphaned = db.session.scalars(
            select(model.id).where(
                model.status == RUN_RUNNING, model.worker_id.is_(None) | model.worker_id.not_in(live or {""})
            )
        ).all()
        for run_id in orphaned:
            end_run((model.__tablename__, run_id), RUN_FAILED, error_text=WORKER_GONE_TEXT)
    release_slot_of_ended_run(db.session)


def active_runs() -> list[RunState]:
    """The queued and running runs of either kind (plan runs and analysis runs)."""
    queries = (select(model).where(model.status.in_(ACTIVE_RUN_STATUSES)) for model in RUN_MODELS)
    return [run for query in queries for run in db.session.scalars(query)]
