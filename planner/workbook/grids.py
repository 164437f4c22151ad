"""Human week grids: ``Per ondersteuner`` and ``Per groep``.

Days are columns, time runs down in rows (15 minutes, or finer when a time needs it),
one block per helper or group with a title row. A session is one merged, coloured cell
over its duration. Sessions that overlap in one block (two requests of a group at the
same time) get side-by-side lanes within the day. Each block starts on a new printed
page; the sheet title and the day header repeat on every page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from planner.deadline import Deadline
from planner.model import School
from planner.timegrid import DAY_FULL_NAMES, assign_lanes, format_time
from planner.workbook import result_style as look
from planner.workbook.style_ids import StyleIds

HEADER_ROWS = 3  # sheet title, legend, day header: repeated on every printed page
HEADER_HEIGHTS = (22.0, 15.0, 15.0)  # points, one per header row
BLOCK_TITLE_HEIGHT = 20.0
DAY_WIDTH = 30.0  # characters per day, shared by its lanes
TIME_WIDTH = 7.0
QUARTER = 15
MAX_QUARTER_HEIGHT = 40.0  # points: a quarter hour never gets taller than this, however roomy the page

# Writing a grid takes long on a large school (openpyxl styles every cell): past the job's time the rest is left out.
GRIDS_CUT_SHORT = "ontbreken hier: de tijdslimiet was bereikt. Het tabblad Rooster heeft alle keren."


@dataclass(frozen=True)
class GridEntry:
    """One coloured cell: a session in a block."""

    day: str
    start: int
    end: int
    text: str
    colour_index: int
    brief: str = ""  # printed instead of ``text`` when the cell is too small for it


@dataclass(frozen=True)
class GridBlock:
    """One helper's or group's week: a title and its entries; ``shaded`` times are unavailable."""

    title: str
    entries: tuple[GridEntry, ...]
    shaded: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class GridLayout:
    days: tuple[str, ...]
    day_start: int
    day_end: int
    row_step: int
    lanes: dict[str, int]
    school_hours: dict[str, tuple[int, int]]

    @property
    def rows_per_block(self) -> int:
        return (self.day_end - self.day_start) // self.row_step

    def first_column(self, day: str) -> int:
        column = 2
        for other in self.days:
            if other == day:
                return column
            column += self.lanes[other]
        raise KeyError(day)

    @property
    def last_column(self) -> int:
        return 1 + sum(self.lanes.values())

    @property
    def row_height(self) -> float:
        """The height that makes one block fill one printed page (so wrapped texts get all the room there is)."""
        scale = min(1.0, look.PRINTABLE_WIDTH_PT / look.columns_width_pt(self.column_widths()))
        room = look.PRINTABLE_HEIGHT_PT / scale - sum(HEADER_HEIGHTS) - BLOCK_TITLE_HEIGHT
        return min(MAX_QUARTER_HEIGHT * self.row_step / QUARTER, room / self.rows_per_block)

    def column_widths(self) -> list[float]:
        """Character widths of the time column and every lane column, left to right."""
        widths = [TIME_WIDTH]
        for day in self.days:
            widths += [_day_width(self.lanes[day])] * self.lanes[day]
        return widths


def write_grid_sheet(
    sheet: Worksheet,
    school: School,
    title: str,
    blocks: Sequence[GridBlock],
    legend: str = "",
    deadline: Deadline | None = None,
) -> None:
    """One week grid per block, until ``deadline`` (None: all); a line under the last says how many are left out."""
    layout = plan_layout(school, blocks)
    _write_header(sheet, layout, title, legend)
    _set_widths(sheet, layout)
    styles = StyleIds(sheet.parent)
    row = HEADER_ROWS + 1
    for index, block in enumerate(blocks):
        if deadline is not None and deadline.passed():
            left_out = f"{len(blocks) - index} van de {len(blocks)} weekroosters"
            sheet.cell(row=row + 1, column=1, value=f"{left_out} {GRIDS_CUT_SHORT}").font = look.BLOCK_TITLE_FONT
            break
        if index:
            sheet.row_breaks.append(Break(id=row - 1))
        row = _write_block(sheet, layout, block, row, styles)
    sheet.freeze_panes = f"B{HEADER_ROWS + 1}"
    look.setup_print(sheet, title_rows=f"1:{HEADER_ROWS}")


def plan_layout(school: School, blocks: Sequence[GridBlock]) -> GridLayout:
    days = school.school_day_codes or ("ma", "di", "wo", "do", "vr")
    hours = {d.day: (d.start, d.end) for d in school.school_days}
    entries = [entry for block in blocks for entry in block.entries]
    starts = [start for start, _ in hours.values()] + [e.start for e in entries]
    ends = [end for _, end in hours.values()] + [e.end for e in entries]
    day_start, day_end = (min(starts), max(ends)) if starts else (8 * 60 + 30, 14 * 60 + 30)
    row_step = _row_step([*starts, *ends])
    day_start -= day_start % row_step
    lanes = {day: max([1] + [len(assign_lanes(e for e in b.entries if e.day == day)) for b in blocks]) for day in days}
    return GridLayout(days, day_start, day_end, row_step, lanes, hours)


def _row_step(times: Sequence[int]) -> int:
    """The coarsest row of at most 15 minutes on which every start and end falls."""
    common = math.gcd(*times) if times else QUARTER
    return max(step for step in range(1, QUARTER + 1) if common % step == 0)


def _write_header(sheet: Worksheet, layout: GridLayout, title: str, legend: str) -> None:
    sheet.cell(row=1, column=1, value=look.clean(title)).font = look.TITLE_FONT
    for row, height in enumerate(HEADER_HEIGHTS, start=1):
        sheet.row_dimensions[row].height = height
    sheet.cell(row=2, column=1, value=legend or None).font = look.SMALL_FONT
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=layout.last_column)
    day_row = HEADER_ROWS
    sheet.cell(row=day_row, column=1, value="tijd")
    for day in layout.days:
        first = layout.first_column(day)
        sheet.cell(row=day_row, column=first, value=DAY_FULL_NAMES[day])
        if layout.lanes[day] > 1:
            end_column = first + layout.lanes[day] - 1
            sheet.merge_cells(start_row=day_row, start_column=first, end_row=day_row, end_column=end_column)
    look.style_header_row(sheet, day_row, 1, layout.last_column)
    for column in range(2, layout.last_column + 1):
        sheet.cell(row=day_row, column=column).alignment = look.CENTER


def _write_block(sheet: Worksheet, layout: GridLayout, block: GridBlock, row: int, styles: StyleIds) -> int:
    """Write one block from ``row``; returns the first row after it."""
    title = sheet.cell(row=row, column=1, value=look.clean(block.title))
    title.font = look.BLOCK_TITLE_FONT
    title.alignment = Alignment(vertical="center")
    for column in range(1, layout.last_column + 1):
        sheet.cell(row=row, column=column).fill = look.TITLE_FILL
        sheet.cell(row=row, column=column).border = look.BOX
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=layout.last_column)
    sheet.row_dimensions[row].height = BLOCK_TITLE_HEIGHT
    first_time_row = row + 1
    _write_time_rows(sheet, layout, block, first_time_row, styles)
    for day in layout.days:
        for lane_index, lane in enumerate(assign_lanes(e for e in block.entries if e.day == day)):
            for entry in lane:
                _write_entry(sheet, layout, entry, first_time_row, layout.first_column(day) + lane_index, styles)
    return first_time_row + layout.rows_per_block


def _write_time_rows(sheet: Worksheet, layout: GridLayout, block: GridBlock, first_row: int, styles: StyleIds) -> None:
    for index in range(layout.rows_per_block):
        row = first_row + index
        minute = layout.day_start + index * layout.row_step
        sheet.row_dimensions[row].height = layout.row_height
        # Lines only at the quarters, so fine rows do not look like ruled paper.
        border = look.GRID_QUARTER if minute % QUARTER == 0 else look.GRID_INNER
        styles.style(sheet.cell(row=row, column=1), border=border)
        for day in layout.days:
            fill = _background(layout, block, day, minute)
            first = layout.first_column(day)
            for column in range(first, first + layout.lanes[day]):
                styles.style(sheet.cell(row=row, column=column), border=border, fill=fill)
    _write_time_labels(sheet, layout, first_row)


def _write_time_labels(sheet: Worksheet, layout: GridLayout, first_row: int) -> None:
    """A clock time at every quarter (or coarser row), merged over the rows it labels."""
    label_every = math.lcm(layout.row_step, QUARTER)
    label_rows = label_every // layout.row_step
    for index in range(layout.rows_per_block):
        minute = layout.day_start + index * layout.row_step
        if minute % label_every:
            continue
        cell = sheet.cell(row=first_row + index, column=1, value=format_time(minute))
        cell.font = look.SMALL_FONT
        cell.alignment = Alignment(horizontal="right", vertical="top")
        span = min(label_rows, layout.rows_per_block - index)
        if span > 1:
            sheet.merge_cells(
                start_row=first_row + index, start_column=1, end_row=first_row + index + span - 1, end_column=1
            )


def _background(layout: GridLayout, block: GridBlock, day: str, minute: int) -> PatternFill | None:
    school_start, school_end = layout.school_hours.get(day, (0, 0))
    if not school_start <= minute < school_end:
        return look.NO_SCHOOL_FILL
    if any(d == day and start <= minute < end for d, start, end in block.shaded):
        return look.UNAVAILABLE_FILL
    return None


def _write_entry(
    sheet: Worksheet, layout: GridLayout, entry: GridEntry, first_row: int, column: int, styles: StyleIds
) -> None:
    top = first_row + (entry.start - layout.day_start) // layout.row_step
    bottom = first_row + (entry.end - layout.day_start) // layout.row_step - 1
    for row in range(top, bottom + 1):
        styles.style(sheet.cell(row=row, column=column), fill=look.palette_fill(entry.colour_index), border=look.BOX)
    room_lines = int((bottom - top + 1) * layout.row_height // look.ENTRY_LINE_HEIGHT)
    width = sheet.column_dimensions[get_column_letter(column)].width
    fits = look.estimated_lines(entry.text, width * look.ENTRY_CHARS_PER_WIDTH) <= room_lines
    cell = sheet.cell(row=top, column=column, value=look.clean(entry.text if fits or not entry.brief else entry.brief))
    cell.font = look.ENTRY_FONT
    cell.alignment = look.WRAP_TOP
    if bottom > top:
        sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)


def _set_widths(sheet: Worksheet, layout: GridLayout) -> None:
    for column, width in enumerate(layout.column_widths(), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _day_width(lanes: int) -> float:
    return max(14.0, DAY_WIDTH / lanes)
