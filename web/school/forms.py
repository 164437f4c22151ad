"""Small parsers for the planner's school set-up forms; a problem is a ``FormError`` with a Dutch text."""

from __future__ import annotations

import datetime as dt

from werkzeug.datastructures import MultiDict

from planner.model import ModelError, Settings
from planner.timegrid import parse_time
from web.store.models import SchoolSettings


class FormError(ValueError):
    """A value in a school set-up form is not usable; the text says which and why (Dutch)."""


def required_text(form: MultiDict, field_name: str, what: str) -> str:
    value = form.get(field_name, "").strip()
    if not value:
        raise FormError(f"Vul {what} in.")
    return value


def parse_time_field(form: MultiDict, field_name: str, what: str) -> int:
    text = form.get(field_name, "").strip()
    try:
        return parse_time(text)
    except ValueError as error:
        raise FormError(f"{what}: '{text}' is geen tijd ({error}).") from None


def parse_number(form: MultiDict, field_name: str, what: str, *, optional: bool = False) -> float | None:
    """A decimal number written the Dutch way (``7,5``) or with a point."""
    text = form.get(field_name, "").strip().replace(",", ".")
    if not text and optional:
        return None
    try:
        value = float(text)
    except ValueError:
        raise FormError(f"{what}: '{text}' is geen getal.") from None
    if value < 0:
        raise FormError(f"{what} mag niet negatief zijn.")
    return value


def parse_date(form: MultiDict, field_name: str, what: str) -> dt.date | None:
    text = form.get(field_name, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FormError(f"{what}: '{text}' is geen datum.") from None


def parse_settings(form: MultiDict, row: SchoolSettings) -> None:
    """Check the settings form with ``planner.model.Settings`` and store it in ``row``."""
    step = parse_number(form, "tijdstap_min", "Tijdstap")
    changeover = parse_number(form, "wisseltijd_min", "Wisseltijd")
    limit = parse_number(form, "tijdslimiet_s", "Tijdslimiet")
    try:
        settings = Settings(
            school_name=form.get("school", "").strip(),
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
