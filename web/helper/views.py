"""Helper pages (``/ondersteuner``): my week from the published plan."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from planner.timegrid import DAYS, format_time
from web.access import restrict_blueprint
from web.calendar.views import change_subscription, subscription_page
from web.db import db
from web.store import outcomes
from web.store.absences import notices_for_helper
from web.store.models import ROLE_HELPER, Helper, Request

helper_bp = Blueprint("helper", __name__, template_folder="templates", url_prefix="/ondersteuner")
restrict_blueprint(helper_bp, ROLE_HELPER)


@dataclass(frozen=True)
class WeekItem:
    day: str
    start: int
    end: int
    group: str
    teacher: str
    task: str
    subject: str
    goal: str
    subgroup: str
    location: str
    colleagues: tuple[str, ...]

    @property
    def time_text(self) -> str:
        return f"{format_time(self.start)}–{format_time(self.end)}"


@helper_bp.route("/")
def week():
    helper = db.session.get(Helper, current_user.helper_id) if current_user.helper_id else None
    stored = outcomes.published_plan()
    items = week_items(stored, helper) if helper is not None and stored is not None else []
    days = [day for day in DAYS if any(item.day == day for item in items)]
    # A school with one location leaves it empty: then a location column only says "–".
    show_location = any(item.location for item in items)
    notices = notices_for_helper(helper.name) if helper is not None else []
    return render_template(
        "helper/week.html",
        helper=helper,
        stored=stored,
        items=items,
        days=days,
        show_location=show_location,
        notices=notices,
    )


@helper_bp.get("/agenda")
def subscription():
    return subscription_page("helper.week", "mijn week")


@helper_bp.post("/agenda")
def change_calendar():
    return change_subscription("helper.subscription")


def week_items(stored, helper: Helper) -> list[WeekItem]:
    items = []
    sessions = stored.plan.sessions_of_helper(helper.name)
    rows = _requests_by_code({session.request_id.lower() for session in sessions})
    for session in sessions:
        row = rows.get(session.request_id.lower())
        colleagues = tuple(name for name in session.helpers if name.casefold() != helper.name.casefold())
        items.append(
            WeekItem(
                day=session.day,
                start=session.start,
                end=session.end,
                group=row.group.name if row else "",
                teacher=row.teacher.name if row else "",
                task=row.task if row else f"aanvraag {session.request_id}",
                subject=row.subject if row else "",
                goal=row.goal if row else "",
                subgroup=row.subgroup if row else "",
                location=(row.group.location if row else "") or "",
                colleagues=colleagues,
            )
        )
    return sorted(items, key=lambda item: (DAYS.index(item.day) if item.day in DAYS else 9, item.start))


def _requests_by_code(codes: set[str]) -> dict[str, Request]:
    """The requests of the helper's sessions by lower-case code, with teacher and group, in one query."""
    query = (
        select(Request)
        .options(joinedload(Request.teacher), joinedload(Request.group))
        .where(func.lower(Request.code).in_(codes))
        .order_by(Request.id)
    )
    rows: dict[str, Request] = {}
    for row in db.session.scalars(query).unique():
        rows.setdefault(row.code.lower(), row)  # the first, as a lookup per session found it
    return rows
