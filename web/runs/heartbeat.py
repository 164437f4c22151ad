"""Which workers are alive: each ``handenplanner worker`` keeps a row in ``run_worker`` and beats it.

A worker is gone when it has not beaten for ``WORKER_STALE_S`` seconds, or at once when it ran on
this host and its process no longer exists (killed, out of memory).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from web.store.models_plan import utc_now
from web.store.models_runs import RunWorkerBeat

BEAT_INTERVAL_S = 1.0
WORKER_STALE_S = 5.0


def register_worker(session: Session, worker_id: str) -> None:
    session.add(RunWorkerBeat(id=worker_id, host=socket.gethostname(), pid=os.getpid()))
    session.commit()


def beat(session: Session, worker_id: str) -> None:
    """Say this worker is alive (its row comes back if another process took it for gone)."""
    result = session.execute(update(RunWorkerBeat).where(RunWorkerBeat.id == worker_id).values(beat_at=utc_now()))
    session.commit()
    if result.rowcount == 0:
        register_worker(session, worker_id)


def unregister_worker(session: Session, worker_id: str) -> None:
    session.execute(delete(RunWorkerBeat).where(RunWorkerBeat.id == worker_id))
    session.commit()


def live_worker_ids(session: Session) -> set[str]:
    """The workers that beat lately and, on this host, whose process still exists; the rest are removed."""
    cutoff = utc_now() - dt.timedelta(seconds=WORKER_STALE_S)
    host = socket.gethostname()
    live, gone = set(), []
    for row in session.execute(select(RunWorkerBeat.id, RunWorkerBeat.host, RunWorkerBeat.pid, RunWorkerBeat.beat_at)):
        if row.beat_at >= cutoff and (row.host != host or process_exists(row.pid)):
            live.add(row.id)
        else:
            gone.append(row.id)
    if gone:
        session.execute(delete(RunWorkerBeat).where(RunWorkerBeat.id.in_(gone)))
        session.commit()
    return live


def process_exists(pid: int) -> bool:
    """Whether a process with this id exists and is not a zombie (dead, waiting for its parent to reap it)."""
    try:
        os.kill(pid, 0)  # signal 0 checks without sending anything
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):  # no /proc (not Linux): signal 0 has to do
        return True
    return state != "Z"
