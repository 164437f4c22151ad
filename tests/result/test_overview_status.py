"""``Overzicht`` says which plan it is when asked (the web export), and nothing when not (the command line)."""

from __future__ import annotations

from planner.workbook.result import build_result_workbook
from tests.result.tiny import tiny_plan, tiny_school


def test_the_plan_status_goes_under_the_title():
    sheet = build_result_workbook(tiny_school(), tiny_plan(), plan_status="Concept — niet gepubliceerd")["Overzicht"]
    assert sheet["A2"].value == "Concept — niet gepubliceerd"


def test_without_a_status_the_line_stays_empty():
    # Row 2 is the blank line between the title and the solver status in the golden workbook.
    assert build_result_workbook(tiny_school(), tiny_plan())["Overzicht"]["A2"].value is None
