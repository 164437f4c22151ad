"""The optional sheet ``Vrije dagen``: holidays and study days, read, written and checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import openpyxl
import pytest

from planner.model import DaysOff, ModelError
from planner.workbook import WorkbookError, read_workbook, write_school
from tests.workbook.builders import minimal_school, minimal_sheets, save_sheets


def test_a_study_day_and_a_holiday_survive_the_round_trip(tmp_path):
    school = replace(
        minimal_school(),
        days_off=(
            DaysOff(dt.date(2026, 10, 7), dt.date(2026, 10, 7), "studiedag"),
            DaysOff(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "kerstvakantie"),
        ),
    )
    write_school(school, tmp_path / "school.xlsx")
    assert read_workbook(tmp_path / "school.xlsx") == school
    sheet = openpyxl.load_workbook(tmp_path / "school.xlsx")["Vrije dagen"]
    # a single day leaves `tot` empty, as a school would write it
    assert [cell.value for cell in sheet[2]][1:] == [None, "studiedag"]


def test_a_workbook_without_the_sheet_has_no_days_off(tmp_path):
    assert read_workbook(save_sheets(minimal_sheets(), tmp_path / "s.xlsx")).days_off == ()


def test_an_end_before_the_start_is_reported_with_its_row(tmp_path):
    sheets = minimal_sheets()
    sheets["Vrije dagen"] = [["van", "tot", "omschrijving"], ["21-12-2026", "20-12-2026", "kerst"]]
    with pytest.raises(WorkbookError) as caught:
        read_workbook(save_sheets(sheets, tmp_path / "s.xlsx"))
    [problem] = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Vrije dagen", 2, "tot")


def test_the_school_knows_which_dates_have_no_school():
    kerst = DaysOff(dt.date(2026, 12, 21), dt.date(2026, 12, 23), "kerstvakantie")
    school = replace(minimal_school(), days_off=(kerst,))
    assert school.dates_off == {dt.date(2026, 12, 21), dt.date(2026, 12, 22), dt.date(2026, 12, 23)}
    assert school.day_off(dt.date(2026, 12, 22)) == kerst
    assert school.day_off(dt.date(2026, 12, 24)) is None
    with pytest.raises(ModelError):
        DaysOff(dt.date(2026, 12, 21), dt.date(2026, 12, 20))
