"""The result workbook's ``Wat meer uren opleveren``: one row per offer, best first, printable one page wide."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from planner import services
from planner.baseline import plan_by_hand
from planner.model import Plan, Priority
from planner.workbook import read_workbook, schema
from planner.workbook.result import write_result
from tests.analysis.builders import helper, request, school
from tests.result.test_result_printing import only_sheet, page_texts
from tests.tools import convert_with_libreoffice

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"
HEADER_ROW = 4


def test_each_offer_is_a_row_with_its_numbers_and_who_agrees(tmp_path):
    # Anna is there on Tuesday 8:30–9:00 only; A (hoog) is fixed 9:00–9:45: she stays until 9:45 (0,75 hour) and
    # A fits; hoog counts 4, so 4 / 0,75 = 5,33 per extra hour.
    data = school([helper("Anna", days=("di",), end=540)], [request("A", days=("di",), priority=Priority.HOOG)])
    path = services.write_result(services.explain_plan(data, Plan(())), tmp_path / "uit.xlsx")
    sheet = openpyxl.load_workbook(path)[schema.HOURS_OFFERS]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    assert rows[0] == schema.HOURS_OFFER_COLUMNS
    assert rows[1] == (
        1, "Anna", "dinsdag", "9:00–9:45 erbij", 0.75, "A", 1, 0, 0, 5.33,
        "A di 9:00–9:45 (Anna)", "Anna: dinsdag tot 9:45 blijven",
    )  # fmt: skip
    assert sheet.print_title_rows == "$4:$4"  # the header repeats on every printed page
    assert read_workbook(path) == data  # the reader skips the sheet


def test_without_offers_the_sheet_says_so(tmp_path):
    # Everything fits: nothing to buy.
    data = school([helper("Anna")], [request("A")])
    path = services.write_result(services.explain_plan(data, Plan(())), tmp_path / "uit.xlsx")
    sheet = openpyxl.load_workbook(path)[schema.HOURS_OFFERS]
    assert sheet.cell(row=HEADER_ROW + 1, column=1).value.startswith("Geen:")


@pytest.mark.libreoffice
def test_the_sheet_prints_one_page_wide(tmp_path):
    # The sample school planned by hand has many offers; every column must be on the page (were the table
    # wider than a page, the last columns would print on pages of their own, without the first ones).
    sample = read_workbook(SAMPLE)
    plan = plan_by_hand(sample)
    offers = services.hours_offers(sample, plan)
    path = write_result(sample, plan, tmp_path / "resultaat.xlsx", (), None, offers)
    single = only_sheet(path, schema.HOURS_OFFERS, tmp_path / "uren.xlsx")
    pages = page_texts(convert_with_libreoffice(single, tmp_path))
    assert "Wat meer uren opleveren" in pages[0]
    assert all("ondersteuner" in page and "akkoord_van" in page for page in pages)
    assert offers[0].helper in pages[0]
