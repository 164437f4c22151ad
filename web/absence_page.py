"""The planner's page for a day's absence: who is absent when, and how that day goes now.

A GET form (helper and date as query parameters): the page only computes and shows,
it changes nothing stored. The day is re-planned from the published plan, else the
newest plan (``keep_base_run``), with ``planner.absence``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.absence import AbsenceDay, AbsenceError, check_absence_date, plan_absence
from planner.model import School, name_key
from planner.timegrid import format_date
from web import plan_store
from web.models_plan import PlanRun
from web.planning_data import current_school, keep_base_run

ABSENCE_TIME_LIMIT_S = 10.0


@dataclass(frozen=True)
class AbsenceResult:
    absence: AbsenceDay
    date_text: str
    run: PlanRun
    teachers_losing_help: tuple[str, ...]


def absence_context(helper_asked: str, date_asked: str) -> dict:
    """What the page shows: the form's choices, the problems with the input, or the outcome."""
    school = current_school()
    run = keep_base_run()
    context = {
        "helper_names": [h.name for h in school.helpers],
        "chosen_helper": helper_asked,
        "chosen_date": date_asked,
        "run": run,
        "errors": [],
        "result": None,
    }
    if not helper_asked and not date_asked:
        return context
    helper_name, day, date, errors = _checked_input(school, helper_asked, date_asked)
    if run is None:
        errors.append("Er is nog geen rooster berekend: bereken eerst een rooster.")
    if errors:
        return {**context, "errors": errors}
    try:
        absence = plan_absence(school, plan_store.to_plan(run), helper_name, day, ABSENCE_TIME_LIMIT_S)
    except AbsenceError as error:
        return {**context, "errors": [str(error)]}
    result = AbsenceResult(absence, format_date(date), run, absence.teachers_losing_help(school))
    return {**context, "result": result, "requests": {name_key(r.request_id): r for r in school.requests}}


def _checked_input(school: School, helper_asked: str, date_asked: str) -> tuple[str, str, dt.date | None, list[str]]:
    """The helper's name, the day code and the date; every problem with them at once (Dutch)."""
    errors = []
    helper = school.helper(helper_asked) if helper_asked else None
    if helper is None:
        errors.append("Kies een ondersteuner uit de lijst." if not helper_asked else
                      f"Onbekende ondersteuner '{helper_asked}': kies er een uit de lijst.")  # fmt: skip
    day = None
    date = _parse_date(date_asked)
    if date is None:
        errors.append("Vul een geldige datum in, bijvoorbeeld 8-12-2026.")
    if date is not None:
        try:
            day = check_absence_date(school, date)
        except AbsenceError as error:
            errors.append(str(error))
    return (helper.name if helper else ""), (day or ""), date, errors


def _parse_date(text: str) -> dt.date | None:
    """A date as the date field sends it (2026-12-08) or as typed in Dutch (8-12-2026)."""
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None
