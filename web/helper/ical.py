"""A helper's week as an iCalendar file (RFC 5545): one weekly repeating event per session.

Times are floating local times (the school's clock); the repetition runs over the
planning period when the school set one, otherwise from the coming week on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from planner.timegrid import DAYS


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: str
    start: int
    end: int
    summary: str
    description: str
    location: str


def first_date_on_or_after(day: str, start: dt.date) -> dt.date:
    return start + dt.timedelta(days=(DAYS.index(day) - start.weekday()) % 7)


def build_calendar(
    events: Iterable[CalendarEvent],
    period_start: dt.date | None,
    period_end: dt.date | None,
    today: dt.date,
    stamp: dt.datetime,
) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Handenplanner//Rooster//NL", "CALSCALE:GREGORIAN"]
    first_day = period_start or today
    for event in events:
        date = first_date_on_or_after(event.day, first_day)
        if period_end is not None and date > period_end:
            continue
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{_local(date, event.start)}",
            f"DTEND:{_local(date, event.end)}",
            "RRULE:FREQ=WEEKLY" + (f";UNTIL={period_end:%Y%m%d}T235959" if period_end else ""),
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            f"LOCATION:{escape_text(event.location)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def _local(date: dt.date, minutes: int) -> str:
    return f"{date:%Y%m%d}T{minutes // 60:02d}{minutes % 60:02d}00"


def escape_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold_line(line: str, limit: int = 75) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= limit:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (limit if not parts else limit - 1):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)
