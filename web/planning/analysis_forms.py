"""The analysis page's forms: a capacity curve, more hours for one helper, an uploaded workbook.

Each parser returns what was asked, or every problem at once (Dutch) and nothing else: a form with
a problem starts no run and changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from werkzeug.datastructures import FileStorage, MultiDict

from planner import services
from planner.model import ROLES, School
from planner.services import TIME_LIMIT_S, quoted
from web.planning.analysis_runner import CurveAsked, ScenarioAsked
from web.school.forms import FormError, parse_number

MAX_EXTRA_HOURS = 40.0
MAX_CURVE_STEPS = 12
MAX_TIME_LIMIT_S = TIME_LIMIT_S.high
TIME_FIELD = "rekentijd_s"


@dataclass(frozen=True)
class UploadProblems:
    """Why an uploaded workbook cannot be a scenario: the form's problems and the workbook's own."""

    errors: tuple[str, ...]
    workbook_problems: tuple = ()  # planner.workbook problems, each with sheet, row, column, value, expected


def parse_curve_form(form: MultiDict) -> tuple[CurveAsked | None, list[str]]:
    errors: list[str] = []
    up_to = _number(form, "tot_uren", "Extra uren tot en met", errors, upper=MAX_EXTRA_HOURS)
    step = _number(form, "stap_uren", "Stapgrootte", errors, upper=MAX_EXTRA_HOURS)
    role = form.get("functie", "")
    if role not in ROLES:
        errors.append("Kies de functie van de extra uren uit de lijst.")
    time_limit = _time_limit(form, errors)
    steps = curve_steps(up_to, step) if up_to and step else ()
    if len(steps) > MAX_CURVE_STEPS:
        errors.append(
            f"Dat zijn {len(steps)} stappen; hoogstens {MAX_CURVE_STEPS}. Kies een grotere stap of minder extra uren."
        )
    if errors:
        return None, errors
    return CurveAsked(steps, role, time_limit), []


def curve_steps(up_to: float, step: float) -> tuple[float, ...]:
    """0, step, 2·step, … up to and including ``up_to`` (which ends the list even when it is no multiple)."""
    count = int(up_to / step + 1e-9)
    steps = [round(number * step, 4) for number in range(count + 1)]
    if steps[-1] < up_to - 1e-9:
        steps.append(up_to)
    return tuple(steps)


def parse_hours_form(form: MultiDict, school: School) -> tuple[ScenarioAsked | None, list[str]]:
    errors: list[str] = []
    asked_helper = form.get("ondersteuner", "").strip()
    helper = school.helper(asked_helper) if asked_helper else None
    if helper is None:
        errors.append(
            "Kies een ondersteuner uit de lijst."
            if not asked_helper
            else f"Onbekende ondersteuner '{quoted(asked_helper)}': kies er een uit de lijst."
        )
    extra = _number(form, "extra_uren", "Extra uren per week", errors, upper=MAX_EXTRA_HOURS)
    time_limit = _time_limit(form, errors)
    if errors:
        return None, errors
    return ScenarioAsked(time_limit, helper=helper.name, extra_hours=extra), []


def parse_upload_form(form: MultiDict, upload: FileStorage | None) -> tuple[ScenarioAsked | None, UploadProblems]:
    """The uploaded workbook read in memory; it is kept with its run only until the run is done. The app's
    upload limit guards its size."""
    errors: list[str] = []
    time_limit = _time_limit(form, errors)
    if upload is None or not upload.filename:
        errors.append("Kies een werkmap (.xlsx) om mee te vergelijken.")
        return None, UploadProblems(tuple(errors))
    content = upload.read()
    try:
        school = services.read_school(content)
    except services.WorkbookError as error:
        return None, UploadProblems(tuple(errors), tuple(error.problems))
    except Exception:  # not a workbook at all: say so, never a trace
        logging.getLogger(__name__).exception("werkmap voor scenario onleesbaar")
        errors.append(f"'{upload.filename}' kon niet als planningswerkmap worden gelezen.")
        return None, UploadProblems(tuple(errors))
    if errors:
        return None, UploadProblems(tuple(errors))
    asked = ScenarioAsked(time_limit, workbook_name=upload.filename, workbook_school=school, workbook_bytes=content)
    return asked, UploadProblems(())


def _time_limit(form: MultiDict, errors: list[str]) -> float:
    limit = _number(form, TIME_FIELD, "Rekentijd", errors, upper=MAX_TIME_LIMIT_S)
    if limit is not None and limit < 1:
        errors.append("Rekentijd: geef minstens 1 seconde.")
    return limit or 0.0


def _number(form: MultiDict, name: str, what: str, errors: list[str], *, upper: float) -> float | None:
    """A number above 0 and at most ``upper``; a problem goes to ``errors`` (and gives None)."""
    if not form.get(name, "").strip():
        errors.append(f"Vul in: {what.lower()}.")
        return None
    try:
        value = parse_number(form, name, what)
    except FormError as problem:
        errors.append(str(problem))
        return None
    if not 0 < value <= upper:
        errors.append(f"{what}: geef een getal groter dan 0 en hoogstens {upper:g}.")
        return None
    return value
