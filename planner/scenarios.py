"""Scenarios made from the current school, to compare with it (``planner.compare``)."""

from __future__ import annotations

from dataclasses import replace

from planner.model import ModelError, School, name_key


def with_more_hours(school: School, helper_name: str, extra_hours: float) -> School:
    """The school with one helper's weekly hours raised by ``extra_hours``.

    Only the weekly hours change: availability and the daily maximum stay as they are, so extra
    hours beyond what the helper is available (or may work a day) buy nothing.
    """
    if extra_hours <= 0:
        raise ModelError("extra uren moeten groter dan 0 zijn")
    if school.helper(helper_name) is None:
        raise ModelError(f"onbekende ondersteuner '{helper_name}'")
    helpers = tuple(
        replace(helper, hours_per_week=helper.hours_per_week + extra_hours)
        if name_key(helper.name) == name_key(helper_name)
        else helper
        for helper in school.helpers
    )
    return replace(school, helpers=helpers)
