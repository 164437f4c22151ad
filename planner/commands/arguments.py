"""Command-line values checked by the same value rules as a workbook (``planner.services``)."""

from __future__ import annotations

import argparse

from planner import services


def time_limit_argument(text: str) -> float:
    """``--time-limit``: seconds for the whole command, the range a workbook's ``tijdslimiet_s`` may have."""
    seconds = services.parse_number(text)
    if seconds is None:
        raise argparse.ArgumentTypeError(f"'{services.quoted(text)}' is geen getal; {services.TIME_LIMIT_S.expected}")
    fault = services.TIME_LIMIT_S.fault(seconds)
    if fault is not None:
        raise argparse.ArgumentTypeError(f"'{services.quoted(text)}' {fault}")
    return seconds


def positive_count(text: str) -> int:
    """A whole number of at least 1 (``--workers``, ``--processen``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{services.quoted(text)}' is geen geheel getal groter dan 0") from None
    if value < 1:
        raise argparse.ArgumentTypeError("verwacht een geheel getal groter dan 0")
    return value
