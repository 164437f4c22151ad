"""The planner's page for a day's absence: who is absent when, and how that day goes now.

Posting the form computes the day once (``services.plan_absence``, from the published plan,
else the newest: ``keep_base_run``) and keeps it as an ``AbsenceRecord``, so what the
planner sees is exactly what is passed on to the helpers and teachers concerned.
"""

from __future__ import annotations

import datetime as dt

from flask import abort

from planner import services
from planner.model import School, name_key
from planner.timegrid import DAY_FULL_NAMES, format_date
from web.db import db
from web.planning.page_data import current_school, keep_base_run
from web.store import plan_store
from web.store.absences import recorded_absences, store_absence, to_absence_day
from web.store.models_plan import AbsenceRecord

ABSENCE_TIME_LIMIT_S = 10.0


def absence_context(record_id: int | None, helper_asked: str = "", date_asked: str = "", errors=()) -> dict:
    """The form, the recorded absences and, when asked, one record with its outcome."""
    school = current_school()
    record = absence_record_or_404(record_id) if record_id is not None else None
    settings = school.settings
    context = {
        "helper_names": [h.name for h in school.helpers],
        "date_min": settings.period_start.isoformat() if settings.period_start else "",
        "date_max": settings.period_end.isoformat() if settings.period_end else "",
        "date_hint": _date_hint(school),
        "school_dates": _school_dates(school),
        "chosen_helper": record.helper if record else helper_asked,
        "chosen_date": record.date.isoformat() if record else date_asked,
        "errors": list(errors),
        "record": record,
        "records": recorded_absences(),
    }
    if record is not None:
        absence = to_absence_day(record)
        context |= {
            "absence": absence,
            "teachers_losing_help": absence.teachers_losing_help(school),
            "requests": {name_key(r.request_id): r for r in school.requests},
        }
    return context


def _school_dates(school: School) -> tuple[dt.date, ...]:
    """The dates an absence can be on, to pick from: the period's school dates less days off; empty
    without a period (the form then asks for any date and checks it)."""
    settings = school.settings
    if settings.period_start is None or settings.period_end is None:
        return ()
    return services.school_dates(school, settings.period_start, settings.period_end)


def record_absence(helper_asked: str, date_asked: str) -> tuple[AbsenceRecord | None, list[str]]:
    """Compute the day and keep it; or every problem with the input, with nothing stored."""
    school = current_school()
    helper_name, day, date, errors = _checked_input(school, helper_asked, date_asked)
    run = keep_base_run()
    if run is None:
        errors.append("Er is nog geen rooster berekend: bereken eerst een rooster.")
    if errors:
        return None, errors
    try:
        absence = services.plan_absence(school, plan_store.to_plan(run), helper_name, day, ABSENCE_TIME_LIMIT_S)
    except services.AbsenceError as error:
        return None, [str(error)]
    return store_absence(absence, date, run), []


def absence_record_or_404(record_id: int | None) -> AbsenceRecord:
    record = db.session.get(AbsenceRecord, record_id or 0)
    if record is None:
        abort(404)
    return record


def _checked_input(school: School, helper_asked: str, date_asked: str) -> tuple[str, str, dt.date | None, list[str]]:
    """The helper's name, the day code and the date; every problem with them at once (Dutch)."""
    errors = []
    helper = school.helper(helper_asked) if helper_asked else None
    if helper is None:
        unknown = f"Onbekende ondersteuner '{services.quoted(helper_asked)}': kies er een uit de lijst."
        errors.append(unknown if helper_asked else "Kies een ondersteuner uit de lijst.")
    day = None
    date = _parse_date(date_asked)
    if date is None:
        errors.append("Vul een geldige datum in, bijvoorbeeld 8-12-2026.")
    else:
        try:
            day = services.check_absence_date(school, date)
        except services.AbsenceError as error:
            errors.append(str(error))
    return (helper.name if helper else ""), (day or ""), date, errors


def _date_hint(school: School) -> str:
    """Which dates the form takes: the school days, within the planning period when one is set."""
    days = services.join_dutch([DAY_FULL_NAMES[d.day] for d in school.school_days])
    settings = school.settings
    first, last = settings.period_start, settings.period_end
    period = ""
    if first and last:
        period = f" van {format_date(first)} t/m {format_date(last)}"
    elif first or last:
        period = f" vanaf {format_date(first)}" if first else f" t/m {format_date(last)}"
    return f"Een schooldag ({days}){period}."


def _parse_date(text: str) -> dt.date | None:
    """A date as the date field sends it (2026-12-08) or as typed in Dutch (8-12-2026)."""
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None
