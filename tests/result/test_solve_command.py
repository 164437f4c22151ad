"""``handenplanner solve``: exit codes, the summary, --json, progress on stderr, nothing written on problems."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import openpyxl

from handenplanner.cli import main
from planner.commands.solve_command import summary
from planner.model import SolveStatus
from planner.services import PlanOptions, SolveOutcome, result_bytes, solve_school, solve_workbook, write_result
from planner.workbook import read_workbook, schema, write_school
from tests.plan_checker import violations
from tests.result.tiny import tiny_plan, tiny_school

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"
FAST = ["--time-limit", "1", "--workers", "1"]  # tiny school: solved in milliseconds; also bounds suggestions


def tiny_workbook(tmp_path):
    path = tmp_path / "school.xlsx"
    write_school(tiny_school(), path)
    return path


def broken_workbook(tmp_path):
    """The tiny school with a request window starting off the 5-minute step (9:07)."""
    path = tiny_workbook(tmp_path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[schema.REQUESTS]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("van") + 1, value="9:07")
    workbook.save(path)
    return path


def test_solve_writes_the_result_and_prints_a_dutch_summary(tmp_path, capsys):
    source, output = tiny_workbook(tmp_path), tmp_path / "uit.xlsx"
    assert main(["solve", str(source), "-o", str(output), *FAST]) == 0
    out = capsys.readouterr().out
    assert "Planning klaar" in out and f"Resultaat: {output}" in out
    assert "hoog" in out and "gehonoreerd" in out
    # The result is a valid plan of the same school, and its input sheets read back unchanged.
    assert read_workbook(output) == tiny_school()
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames[:7] == [
        schema.OVERVIEW,
        schema.SCHEDULE,
        schema.UNPLACED,
        schema.PER_HELPER,
        schema.PER_GROUP,
        schema.HOURS_OFFERS,
        schema.DEMAND,
    ]
    assert workbook[schema.SCHEDULE].max_row > 1


def test_json_is_one_object_with_the_key_figures(tmp_path, capsys):
    source, output = tiny_workbook(tmp_path), tmp_path / "uit.xlsx"
    assert main(["solve", str(source), "-o", str(output), "--json", *FAST]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["output"] == str(output.resolve())
    assert figures["status"] == "optimaal"
    # R4 needs the skill 'gedrag' nobody has; everything else fits (see tests/result/tiny.py), so
    # R1 (hoog) is fully honoured and 3 of the 4 requests are.
    assert figures["priorities"]["hoog"] == {
        "requests": 1,
        "fully": 1,
        "partly": 0,
        "not_placed": 0,
        "honoured": 1.0,
        "honoured_share": 1.0,
    }
    assert figures["requests"]["not_placed"] == 1 and figures["requests"]["fully"] == 3
    assert [item["request_id"] for item in figures["unplaced"]] == ["R4"]
    assert figures["hours"]["requested"] == 5.0
    assert figures["hours"]["planned"] == figures["hours"]["requested"] - 0.5
    assert [level["key"] for level in figures["levels"]][:4] == ["hoog", "middel", "laag", "help_minutes"]
    assert all({"value", "bound", "proven_optimal"} <= set(level) for level in figures["levels"])


def test_progress_lines_appear_on_stderr(tmp_path, capsys):
    source = tiny_workbook(tmp_path)
    assert main(["solve", str(source), "-o", str(tmp_path / "uit.xlsx"), *FAST]) == 0
    err = capsys.readouterr().err
    # One line at least per level, with the Dutch level label and the elapsed time.
    assert "Gehonoreerde aanvragen, prioriteit hoog" in err
    assert " s  " in err


def test_input_problems_are_listed_and_nothing_is_written(tmp_path, capsys):
    source, output = broken_workbook(tmp_path), tmp_path / "uit.xlsx"
    assert main(["solve", str(source), "-o", str(output), *FAST]) == 2
    err = capsys.readouterr().err
    assert "Aanvragen rij 2, kolom 'van'" in err and "9:07" in err
    assert not output.exists()


def test_input_problems_with_json_give_a_json_object(tmp_path, capsys):
    source, output = broken_workbook(tmp_path), tmp_path / "uit.xlsx"
    assert main(["solve", str(source), "-o", str(output), "--json", *FAST]) == 2
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "invoerfouten" and len(answer["problems"]) == 1
    assert not output.exists()


def test_a_missing_file_is_an_input_problem(tmp_path, capsys):
    assert main(["solve", str(tmp_path / "bestaat-niet.xlsx")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_an_unwritable_output_is_a_dutch_message_and_exit_1(tmp_path, capsys):
    source, output = tiny_workbook(tmp_path), tmp_path / "bestaat-niet" / "uit.xlsx"
    assert main(["solve", str(source), "-o", str(output), *FAST]) == 1
    assert "Kan het resultaat niet opslaan" in capsys.readouterr().err
    assert not output.exists()


def test_default_output_lies_beside_the_input(tmp_path, capsys):
    source = tiny_workbook(tmp_path)
    assert main(["solve", str(source), *FAST]) == 0
    assert (tmp_path / "school_planning.xlsx").exists()


def test_the_service_plans_within_every_hard_rule(tmp_path):
    outcome = solve_workbook(tiny_workbook(tmp_path), PlanOptions(time_limit_s=5, workers=1, suggestion_budget_s=0))
    assert outcome.school == tiny_school()
    assert violations(outcome.school, outcome.plan) == []
    assert [diagnosis.request_id for diagnosis in outcome.diagnoses] == ["R4"]


def test_as_a_real_process_exit_code_and_no_traceback(tmp_path):
    source, output = broken_workbook(tmp_path), tmp_path / "uit.xlsx"
    command = [sys.executable, "-m", "handenplanner", "solve", str(source), "-o", str(output), *FAST]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "9:07" in result.stderr
    assert not output.exists()


def test_result_bytes_for_a_download_read_back_to_the_same_school(tmp_path):
    outcome = solve_workbook(tiny_workbook(tmp_path), PlanOptions(time_limit_s=1, workers=1, suggestion_budget_s=0))
    data = result_bytes(outcome)
    assert read_workbook(data) == tiny_school()
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames[0] == schema.OVERVIEW


def test_a_stopped_solve_still_gives_an_outcome_that_can_be_written(tmp_path):
    # should_stop answers yes at once: the solver stops before placing anything (status gestopt),
    # no suggestions are checked, and the (empty) plan is still a valid result workbook.
    outcome = solve_school(tiny_school(), PlanOptions(time_limit_s=1, workers=1), should_stop=lambda: True)
    assert outcome.plan.status == SolveStatus.STOPPED
    assert all(diagnosis.suggestion is None for diagnosis in outcome.diagnoses)
    path = write_result(outcome, tmp_path / "uit.xlsx")
    assert read_workbook(path) == tiny_school()


def test_ctrl_c_stops_the_search_and_still_writes_the_best_plan(tmp_path):
    # The sample school with a minute to plan: a first Ctrl-C (SIGINT) once the search is running
    # must end it within seconds, with exit code 0 and a result workbook with the plan found so far.
    source, output = Path(SAMPLE), tmp_path / "uit.xlsx"
    command = [sys.executable, "-m", "handenplanner", "solve", str(source), "-o", str(output), "--time-limit", "60"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:  # wait until a level is being optimised
        if "prioriteit hoog" in line:
            break
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert time.monotonic() - started < 20  # not the 60 s of the time limit (plus writing)
    assert "Gestopt op verzoek" in stderr and "Traceback" not in stderr
    assert "Planning klaar in " in stdout and "De berekening is gestopt." in stdout
    school = read_workbook(output)
    assert school == read_workbook(SAMPLE)
    plan_sheet = openpyxl.load_workbook(output, read_only=True)[schema.SCHEDULE]
    assert plan_sheet.max_row > 1


def test_the_summary_says_when_the_plan_was_made_per_location(tmp_path):
    # A board's school is solved per location (planner/solver/decompose.py); the first line says so.
    plan = replace(tiny_plan(), method="opgesplitst per locatie")
    text = summary(SolveOutcome(tiny_school(), plan), tmp_path / "uit.xlsx")
    assert text.splitlines()[0].endswith("s (opgesplitst per locatie).")
    assert "opgesplitst" not in summary(SolveOutcome(tiny_school(), tiny_plan()), tmp_path / "uit.xlsx")
