"""Analysis sheets: ``Vraag en aanbod`` (a heat map), the capacity curve and the scenario comparison.

Numbers are written as numbers (so Excel and LibreOffice can compute with them); colours come
from conditional colour scales, which both keep on a round trip.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.chart import LineChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from planner.analysis import DemandGrid
from planner.timegrid import DAY_FULL_NAMES, to_excel_time
from planner.workbook import result_style as style
from planner.workbook.schema import DEMAND


def _demand_rule() -> ColorScaleRule:
    return ColorScaleRule(start_type="min", start_color="FFFFFF", end_type="max", end_color="F4B183")


def _capacity_rule() -> ColorScaleRule:
    return ColorScaleRule(start_type="min", start_color="FFFFFF", end_type="max", end_color="A9D08E")


def _balance_rule() -> ColorScaleRule:
    """Red for a shortage, white for balance, green for room."""
    return ColorScaleRule(
        start_type="num", start_value=-2, start_color="F8696B", mid_type="num", mid_value=0, mid_color="FFFFFF",
        end_type="num", end_value=2, end_color="63BE7B",
    )  # fmt: skip


# (block title, DemandCell attribute, colour scale factory): a fresh rule per sheet, openpyxl numbers them.
DEMAND_BLOCKS = (
    ("Gevraagde handen", "demand", _demand_rule),
    ("Beschikbare ondersteuners", "capacity", _capacity_rule),
    ("Verschil: aanbod min vraag (rood = tekort)", "balance", _balance_rule),
)

DEMAND_NOTE = (
    "Vraag: per dag en per kwartier het aantal gevraagde handen. Een aanvraag met een vaste tijd telt volledig "
    "mee; een aanvraag met een ruimer venster telt naar verhouding mee over het hele venster (duur gedeeld door "
    "de lengte van het venster). Mag een aanvraag op meer dagen dan keer per week, dan telt elke dag naar "
    "verhouding mee. Aanbod: het aantal ondersteuners dat dan beschikbaar is (zonder rekening te houden met hun "
    "uren per week of functie)."
)


def write_demand_sheet(workbook: Workbook, grid: DemandGrid) -> Worksheet:
    """Add ``Vraag en aanbod``: demand, capacity and their difference, each a days × slots heat map."""
    sheet = workbook.create_sheet(DEMAND)
    sheet["A1"] = "Vraag en aanbod"
    sheet["A1"].font = style.TITLE_FONT
    sheet["A2"] = DEMAND_NOTE
    sheet["A2"].alignment = style.WRAP_TOP
    sheet["A2"].font = style.SMALL_FONT
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(2, len(grid.days) + 1))
    sheet.row_dimensions[2].height = 75
    row = 4
    for index, (title, field, make_rule) in enumerate(DEMAND_BLOCKS):
        if index:  # each table on its own page, never apart from its heading
            sheet.row_breaks.append(Break(id=row - 1))
        row = _write_demand_block(sheet, grid, row, title, field, make_rule()) + 2
    sheet.column_dimensions["A"].width = 9
    for index in range(len(grid.days)):
        sheet.column_dimensions[get_column_letter(index + 2)].width = 12
    _print_setup(sheet)
    return sheet


def _write_demand_block(sheet: Worksheet, grid: DemandGrid, row: int, title: str, field: str, rule) -> int:
    sheet.cell(row, 1, title).font = style.BLOCK_TITLE_FONT
    header = row + 1
    sheet.cell(header, 1, "tijd")
    for index, day in enumerate(grid.days):
        sheet.cell(header, index + 2, DAY_FULL_NAMES[day])
    style.style_header_row(sheet, header, 1, len(grid.days) + 1)
    for offset, start in enumerate(grid.starts):
        current = header + 1 + offset
        time_cell = sheet.cell(current, 1, to_excel_time(start))
        time_cell.number_format = style.TIME_FORMAT
        time_cell.font = style.TEXT_FONT
        for index, day in enumerate(grid.days):
            cell = grid.cell(day, start)
            target = sheet.cell(current, index + 2)
            target.border = style.GRID
            target.font = style.TEXT_FONT
            if cell is None:
                target.fill = style.NO_SCHOOL_FILL
                continue
            target.value = round(getattr(cell, field), 2)
            target.number_format = "0.0"
    last = header + len(grid.starts)
    if grid.starts and grid.days:
        area = f"B{header + 1}:{get_column_letter(len(grid.days) + 1)}{last}"
        sheet.conditional_formatting.add(area, rule)
    return last


def _print_setup(sheet: Worksheet) -> None:
    style.setup_print(sheet)


def write_table(sheet: Worksheet, first_row: int, header: Sequence[str], rows: Sequence[Sequence[object]]) -> int:
    """A plain table with a styled header; returns the last row written."""
    for column, name in enumerate(header, start=1):
        sheet.cell(first_row, column, name)
    style.style_header_row(sheet, first_row, 1, len(header))
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(first_row + offset, column, value)
            cell.font = style.TEXT_FONT
            cell.border = style.GRID
    for column, name in enumerate(header, start=1):
        width = max([len(str(name))] + [len(str(r[column - 1])) for r in rows if column - 1 < len(r)])
        sheet.column_dimensions[get_column_letter(column)].width = min(60, max(10, width + 2))
    return first_row + len(rows)


def add_line_chart(
    sheet: Worksheet,
    *,
    first_row: int,
    last_row: int,
    series_columns: Sequence[int],
    anchor: str,
    title: str,
    x_title: str,
    y_title: str,
) -> LineChart:
    """A line chart of columns ``series_columns`` (header in ``first_row``) against column 1."""
    chart = LineChart()
    chart.title = title
    chart.x_axis.title = x_title
    chart.y_axis.title = y_title
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.height, chart.width = 9, 18
    for column in series_columns:
        data = Reference(sheet, min_col=column, min_row=first_row, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first_row + 1, max_row=last_row))
    sheet.add_chart(chart, anchor)
    return chart


CURVE_SHEET = "Capaciteitscurve"
COMPARE_SHEET = "Vergelijking"
NOTES_TITLE = "Toelichting"
CURVE_HEADER = ("extra uren per week", "hoog", "middel", "laag", "totaal", "extra uren ingezet", "bewezen optimaal")


def curve_rows(points) -> list[tuple]:
    """One row per curve point: shares as fractions (formatted as %), hours as numbers."""
    rows = []
    for point in points:
        shares = [row.honoured_share for row in point.figures]
        proven = "ja" if point.proven_optimal else ("overgenomen" if point.carried_over else "nee")
        rows.append((point.extra_hours, *shares, point.total_share, round(point.extra_used_min / 60, 2), proven))
    return rows


def write_curve_workbook(points, path, notes: Sequence[str] = ()) -> None:
    """A workbook with the curve table, under it a ``Toelichting`` block with ``notes`` (the sentences that
    explain the curve's dips, ``planner.curve_notes``) when there are any, and a line chart of the honoured
    share per priority."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = CURVE_SHEET
    sheet["A1"] = "Wat levert een extra uur ondersteuning op?"
    sheet["A1"].font = style.TITLE_FONT
    sheet["A2"] = (
        "Per stap is een flexibele 'Extra ondersteuner' toegevoegd met zoveel uren per week, beschikbaar tijdens alle "
        "schooltijden, met alle gevraagde vaardigheden. Getoond: het deel van de aanvragen dat gehonoreerd wordt."
    )
    sheet["A2"].font = style.SMALL_FONT
    rows = curve_rows(points)
    last = write_table(sheet, 4, CURVE_HEADER, rows)
    for row in range(5, last + 1):
        for column in range(2, 6):
            sheet.cell(row, column).number_format = style.PERCENT_FORMAT
    free_row = _write_notes_block(sheet, last + 2, notes)
    if rows:
        add_line_chart(sheet, first_row=4, last_row=last, series_columns=(2, 3, 4, 5), anchor=f"A{free_row + 1}",
                       title="Gehonoreerde aanvragen per prioriteit", x_title="extra uren per week",
                       y_title="gehonoreerd")  # fmt: skip
    _print_setup(sheet)
    workbook.save(path)


def _write_notes_block(sheet: Worksheet, row: int, notes: Sequence[str]) -> int:
    """From ``row``: the title ``Toelichting`` and one sentence a row; returns the first row left free."""
    if not notes:
        return row
    sheet.cell(row, 1, NOTES_TITLE).font = style.BLOCK_TITLE_FONT
    for offset, note in enumerate(notes, start=1):
        sheet.cell(row + offset, 1, note).font = style.TEXT_FONT
    return row + len(notes) + 1


def write_compare_workbook(comparison, path, name_a: str = "A", name_b: str = "B") -> None:
    """A workbook with the comparison: honoured share, hours per helper, requests that change."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = COMPARE_SHEET
    sheet["A1"] = f"Vergelijking: {name_a} en {name_b}"
    sheet["A1"].font = style.TITLE_FONT
    plans = ((name_a, comparison.plan_a), (name_b, comparison.plan_b))
    sheet["A2"] = "Status: " + "; ".join(f"{name} {plan.status.value}" for name, plan in plans)
    sheet["A2"].font = style.SMALL_FONT
    row = _write_share_block(sheet, comparison, 4, name_a, name_b) + 2
    row = _write_hours_block(sheet, comparison, row, name_a, name_b) + 2
    _write_changes_block(sheet, comparison, row, name_a, name_b)
    _print_setup(sheet)
    workbook.save(path)


def _write_share_block(sheet: Worksheet, comparison, row: int, name_a: str, name_b: str) -> int:
    share_rows = [(r.label, r.share_a, r.share_b, r.share_b - r.share_a) for r in comparison.priorities]
    header = ("prioriteit", name_a, name_b, "verschil")
    return _write_figures_block(sheet, row, "Gehonoreerd per prioriteit", header, share_rows, style.PERCENT_FORMAT)


def _write_hours_block(sheet: Worksheet, comparison, row: int, name_a: str, name_b: str) -> int:
    hour_rows = [
        (h.helper, h.minutes_a / 60, h.minutes_b / 60, (h.minutes_b - h.minutes_a) / 60) for h in comparison.helpers
    ]
    header = ("ondersteuner", f"uren {name_a}", f"uren {name_b}", "verschil")
    return _write_figures_block(sheet, row, "Ingeplande uren per ondersteuner", header, hour_rows, style.HOURS_FORMAT)


def _write_figures_block(
    sheet: Worksheet, row: int, title: str, header: tuple[str, ...], rows: list[tuple], number_format: str
) -> int:
    """A titled table whose columns 2–4 (a, b and the difference) share one number format."""
    sheet.cell(row, 1, title).font = style.BLOCK_TITLE_FONT
    last = write_table(sheet, row + 1, header, rows)
    for current in range(row + 2, last + 1):
        for column in (2, 3, 4):
            sheet.cell(current, column).number_format = number_format
    return last


def _write_changes_block(sheet: Worksheet, comparison, row: int, name_a: str, name_b: str) -> int:
    sheet.cell(row, 1, "Aanvragen die keren winnen of verliezen").font = style.BLOCK_TITLE_FONT
    change_rows = [
        (c.request_id, c.group, c.priority, f"{c.placed_a} van {c.asked_a}", f"{c.placed_b} van {c.asked_b}",
         c.difference)
        for c in comparison.changes
    ]  # fmt: skip
    if not change_rows:
        sheet.cell(row + 1, 1, "Geen verschil: elke aanvraag krijgt in beide evenveel keren.")
        return row + 1
    header = ("aanvraag", "groep", "prioriteit", f"keren {name_a}", f"keren {name_b}", "verschil")
    return write_table(sheet, row + 1, header, change_rows)
