"""Reading the sheets that describe the school: settings, hours, groups, teachers, tasks, days off."""

from __future__ import annotations

from planner import value_rules as rules
from planner.model import DaysOff, Group, ModelError, SchoolDay, Settings, Task, Teacher
from planner.timegrid import format_time
from planner.workbook import cells
from planner.workbook.loading import SheetTable
from planner.workbook.problems import ProblemList
from planner.workbook.rows import Located, NameIndex, RowReader, rows_of
from planner.workbook.schema import (
    DAYS_OFF,
    GROUPS,
    SCHOOL_HOURS,
    SETTING_KEYS,
    SETTINGS,
    TASKS,
    TEACHERS,
    header_key,
)


def _parse_time_step(value: object) -> int:
    step = cells.parse_whole_number(value)
    fault = rules.time_step_fault(step)
    if fault is not None:
        raise cells.CellError(fault)
    return step


SETTING_PARSERS = {
    "school": cells.text_within(rules.SCHOOL_NAME),
    "tijdstap_min": _parse_time_step,
    "wisseltijd_min": cells.within(cells.parse_whole_number, rules.CHANGEOVER_MIN),
    "periode_van": cells.parse_date,
    "periode_tot": cells.parse_date,
    "tijdslimiet_s": cells.within(cells.parse_decimal, rules.TIME_LIMIT_S),
}


def read_settings(tables: dict[str, SheetTable], problems: ProblemList) -> Settings:
    values: dict[str, object] = {}
    seen: dict[str, int] = {}
    period_end_row = None
    for row in rows_of(tables, SETTINGS):
        reader = RowReader(SETTINGS, row, problems)
        key = header_key(reader.get("instelling", cells.parse_text, required=True) or "")
        if not key:
            continue
        if key not in SETTING_KEYS:
            expected = "is geen bekende instelling; verwacht een van: " + ", ".join(SETTING_KEYS)
            reader.fail("instelling", reader.raw("instelling"), expected)
            continue
        if key in seen:
            reader.fail("instelling", reader.raw("instelling"), f"komt dubbel voor (ook in rij {seen[key]})")
            continue
        seen[key] = row.number
        period_end_row = row.number if key == "periode_tot" else period_end_row
        value = reader.get("waarde", SETTING_PARSERS[key])
        if value is not None:
            values[SETTING_KEYS[key]] = value
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        problems.add(SETTINGS, period_end_row, "waarde", end, "ligt vóór periode_van")
        values.pop("period_end")
    try:
        return Settings(**values)
    except ModelError as error:  # pre-empted above; kept so a model rule never becomes a crash
        problems.add(SETTINGS, None, None, None, str(error))
        return Settings()


def read_school_days(tables: dict[str, SheetTable], settings: Settings, problems: ProblemList) -> list[SchoolDay]:
    days: list[SchoolDay] = []
    seen: dict[str, int] = {}
    for row in rows_of(tables, SCHOOL_HOURS):
        reader = RowReader(SCHOOL_HOURS, row, problems)
        day = reader.get("dag", cells.parse_day_cell, required=True)
        start = reader.get("begin", cells.parse_time_cell, required=True)
        end = reader.get("eind", cells.parse_time_cell, required=True)
        reader.check_on_step("begin", start, settings.time_step_min)
        reader.check_on_step("eind", end, settings.time_step_min)
        if day in seen:
            reader.fail("dag", reader.raw("dag"), f"komt dubbel voor (ook in rij {seen[day]}); één rij per dag")
        elif day is not None:
            seen[day] = row.number
        if start is not None and end is not None and end <= start:
            reader.fail("eind", format_time(end), f"ligt niet na 'begin' ({format_time(start)})")
        school_day = reader.build(SchoolDay, day, start, end) if reader.ok else None
        if school_day is not None:
            days.append(school_day)
    return days


def read_groups(tables: dict[str, SheetTable], problems: ProblemList) -> tuple[list[Group], NameIndex]:
    index = NameIndex(GROUPS, "groep", "een groep uit Groepen", readable=GROUPS in tables)
    groups = []
    for row in rows_of(tables, GROUPS):
        reader = RowReader(GROUPS, row, problems)
        name = reader.get("groep", cells.text_within(rules.GROUP_NAME), required=True)
        location = reader.get("locatie", cells.text_within(rules.LOCATION), default="")
        if name is not None and index.define(reader, "groep", name) and reader.ok:
            groups.append(Group(name, location))  # no invariant beyond a name, which is required
    return groups, index


def read_teachers(
    tables: dict[str, SheetTable], groups: NameIndex, problems: ProblemList
) -> tuple[list[Located[Teacher]], NameIndex]:
    index = NameIndex(TEACHERS, "leerkracht", "een naam uit Leerkrachten", readable=TEACHERS in tables)
    teachers = []
    for row in rows_of(tables, TEACHERS):
        reader = RowReader(TEACHERS, row, problems)
        name = reader.get("naam", cells.text_within(rules.PERSON_NAME), required=True)
        email = reader.get("e-mail", cells.text_within(rules.EMAIL), default="")
        taught = groups.resolve_all(reader, "groepen", reader.get("groepen", cells.parse_text_list, default=()))
        if name is not None and index.define(reader, "naam", name) and reader.ok:
            teachers.append(Located(row.number, Teacher(name, taught, email)))
    return teachers, index


def read_tasks(tables: dict[str, SheetTable], problems: ProblemList) -> list[Task]:
    index = NameIndex(TASKS, "taak", "een taak uit Taken")
    tasks = []
    for row in rows_of(tables, TASKS):
        reader = RowReader(TASKS, row, problems)
        name = reader.get("taak", cells.text_within(rules.TASK), required=True)
        roles = reader.get("functies", cells.parse_role_list, default=())
        description = reader.get("omschrijving", cells.parse_text, default="")
        if name is not None and index.define(reader, "taak", name, unique_what="taken") and reader.ok:
            tasks.append(Task(name, roles, description))
    return tasks


def read_days_off(tables: dict[str, SheetTable], problems: ProblemList) -> list[DaysOff]:
    """Holidays and study days; an empty ``tot`` means the one day in ``van``."""
    days_off = []
    for row in rows_of(tables, DAYS_OFF):
        reader = RowReader(DAYS_OFF, row, problems)
        first = reader.get("van", cells.parse_date, required=True)
        last = reader.get("tot", cells.parse_date, default=first)
        description = reader.get("omschrijving", cells.parse_text, default="")
        if first is not None and last is not None and last < first:
            reader.fail("tot", reader.raw("tot"), "ligt vóór 'van'")
        if reader.ok:
            days_off.append(DaysOff(first, last, description))
    return days_off
