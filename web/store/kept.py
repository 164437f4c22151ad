"""What a web process worked out from the school, kept until the school changes.

``kept(key, build)`` gives ``build()``'s value, worked out once per school version
(``web.store.school_version``) and process. It is only for values that depend on nothing but the
database rows behind that version and the key itself (a run's id names its plan, which never changes
once the run is finished). ``kept(key, build, of=SETUP)`` is for values that do not depend on the
requests: they stay kept while teachers submit.

A transaction that changed anything sees its own changes, which other transactions do not: it gets
``build()`` afresh and keeps nothing. The versions are read once per transaction, so a page that
works out several values sees one school.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from web.db import db
from web.store.school_version import SCHOOL, SETUP, read_versions

T = TypeVar("T")
MAX_KEPT_VALUES = 128  # a school's figures, a few plans, calendar feeds: the oldest go first
_WROTE = "handenplanner_wrote"
_VERSIONS = "handenplanner_school_versions"


class _Kept:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: Hashable = None
        self.values: dict[Hashable, object] = {}

    def get(self, version: Hashable, key: Hashable) -> tuple[bool, object]:
        with self.lock:
            if self.version != version:
                self.version, self.values = version, {}
            return key in self.values, self.values.get(key)

    def keep(self, version: Hashable, key: Hashable, value: object) -> None:
        with self.lock:
            if self.version != version:
                return
            if len(self.values) >= MAX_KEPT_VALUES:
                del self.values[next(iter(self.values))]
            self.values[key] = value


_kept = {SCHOOL: _Kept(), SETUP: _Kept()}


def kept(key: Hashable, build: Callable[[], T], *, of: int = SCHOOL) -> T:
    """``build()``, or what it gave before for ``key`` in this process at the current version ``of``."""
    version = _usable_version(db.session(), of)
    if version is None:
        return build()
    found, value = _kept[of].get(version, key)
    if found:
        return value  # type: ignore[return-value]
    value = build()
    _kept[of].keep(version, key, value)
    return value


def _usable_version(session: Session, of: int) -> tuple[str, int] | None:
    """The database and its version ``of``, as this transaction sees them; None when nothing may be kept."""
    if session.info.get(_WROTE) or session.new or session.dirty or session.deleted:
        return None
    if _VERSIONS not in session.info:
        session.info[_VERSIONS] = read_versions(session)
    version = session.info[_VERSIONS].get(of)
    return None if version is None else (str(session.get_bind().url), version)


@event.listens_for(Session, "after_flush")
def _mark_written(session: Session, flush_context) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _mark_written_in_bulk(state: ORMExecuteState) -> None:
    if not state.is_select:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)
        session.info.pop(_VERSIONS, None)
