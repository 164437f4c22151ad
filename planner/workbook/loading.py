"""Opening a workbook defensively and turning its input sheets into plain rows.

Everything that can go wrong with the file itself (not a workbook, empty,
encrypted, corrupted, too many rows, cells or characters) becomes a ``Problem``;
openpyxl only sees a file after ``size_limits`` streamed it within its limits.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from planner.dutch import join_dutch
from planner.workbook.cells import FormulaCell, is_blank
from planner.workbook.problems import ProblemList
from planner.workbook.schema import INPUT_SHEETS, SheetSpec, header_key
from planner.workbook.size_limits import CORRUPTED, TOO_LARGE, check_workbook_size, file_problem

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class SheetRow:
    """One data row: its Excel row number and its contract cells by column key."""

    number: int
    cells: dict[str, object]


@dataclass(frozen=True)
class SheetTable:
    spec: SheetSpec
    rows: tuple[SheetRow, ...]


def read_source_bytes(source: str | os.PathLike | bytes | BinaryIO) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise file_problem(f"Het bestand '{path}' bestaat niet.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise file_problem(TOO_LARGE)
        try:
            return path.read_bytes()
        except OSError:
            raise file_problem(f"Het bestand '{path}' kan niet gelezen worden.") from None
    data = source.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise file_problem(TOO_LARGE)
    return bytes(data)


def open_workbook(data: bytes, data_only: bool) -> openpyxl.Workbook:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops (extensions, odd relations); they do not matter here
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception:
        raise file_problem(CORRUPTED) from None


def load_tables(data: bytes, problems: ProblemList) -> dict[str, SheetTable]:
    """The input sheets that are present and have all required columns, by contract name."""
    check_workbook_size(data)
    workbook = open_workbook(data, data_only=False)
    values = _LazyValues(data)
    sheets = _sheets_by_key(workbook)
    tables = {}
    for spec in INPUT_SHEETS:
        found = sheets.get(header_key(spec.name), [])
        if len(found) > 1:
            # reading either tab would silently drop the other's rows
            problems.add(spec.name, None, None, None, _same_name_problem(spec, found))
            continue
        if not found:
            if spec.required:
                problems.add(spec.name, None, None, None, "dit tabblad ontbreekt; het is verplicht")
            continue
        sheet = found[0]
        table = _read_table(sheet, spec, values, problems)
        if table is not None:
            tables[spec.name] = table
    return tables


def _sheets_by_key(workbook: openpyxl.Workbook) -> dict[str, list[Worksheet]]:
    """The tabs per normalised name, in workbook order (``"Aanvragen "`` and ``Aanvragen`` share one)."""
    sheets: dict[str, list[Worksheet]] = {}
    for sheet in workbook.worksheets:
        sheets.setdefault(header_key(sheet.title), []).append(sheet)
    return sheets


def _same_name_problem(spec: SheetSpec, sheets: list[Worksheet]) -> str:
    titles = join_dutch([f"'{sheet.title}'" for sheet in sheets])
    return (
        f"de tabbladen {titles} hebben dezelfde naam als je spaties en hoofdletters weglaat; "
        f"laat één tabblad {spec.name} over"
    )


class _LazyValues:
    """The cached results of formulas; the file is loaded a second time only when needed."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._workbook: openpyxl.Workbook | None = None

    def cached(self, sheet_title: str, row: int, column: int) -> object:
        if self._workbook is None:
            self._workbook = open_workbook(self._data, data_only=True)
        return self._workbook[sheet_title].cell(row=row, column=column).value


def _read_table(sheet: Worksheet, spec: SheetSpec, values: _LazyValues, problems: ProblemList) -> SheetTable | None:
    header_row, columns = _find_header(sheet, spec)
    if header_row is None:
        if not spec.required:
            return SheetTable(spec, ())  # an empty optional sheet is simply empty
        expected = "dit tabblad is leeg; verwacht een kopregel met de kolommen " + ", ".join(spec.column_names)
        problems.add(spec.name, None, None, None, expected)
        return None
    missing = [column.name for column in spec.columns if column.required and header_key(column.name) not in columns]
    for name in missing:
        problems.add(spec.name, None, name, None, "deze kolom ontbreekt; ze is verplicht")
    if missing:
        return None
    rows = []
    last_column = max(columns.values(), default=1)
    for cells in sheet.iter_rows(min_row=header_row + 1, max_col=last_column):
        row = _read_row(sheet, cells, columns, values)
        if row is not None:
            rows.append(row)
    return SheetTable(spec, tuple(rows))


def _find_header(sheet: Worksheet, spec: SheetSpec) -> tuple[int | None, dict[str, int]]:
    """The first non-empty row is the header; its number (``None`` for an empty sheet) and column per key."""
    known = {header_key(column.name) for column in spec.columns}
    for cells in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, MAX_HEADER_SEARCH_ROWS)):
        if all(is_blank(cell.value) for cell in cells):
            continue
        columns: dict[str, int] = {}
        for cell in cells:
            key = header_key(cell.value) if not is_blank(cell.value) else ""
            if key in known and key not in columns:
                columns[key] = cell.column
        return cells[0].row, columns
    return None, {}


def _read_row(sheet: Worksheet, cells: tuple, columns: dict[str, int], values: _LazyValues) -> SheetRow | None:
    by_index = {cell.column: cell for cell in cells}
    row_values: dict[str, object] = {}
    number = cells[0].row
    for key, index in columns.items():
        cell = by_index.get(index)
        value = cell.value if cell is not None else None
        if cell is not None and cell.data_type == "f":
            cached = values.cached(sheet.title, number, index)
            value = FormulaCell(str(value)) if cached is None else cached
        if isinstance(value, str):
            value = value.strip()
        row_values[key] = value
    if all(is_blank(value) for value in row_values.values()):
        return None
    return SheetRow(number, row_values)
