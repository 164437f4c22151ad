"""The week plan on the calendar: every school date of a range with its sessions.

A date counts when it is a school day by the hours and no holiday or study day
(``School.days_off``). On a date with a passed-on absence the sessions go as
that day was re-planned (``planner.absence``): taken over, moved or lapsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.absence import DayChange
from planner.model import Plan, School, Session, name_key
from planner.timegrid import day_of_date


@dataclass(frozen=True)
class DatedSession:
    """A session on one date; ``changed`` when a passed-on absence changed it that day."""

    date: dt.date
    session: Session
    changed: bool = False


def school_dates(school: School, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The dates from ``first`` to ``last`` (both included) with school: by the hours and not a day off."""
    days = set(school.school_day_codes)
    dates = (first + dt.timedelta(days=offset) for offset in range((last - first).days + 1))
    return tuple(date for date in dates if day_of_date(date) in days and date not in school.dates_off)


def dated_sessions(
    school: School,
    plan: Plan,
    first: dt.date,
    last: dt.date,
    changes_by_date: Mapping[dt.date, Sequence[DayChange]] | None = None,
) -> tuple[DatedSession, ...]:
    """Every session of the plan on every school date of the range, with that date's changes applied."""
    result = []
    by_day: dict[str, list[Session]] = {}
    for session in sorted(plan.sessions, key=lambda s: s.start):  # once, not once per date
        by_day.setdefault(session.day, []).append(session)
    for date in school_dates(school, first, last):
        # a request has at most one session a day, so its key finds the change of that session
        changes = {name_key(c.planned.request_id): c for c in (changes_by_date or {}).get(date, ())}
        for session in by_day.get(day_of_date(date), ()):
            change = changes.get(name_key(session.request_id))
            if change is None:
                result.append(DatedSession(date, session))
            elif change.now is not None:
                result.append(DatedSession(date, change.now, changed=True))
    return tuple(result)
