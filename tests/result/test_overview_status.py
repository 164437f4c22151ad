"""``Overzicht`` says which plan it is when asked (the web export), and nothing when not (the command line)."""

from __future__ import annotations

from dataclasses import replace

from planner.workbook.result import build_result_workbook
from tests.result.tiny import tiny_plan, tiny_school


def test_the_plan_status_goes_under_the_title():
    sheet = build_result_workbook(tiny_school(), tiny_plan(), plan_status="Concept — niet gepubliceerd")["Overzicht"]
    assert sheet["A2"].value == "Concept — niet gepubliceerd"


def test_without_a_status_the_line_stays_empty():
    # Row 2 is the blank line between the title and the solver status in the golden workbook.
    assert build_result_workbook(tiny_school(), tiny_plan())["Overzicht"]["A2"].value is None


def test_a_plan_made_per_location_says_so_under_the_solver_status():
    # The decomposition of a board's school marks its plan; Overzicht shows the method beside the status.
    plan = replace(tiny_plan(), method="opgesplitst per locatie")
    sheet = build_result_workbook(tiny_school(), plan)["Overzicht"]
    rows = {row[0]: row[1:3] for row in sheet.iter_rows(min_col=1, max_col=3, values_only=True) if row[0]}
    assert rows["Werkwijze"][0] == "opgesplitst per locatie"
    assert "per locatie" in rows["Werkwijze"][1]
    whole = build_result_workbook(tiny_school(), tiny_plan())["Overzicht"]
    assert "Werkwijze" not in {row[0] for row in whole.iter_rows(min_col=1, max_col=1, values_only=True)}
