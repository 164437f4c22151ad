"""A large school gets a plan within its time limit, and the ceiling on what ``check`` accepts."""

from __future__ import annotations

import dataclasses
import time

import openpyxl
import pytest

from handenplanner.cli import main
from planner.generate import grown_school
from planner.model import SolveStatus
from planner.services import PlanOptions, WorkbookError, read_school, solve_school, write_result
from planner.workbook import schema, write_school
from planner.workbook.grids import GRIDS_CUT_SHORT
from planner.workbook.overview import IDLE_CUT_SHORT
from planner.workbook.read import MAX_REQUESTS
from tests.plan_checker import violations
from tests.result.tiny import tiny_school

LIMIT_S = 10
MARGIN_S = 2.0  # the acceptance: within the limit + 2 s


def test_a_school_of_a_thousand_requests_gets_a_plan_within_its_limit(tmp_path, capsys):
    # Issue 13's acceptance. 1,000 requests make a model of about 160,000 literals: building it alone takes
    # longer than a 10 s job can give (ModelSize.fits), so the plan is the greedy one, and the output says so.
    school = grown_school(1000, seed=0)
    source, output = tmp_path / "groot.xlsx", tmp_path / "uit.xlsx"
    write_school(school, source)
    started = time.monotonic()
    assert main(["solve", str(source), "-o", str(output), "--time-limit", str(LIMIT_S), "--workers", "2"]) == 0
    took_s = time.monotonic() - started
    assert took_s <= LIMIT_S + MARGIN_S, f"{took_s:.1f} s"
    printed = capsys.readouterr().out
    assert "snelle startrooster" in printed and "Hoogstens te winnen" in printed
    workbook = openpyxl.load_workbook(output, read_only=True)
    overview = [row for row in workbook[schema.OVERVIEW].iter_rows(values_only=True) if row[0] == "Status"]
    assert overview[0][1] == SolveStatus.QUICK.value
    assert workbook[schema.SCHEDULE].max_row > 500


def test_the_greedy_plan_of_a_large_school_keeps_every_hard_rule():
    # The same 1,000-request school through the service, the job already over: still a valid plan.
    school = grown_school(1000, seed=0)
    outcome = solve_school(school, PlanOptions(time_limit_s=10, workers=1, started_at=time.monotonic() - 60))
    assert outcome.plan.status == SolveStatus.QUICK and len(outcome.plan.sessions) > 500
    assert violations(school, outcome.plan) == []


def test_past_the_jobs_end_the_explaining_sheets_are_cut_short_with_a_note(tmp_path):
    # The tiny school's job ended a minute ago: the result is still written whole (every session in Rooster),
    # but the week grids and why hours stay unused say they were left out.
    outcome = solve_school(tiny_school(), PlanOptions(time_limit_s=10, workers=1, started_at=time.monotonic() - 60))
    path = write_result(outcome, tmp_path / "uit.xlsx")
    workbook = openpyxl.load_workbook(path, read_only=True)
    overview_texts = {row[0] for row in workbook[schema.OVERVIEW].iter_rows(values_only=True)}
    assert IDLE_CUT_SHORT in overview_texts
    grid_texts = [row[0] for row in workbook[schema.PER_HELPER].iter_rows(values_only=True) if row[0]]
    assert any(isinstance(text, str) and text.endswith(GRIDS_CUT_SHORT) for text in grid_texts)


def test_more_requests_than_the_ceiling_are_refused_with_the_reason(tmp_path):
    # One request over the ceiling: check refuses the workbook at once, saying how many it has and what to do.
    school = tiny_school()
    template = school.requests[0]
    requests = tuple(dataclasses.replace(template, request_id=f"X{n}") for n in range(MAX_REQUESTS + 1))
    path = tmp_path / "te-groot.xlsx"
    write_school(dataclasses.replace(school, requests=requests), path)
    with pytest.raises(WorkbookError) as raised:
        read_school(path)
    assert [problem.message for problem in raised.value.problems] == [
        "Aanvragen: Handenplanner rekent met hoogstens 2.500 aanvragen per werkmap; deze heeft er 2.501. "
        "Splits de werkmap per locatie (of per bouw) en plan elk deel apart: met meer aanvragen past een goed "
        "rooster niet meer in de rekentijd en het geheugen."
    ]


def test_the_ceiling_itself_is_accepted(tmp_path, capsys):
    # Exactly the ceiling is allowed: check reads the workbook and exits 0.
    school = tiny_school()
    template = school.requests[0]
    requests = tuple(dataclasses.replace(template, request_id=f"X{n}") for n in range(MAX_REQUESTS))
    path = tmp_path / "precies.xlsx"
    write_school(dataclasses.replace(school, requests=requests, pins=()), path)  # the pins name R1, gone here
    assert main(["check", str(path)]) == 0
