"""The e-mails, in Dutch: to each helper and teacher concerned, with only their changes and their week."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner import services
from planner.model import Plan, School, Session, name_key
from planner.timegrid import DAY_FULL_NAMES, format_date, format_time
from web.store.absences import helper_texts, request_labels, teacher_texts, to_absence_day
from web.store.models_plan import AbsenceRecord

GREETING = "Met vriendelijke groet,\nde planner (via de Handenplanner)"


@dataclass(frozen=True)
class Person:
    name: str
    address: str
    is_helper: bool


@dataclass(frozen=True)
class Message:
    person: Person
    subject: str
    body: str


def publication_messages(school: School, people: list[Person], before: Plan | None, after: Plan) -> list[Message]:
    """A message to everyone whose week changes against the plan published before."""
    labels = request_labels()
    messages = []
    for person in people:
        concerns = _concerns(school, person)
        changes = services.week_changes(before, after, concerns)
        if not changes.any:
            continue
        lines = [f"- niet meer: {_line(s, person, labels)}" for s in changes.removed]
        lines += [f"- nieuw: {_line(s, person, labels)}" for s in changes.added]
        body = _body(person, "Er is een nieuw rooster gepubliceerd. Dit verandert er voor u:", lines, school, after)
        messages.append(Message(person, "Nieuw rooster: uw wijzigingen", body))
    return messages


def absence_messages(school: School, people: list[Person], record: AbsenceRecord, week: Plan) -> list[Message]:
    """A message to each helper and teacher whom the passed-on absence concerns."""
    labels = request_labels()
    day = format_date(record.date)
    messages = []
    for person in people:
        if person.is_helper:
            texts = helper_texts(record, person.name, labels)
        else:
            texts = teacher_texts(record, _request_ids_of(school, person.name, record), labels)
        if texts:
            intro = f"Door een afwezigheid verandert er op {day} iets voor u:"
            body = _body(person, intro, [f"- {text}" for text in texts], school, week)
            messages.append(Message(person, f"Wijziging op {day}", body))
    return messages


def _request_ids_of(school: School, teacher: str, record: AbsenceRecord) -> set[str]:
    ids = {change.planned.request_id for change in to_absence_day(record).changes}
    return {request_id for request_id in ids if _teacher_of(school, request_id) == name_key(teacher)}


def _concerns(school: School, person: Person) -> Callable[[Session], bool]:
    key = name_key(person.name)
    if person.is_helper:
        return lambda session: key in {name_key(name) for name in session.helpers}
    return lambda session: _teacher_of(school, session.request_id) == key


def _teacher_of(school: School, request_id: str) -> str:
    request = school.request(request_id)
    return name_key(request.teacher) if request else ""


def _body(person: Person, intro: str, lines: list[str], school: School, week: Plan) -> str:
    own = services.week_order(s for s in week.sessions if _concerns(school, person)(s))
    labels = request_labels()
    week_lines = [f"- {_line(s, person, labels)}" for s in own] or ["- niets ingepland"]
    return "\n".join(
        [f"Beste {person.name},", "", intro, *lines, "", "Uw week in het rooster:", *week_lines, "", GREETING]
    )


def _line(session: Session, person: Person, labels: dict[str, str]) -> str:
    when = f"{DAY_FULL_NAMES[session.day]} {format_time(session.start)}–{format_time(session.end)}"
    what = labels.get(name_key(session.request_id), session.request_id)
    if person.is_helper:
        others = [name for name in session.helpers if name_key(name) != name_key(person.name)]
        return f"{when}: {what}" + (f", samen met {', '.join(others)}" if others else "")
    return f"{when}: {', '.join(session.helpers)} bij {what}"
