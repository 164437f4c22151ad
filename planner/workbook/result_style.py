"""The look of the result sheets: fonts, fills, borders, a stable palette and print setup.

Fonts are named explicitly so LibreOffice and Excel print the same widths.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "Calibri"

# Light colours that keep black text readable, in a fixed order: the n-th group
# (or helper) of the workbook always gets the same colour.
PALETTE: tuple[str, ...] = (
    "CCE5FF",
    "FFE0B3",
    "D5F0C8",
    "F9CFD6",
    "E3D5F5",
    "FFF3B0",
    "C8EDEA",
    "F5DCC8",
    "DCE8B5",
    "D9DDF6",
    "F6D5EE",
    "E0E0C8",
)

UNAVAILABLE_FILL = PatternFill("solid", start_color="E4E4E4", end_color="E4E4E4")
NO_SCHOOL_FILL = PatternFill("solid", start_color="B8B8B8", end_color="B8B8B8")
HEADER_FILL = PatternFill("solid", start_color="305496", end_color="305496")
TITLE_FILL = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")

THIN = Side(style="thin", color="808080")
HAIR = Side(style="hair", color="C0C0C0")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GRID = Border(left=THIN, right=THIN, top=HAIR, bottom=HAIR)
GRID_QUARTER = Border(left=THIN, right=THIN, top=HAIR)
GRID_INNER = Border(left=THIN, right=THIN)

TEXT_FONT = Font(name=FONT_NAME, size=10)
SMALL_FONT = Font(name=FONT_NAME, size=9)
ENTRY_FONT = Font(name=FONT_NAME, size=8)  # sessions in the week grids
BOLD_FONT = Font(name=FONT_NAME, size=10, bold=True)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF")
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
BLOCK_TITLE_FONT = Font(name=FONT_NAME, size=12, bold=True)

WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center")

TIME_FORMAT = "h:mm"
HOURS_FORMAT = "0.0#"
PERCENT_FORMAT = "0%"


def clean(value: object) -> object:
    """A cell value without the control characters an xlsx file cannot hold (texts typed in the web app)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def keep_formula_like_text(sheet: Worksheet) -> None:
    """Text such as ``=let op`` stays text: openpyxl would otherwise write it as a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


LINE_HEIGHT = 13.0  # points per line of TEXT_FONT
ENTRY_LINE_HEIGHT = 10.5  # points per line of ENTRY_FONT
ENTRY_CHARS_PER_WIDTH = 1.2  # characters of ENTRY_FONT per unit of column width, with the widest fallback font


def estimated_lines(value: object, width_chars: float) -> int:
    """How many lines a wrapped text needs in a column ``width_chars`` wide (a safe overestimate)."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width_chars * 1.2))  # measured: LibreOffice's fallback font fits 1.24
    return sum(max(1, -(-len(paragraph) // per_line)) for paragraph in value.split("\n"))


PALETTE_FILLS: tuple[PatternFill, ...] = tuple(
    PatternFill("solid", start_color=colour, end_color=colour) for colour in PALETTE
)


def palette_fill(index: int) -> PatternFill:
    """The n-th colour's fill, one object per colour (``StyleIds`` looks each object up once)."""
    return PALETTE_FILLS[index % len(PALETTE_FILLS)]


def style_header_row(sheet: Worksheet, row: int, first_column: int, last_column: int) -> None:
    for column in range(first_column, last_column + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def set_column_widths(sheet: Worksheet, widths: dict[str, float]) -> None:
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width


# A4 landscape with the margins of ``setup_print``, in points.
PRINTABLE_WIDTH_PT = 842.0 - 2 * 0.4 * 72
PRINTABLE_HEIGHT_PT = 595.0 - 2 * 0.5 * 72 - 8  # a little slack for rounding in the spreadsheet program


def columns_width_pt(widths: Sequence[float]) -> float:
    """Printed width of columns given in characters (7 pixels a character plus 5 of padding, 0.75 pt a pixel)."""
    return sum((width * 7 + 5) * 0.75 for width in widths)


def setup_print(sheet: Worksheet, title_rows: str | None = None, shrink_to_width: bool = True) -> None:
    """A4 landscape, as many pages high as needed; one page wide by shrinking unless ``shrink_to_width`` is off.

    A sheet of long texts prints at 100% instead: its columns are made to fit the page.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    if shrink_to_width:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        sheet.page_setup.scale = 100
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    if title_rows:
        sheet.print_title_rows = title_rows
