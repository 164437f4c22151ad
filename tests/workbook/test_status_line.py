"""``with_plan_status``: the line under ``Overzicht``'s title set in a written workbook, text kept exact."""

from __future__ import annotations

import io

import openpyxl
import pytest

from planner.workbook.status_line import STATUS_PLACEHOLDER, StatusLineMissingError, with_plan_status


def workbook_bytes(*lines: str) -> bytes:
    workbook = openpyxl.Workbook()
    for row, line in enumerate(lines, start=1):
        workbook.active.cell(row=row, column=1, value=line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def first_column(data: bytes) -> list[str]:
    return [row[0] for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def test_the_line_takes_the_placeholders_place_with_its_characters_exact():
    # Characters XML must escape and leading spaces come out exactly as written, the other cells untouched.
    line = '  Gepubliceerd op 1 december 2026, 9:05 <concept & co> — "berekening 3"'
    data = with_plan_status(workbook_bytes("Overzicht", STATUS_PLACEHOLDER, "Status"), line)
    assert first_column(data) == ["Overzicht", line, "Status"]


def test_a_workbook_without_the_placeholder_is_refused():
    # Sending it unchanged would show a wrong or missing line; the caller must write the workbook instead.
    with pytest.raises(StatusLineMissingError):
        with_plan_status(workbook_bytes("Overzicht", "Concept"), "Gepubliceerd")
