"""Jinja filters and globals shared by all pages (Dutch formatting of times, days and hours)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask_login import current_user

from planner import services
from planner.model import Priority
from planner.timegrid import DAY_FULL_NAMES, format_date, format_hours, format_time
from web.store.models import ROLE_HELPER, ROLE_PLANNER, ROLE_TEACHER

SCHOOL_TIME_ZONE = ZoneInfo("Europe/Amsterdam")

# (endpoint, label) per role: the navigation in base.html.
NAVIGATION = {
    ROLE_TEACHER: (
        ("teacher.index", "Mijn aanvragen"),
        ("teacher.new_request", "Nieuwe aanvraag"),
        ("teacher.group_week", "Mijn groep"),
        ("teacher.subscription", "Agenda"),
    ),
    ROLE_HELPER: (("helper.week", "Mijn week"), ("helper.subscription", "Agenda")),
    ROLE_PLANNER: (
        ("planning.dashboard", "Overzicht"),
        ("school.requests", "Aanvragen"),
        ("school.groups", "Groepen"),
        ("school.teachers", "Leerkrachten"),
        ("school_helpers.helpers", "Ondersteuners"),
        ("school.tasks", "Taken"),
        ("school.settings", "School"),
        ("days_off.days_off", "Vrije dagen"),
        ("accounts.accounts", "Accounts"),
        ("mail.deliveries", "E-mail"),
        ("imports.import_form", "Importeren"),
    ),
}


def format_clock(minutes: int | None) -> str:
    return "" if minutes is None else format_time(minutes)


def day_name(day: str) -> str:
    return DAY_FULL_NAMES.get(day, day)


def local_time(moment: dt.datetime | None) -> str:
    """A stored moment (UTC, without a zone) as the school's clock shows it: ``28-11-2026 19:05``."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.UTC).astimezone(SCHOOL_TIME_ZONE).strftime("%d-%m-%Y %H:%M")


def percent(share: float | None) -> str:
    """A share as a whole percentage the Dutch way: ``0.4`` → ``40 %``; None → ``–``."""
    return "–" if share is None else f"{round(share * 100)} %"


def priority_label(value: int | Priority) -> str:
    try:
        return Priority(int(value)).label
    except ValueError:
        return str(value)


TEMPLATE_FILTERS = {
    "clock": format_clock,
    "hours": format_hours,
    "day_name": day_name,
    "nl_date": format_date,  # dinsdag 8 december 2026
    "priority_label": priority_label,
    "local_time": local_time,
    "percent": percent,
    "plural": services.plural,  # {{ n|plural('aanvraag', 'aanvragen') }} → 1 aanvraag, 2 aanvragen
}


def template_globals() -> dict:
    role = current_user.role if current_user.is_authenticated else None
    return {"navigation": NAVIGATION.get(role, ()), "DAY_FULL_NAMES": DAY_FULL_NAMES}
