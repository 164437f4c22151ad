"""``Overzicht`` ends with "Waarom uren over blijven": a row per helper with hours left."""

from __future__ import annotations

from dataclasses import replace

import openpyxl

from planner.diagnosis.idle_hours import explain_idle_hours
from planner.model import AvailabilityBlock, Plan, Session
from planner.workbook import schema
from planner.workbook.result import write_result
from tests.result.tiny import tiny_plan, tiny_school

SECTION = "Waarom uren over blijven"


def section_rows(path):
    """The rows below the section title, up to the first empty row."""
    rows = list(openpyxl.load_workbook(path)[schema.OVERVIEW].iter_rows(values_only=True))
    start = next(number for number, row in enumerate(rows) if row[0] == SECTION) + 1
    found = []
    for row in rows[start:]:
        if row[0] is None:
            break
        found.append(row)
    return found


def test_each_helper_with_hours_left_gets_a_row_with_the_reasons(tmp_path):
    # Fatima (10 h) has 2 h planned and Bram (8 h) 1,5 h: both have hours left, and both are explained.
    school, plan = tiny_school(), tiny_plan()
    path = write_result(school, plan, tmp_path / "resultaat.xlsx")
    header, *rows, note = section_rows(path)
    assert note[0].startswith("Vrij: beschikbaar en niet ingepland.")
    assert header[:4] == ("ondersteuner", "uren over", "vrij (uur)", "waarom niemand die uren gebruikt")
    expected = explain_idle_hours(school, plan)
    assert [row[:2] for row in rows] == [("Fatima", 8.0), ("Bram", 6.5)]
    for row, idle in zip(rows, expected, strict=True):
        assert row[2] == idle.free_min / 60
        assert row[3] == "\n".join(cause.text for cause in idle.causes)


def test_no_hours_left_says_so(tmp_path):
    # One helper, one hour a week, and that hour is planned: nothing stays unused.
    school = tiny_school()
    fatima = replace(school.helpers[0], hours_per_week=1.0, availability=(AvailabilityBlock("ma", 540, 600),))
    school = replace(school, helpers=(fatima,), pins=())
    plan = Plan((Session("R3", ("Fatima",), "ma", 540, 600),))
    path = write_result(school, plan, tmp_path / "resultaat.xlsx")
    assert section_rows(path) == [("Geen ondersteuner heeft uren over.", *([None] * 8))]
