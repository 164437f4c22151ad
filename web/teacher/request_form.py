"""The teacher's request form: parse, check with the workbook's rules, and report per field in Dutch.

The checks are the core's (``planner.request_checks``: the window, ``keer_per_week`` ≤ allowed
days, the task's roles; ``planner.timegrid``: times on the time step), the same the workbook
reader uses; this module says them in the form's words, at the form's fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from planner import model
from planner.model import ROLES, SUBGROUPS, ModelError, Priority, name_key
from planner.services import (
    DURATION_MIN,
    HANDS,
    SESSIONS_PER_WEEK,
    NumberRule,
    RequestFault,
    days_fault,
    quoted,
    roles_fault,
    window_fault,
)
from planner.timegrid import format_time, is_on_step, parse_time
from web.db import db
from web.form_values import column_size, record_id, text_fault, whole_number
from web.store.convert import kept_request_form_school
from web.store.models import Group, Helper, Task, join_list, split_list
from web.store.models import Request as RequestRow

TIME_MODE_FIXED = "vast"
TIME_MODE_WINDOW = "venster"


@dataclass(frozen=True)
class RequestInput:
    """A checked request as the form gave it, ready to store."""

    group: Group
    subject: str
    task: str
    goal: str
    subgroup: str
    sessions_per_week: int
    duration_min: int
    days: tuple[str, ...]
    window_start: int
    window_end: int
    preferred_start: int | None
    priority: Priority
    roles: tuple[str, ...]
    skills: tuple[str, ...]
    preferred_helper: str
    hands: int
    notes: str

    def apply_to(self, row: RequestRow) -> None:
        row.group = self.group
        row.subject, row.task, row.goal, row.subgroup = self.subject, self.task, self.goal, self.subgroup
        row.sessions_per_week, row.duration_min = self.sessions_per_week, self.duration_min
        row.days = join_list(self.days)
        row.window_start, row.window_end, row.preferred_start = self.window_start, self.window_end, self.preferred_start
        row.priority = int(self.priority)
        row.roles, row.skills = join_list(self.roles), join_list(self.skills)
        row.preferred_helper, row.hands, row.notes = self.preferred_helper, self.hands, self.notes


class FormErrors(dict):
    """Field name → Dutch message; the first message per field wins."""

    def add(self, field_name: str, message: str) -> None:
        self.setdefault(field_name, message)


def values_from_row(row: RequestRow) -> dict:
    """The form's values for editing an existing request."""
    fixed = row.window_end - row.window_start == row.duration_min
    return {
        "groep": str(row.group_id),
        "vak": row.subject,
        "taak": row.task,
        "doel": row.goal,
        "subgroep": row.subgroup,
        "keer_per_week": str(row.sessions_per_week),
        "duur_min": str(row.duration_min),
        "dagen": list(split_list(row.days)),
        "tijdtype": TIME_MODE_FIXED if fixed else TIME_MODE_WINDOW,
        "begin": format_time(row.window_start),
        "van": format_time(row.window_start),
        "tot": format_time(row.window_end),
        "voorkeur_begin": format_time(row.preferred_start) if row.preferred_start is not None else "",
        "prioriteit": Priority(row.priority).label,
        "functies": list(split_list(row.roles)),
        "vaardigheden": row.skills,
        "voorkeur": row.preferred_helper,
        "handen": str(row.hands),
        "toelichting": row.notes,
    }


def default_values() -> dict:
    return {
        "tijdtype": TIME_MODE_WINDOW,
        "keer_per_week": "1",
        "duur_min": "45",
        "prioriteit": "middel",
        "handen": "1",
        "dagen": [],
        "functies": [],
    }


def values_from_form(form: MultiDict) -> dict:
    values = {key: form.get(key, "").strip() for key in form}
    values["dagen"] = form.getlist("dagen")
    values["functies"] = form.getlist("functies")
    return values


