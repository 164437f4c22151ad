"""The objective's levels are described once (``planner.levels``); the solver, the workbook and the
benchmark read them from there."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import openpyxl

from planner.levels import LEVEL_INFOS, level_explanation
from planner.model import LevelResult, Plan, School, SolveStatus
from planner.solver import LEVELS
from planner.workbook.overview import write_overview_sheet

ROOT = Path(__file__).resolve().parents[1]


def test_the_solver_optimises_exactly_the_described_levels_in_their_order():
    assert tuple(level.info for level in LEVELS) == LEVEL_INFOS
    assert len({info.key for info in LEVEL_INFOS}) == len(LEVEL_INFOS)


def test_every_level_has_a_label_and_an_explanation_for_the_school():
    assert all(info.label and info.explanation.endswith(".") for info in LEVEL_INFOS)


def test_top_up_only_follows_maximised_levels():
    # Topping a plan up adds sessions; that lowers no maximised level held so far, but it could
    # worsen a minimised one (e.g. more distinct helpers per request).
    for position, level in enumerate(LEVELS):
        if level.info.top_up:
            assert all(earlier.maximize for earlier in LEVELS[:position]), level.info.key


def test_overzicht_explains_every_level_a_plan_reports():
    levels = tuple(LevelResult(info.key, info.label, 0.0, 0.0, True, 0.0) for info in LEVEL_INFOS)
    sheet = openpyxl.Workbook().active
    write_overview_sheet(sheet, School((), (), (), (), ()), Plan((), levels, SolveStatus.OPTIMAL, 0.0))
    texts = {cell.value for row in sheet.iter_rows() for cell in row}
    assert {info.explanation for info in LEVEL_INFOS} <= texts


def test_a_stored_plan_with_an_unknown_level_gets_no_explanation():
    assert level_explanation("no_such_level") == ""


def test_the_benchmark_groups_levels_by_the_domain_specs_numbering():
    # Spec level 1 is the honoured requests by priority, level 2 the help minutes; "kept" only re-plans.
    spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    assert benchmark.LEVEL_1 == ("hoog", "middel", "laag")
    assert benchmark.LEVEL_2 == ("help_minutes",)


def test_the_workbook_explains_the_levels_without_loading_the_solver():
    code = "import sys, planner.workbook.overview; print('ortools' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert loaded.stdout.strip() == "False"
