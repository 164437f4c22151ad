"""The machine-readable result sheets: ``Rooster`` and ``Niet ingepland``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet

from planner.model import Plan, School, name_key
from planner.timegrid import DAYS, to_excel_time
from planner.workbook import result_style as look
from planner.workbook.schema import SCHEDULE_COLUMNS, UNPLACED_COLUMNS
from planner.workbook.style_ids import StyleIds

if TYPE_CHECKING:
    from planner.diagnosis import Diagnosis


NOT_PLACED_PREFIX = "niet ingepland:"


@dataclass(frozen=True)
class ScheduleRow:
    """One helper in one planned session: one row of ``Rooster``."""

    request_id: str
    teacher: str
    group: str
    subject: str
    task: str
    helper: str
    role: str
    day: str
    start: int
    end: int
    location: str
    pinned: bool

    def sort_key(self) -> tuple[int, int, str, str]:
        return DAYS.index(self.day), self.start, name_key(self.helper), name_key(self.request_id)


def schedule_rows(school: School, plan: Plan) -> list[ScheduleRow]:
    """Rows sorted by day, start and helper (the contract's order)."""
    rows = []
    for session in plan.sessions:
        request = school.request(session.request_id)
        if request is None:
            continue
        pinned = {name_key(name) for name in session.pinned_helpers}
        for helper_name in session.helpers:
            helper = school.helper(helper_name)
            rows.append(
                ScheduleRow(
                    request_id=request.request_id,
                    teacher=request.teacher,
                    group=request.group,
                    subject=request.subject,
                    task=request.task,
                    helper=helper.name if helper else helper_name,
                    role=helper.role if helper else "",
                    day=session.day,
                    start=session.start,
                    end=session.end,
                    location=school.location_of(request),
                    pinned=name_key(helper_name) in pinned,
                )
            )
    return sorted(rows, key=ScheduleRow.sort_key)


def write_schedule_sheet(sheet: Worksheet, school: School, plan: Plan) -> None:
    sheet.append(list(SCHEDULE_COLUMNS))
    look.style_header_row(sheet, 1, 1, len(SCHEDULE_COLUMNS))
    for row in schedule_rows(school, plan):
        values = (
            row.request_id,
            row.teacher,
            row.group,
            row.subject or None,
            row.task,
            row.helper,
            row.role,
            row.day,
            to_excel_time(row.start),
            to_excel_time(row.end),
            row.location or None,
            "ja" if row.pinned else "nee",
        )
        sheet.append([look.clean(value) for value in values])
    _format_table(sheet, time_columns=("begin", "eind"), columns=SCHEDULE_COLUMNS)
    look.set_column_widths(sheet, {"A": 10, "B": 18, "C": 8, "D": 11, "E": 24, "F": 18, "G": 18})
    look.set_column_widths(sheet, {"H": 6, "I": 7, "J": 7, "K": 12, "L": 10})


def write_unplaced_sheet(sheet: Worksheet, school: School, plan: Plan, diagnoses: Sequence[Diagnosis] = ()) -> None:
    """One row per request that did not get all its sessions, highest priority first."""
    by_request = {name_key(d.request_id): d for d in diagnoses}
    sheet.append(list(UNPLACED_COLUMNS))
    look.style_header_row(sheet, 1, 1, len(UNPLACED_COLUMNS))
    unplaced = [r for r in school.requests if plan.placed_count(r.request_id) < r.sessions_per_week]
    for request in sorted(unplaced, key=lambda r: r.priority):
        diagnosis = by_request.get(name_key(request.request_id))
        placed = plan.placed_count(request.request_id)
        values = (
            request.request_id,
            request.teacher,
            request.group,
            request.priority.label,
            request.sessions_per_week,
            placed,
            unplaced_reason(diagnosis, placed, request.sessions_per_week),
            (diagnosis.suggestion if diagnosis else None) or None,
        )
        sheet.append([look.clean(value) for value in values])
    _format_table(sheet, time_columns=(), columns=UNPLACED_COLUMNS, shrink_to_width=False)
    # Narrow enough to print on A4 landscape at 100%, even with a wider fallback font than Calibri.
    widths = {"A": 8, "B": 14, "C": 6, "D": 8, "E": 9, "F": 9, "G": 34, "H": 20}
    look.set_column_widths(sheet, widths)
    sheet.row_dimensions[1].height = look.LINE_HEIGHT * 2 + 2  # ``gevraagd_keer`` wraps in its narrow column
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = look.WRAP_TOP
        # Spreadsheet programs do not grow a row for wrapped text written by openpyxl: set the height.
        lines = max(look.estimated_lines(cell.value, widths[cell.column_letter]) for cell in row)
        sheet.row_dimensions[row[0].row].height = look.LINE_HEIGHT * lines + 2


def unplaced_reason(diagnosis: Diagnosis | None, placed: int, asked: int) -> str:
    """``<cause>: <sentence>`` from the diagnosis; a plain count when there is none."""
    if diagnosis is None:
        return f"{placed} van {asked} keer ingepland."
    label, reason = diagnosis.cause.value, diagnosis.reason
    if reason.casefold().startswith(label.casefold()):
        return reason
    if reason.casefold().startswith(NOT_PLACED_PREFIX):  # the sheet's name says that already
        reason = reason[len(NOT_PLACED_PREFIX) :].lstrip()
    return f"{label[:1].upper()}{label[1:]}: {reason}"


def _format_table(
    sheet: Worksheet, time_columns: Sequence[str], columns: Sequence[str], shrink_to_width: bool = True
) -> None:
    time_indexes = {columns.index(name) + 1 for name in time_columns}
    styles = StyleIds(sheet.parent)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            styles.style(cell, font=look.TEXT_FONT, border=look.BOX)
            if cell.column in time_indexes:
                cell.number_format = look.TIME_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    look.setup_print(sheet, title_rows="1:1", shrink_to_width=shrink_to_width)
