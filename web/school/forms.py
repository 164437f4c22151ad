"""Small parsers for the planner's school set-up forms; a problem is a ``FormError`` with a Dutch text."""

from __future__ import annotations

import datetime as dt

from werkzeug.datastructures import MultiDict

from planner.model import ModelError, Settings
from planner.services import CHANGEOVER_MIN, TIME_LIMIT_S, NumberRule, quoted
from planner.timegrid import parse_time
from web.form_values import column_size, decimal_number, divides_hour, text_fault
from web.store.models import SchoolSettings


class FormError(ValueError):
    """A value in a school set-up form is not usable; the text says which and why (Dutch)."""


def required_text(form: MultiDict, field_name: str, what: str, size: int | None) -> str:
    value = form_text(form, field_name, what, size)
    if not value:
        raise FormError(f"Vul {what} in.")
    return value


def form_text(form: MultiDict, field_name: str, what: str, size: int | None) -> str:
    """A stripped text that fits a column of ``size`` characters (see ``web.form_values.column_size``)."""
    value = form.get(field_name, "").strip()
    fault = text_fault(value, size)
    if fault:
        raise FormError(f"De tekst bij {what} {fault}.")
    return value


def parse_time_field(form: MultiDict, field_name: str, what: str) -> int:
    text = form.get(field_name, "").strip()
    try:
        return parse_time(text)
    except ValueError as error:
        raise FormError(f"{what}: '{quoted(text)}' is geen tijd ({error}).") from None


def parse_number(
    form: MultiDict, field_name: str, what: str, *, allowed: NumberRule | None = None, optional: bool = False
) -> float | None:
    """A finite decimal number written the Dutch way (``7,5``) or with a point, within ``allowed``."""
    text = form.get(field_name, "").strip()
    if not text and optional:
        return None
    value = decimal_number(text)
    if value is None:
        raise FormError(f"{what}: '{quoted(text)}' is geen getal.")
    if value < 0:
        raise FormError(f"{what} mag niet negatief zijn.")
    if allowed is not None and not allowed.holds(value):
        raise FormError(f"{what}: geef een getal van {allowed.low:g} tot en met {allowed.high:g}.")
    return value


def parse_date(form: MultiDict, field_name: str, what: str) -> dt.date | None:
    text = form.get(field_name, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FormError(f"{what}: '{quoted(text)}' is geen datum.") from None


def parse_settings(form: MultiDict, row: SchoolSettings) -> None:
    """Check the settings form with ``planner.model.Settings`` and store it in ``row``; every problem at once."""
    problems: list[str] = []
    school_name = _collect(problems, form_text, form, "school", "de naam van de school", _column("school_name"))
    step = _collect(problems, _time_step, form)
    changeover = _collect(problems, parse_number, form, "wisseltijd_min", "Wisseltijd", allowed=CHANGEOVER_MIN)
    limit = _collect(problems, parse_number, form, "tijdslimiet_s", "Tijdslimiet", allowed=TIME_LIMIT_S)
    if problems:
        raise FormError(" ".join(problems))
    try:
        settings = Settings(
            school_name=school_name,
            time_step_min=int(step),
            changeover_min=int(changeover),
            period_start=parse_date(form, "periode_van", "Periode van"),
            period_end=parse_date(form, "periode_tot", "Periode tot"),
            time_limit_s=limit,
        )
    except ModelError as error:
        raise FormError(f"Instellingen: {error}.") from None
    row.school_name, row.time_step_min, row.changeover_min = (
        settings.school_name,
        settings.time_step_min,
        settings.changeover_min,
    )
    row.period_start, row.period_end, row.time_limit_s = (
        settings.period_start,
        settings.period_end,
        settings.time_limit_s,
    )


def _time_step(form: MultiDict) -> int:
    step = parse_number(form, "tijdstap_min", "Tijdstap")
    if step != int(step) or not divides_hour(int(step)):
        raise FormError("Tijdstap: kies een aantal minuten waar het uur door deelbaar is (5, 10, 15, 30 …).")
    return int(step)


def _collect(problems: list[str], parse, *args, **kwargs):
    """``parse(*args, **kwargs)``, or None with its problem added to ``problems``."""
    try:
        return parse(*args, **kwargs)
    except FormError as problem:
        problems.append(str(problem))
        return None


def _column(attribute: str) -> int:
    return column_size(SchoolSettings, attribute)
