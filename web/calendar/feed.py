"""A person's published plan as an iCalendar feed (RFC 5545), built with the ``icalendar`` library.

One event per session per school date (not a weekly rule), so a passed-on absence changes
exactly its own date and holidays and study days simply have no events. Times are in
Europe/Amsterdam with its VTIMEZONE. The UID is the date and the request, so a calendar app
updates an event when the plan changes instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import icalendar

from planner import services
from planner.model import School, Session, name_key
from web.store.models import utc_now

SCHOOL_TIME_ZONE = ZoneInfo("Europe/Amsterdam")
WEEKS_BACK = 4
WEEKS_AHEAD = 26


def calendar_range(school: School, today: dt.date) -> tuple[dt.date, dt.date]:
    """The planning period when the school set one; otherwise a few weeks back to half a year ahead."""
    first = school.settings.period_start or today - dt.timedelta(weeks=WEEKS_BACK)
    last = school.settings.period_end or max(first, today) + dt.timedelta(weeks=WEEKS_AHEAD)
    return first, last


def build_feed(
    name: str,
    school: School,
    dated: tuple[services.DatedSession, ...],
    keep: Callable[[Session], bool],
    summary: Callable[[Session], str],
) -> bytes:
    """The calendar of one person: the dated sessions that ``keep`` accepts."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Handenplanner//Rooster//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _one_line_end(f"Handenplanner – {name}"))
    calendar.add("x-wr-timezone", str(SCHOOL_TIME_ZONE))
    stamp = utc_now().replace(tzinfo=dt.UTC)
    for item in dated:
        if keep(item.session):
            calendar.add_component(_event(school, item, summary(item.session), stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(school: School, item: services.DatedSession, summary: str, stamp: dt.datetime) -> icalendar.Event:
    session = item.session
    request = school.request(session.request_id)
    event = icalendar.Event()
    event.add("uid", f"{item.date.isoformat()}-{name_key(session.request_id)}@handenplanner")
    event.add("dtstamp", stamp)
    event.add("dtstart", _moment(item.date, session.start))
    event.add("dtend", _moment(item.date, session.end))
    event.add("summary", _one_line_end(summary))
    event.add("description", _one_line_end(_description(session, request, item.changed)))
    if request is not None and school.location_of(request):
        event.add("location", _one_line_end(school.location_of(request)))
    return event


def _one_line_end(text: str) -> str:
    """The text with every line end as ``\\n``, which the library escapes.

    icalendar passes a lone CR through unescaped, and many calendar apps take it for a line end: a task's
    text could add its own properties or events to the feed.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _moment(date: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(minutes // 60, minutes % 60), tzinfo=SCHOOL_TIME_ZONE)


def _description(session: Session, request, changed: bool) -> str:
    lines = [f"Aanvraag {session.request_id}", f"Ondersteuner: {', '.join(session.helpers)}"]
    if request is not None:
        lines.insert(1, f"Leerkracht: {request.teacher}, groep {request.group}")
        lines += [f"Doel: {request.goal}"] if request.goal else []
    if changed:
        lines.append("Gewijzigd op deze dag door een afwezigheid.")
    return "\n".join(lines)
