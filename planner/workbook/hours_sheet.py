"""The ``Wat meer uren opleveren`` sheet: what extra helper hours would honour, best value per hour first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet

from planner.model import Priority
from planner.timegrid import DAY_FULL_NAMES, format_time
from planner.workbook import result_style as look
from planner.workbook.schema import HOURS_OFFER_COLUMNS

if TYPE_CHECKING:
    from planner.diagnosis.hours_offers import HoursOffer

TITLE = "Wat meer uren opleveren"
NOTE = (
    "Per ondersteuner en dag: wat die ondersteuner erbij zou moeten doen (langer blijven, een dag extra komen of "
    "meer uren per week) en welke aanvragen die nu niet (helemaal) passen dan samen passen, zonder dat er iets "
    "aan het rooster verandert. De bovenste levert het meeste op per extra uur (hoog telt 4, middel 2, laag 1). "
    "Elke regel staat op zichzelf: dezelfde aanvraag kan in meer regels staan."
)
NOTHING = "Geen: met een ondersteuner langer of vaker erbij past zonder het rooster te wijzigen niets extra."
HEADER_ROW = 4
WIDTHS = {"A": 5, "B": 20, "C": 11, "D": 34, "E": 9, "F": 22, "G": 7, "H": 7, "I": 7, "J": 10, "K": 44, "L": 34}
NUMBER_FORMATS = {"extra_uren": look.HOURS_FORMAT, "per_extra_uur": "0.0"}


def write_hours_sheet(sheet: Worksheet, offers: Sequence[HoursOffer]) -> None:
    sheet.cell(row=1, column=1, value=TITLE).font = look.TITLE_FONT
    note = sheet.cell(row=2, column=1, value=NOTE)
    note.font, note.alignment = look.TEXT_FONT, look.WRAP_TOP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HOURS_OFFER_COLUMNS))
    sheet.row_dimensions[2].height = look.LINE_HEIGHT * 3 + 2
    for column, name in enumerate(HOURS_OFFER_COLUMNS, start=1):
        sheet.cell(row=HEADER_ROW, column=column, value=name)
    look.style_header_row(sheet, HEADER_ROW, 1, len(HOURS_OFFER_COLUMNS))
    if not offers:
        sheet.cell(row=HEADER_ROW + 1, column=1, value=NOTHING).font = look.TEXT_FONT
    for number, offer in enumerate(offers, start=1):
        _write_row(sheet, HEADER_ROW + number, _values(number, offer))
    look.set_column_widths(sheet, WIDTHS)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    look.setup_print(sheet, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _values(number: int, offer: HoursOffer) -> tuple[object, ...]:
    sessions = "; ".join(
        f"{s.request_id} {s.day} {format_time(s.start)}–{format_time(s.end)} ({', '.join(s.helpers)})"
        for s in offer.sessions
    )
    return (
        number,
        offer.helper,
        DAY_FULL_NAMES[offer.day],
        offer.change_text,
        round(offer.extra_minutes / 60, 2),
        ", ".join(offer.request_ids),
        offer.count(Priority.HOOG),
        offer.count(Priority.MIDDEL),
        offer.count(Priority.LAAG),
        round(offer.value_per_hour, 2),
        sessions,
        offer.agreement.text,
    )


def _write_row(sheet: Worksheet, row: int, values: tuple[object, ...]) -> None:
    widths = list(WIDTHS.values())
    lines = 1
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=look.clean(value))
        cell.font, cell.border, cell.alignment = look.TEXT_FONT, look.BOX, look.WRAP_TOP
        number_format = NUMBER_FORMATS.get(HOURS_OFFER_COLUMNS[column - 1])
        if number_format:
            cell.number_format = number_format
        lines = max(lines, look.estimated_lines(value, widths[column - 1]))
    # Spreadsheet programs do not grow a row for wrapped text written by openpyxl: set the height.
    sheet.row_dimensions[row].height = look.LINE_HEIGHT * lines + 2
