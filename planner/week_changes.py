"""What changes in one person's week between two plans: the sessions that go and those that come.

A session that moves or gets other hands shows as one that goes and one that comes; that
is how a helper or teacher reads it in an e-mail ("niet meer: …", "nieuw: …").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.model import Plan, Session, name_key
from planner.timegrid import DAYS


@dataclass(frozen=True)
class WeekChanges:
    removed: tuple[Session, ...]
    added: tuple[Session, ...]

    @property
    def any(self) -> bool:
        return bool(self.removed or self.added)


def week_changes(before: Plan | None, after: Plan, concerns: Callable[[Session], bool]) -> WeekChanges:
    """The sessions ``concerns`` picks that are in one plan and not (the same) in the other; no plan before
    means everything is new."""
    old = {_key(s): s for s in (before.sessions if before else ()) if concerns(s)}
    new = {_key(s): s for s in after.sessions if concerns(s)}
    return WeekChanges(
        removed=week_order(old[key] for key in old.keys() - new.keys()),
        added=week_order(new[key] for key in new.keys() - old.keys()),
    )


def week_order(sessions) -> tuple[Session, ...]:
    return tuple(sorted(sessions, key=lambda s: (DAYS.index(s.day), s.start, name_key(s.request_id))))


def _key(session: Session) -> tuple:
    helpers = tuple(sorted(name_key(name) for name in session.helpers))
    return name_key(session.request_id), session.day, session.start, session.end, helpers
