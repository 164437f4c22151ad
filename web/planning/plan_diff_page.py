"""What changes between two stored runs, per helper and per teacher, as the publish and compare pages show it."""

from __future__ import annotations

from dataclasses import dataclass

from planner import services
from planner.model import Plan, School, Session
from planner.timegrid import DAY_FULL_NAMES, format_time
from web.store import plan_store
from web.store.models_plan import PlanRun


@dataclass(frozen=True)
class ChangeLine:
    kind: str  # the Dutch word: erbij, vervalt, verplaatst, andere ondersteuner
    request_id: str
    what: str  # the request's task and group, e.g. "lezen, groep 3"
    before: str  # "maandag 9:00–9:30 (Fatima)", or "–" when added
    after: str


@dataclass(frozen=True)
class PersonChanges:
    name: str
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True)
class DiffView:
    total: int
    counts: tuple[tuple[str, int], ...]  # (kind, count) for the kinds that occur
    per_helper: tuple[PersonChanges, ...]
    per_teacher: tuple[PersonChanges, ...]


def diff_view(before: PlanRun | None, after: PlanRun, school: School) -> DiffView:
    """From ``before`` (None: no plan yet, so everything is new) to ``after``, for the school as it is now."""
    old = plan_store.to_plan(before) if before is not None else Plan(sessions=())
    diff = services.diff_plans(old, plan_store.to_plan(after))
    counts = tuple((kind.value, diff.count(kind)) for kind in services.SessionChangeKind if diff.count(kind))
    return DiffView(
        total=len(diff.changes),
        counts=counts,
        per_helper=_people(services.changes_per_helper(diff, school), school),
        per_teacher=_people(services.changes_per_teacher(diff, school), school),
    )


def _people(changes: dict[str, tuple[services.SessionChange, ...]], school: School) -> tuple[PersonChanges, ...]:
    return tuple(
        PersonChanges(name, tuple(_line(change, school) for change in found)) for name, found in changes.items()
    )


def _line(change: services.SessionChange, school: School) -> ChangeLine:
    request = school.request(change.request_id)
    what = f"{request.task}, groep {request.group}" if request else "aanvraag bestaat niet meer"
    return ChangeLine(change.kind.value, change.request_id, what, _when(change.before), _when(change.after))


def _when(session: Session | None) -> str:
    if session is None:
        return "–"
    day = DAY_FULL_NAMES.get(session.day, session.day)
    return f"{day} {format_time(session.start)}–{format_time(session.end)} ({', '.join(session.helpers)})"
