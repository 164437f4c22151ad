"""Stored absent days: a re-planned day (``services.plan_absence``) kept and passed on.

The planner records an absence (computed once, then stored exactly as shown) and
passes it on; from then on the helpers and teachers concerned see, on their own
pages, what changes for them on that date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from planner import services
from planner.model import Session, name_key
from planner.timegrid import day_of_date, format_time
from web.db import db
from web.store.models import Request
from web.store.models_plan import AbsenceRecord, PlanRun, utc_now


def store_absence(absence: services.AbsenceDay, date: dt.date, run: PlanRun) -> AbsenceRecord:
    """Keep the day as computed; an earlier record of the same helper and date is replaced."""
    for old in db.session.scalars(select(AbsenceRecord).where(AbsenceRecord.date == date)):
        if name_key(old.helper) == name_key(absence.helper):
            db.session.delete(old)
    record = AbsenceRecord(
        helper=absence.helper,
        date=date,
        run_id=run.id,
        changes=[_change_data(change) for change in absence.changes],
        absent_sessions=absence.absent_sessions,
        proven_optimal=absence.proven_optimal,
    )
    db.session.add(record)
    db.session.commit()
    return record


def publish_absence(record: AbsenceRecord) -> None:
    record.published_at = utc_now()
    db.session.commit()


def to_absence_day(record: AbsenceRecord) -> services.AbsenceDay:
    day = day_of_date(record.date)
    changes = [_change(data, day) for data in record.changes]
    # Records kept before changes were stored by time: the absent helper's part and the others' each by time.
    by_time = sorted(changes[: record.absent_sessions], key=_start) + sorted(
        changes[record.absent_sessions :], key=_start
    )
    return services.AbsenceDay(record.helper, day, tuple(by_time), record.absent_sessions, record.proven_optimal)


def _change(data: dict[str, Any], day: str) -> services.DayChange:
    reason = data.get("lapse_reason")
    return services.DayChange(
        _session(data["request_id"], day, data["planned"]),
        _session(data["request_id"], day, data["now"]),
        services.LapseReason(services.LapseCause(reason["cause"]), reason["text"]) if reason else None,
    )


def _start(change: services.DayChange) -> int:
    return change.planned.start


def passed_on_changes_by_date() -> dict[dt.date, list[services.DayChange]]:
    """Every passed-on absence's changes, per date (for the calendar feeds)."""
    query = select(AbsenceRecord).where(AbsenceRecord.published_at.is_not(None)).order_by(AbsenceRecord.id)
    changes: dict[dt.date, list[services.DayChange]] = {}
    for record in db.session.scalars(query):
        changes.setdefault(record.date, []).extend(to_absence_day(record).changes)
    return changes


def recorded_absences() -> list[AbsenceRecord]:
    """Every record, the coming dates first (soonest first), then the past ones (latest first)."""
    records = list(db.session.scalars(select(AbsenceRecord)))
    today = dt.date.today()
    coming = sorted((r for r in records if r.date >= today), key=lambda r: (r.date, r.helper))
    past = sorted((r for r in records if r.date < today), key=lambda r: r.date, reverse=True)
    return coming + past


ABSENT_TEXT = "U bent afgemeld. Uw sessies van die dag zijn verdeeld of vervallen."


@dataclass(frozen=True)
class ChangeNotice:
    """One line for a helper's or a teacher's page: what changes on a date."""

    date: dt.date
    start: int  # minutes after midnight, to read a day's notices in time order
    text: str


def notices_for_helper(helper_name: str) -> list[ChangeNotice]:
    """What changes for this helper on coming dates, from passed-on absences, in time order."""
    records = _coming_published()
    labels = request_labels() if records else {}
    notices = [
        ChangeNotice(record.date, start, text)
        for record in records
        for start, text in _helper_lines(record, helper_name, labels)
    ]
    return sorted(notices, key=lambda notice: (notice.date, notice.start))


def notices_for_requests(request_ids: set[str]) -> list[ChangeNotice]:
    """What changes for these requests (a teacher's) on coming dates, from passed-on absences, in time order."""
    records = _coming_published()
    labels = request_labels() if records else {}
    notices = [
        ChangeNotice(record.date, start, text)
        for record in records
        for start, text in _teacher_lines(record, request_ids, labels)
    ]
    return sorted(notices, key=lambda notice: (notice.date, notice.start))


