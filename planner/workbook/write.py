"""Writing a ``School`` as the input sheets of a planning workbook, in the contract's conventions.

Days as ``ma`` … ``vr``, times as real Excel time cells, booleans ``ja``/``nee``,
priorities as words, lists comma-separated, hours as numbers. Reading what is
written gives an equal ``School``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.model import Helper, Request, School, Settings
from planner.timegrid import format_day_list, to_excel_time
from planner.workbook import schema

TIME_FORMAT = "h:mm"
DATE_FORMAT = "dd-mm-yyyy"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5597")
MIN_WIDTH = 12
MAX_WIDTH = 50


def excel_time(minutes: int | None) -> dt.time | str | None:
    """A time cell value; 24:00 has no Excel time of day, so it is written as text."""
    if minutes is None:
        return None
    if minutes >= 24 * 60:
        return "24:00"
    return to_excel_time(minutes)


def excel_number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def join_list(items: Iterable[str]) -> str:
    return ", ".join(items)


def add_table_sheet(
    workbook: openpyxl.Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence]
) -> Worksheet:
    """A sheet with a styled, frozen header row and the given rows; column widths fit the content."""
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append([_cell_value(value) for value in row])
    format_table_sheet(sheet)
    return sheet


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def format_table_sheet(sheet: Worksheet) -> None:
    """Header style, frozen header, time/date formats, text kept as text, sensible widths."""
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    fit_to_page_width(sheet)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.time):
                cell.number_format = TIME_FORMAT
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
    fit_column_widths(sheet)


def fit_to_page_width(sheet: Worksheet) -> None:
    """Print landscape, one page wide, as many pages long as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def fit_column_widths(sheet: Worksheet) -> None:
    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = max((len(_shown(cell.value)) for cell in column), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return "00:00"
    if isinstance(value, dt.date):
        return "00-00-0000"
    return str(value)


def settings_rows(settings: Settings) -> list[tuple[str, object]]:
    return [
        ("school", settings.school_name or None),
        ("tijdstap_min", settings.time_step_min),
        ("wisseltijd_min", settings.changeover_min),
        ("periode_van", settings.period_start),
        ("periode_tot", settings.period_end),
        ("tijdslimiet_s", excel_number(settings.time_limit_s)),
    ]


def _helper_row(helper: Helper) -> tuple:
    return (
        helper.name,
        helper.role,
        excel_number(helper.hours_per_week),
        excel_number(helper.max_hours_per_day),
        join_list(helper.skills),
        join_list(helper.placement_groups),
        yes_no(helper.may_work_elsewhere),
        join_list(helper.locations),
        helper.email,
    )


def _request_row(request: Request) -> tuple:
    return (
        request.request_id,
        request.teacher,
        request.group,
        request.subject,
        request.task,
        request.goal,
        request.subgroup,
        request.sessions_per_week,
        request.duration_min,
        format_day_list(request.days),
        excel_time(request.window_start),
        excel_time(request.window_end),
        excel_time(request.preferred_start),
        request.priority.label,
        join_list(request.roles),
        join_list(request.skills),
        request.preferred_helper,
        request.hands,
        request.notes,
    )


def input_sheet_rows(school: School) -> dict[str, list[tuple]]:
    """The rows of every input sheet, by sheet name, in the contract's column order."""
    return {
        schema.SETTINGS: settings_rows(school.settings),
        schema.SCHOOL_HOURS: [(d.day, excel_time(d.start), excel_time(d.end)) for d in school.school_days],
        schema.GROUPS: [(group.name, group.location) for group in school.groups],
        schema.TEACHERS: [(t.name, t.email, join_list(t.groups)) for t in school.teachers],
        schema.HELPERS: [_helper_row(helper) for helper in school.helpers],
        schema.AVAILABILITY: [
            (helper.name, block.day, excel_time(block.start), excel_time(block.end))
            for helper in school.helpers
            for block in helper.availability
        ],
        schema.REQUESTS: [_request_row(request) for request in school.requests],
        schema.TASKS: [(task.name, join_list(task.roles), task.description) for task in school.tasks],
        schema.PINS: [(pin.request_id, pin.helper, pin.day, excel_time(pin.start)) for pin in school.pins],
        schema.DAYS_OFF: [
            (days.first, days.last if days.last != days.first else None, days.description) for days in school.days_off
        ],
    }


def remove_blank_default_sheet(workbook: openpyxl.Workbook) -> None:
    """A new openpyxl workbook has one empty sheet 'Sheet'; drop it once real sheets exist."""
    if len(workbook.worksheets) < 2:
        return
    first = workbook.worksheets[0]
    if first.title == "Sheet" and first.max_row == 1 and first.max_column == 1 and first["A1"].value is None:
        workbook.remove(first)


def write_input_sheets(workbook: openpyxl.Workbook, school: School) -> None:
    """Add every input sheet of the contract to ``workbook``, filled from ``school``."""
    rows = input_sheet_rows(school)
    for spec in schema.INPUT_SHEETS:
        add_table_sheet(workbook, spec.name, spec.column_names, [_blank_empty(row) for row in rows[spec.name]])
    remove_blank_default_sheet(workbook)


def _blank_empty(row: tuple) -> tuple:
    return tuple(None if value == "" else value for value in row)


def write_school(school: School, path: str | os.PathLike) -> None:
    """A workbook with just the input sheets."""
    workbook = openpyxl.Workbook()
    write_input_sheets(workbook, school)
    workbook.save(path)
