"""A request's outcome in a stored plan, as teachers and the planner see it."""

from __future__ import annotations

from dataclasses import dataclass

from planner.timegrid import DAYS, format_time
from web.store import plan_store
from web.store.models import Request

NEW_LABEL = "nieuw — nog niet ingepland"  # sent after the plan's run: no run has looked at it yet
OUTCOME_CSS = {"gehonoreerd": "ok", "deels": "partly", "niet ingepland": "bad", NEW_LABEL: "neutral"}


@dataclass(frozen=True)
class SessionLine:
    day: str
    start: int
    end: int
    helpers: tuple[str, ...]

    @property
    def time_text(self) -> str:
        return f"{format_time(self.start)}–{format_time(self.end)}"


@dataclass(frozen=True)
class RequestOutcome:
    label: str  # gehonoreerd / deels / niet ingepland
    placed: int
    asked: int
    sessions: tuple[SessionLine, ...]
    reason: str = ""
    suggestion: str = ""

    @property
    def css(self) -> str:
        return OUTCOME_CSS.get(self.label, "neutral")


def request_outcome(stored_plan, row: Request) -> RequestOutcome | None:
    """None when there is no plan; otherwise what the plan gives this request (``NEW_LABEL`` if sent after it)."""
    if stored_plan is None:
        return None
    code, sessions_per_week = row.code, row.sessions_per_week
    sessions = sorted(stored_plan.plan.sessions_of(code), key=lambda s: (_day_order(s.day), s.start))
    if not sessions and _sent_after(row, stored_plan):
        return RequestOutcome(label=NEW_LABEL, placed=0, asked=sessions_per_week, sessions=())
    placed = min(len(sessions), sessions_per_week)
    label = "gehonoreerd" if placed >= sessions_per_week else ("deels" if placed else "niet ingepland")
    diagnosis = stored_plan.diagnosis_of(code)
    return RequestOutcome(
        label=label,
        placed=placed,
        asked=sessions_per_week,
        sessions=tuple(SessionLine(s.day, s.start, s.end, tuple(s.helpers)) for s in sessions),
        reason=diagnosis.reason if diagnosis and label != "gehonoreerd" else "",
        suggestion=(diagnosis.suggestion or "") if diagnosis and label != "gehonoreerd" else "",
    )


def _sent_after(row: Request, stored_plan) -> bool:
    return row.created_at is not None and stored_plan.created_at is not None and row.created_at > stored_plan.created_at


def _day_order(day: str) -> int:
    return DAYS.index(day) if day in DAYS else len(DAYS)


def published_plan():
    """The plan teachers and helpers see (helper D2's plan store)."""
    return plan_store.published_plan()


def planner_plan():
    """The plan the planner's pages show by default: the published one, else the newest."""
    run = plan_store.planner_default_run()
    return plan_store.to_stored_plan(run) if run else None