def parse_request_form(
    form: MultiDict, school: model.School, own_groups: list[Group]
) -> tuple[RequestInput | None, FormErrors]:
    values = values_from_form(form)
    errors = FormErrors()
    group = _own_group(values.get("groep", ""), own_groups, errors)
    step = school.settings.time_step_min
    sessions = _whole_number(values, "keer_per_week", SESSIONS_PER_WEEK, errors, "Vul in hoe vaak per week: 1 tot 7.")
    duration = _whole_number(values, "duur_min", DURATION_MIN, errors, "Vul de duur in minuten in, bijv. 45.")
    if duration is not None and not is_on_step(duration, step):
        errors.add("duur_min", f"De duur moet een veelvoud van {step} minuten zijn.")
    hands = _whole_number(values, "handen", HANDS, errors, "Vul het aantal handen tegelijk in: 1 tot 10.")
    window = _window(values, duration, step, errors)
    days = tuple(day for day in values["dagen"] if day in school.school_day_codes)
    if len(days) != len(values["dagen"]):
        errors.add("dagen", "Kies alleen schooldagen.")
    roles = tuple(role for role in values["functies"] if role in ROLES)
    if len(roles) != len(values["functies"]):
        errors.add("functies", "Kies alleen functies uit de lijst.")
    if not values.get("taak"):
        errors.add("taak", "Vul in wat de extra handen doen, bijv. basisgroep overnemen.")
    _check_text_lengths(values, errors)
    priority = _priority(values.get("prioriteit", ""), errors)
    preferred_helper = _preferred_helper(values.get("voorkeur", ""), school, errors)
    if errors or group is None or window is None:
        return None, errors
    checked = RequestInput(
        group=group,
        subject=values.get("vak", ""),
        task=values["taak"],
        goal=values.get("doel", ""),
        subgroup=values.get("subgroep", ""),
        sessions_per_week=sessions,
        duration_min=duration,
        days=days,
        window_start=window[0],
        window_end=window[1],
        preferred_start=window[2],
        priority=priority,
        roles=roles,
        skills=split_list(values.get("vaardigheden", "")),
        preferred_helper=preferred_helper,
        hands=hands,
        notes=values.get("toelichting", ""),
    )
    _check_against_school(checked, school, errors)
    return (None if errors else checked), errors


def _own_group(value: str, own_groups: list[Group], errors: FormErrors) -> Group | None:
    for group in own_groups:
        if group.id == record_id(value):
            return group
    errors.add("groep", "Kies een van uw eigen groepen.")
    return None


def _whole_number(values: dict, field_name: str, allowed: NumberRule, errors: FormErrors, message: str) -> int | None:
    number = whole_number(values.get(field_name, ""))
    if number is None or not allowed.holds(number):
        errors.add(field_name, message)
        return None
    return number


# Form field → (column it is stored in, how the message names it).
TEXT_FIELDS: dict[str, tuple[str, str]] = {
    "vak": ("subject", "het vak"),
    "taak": ("task", "de taak"),
    "doel": ("goal", "het doel"),
    "subgroep": ("subgroup", "de subgroep"),
    "vaardigheden": ("skills", "de vaardigheden"),
    "toelichting": ("notes", "de toelichting"),
}


def _check_text_lengths(values: dict, errors: FormErrors) -> None:
    """Every free text fits its column and holds no NUL byte."""
    for field_name, (column, what) in TEXT_FIELDS.items():
        fault = text_fault(values.get(field_name, ""), column_size(RequestRow, column))
        if fault:
            errors.add(field_name, f"De tekst bij {what} {fault}.")


def _time(values: dict, field_name: str, step: int, errors: FormErrors, required: bool = True) -> int | None:
    text = values.get(field_name, "")
    if not text:
        if required:
            errors.add(field_name, "Vul een tijd in, bijv. 9:15.")
        return None
    try:
        minutes = parse_time(text)
    except ValueError as error:
        errors.add(field_name, f"'{quoted(text)}' is geen tijd: {error}.")
        return None
    if not is_on_step(minutes, step):
        errors.add(field_name, f"'{quoted(text)}' valt niet op de tijdstap van {step} minuten.")
        return None
    return minutes


