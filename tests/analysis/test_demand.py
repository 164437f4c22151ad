"""Demand vs capacity on instances small enough to compute by hand."""

from __future__ import annotations

import openpyxl
import pytest

from planner.analysis import demand_vs_capacity
from planner.workbook.analysis_sheets import write_demand_sheet
from planner.workbook.schema import DEMAND
from tests.analysis.builders import helper, request, school


def test_fixed_request_counts_its_hands_fully_on_its_days():
    # Fixed 9:00–9:45 on di and do, 2 sessions, 2 hands: 2 hands in each of the 3 quarters on di and do.
    data = school([helper("Anna")], [request("A", days=("di", "do"), sessions_per_week=2, hands=2)])
    grid = demand_vs_capacity(data, slot_min=15)
    assert [grid.cell("di", start).demand for start in (540, 555, 570, 585)] == [2, 2, 2, 0]
    assert grid.cell("ma", 540).demand == 0
    assert grid.cell("do", 570).demand == 2


def test_flexible_request_spreads_over_window_and_days():
    # 30 minutes somewhere in 9:00–10:00 (density 1/2), once on any of 5 days (1/5 a day): 0.1 a slot.
    data = school([helper("Anna")], [request("A", start=540, end=600, duration_min=30)])
    grid = demand_vs_capacity(data, slot_min=15)
    assert grid.cell("wo", 555).demand == pytest.approx(0.1)
    assert grid.cell("wo", 600).demand == 0
    # Summed over a day's slots (each slot 15 min) the demand is the expected helper-minutes / 15.
    total = sum(cell.demand * 15 for cell in grid.cells)
    assert total == pytest.approx(30)


def test_capacity_counts_helpers_present_for_the_slot_part():
    # Anna 8:30–14:30 every day; Bram only ma 9:00–9:20: in the 9:15 slot he is there a third.
    data = school([helper("Anna"), helper("Bram", days=("ma",), start=540, end=560)], [request("A")])
    grid = demand_vs_capacity(data, slot_min=15)
    assert grid.cell("ma", 540).capacity == 2
    assert grid.cell("ma", 555).capacity == pytest.approx(1 + 5 / 15, abs=1e-3)
    assert grid.cell("di", 540).capacity == 1
    # A (9:00–9:45, once on any of 5 days) asks 0.2 hands there: 2 − 0.2 left.
    assert grid.cell("ma", 540).balance == pytest.approx(1.8)


def test_slots_outside_a_days_school_hours_have_no_cell():
    from dataclasses import replace

    from planner.model import SchoolDay

    base = school([helper("Anna")], [request("A")])
    data = replace(base, school_days=(SchoolDay("ma", 510, 870), SchoolDay("wo", 510, 735)))
    grid = demand_vs_capacity(data)
    assert grid.days == ("ma", "wo")
    assert grid.cell("wo", 720) is not None and grid.cell("wo", 735) is None
    assert grid.cell("ma", 855) is not None
    rows = dict(grid.rows())
    assert rows[720][1].day == "wo" and rows[735][1] is None and rows[735][0].day == "ma"


def test_demand_sheet_has_three_heat_maps(tmp_path):
    data = school([helper("Anna")], [request("A", days=("di",))])
    workbook = openpyxl.Workbook()
    write_demand_sheet(workbook, demand_vs_capacity(data))
    path = tmp_path / "vraag.xlsx"
    workbook.save(path)
    sheet = openpyxl.load_workbook(path)[DEMAND]
    titles = [row[0].value for row in sheet.iter_rows() if isinstance(row[0].value, str)]
    assert "Gevraagde handen" in titles and "Beschikbare ondersteuners" in titles
    assert len(sheet.conditional_formatting) == 3
    # The di 9:00 cell of the demand block holds 1 hand; columns are tijd, maandag, dinsdag, …
    header_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "tijd")
    nine = next(r for r in range(header_row, header_row + 40) if str(sheet.cell(r, 1).value) == "09:00:00")
    assert sheet.cell(header_row, 3).value == "dinsdag"
    assert sheet.cell(nine, 3).value == 1
