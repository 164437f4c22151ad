"""The result workbook in an independent client: LibreOffice opens and prints it; the sample school round-trips."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from planner.analysis import demand_vs_capacity
from planner.baseline import plan_by_hand
from planner.diagnosis import diagnose
from planner.timegrid import DAY_FULL_NAMES, format_time
from planner.workbook import read_workbook, schema
from planner.workbook.analysis_sheets import DEMAND_BLOCKS
from planner.workbook.result import OUTPUT_SHEETS, write_result
from tests.result.tiny import tiny_plan, tiny_school
from tests.tools import convert_with_libreoffice, pdf_page_count, require

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"


def page_texts(pdf: Path) -> list[str]:
    pdftotext = shutil.which("pdftotext")
    require(pdftotext is not None, "pdftotext (poppler-utils)")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.rstrip("\f").split("\f")


def only_sheet(path: Path, name: str, target: Path) -> Path:
    """A copy of the workbook holding just one sheet, so its printed pages can be counted."""
    workbook = openpyxl.load_workbook(path)
    for other in [sheet for sheet in workbook.worksheets if sheet.title != name]:
        workbook.remove(other)
    workbook.save(target)
    return target


@pytest.fixture(scope="module")
def sample_result(tmp_path_factory):
    """The sample school planned by hand (fast and deterministic) written as a result workbook."""
    school = read_workbook(SAMPLE)
    plan = plan_by_hand(school)
    path = write_result(school, plan, tmp_path_factory.mktemp("sample") / "resultaat.xlsx", diagnose(school, plan))
    return school, plan, path


def test_sample_result_reads_back_to_the_same_school(sample_result):
    school, plan, path = sample_result
    assert read_workbook(path) == school
    workbook = openpyxl.load_workbook(path)
    assert tuple(workbook.sheetnames[: len(OUTPUT_SHEETS)]) == OUTPUT_SHEETS
    rows = list(workbook[schema.SCHEDULE].iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(len(session.helpers) for session in plan.sessions)
    unplaced = [r for r in school.requests if plan.placed_count(r.request_id) < r.sessions_per_week]
    assert workbook[schema.UNPLACED].max_row - 1 == len(unplaced)


@pytest.mark.libreoffice
def test_libreoffice_prints_the_whole_result_workbook(tmp_path):
    school, plan = tiny_school(), tiny_plan()
    path = write_result(school, plan, tmp_path / "resultaat.xlsx", diagnose(school, plan))
    pdf = convert_with_libreoffice(path, tmp_path)
    texts = "\n".join(page_texts(pdf))
    for expected in ("Overzicht van de planning", "Weekrooster per ondersteuner", "Weekrooster per groep", "Fatima"):
        assert expected in texts


@pytest.mark.libreoffice
def test_per_ondersteuner_prints_one_page_wide_one_page_per_helper(sample_result, tmp_path):
    school, _plan, path = sample_result
    single = only_sheet(path, schema.PER_HELPER, tmp_path / "per_ondersteuner.xlsx")
    pdf = convert_with_libreoffice(single, tmp_path)
    pages = page_texts(pdf)
    # Each helper's block starts a new page and fits on it. Were the grid wider than a page,
    # LibreOffice would print the right-hand days on extra pages: more pages than helpers,
    # and pages without the last day's header or without the time column.
    assert pdf_page_count(pdf) == len(pages) == len(school.helpers)
    last_day = DAY_FULL_NAMES[school.school_day_codes[-1]]
    first_day = DAY_FULL_NAMES[school.school_day_codes[0]]
    for page, helper in zip(pages, school.helpers, strict=True):
        assert "tijd" in page and first_day in page and last_day in page
        assert helper.name in page


@pytest.mark.libreoffice
def test_per_groep_prints_one_page_wide(sample_result, tmp_path):
    school, _plan, path = sample_result
    single = only_sheet(path, schema.PER_GROUP, tmp_path / "per_groep.xlsx")
    pages = page_texts(convert_with_libreoffice(single, tmp_path))
    groups_with_requests = {r.group for r in school.requests}
    assert len(pages) == len(groups_with_requests)
    last_day = DAY_FULL_NAMES[school.school_day_codes[-1]]
    assert all("tijd" in page and last_day in page for page in pages)


@pytest.mark.libreoffice
def test_niet_ingepland_prints_at_full_size_with_every_column_on_each_page(sample_result, tmp_path):
    _school, _plan, path = sample_result
    sheet = openpyxl.load_workbook(path)[schema.UNPLACED]
    # Not shrunk to fit: at 100% its long reasons stay as readable as on screen.
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage
    pages = page_texts(convert_with_libreoffice(only_sheet(path, schema.UNPLACED, tmp_path / "niet.xlsx"), tmp_path))
    # Were the columns wider than the page, the last ones would print on pages of their own, without ``aanvraag``.
    assert all("aanvraag" in page and "reden" in page and "suggestie" in page for page in pages)


@pytest.mark.libreoffice
def test_vraag_en_aanbod_prints_each_table_on_a_page_with_its_heading(tmp_path):
    school = read_workbook(SAMPLE)
    plan = plan_by_hand(school)
    demand = demand_vs_capacity(school)
    path = write_result(school, plan, tmp_path / "resultaat.xlsx", demand=demand)
    pages = page_texts(convert_with_libreoffice(only_sheet(path, schema.DEMAND, tmp_path / "vraag.xlsx"), tmp_path))
    headings = [title for title, _field, _rule in DEMAND_BLOCKS]
    assert len(pages) == len(headings)
    for page, heading in zip(pages, headings, strict=True):
        # The heading and the table's last time row are on the same page: the table did not break.
        assert heading in page and format_time(demand.starts[-1]) in page