def _window(values: dict, duration: int | None, step: int, errors: FormErrors) -> tuple[int, int, int | None] | None:
    """(start, end, preferred start) from either a fixed time or a window."""
    if values.get("tijdtype") == TIME_MODE_FIXED:
        start = _time(values, "begin", step, errors)
        if start is None or duration is None:
            return None
        return start, start + duration, None
    start, end = _time(values, "van", step, errors), _time(values, "tot", step, errors)
    preferred = _time(values, "voorkeur_begin", step, errors, required=False)
    if start is None or end is None or duration is None:
        return None
    fault = window_fault(start, end, duration, preferred)
    if fault == RequestFault.WINDOW_NOT_AFTER_START:
        errors.add("tot", "De eindtijd moet na de begintijd liggen.")
    elif fault == RequestFault.WINDOW_SHORTER_THAN_DURATION:
        errors.add("tot", f"Het venster ({end - start} min) is korter dan de duur ({duration} min).")
    elif fault == RequestFault.PREFERRED_START_OUTSIDE_WINDOW:
        errors.add("voorkeur_begin", "De voorkeurstijd moet zo liggen dat de hele keer in het venster past.")
    return None if fault else (start, end, preferred)


def _priority(value: str, errors: FormErrors) -> Priority:
    try:
        return Priority.from_label(value or "middel")
    except KeyError:
        errors.add("prioriteit", "Kies hoog, middel of laag.")
        return Priority.MIDDEL


def _preferred_helper(value: str, school: model.School, errors: FormErrors) -> str:
    if not value:
        return ""
    helper = school.helper(value)
    if helper is None:
        errors.add("voorkeur", "Kies een ondersteuner uit de lijst, of geen voorkeur.")
        return ""
    return helper.name


def _check_against_school(checked: RequestInput, school: model.School, errors: FormErrors) -> None:
    """The cross-checks against the school: enough allowed days within school hours, a role the task allows."""
    try:
        request = model.Request(
            request_id="nieuw",
            teacher="",
            group=checked.group.name,
            task=checked.task,
            sessions_per_week=checked.sessions_per_week,
            duration_min=checked.duration_min,
            window_start=checked.window_start,
            window_end=checked.window_end,
            days=checked.days,
            preferred_start=checked.preferred_start,
            roles=checked.roles,
            hands=checked.hands,
        )
    except ModelError as error:
        errors.add("van", f"Dit klopt niet: {error}.")
        return
    fault = days_fault(school, request)
    if fault == RequestFault.FITS_ON_NO_DAY:
        errors.add(
            "dagen", "Op geen van de gekozen dagen past een keer van deze duur in het venster en de schooltijden."
        )
    elif fault == RequestFault.MORE_SESSIONS_THAN_DAYS:
        allowed = school.allowed_days(request)
        errors.add(
            "keer_per_week",
            f"{checked.sessions_per_week} keer per week kan niet: het past maar op {len(allowed)} dag(en) "
            f"({', '.join(allowed)}). Elke keer is op een andere dag.",
        )
    if roles_fault(school, request):
        task = school.task(checked.task)
        errors.add("functies", f"Voor de taak '{task.name}' mogen alleen: {', '.join(task.roles)}.")


def skill_suggestions(school: model.School) -> list[str]:
    seen: dict[str, str] = {}
    for helper in school.helpers:
        for skill in helper.skills:
            seen.setdefault(name_key(skill), skill)
    return sorted(seen.values(), key=str.casefold)


def render_request_form(teacher, values: dict, errors: dict, row, back_url: str, back_label: str) -> str:
    """The request form page, for a teacher's own request or for the planner editing one."""
    school = kept_request_form_school()
    return render_template(
        "teacher/form.html",
        teacher=teacher,
        row=row,
        values=values,
        errors=errors,
        school_days=school.school_day_codes,
        tasks=db.session.scalars(select(Task).order_by(Task.name)).all(),
        helpers=db.session.scalars(select(Helper).order_by(Helper.name)).all(),
        skills=skill_suggestions(school),
        roles=ROLES,
        subgroups=SUBGROUPS,
        priorities=[p.label for p in Priority],
        step=school.settings.time_step_min,
        back_url=back_url,
        back_label=back_label,
    )
