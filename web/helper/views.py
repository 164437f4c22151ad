"""Helper pages (``/ondersteuner``): my week from the published plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Blueprint, Response, render_template
from flask_login import current_user
from sqlalchemy import func, select

from planner.timegrid import DAYS, format_time
from web.access import restrict_blueprint
from web.db import db
from web.helper.ical import CalendarEvent, build_calendar
from web.store import outcomes
from web.store.absences import notices_for_helper
from web.store.convert import settings_row
from web.store.models import ROLE_HELPER, Helper, Request, utc_now

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


@helper_bp.route("/agenda.ics")
def calendar():
    """My week for a calendar app: each session repeats weekly over the planning period."""
    helper = db.session.get(Helper, current_user.helper_id) if current_user.helper_id else None
    stored = outcomes.published_plan()
    items = week_items(stored, helper) if helper is not None and stored is not None else []
    settings = settings_row()
    events = [
        CalendarEvent(
            uid=f"{stored.run_id}-{index}@handenplanner",
            day=item.day,
            start=item.start,
            end=item.end,
            summary=f"{item.task} – groep {item.group}" if item.group else item.task,
            description="; ".join(
                part
                for part in (
                    f"leerkracht {item.teacher}" if item.teacher else "",
                    f"doel: {item.goal}" if item.goal else "",
                )
                if part
            ),
            location=item.location,
        )
        for index, item in enumerate(items)
    ]
    text = build_calendar(events, settings.period_start, settings.period_end, dt.date.today(), utc_now())
    response = Response(text, mimetype="text/calendar")
    response.headers["Content-Disposition"] = "attachment; filename=mijn-rooster.ics"
    return response


def week_items(stored, helper: Helper) -> list[WeekItem]:
    items = []
    for session in stored.plan.sessions_of_helper(helper.name):
        row = db.session.scalars(select(Request).where(func.lower(Request.code) == session.request_id.lower())).first()
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
