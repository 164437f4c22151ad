"""Reading the requests (``Aanvragen``) and checking each against the school.

The checks are ``planner.request_checks`` (shared with the web's request form); this module says
where and in the sheet's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner import value_rules as rules
from planner.model import ModelError, Priority, Request, School, name_key
from planner.request_checks import RequestFault, days_fault, window_fault
from planner.timegrid import format_time, is_on_step
from planner.workbook import cells
from planner.workbook.loading import SheetTable
from planner.workbook.problems import ProblemList
from planner.workbook.rows import Located, NameIndex, RowReader, rows_of
from planner.workbook.schema import REQUESTS


@dataclass(frozen=True)
class References:
    """The names a request may refer to."""

    teachers: NameIndex
    groups: NameIndex
    helpers: NameIndex
    school_hours_known: bool = True  # false when Schooltijden has problems of its own


def read_requests(
    tables: dict[str, SheetTable], refs: References, school: School, problems: ProblemList
) -> tuple[list[Located[Request]], NameIndex]:
    """Valid requests and all ids defined; ``school`` holds everything read before the requests."""
    ids = NameIndex(REQUESTS, "aanvraag", "een id uit Aanvragen", readable=REQUESTS in tables)
    requests = []
    for row in rows_of(tables, REQUESTS):
        reader = RowReader(REQUESTS, row, problems)
        request_id = reader.get("id", cells.text_within(rules.REQUEST_ID), required=True)
        if request_id is not None:
            ids.define(reader, "id", request_id, unique_what="ids")
        fields = _read_fields(reader, refs)
        if not reader.ok:
            continue
        request = _build(reader, request_id, fields)
        if request is not None:
            _check_against_school(reader, request, school, refs.school_hours_known)
        if request is not None and reader.ok:
            requests.append(Located(row.number, request))
    return requests, ids


def _read_fields(reader: RowReader, refs: References) -> dict[str, object]:
    get = reader.get
    teacher = refs.teachers.resolve(reader, "leerkracht", get("leerkracht", cells.parse_text, required=True))
    group = refs.groups.resolve(reader, "groep", get("groep", cells.parse_text, required=True))
    return {
        "teacher": teacher,
        "group": group,
        "subject": get("vak", cells.text_within(rules.SUBJECT), default=""),
        "task": get("taak", cells.text_within(rules.TASK), required=True),
        "goal": get("doel", cells.parse_text, default=""),
        "subgroup": get("subgroep", cells.text_within(rules.SUBGROUP), default=""),
        "sessions_per_week": get(
            "keer_per_week", cells.within(cells.parse_whole_number, rules.SESSIONS_PER_WEEK), required=True
        ),
        "duration_min": get("duur_min", cells.within(cells.parse_minutes, rules.DURATION_MIN), required=True),
        "days": get("dagen", cells.parse_day_list_cell, default=()),
        "window_start": get("van", cells.parse_time_cell, required=True),
        "window_end": get("tot", cells.parse_time_cell, required=True),
        "preferred_start": get("voorkeur_begin", cells.parse_time_cell),
        "priority": get("prioriteit", cells.parse_priority, default=Priority.MIDDEL),
        "roles": get("functies", cells.parse_role_list, default=()),
        "skills": get("vaardigheden", cells.parse_text_list, default=()),
        "preferred_helper": refs.helpers.resolve(reader, "voorkeur", get("voorkeur", cells.parse_text)),
        "hands": get("handen", cells.within(cells.parse_whole_number, rules.HANDS), default=1),
        "notes": get("toelichting", cells.parse_text, default=""),
    }


def _build(reader: RowReader, request_id: str, fields: dict) -> Request | None:
    """The request, after the checks that the model itself would otherwise raise on."""
    start, end, duration = fields["window_start"], fields["window_end"], fields["duration_min"]
    preferred = fields["preferred_start"]
    window = f"{format_time(start)}–{format_time(end)}"
    fault = window_fault(start, end, duration, preferred)
    if fault == RequestFault.WINDOW_NOT_AFTER_START:
        reader.fail("tot", format_time(end), f"ligt niet na 'van' ({format_time(start)})")
    elif fault == RequestFault.WINDOW_SHORTER_THAN_DURATION:
        reader.fail("duur_min", duration, f"is langer dan het venster {window} ({end - start} minuten)")
    elif fault == RequestFault.PREFERRED_START_OUTSIDE_WINDOW:
        reader.fail(
            "voorkeur_begin",
            format_time(preferred),
            f"ligt niet in het venster {window}; een keer van {duration} minuten begint "
            f"tussen {format_time(start)} en {format_time(end - duration)}",
        )
    if fault is not None:
        return None
    try:
        return Request(request_id=request_id, **fields)
    except ModelError as error:  # pre-empted above; a model rule never becomes a crash
        reader.fail(None, None, str(error))
        return None


def _check_against_school(reader: RowReader, request: Request, school: School, hours_known: bool) -> None:
    step = school.settings.time_step_min
    for column, minutes in (
        ("van", request.window_start),
        ("tot", request.window_end),
        ("voorkeur_begin", request.preferred_start),
    ):
        reader.check_on_step(column, minutes, step)
    if not is_on_step(request.duration_min, step):
        reader.fail("duur_min", request.duration_min, f"is geen veelvoud van de tijdstap van {step} minuten")
    if not reader.ok:
        return
    teacher = school.teacher(request.teacher)
    if teacher is not None and name_key(request.group) not in {name_key(group) for group in teacher.groups}:
        reader.fail("groep", request.group, f"is geen groep van leerkracht {teacher.name} (volgens Leerkrachten)")
    if not hours_known:
        return
    fault = days_fault(school, request)
    if fault == RequestFault.FITS_ON_NO_DAY:
        asked = ", ".join(request.days or school.school_day_codes) or "geen schooldagen"
        window = f"{format_time(request.window_start)}–{format_time(request.window_end)}"
        reader.fail("van", window, f"past op geen van de dagen ({asked}) binnen de schooltijden")
    elif fault == RequestFault.MORE_SESSIONS_THAN_DAYS:
        allowed = school.allowed_days(request)
        reader.fail(
            "keer_per_week",
            request.sessions_per_week,
            f"is meer dan het aantal toegestane dagen ({len(allowed)}: {', '.join(allowed)})",
        )
