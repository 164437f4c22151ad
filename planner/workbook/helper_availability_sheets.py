"""Reading the helpers (``Ondersteuners``) and their availability (``Beschikbaarheid``)."""

from __future__ import annotations

from dataclasses import replace

from planner import value_rules as rules
from planner.model import AvailabilityBlock, Helper, SchoolDay, Settings
from planner.timegrid import format_time
from planner.workbook import cells
from planner.workbook.loading import SheetTable
from planner.workbook.problems import ProblemList
from planner.workbook.rows import Located, NameIndex, RowReader, rows_of
from planner.workbook.schema import AVAILABILITY, HELPERS


def read_helpers(
    tables: dict[str, SheetTable], groups: NameIndex, problems: ProblemList
) -> tuple[list[Located[Helper]], NameIndex]:
    index = NameIndex(HELPERS, "ondersteuner", "een naam uit Ondersteuners", readable=HELPERS in tables)
    helpers = []
    for row in rows_of(tables, HELPERS):
        reader = RowReader(HELPERS, row, problems)
        name = reader.get("naam", cells.text_within(rules.PERSON_NAME), required=True)
        placement = reader.get("stagegroep", cells.parse_text_list, default=())
        fields = {
            "role": reader.get("functie", cells.parse_role, required=True),
            "hours_per_week": reader.get(
                "uren_per_week", cells.within(cells.parse_hours, rules.HOURS_PER_WEEK), required=True
            ),
            "max_hours_per_day": reader.get("max_uren_per_dag", cells.within(cells.parse_hours, rules.HOURS_PER_DAY)),
            "skills": reader.get("vaardigheden", cells.parse_text_list, default=()),
            "placement_groups": groups.resolve_all(reader, "stagegroep", placement),
            "may_work_elsewhere": reader.get("ook_andere_groepen", cells.parse_boolean, default=False),
            "locations": reader.get("locaties", cells.parse_text_list, default=()),
            "email": reader.get("e-mail", cells.text_within(rules.EMAIL), default=""),
        }
        if name is not None and index.define(reader, "naam", name) and reader.ok:
            helper = reader.build(Helper, name=name, **fields)
            if helper is not None:
                helpers.append(Located(row.number, helper))
    return helpers, index


def read_availability(
    tables: dict[str, SheetTable],
    helpers: list[Located[Helper]],
    helper_names: NameIndex,
    school_days: list[SchoolDay] | None,
    settings: Settings,
    problems: ProblemList,
) -> list[Located[Helper]]:
    """The helpers with their availability blocks attached, in the sheet's row order.

    ``school_days`` is ``None`` when ``Schooltijden`` has problems of its own: then blocks
    are not checked against school hours (that would only repeat those problems).
    """
    hours = None if school_days is None else {day.day: day for day in school_days}
    blocks: dict[str, list[AvailabilityBlock]] = {}
    for row in rows_of(tables, AVAILABILITY):
        reader = RowReader(AVAILABILITY, row, problems)
        name = helper_names.resolve(reader, "naam", reader.get("naam", cells.parse_text, required=True))
        day = reader.get("dag", cells.parse_day_cell, required=True)
        start = reader.get("van", cells.parse_time_cell, required=True)
        end = reader.get("tot", cells.parse_time_cell, required=True)
        _check_block(reader, day, start, end, hours, settings.time_step_min)
        block = reader.build(AvailabilityBlock, day, start, end) if reader.ok else None
        if block is not None:
            blocks.setdefault(name, []).append(block)
    return [
        Located(located.row, replace(located.item, availability=tuple(blocks.get(located.item.name, ()))))
        for located in helpers
    ]


def _check_block(
    reader: RowReader,
    day: str | None,
    start: int | None,
    end: int | None,
    hours: dict[str, SchoolDay] | None,
    step: int,
) -> None:
    reader.check_on_step("van", start, step)
    reader.check_on_step("tot", end, step)
    if start is not None and end is not None and end <= start:
        reader.fail("tot", format_time(end), f"ligt niet na 'van' ({format_time(start)})")
        return
    if day is None or hours is None:
        return
    school_day = hours.get(day)
    if school_day is None:
        reader.fail("dag", reader.raw("dag"), "is geen schooldag (staat niet in Schooltijden)")
        return
    school_hours = f"{format_time(school_day.start)}–{format_time(school_day.end)}"
    if start is not None and start < school_day.start:
        reader.fail("van", format_time(start), f"ligt buiten de schooltijden van {day} ({school_hours})")
    if end is not None and end > school_day.end:
        reader.fail("tot", format_time(end), f"ligt buiten de schooltijden van {day} ({school_hours})")
