"""On SQLite, the threads of one process take turns to write, waiting in Python instead of in SQLite.

SQLite lets one connection write at a time. A thread that finds the database locked sleeps in SQLite's
busy handler, in steps that grow to 100 ms, and tries again: with twenty teachers submitting at once,
some submits slept for most of a second while the lock was long free. Here a thread takes a lock of
the process before its transaction's first write and gives it back when the transaction ends; waiting
threads wake the moment it is free. Between processes (several web processes, the worker) SQLite's own
lock still decides, with at most one contender per process.

A re-entrant lock: one thread may have two sessions writing (a test, or a command inside a page). The
wait is bounded by the busy timeout: past it, the write goes on and SQLite decides as before.
"""

from __future__ import annotations

import contextlib
import threading

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, UOWTransaction

BUSY_TIMEOUT_S = 30  # how long a write waits for its turn, here and in SQLite (``web/app.py``)
_HOLDS = "handenplanner_holds_sqlite_write_turn"
_write_turn = threading.RLock()


def _take_turn(session: Session) -> None:
    if session.info.get(_HOLDS) or session.get_bind().dialect.name != "sqlite":
        return
    session.info[_HOLDS] = _write_turn.acquire(timeout=BUSY_TIMEOUT_S)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: UOWTransaction, instances) -> None:
    _take_turn(session)


@event.listens_for(Session, "do_orm_execute")
def _before_bulk_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _take_turn(state.session)


@event.listens_for(Session, "after_transaction_end")
def _give_turn_back(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None and session.info.pop(_HOLDS, False):
        # Ended from another thread than the one that wrote (not seen in practice): that turn lapses.
        with contextlib.suppress(RuntimeError):
            _write_turn.release()
