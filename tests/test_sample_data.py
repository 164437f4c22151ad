"""The sample school and the template in data/: present, valid, realistic, and rebuilt exactly."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from planner.baseline import plan_by_hand
from planner.generate import demand_ratio_of
from planner.model import School
from planner.workbook import read_workbook
from tests.plan_checker import violations
from tests.tools import convert_with_libreoffice, pdf_page_count

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "voorbeeldschool.xlsx"
TEMPLATE = DATA / "sjabloon.xlsx"
BUILD_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_sample_data.py"


def _build_script():
    spec = importlib.util.spec_from_file_location("build_sample_data", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample() -> School:
    return read_workbook(SAMPLE)  # raises WorkbookError listing every problem, if any


def test_the_sample_has_the_groups_of_a_real_school(sample: School) -> None:
    names = [group.name for group in sample.groups]
    assert 12 <= len(names) <= 16
    assert any(name.startswith("1/2") for name in names)
    assert any("/" in name and not name.startswith("1/2") for name in names)  # combination group
    teachers_per_group = Counter(group for teacher in sample.teachers for group in teacher.groups)
    assert any(count == 2 for count in teachers_per_group.values())  # a duo
    assert sample.settings.school_name == "OBS De Regenboog"
    assert sample.tasks  # the Taken sheet


def test_the_sample_has_assistants_interns_and_a_volunteer(sample: School) -> None:
    roles = Counter(helper.role for helper in sample.helpers)
    assert 2 <= roles["onderwijsassistent"] <= 3 and roles["klassenassistent"] >= 1
    assert roles["vrijwilliger"] >= 1
    interns = [helper for helper in sample.helpers if helper.role == "stagiaire"]
    assert 3 <= len(interns) <= 4
    assert all(intern.placement_groups and not intern.may_work_elsewhere for intern in interns)


def test_the_sample_asks_more_than_fits(sample: School) -> None:
    assert 50 <= len(sample.requests) <= 80
    assert 1.3 <= demand_ratio_of(sample) <= 1.6
    morning = sum(request.window_end <= 12 * 60 for request in sample.requests)
    assert morning > 0.7 * len(sample.requests)
    assert any(r.is_fixed_time for r in sample.requests) and any(not r.is_fixed_time for r in sample.requests)
    assert len({request.priority for request in sample.requests}) == 3


def test_the_pin_and_a_by_hand_plan_keep_every_hard_rule(sample: School) -> None:
    assert len(sample.pins) == 1
    assert violations(sample, plan_by_hand(sample)) == []


def test_the_build_script_gives_the_same_school(sample: School, tmp_path: Path) -> None:
    script = _build_script()
    assert script.build_sample_school() == sample
    assert script.main(["--out", str(tmp_path)]) == 0
    assert read_workbook(tmp_path / "voorbeeldschool.xlsx") == sample
    assert read_workbook(tmp_path / "sjabloon.xlsx") == read_workbook(TEMPLATE)


def test_the_template_reads_as_an_empty_school_week() -> None:
    template = read_workbook(TEMPLATE)
    assert template.requests == () and template.helpers == () and template.groups == ()
    assert template.school_day_codes == ("ma", "di", "wo", "do", "vr")


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["voorbeeldschool.xlsx", "sjabloon.xlsx"])
def test_libreoffice_prints_the_shipped_workbooks(name: str, tmp_path: Path) -> None:
    # Another spreadsheet program than our own library must open what we ship.
    pdf = convert_with_libreoffice(DATA / name, tmp_path)
    assert pdf_page_count(pdf) >= 1
