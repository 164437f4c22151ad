"""read → write → read gives an equal School: random schools, the sample school, the template."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from planner.workbook import read_workbook, write_input_sheets, write_school
from planner.workbook.schema import INPUT_SHEETS
from tests.workbook.builders import minimal_school
from tests.workbook.random_schools import SUBGROUP_CHOICES, random_school

ROUND_TRIP_SEEDS = 20
SAMPLE_SCHOOL = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"


@pytest.mark.parametrize("seed", range(ROUND_TRIP_SEEDS))
def test_random_school_round_trip(tmp_path, seed):
    school = random_school(seed)
    write_school(school, tmp_path / "school.xlsx")
    assert read_workbook(tmp_path / "school.xlsx") == school


def test_random_schools_cover_the_awkward_cases():
    # the round trip above only means something if the generator produces these
    schools = [random_school(seed) for seed in range(ROUND_TRIP_SEEDS)]
    assert any(school.pins for school in schools)
    assert any(r.notes.startswith("=") for school in schools for r in school.requests)
    assert any(r.days == () for school in schools for r in school.requests)
    assert any(r.hands == 2 for school in schools for r in school.requests)
    assert any(h.placement_groups for school in schools for h in school.helpers)
    assert {school.settings.time_step_min for school in schools} == {5, 10, 15}
    assert any(g.name.isdigit() for school in schools for g in school.groups)
    assert {r.subgroup for school in schools for r in school.requests} == set(SUBGROUP_CHOICES)
    assert any(d.first == d.last for school in schools for d in school.days_off)
    assert any(d.first < d.last for school in schools for d in school.days_off)


def test_sample_school_round_trip(tmp_path):
    school = read_workbook(SAMPLE_SCHOOL)
    assert school.requests and school.helpers
    write_school(school, tmp_path / "opnieuw.xlsx")
    assert read_workbook(tmp_path / "opnieuw.xlsx") == school


def test_written_sheets_follow_the_contract(tmp_path):
    path = tmp_path / "school.xlsx"
    write_school(minimal_school(), path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [spec.name for spec in INPUT_SHEETS]
    for spec in INPUT_SHEETS:
        sheet = workbook[spec.name]
        assert [cell.value for cell in sheet[1]] == list(spec.column_names)
        assert sheet.freeze_panes == "A2"
    requests = workbook["Aanvragen"]
    header = [cell.value for cell in requests[1]]
    first = {name: requests.cell(row=2, column=index + 1) for index, name in enumerate(header)}
    assert first["van"].value == dt.time(9, 0) and first["van"].is_date
    assert first["dagen"].value == "di, do"
    assert first["prioriteit"].value == "hoog"
    helpers = workbook["Ondersteuners"]
    assert helpers["C2"].value == 8 and helpers["D2"].value == 4
    assert helpers["G3"].value == "nee"
    assert workbook["Schooltijden"]["A2"].value == "ma"


def test_write_input_sheets_into_a_new_workbook_drops_the_blank_default_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    write_input_sheets(workbook, minimal_school())
    assert "Sheet" not in workbook.sheetnames
    workbook.save(tmp_path / "w.xlsx")
    assert read_workbook(tmp_path / "w.xlsx") == minimal_school()


def test_a_school_day_until_midnight_survives_the_round_trip(tmp_path):
    # 24:00 has no Excel time of day; it is written as the text 24:00 and read back as 1440 minutes
    school = minimal_school()
    school = replace(school, school_days=(*school.school_days[:-1], replace(school.school_days[-1], end=24 * 60)))
    write_school(school, tmp_path / "school.xlsx")
    assert read_workbook(tmp_path / "school.xlsx") == school


def test_a_workbook_without_the_subgroep_column_still_reads_with_empty_subgroups(tmp_path):
    # `subgroep` is optional and newer than the other columns: a workbook written before it still reads.
    school = minimal_school()
    school = replace(
        school, requests=(replace(school.requests[0], subgroup="intensieve subgroep"), *school.requests[1:])
    )
    path = tmp_path / "school.xlsx"
    write_school(school, path)
    assert read_workbook(path) == school
    workbook = openpyxl.load_workbook(path)
    requests = workbook["Aanvragen"]
    requests.delete_cols([cell.value for cell in requests[1]].index("subgroep") + 1)
    workbook.save(path)
    assert read_workbook(path) == minimal_school()  # the same school, without the subgroup
