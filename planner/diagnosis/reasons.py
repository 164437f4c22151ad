"""Plain Dutch sentences for diagnoses: lists of names, days and times a teacher reads."""

from __future__ import annotations

from planner.dutch import join_dutch, plural
from planner.model import Helper, Request, School
from planner.timegrid import DAY_FULL_NAMES, DAYS, format_hours, format_time


def names_text(names: list[str] | tuple[str, ...], limit: int = 4) -> str:
    """At most ``limit`` names, then ``en nog 3 anderen``."""
    names = list(dict.fromkeys(names))
    if len(names) <= limit:
        return join_dutch(names)
    return ", ".join(names[:limit]) + f" en nog {plural(len(names) - limit, 'andere', 'anderen')}"


def day_names(days: list[str] | tuple[str, ...]) -> str:
    ordered = sorted(set(days), key=DAYS.index)
    return join_dutch([DAY_FULL_NAMES[day] for day in ordered])


def window_text(request: Request) -> str:
    return f"tussen {format_time(request.window_start)} en {format_time(request.window_end)}"


def times_text(request: Request) -> str:
    """How a teacher says when: a fixed time or a window."""
    if request.is_fixed_time:
        return f"van {format_time(request.window_start)} tot {format_time(request.window_end)}"
    return window_text(request)


def availability_text(helper: Helper, days: tuple[str, ...] | None = None) -> str:
    """``ma 8:30–12:00; wo 8:30–14:00`` on ``days`` (default all; all again if none there), or ``nooit``."""
    if days is not None and not any(helper.blocks_on(day) for day in days):
        days = None
    parts = []
    for day in days or DAYS:
        blocks = helper.blocks_on(day)
        if blocks:
            times = ", ".join(f"{format_time(start)}–{format_time(end)}" for start, end in blocks)
            parts.append(f"{day} {times}")
    return "; ".join(parts) if parts else "nooit"


NOT_EXAMINED = "waarom is niet uitgezocht, want de tijdslimiet was bereikt. Geef meer rekentijd voor de reden."


def prefix(placed: int, asked: int) -> str:
    if placed:
        return f"Deels ingepland ({placed} van {asked} keer): "
    return "Niet ingepland: "


def hours_text(minutes: int) -> str:
    text = format_hours(minutes)
    return f"{text} uur"


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."


def request_label(school: School, request_id: str) -> str:
    """``groep 5 (hoog)``: how a teacher recognises another request."""
    other = school.request(request_id)
    if other is None:
        return request_id
    return f"groep {other.group} ({other.priority.label})"