def helper_texts(record: AbsenceRecord, helper_name: str, labels: dict[str, str] | None = None) -> list[str]:
    """What one absence changes for this helper (nothing when it does not concern them)."""
    labels = request_labels() if labels is None else labels
    return [text for _start, text in _helper_lines(record, helper_name, labels)]


def teacher_texts(record: AbsenceRecord, request_ids: set[str], labels: dict[str, str] | None = None) -> list[str]:
    """What one absence changes for these requests (a teacher's)."""
    labels = request_labels() if labels is None else labels
    return [text for _start, text in _teacher_lines(record, request_ids, labels)]


def _helper_lines(record: AbsenceRecord, helper_name: str, labels: dict[str, str]) -> list[tuple[int, str]]:
    """(start, text) of each change of this absence for this helper; the absent helper gets one line."""
    if name_key(record.helper) == name_key(helper_name):
        return [(0, ABSENT_TEXT)]
    return [
        (_start(change), text)
        for change in to_absence_day(record).changes
        if (text := _helper_text(change, helper_name, record.helper, labels))
    ]


def _teacher_lines(record: AbsenceRecord, request_ids: set[str], labels: dict[str, str]) -> list[tuple[int, str]]:
    keys = {name_key(request_id) for request_id in request_ids}
    return [
        (_start(change), _teacher_text(change, labels))
        for change in to_absence_day(record).changes
        if name_key(change.planned.request_id) in keys
    ]


def _coming_published() -> list[AbsenceRecord]:
    query = select(AbsenceRecord).where(AbsenceRecord.published_at.is_not(None), AbsenceRecord.date >= dt.date.today())
    return sorted(db.session.scalars(query), key=lambda r: (r.date, r.id))


def request_labels() -> dict[str, str]:
    """``A047 (basisgroep overnemen, groep 7a)`` per request key: what a person recognises."""
    rows = db.session.scalars(select(Request).options(joinedload(Request.group)))
    return {name_key(row.code): f"{row.code} ({row.task}, groep {row.group.name})" for row in rows}


def _label(change: services.DayChange, labels: dict[str, str]) -> str:
    return labels.get(name_key(change.planned.request_id), change.planned.request_id)


def _helper_text(change: services.DayChange, helper: str, absent: str, labels: dict[str, str]) -> str:
    """The helper's part in one change, or "" when it is not theirs."""
    key = name_key(helper)
    planned = {name_key(n) for n in change.planned.helpers}
    now = {name_key(n) for n in change.now.helpers} if change.now else set()
    what = _label(change, labels)
    if key in now and key not in planned:
        source = f"van {absent}" if name_key(absent) in planned else f"van {', '.join(change.planned.helpers)}"
        return f"{_time(change.now)}: u neemt {what} over {source}."
    if key not in planned:
        return ""
    if change.now is None:
        return f"{_time(change.planned)}: {what} gaat niet door."
    if key not in now:
        return f"{_time(change.planned)}: {what} doet {', '.join(change.now.helpers)} die dag; u hoeft niet."
    if change.moved:
        return f"{what} is verschoven van {_time(change.planned)} naar {_time(change.now)}."
    return ""


def _teacher_text(change: services.DayChange, labels: dict[str, str]) -> str:
    what = _label(change, labels)
    if change.now is None:
        return f"{_time(change.planned)}: {what} gaat niet door, er is die dag geen hulp."
    helpers = ", ".join(change.now.helpers)
    if change.moved:
        return f"{what} is verschoven van {_time(change.planned)} naar {_time(change.now)}, met {helpers}."
    return f"{_time(change.now)}: bij {what} komt {helpers}."


def _time(session: Session) -> str:
    return f"{format_time(session.start)}–{format_time(session.end)}"


def _change_data(change: services.DayChange) -> dict[str, Any]:
    return {
        "request_id": change.planned.request_id,
        "planned": _session_data(change.planned),
        "now": _session_data(change.now) if change.now else None,
        "lapse_reason": (
            {"cause": change.lapse_reason.cause.value, "text": change.lapse_reason.text}
            if change.lapse_reason
            else None
        ),
    }


def _session_data(session: Session) -> dict[str, Any]:
    return {"helpers": list(session.helpers), "start": session.start, "end": session.end}


def _session(request_id: str, day: str, data: dict[str, Any] | None) -> Session | None:
    if data is None:
        return None
    return Session(request_id, tuple(data["helpers"]), day, data["start"], data["end"])
