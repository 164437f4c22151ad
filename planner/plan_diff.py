"""What changes between two plans, per session, per helper and per teacher (pure; no solver).

Sessions are matched per request: a session at the same day and time in both plans is kept (or has
another helper); the remaining ones of a request are paired in week order as moved; what is left
over was added or removed. Pinned helpers do not count as a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planner.model import Plan, School, Session, name_key
from planner.timegrid import DAYS


class SessionChangeKind(StrEnum):
    """The Dutch word a planner reads for each kind of change."""

    ADDED = "erbij"
    REMOVED = "vervalt"
    MOVED = "verplaatst"
    HELPER_CHANGED = "andere ondersteuner"


@dataclass(frozen=True)
class SessionChange:
    """One session that differs: ``before`` is None when added, ``after`` is None when removed."""

    kind: SessionChangeKind
    request_id: str
    before: Session | None
    after: Session | None

    @property
    def helpers(self) -> frozenset[str]:
        """Everyone concerned: the helpers before and after (by ``name_key``)."""
        sessions = [session for session in (self.before, self.after) if session is not None]
        return frozenset(name_key(name) for session in sessions for name in session.helpers)


@dataclass(frozen=True)
class PlanDiff:
    changes: tuple[SessionChange, ...]

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def count(self, kind: SessionChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind is kind)


def diff_plans(before: Plan, after: Plan) -> PlanDiff:
    """Every session change from ``before`` to ``after``, by request and then week order."""
    request_ids = {name_key(s.request_id): s.request_id for s in (*after.sessions, *before.sessions)}
    changes: list[SessionChange] = []
    for key in sorted(request_ids):
        old = _of_request(before, key)
        new = _of_request(after, key)
        changes.extend(_request_changes(request_ids[key], old, new))
    return PlanDiff(tuple(changes))


def changes_per_helper(diff: PlanDiff, school: School) -> dict[str, tuple[SessionChange, ...]]:
    """Per helper of the school (in the school's order), the changes that concern them; none left out."""
    return {
        helper.name: found
        for helper in school.helpers
        if (found := tuple(change for change in diff.changes if name_key(helper.name) in change.helpers))
    }


def changes_per_teacher(diff: PlanDiff, school: School) -> dict[str, tuple[SessionChange, ...]]:
    """Per teacher of the school, the changes to their requests (a removed request has no teacher)."""
    teacher_of = {name_key(request.request_id): name_key(request.teacher) for request in school.requests}
    return {
        teacher.name: found
        for teacher in school.teachers
        if (
            found := tuple(
                change
                for change in diff.changes
                if teacher_of.get(name_key(change.request_id)) == name_key(teacher.name)
            )
        )
    }


def _of_request(plan: Plan, key: str) -> list[Session]:
    return sorted(plan.sessions_of(key), key=_week_order)  # a key is its own key


def _week_order(session: Session) -> tuple[int, int, int]:
    return (DAYS.index(session.day) if session.day in DAYS else len(DAYS), session.start, session.end)


def _request_changes(request_id: str, old: list[Session], new: list[Session]) -> list[SessionChange]:
    changes: list[SessionChange] = []
    left_old, left_new = list(old), []
    for session in new:
        same_time = next((s for s in left_old if _week_order(s) == _week_order(session)), None)
        if same_time is None:
            left_new.append(session)
            continue
        left_old.remove(same_time)
        if _helper_keys(same_time) != _helper_keys(session):
            changes.append(SessionChange(SessionChangeKind.HELPER_CHANGED, request_id, same_time, session))
    for was, now in zip(left_old, left_new, strict=False):
        changes.append(SessionChange(SessionChangeKind.MOVED, request_id, was, now))
    paired = min(len(left_old), len(left_new))
    changes.extend(SessionChange(SessionChangeKind.REMOVED, request_id, was, None) for was in left_old[paired:])
    changes.extend(SessionChange(SessionChangeKind.ADDED, request_id, None, now) for now in left_new[paired:])
    return sorted(changes, key=lambda change: _week_order(change.after or change.before))


def _helper_keys(session: Session) -> frozenset[str]:
    return frozenset(name_key(name) for name in session.helpers)
