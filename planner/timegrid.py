"""Days, clock times and the time step: parsing and arithmetic in one place.

Times are whole minutes since midnight. Days are the Dutch codes ``ma`` … ``zo``.
Parsing functions raise ``ValueError`` with a Dutch text saying what was expected;
callers (the workbook reader, the web forms) add where the value was found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

DAYS: tuple[str, ...] = ("ma", "di", "wo", "do", "vr", "za", "zo")

DAY_FULL_NAMES: dict[str, str] = {
    "ma": "maandag",
    "di": "dinsdag",
    "wo": "woensdag",
    "do": "donderdag",
    "vr": "vrijdag",
    "za": "zaterdag",
    "zo": "zondag",
}

_ENGLISH_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ENGLISH_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for index, code in enumerate(DAYS):
        aliases[code] = code
        aliases[DAY_FULL_NAMES[code]] = code
        aliases[_ENGLISH_DAYS[index]] = code
        aliases[_ENGLISH_FULL[index]] = code
    # Common extra short forms seen in Dutch spreadsheets.
    aliases.update({"din": "di", "woe": "wo", "don": "do", "vrij": "vr", "tues": "di", "thur": "do", "thurs": "do"})
    return aliases


DAY_ALIASES: dict[str, str] = _day_aliases()

EXPECTED_DAY = "een dag (ma, di, wo, do, vr, za, zo of voluit, bijv. dinsdag)"
EXPECTED_TIME = "een tijd zoals 8:30, 08:30, 8.30 of 0830"


MONTH_NAMES: tuple[str, ...] = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def day_of_date(date: dt.date) -> str:
    """The day code of a date: 2026-12-08 → ``di``."""
    return DAYS[date.weekday()]


def format_date(date: dt.date) -> str:
    """A date in Dutch words: ``dinsdag 8 december 2026``."""
    return f"{DAY_FULL_NAMES[day_of_date(date)]} {date.day} {MONTH_NAMES[date.month - 1]} {date.year}"


def day_index(day: str) -> int:
    return DAYS.index(day)


def parse_day(value: object) -> str:
    """Return the day code for a day name in Dutch or English, any case."""
    text = str(value).strip().lower().rstrip(".")
    if text in DAY_ALIASES:
        return DAY_ALIASES[text]
    raise ValueError(f"verwacht {EXPECTED_DAY}")


_RANGE_WORDS = re.compile(r"\s*(?:t/m|tot en met|–|—|-)\s*")


def parse_day_list(value: object) -> tuple[str, ...]:
    """Parse ``ma, wo``, ``ma-vr``, ``ma t/m do``, ``di do``; empty gives ``()``.

    The result is sorted in week order without duplicates.
    """
    if value is None:
        return ()
    text = _RANGE_WORDS.sub("-", str(value).strip().lower())
    found: set[str] = set()
    for token in re.split(r"[,;/\s]+", text):
        if token and token != "en":
            found.update(_parse_day_token(token))
    return tuple(day for day in DAYS if day in found)


def _parse_day_token(token: str) -> list[str]:
    if "-" not in token:
        return [parse_day(token)]
    first_text, _, last_text = token.partition("-")
    first, last = day_index(parse_day(first_text)), day_index(parse_day(last_text))
    if first > last:
        raise ValueError("verwacht een reeks dagen van vroeg naar laat, bijv. ma-vr of ma t/m do")
    return list(DAYS[first : last + 1])


def format_day_list(days: tuple[str, ...]) -> str:
    return ", ".join(days)


_TIME_TEXT = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")
_TIME_COMPACT = re.compile(r"^(\d{3,4})$")


def parse_time(value: object) -> int:
    """Minutes since midnight from an Excel time, a datetime or text like ``8.30``."""
    if isinstance(value, dt.datetime):
        return value.hour * 60 + value.minute + _round_seconds(value.second)
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + _round_seconds(value.second)
    if isinstance(value, dt.timedelta):
        return round(value.total_seconds() / 60)
    if isinstance(value, bool):
        raise ValueError(f"verwacht {EXPECTED_TIME}")
    if isinstance(value, (int, float)):
        return _parse_time_number(value)
    text = str(value).strip().replace(" ", "")
    match = _TIME_TEXT.match(text) or None
    if match and (match.group(2) is not None or len(match.group(1)) <= 2):
        return _checked_clock(int(match.group(1)), int(match.group(2) or 0))
    match = _TIME_COMPACT.match(text)
    if match:
        digits = match.group(1)
        return _checked_clock(int(digits[:-2]), int(digits[-2:]))
    raise ValueError(f"verwacht {EXPECTED_TIME}")


def _round_seconds(seconds: int) -> int:
    return 1 if seconds >= 30 else 0


def _parse_time_number(value: float) -> int:
    # An Excel time cell read without its format is a fraction of a day.
    if 0 <= value < 1:
        return round(value * 24 * 60)
    if float(value).is_integer() and 0 <= value <= 2400:
        number = int(value)
        if number <= 24:
            return _checked_clock(number, 0)
        return _checked_clock(number // 100, number % 100)
    if 0 < value < 24:
        # 8.3 read as a number from text "8.30"
        hours = int(value)
        minutes = round((value - hours) * 100)
        return _checked_clock(hours, minutes)
    raise ValueError(f"verwacht {EXPECTED_TIME}")


def _checked_clock(hours: int, minutes: int) -> int:
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ValueError(f"verwacht {EXPECTED_TIME}")
    return hours * 60 + minutes


def format_time(minutes: int) -> str:
    """``540`` → ``9:00``: how a Dutch school writes a time."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def to_excel_time(minutes: int) -> dt.time:
    if minutes >= 24 * 60:
        return dt.time(23, 59)
    return dt.time(minutes // 60, minutes % 60)


def next_on_step(minutes: int, step_min: int) -> int:
    """The first time on the grid (which starts at 0:00) at or after ``minutes``."""
    return -(-minutes // step_min) * step_min


def is_on_step(minutes: int, step_min: int) -> bool:
    return minutes % step_min == 0


def format_hours(minutes: int | float) -> str:
    """Minutes as Dutch hours with a decimal comma: ``90`` → ``1,5``."""
    hours = minutes / 60
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def intervals_overlap(start_a: int, end_a: int, start_b: int, end_b: int) -> bool:
    return start_a < end_b and start_b < end_a


def gap_between(start_a: int, end_a: int, start_b: int, end_b: int) -> int:
    """Minutes from the end of one interval to the start of the other; negative when they overlap."""
    return max(start_b - end_a, start_a - end_b)


def merge_intervals(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or touching intervals into maximal blocks."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class Interval(Protocol):
    """Anything that runs from ``start`` to ``end`` (minutes): a session, a cell of a week grid."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


IntervalT = TypeVar("IntervalT", bound=Interval)


def assign_lanes(items: Iterable[IntervalT]) -> list[list[IntervalT]]:
    """Side-by-side lanes for items that may overlap (one day of a week grid); no two items in a lane overlap.

    Greedy interval partitioning: by start (the longer first when two start together), each item
    goes into the first lane that is free by then. That gives as few lanes as the most items
    overlapping at one moment, and puts the longest of a tie in the leftmost lane.
    """
    lanes: list[list[IntervalT]] = []
    for item in sorted(items, key=lambda item: (item.start, -item.end)):
        free = next((lane for lane in lanes if lane[-1].end <= item.start), None)
        if free is None:
            lanes.append([item])
        else:
            free.append(item)
    return lanes
