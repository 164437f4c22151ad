"""Capacity curve and scenario comparison on tiny schools, through the API and the CLI."""

from __future__ import annotations

import time
from dataclasses import replace

import openpyxl
import pytest

from handenplanner.cli import main
from planner import services
from planner.compare import compare_schools as compare
from planner.curve import EXTRA_HELPER, capacity_curve, with_extra_helper
from planner.figures import figures_per_priority
from planner.model import Priority, SolveStatus
from planner.solver import Progress, SolveOptions, solve
from planner.workbook import write_school
from tests.analysis.builders import helper, request, school
from tests.analysis.random_schools import random_school
from tests.plan_checker import violations


def short_school():
    # Anna has 1 hour: of three 45-minute requests (hoog, middel, laag) only hoog fits. Each extra
    # 45 minutes lets one more fit, so with 2 extra hours everything is honoured.
    return school(
        [helper("Anna", hours=1.0)],
        [
            request("H", group="5", days=("ma",), priority=Priority.HOOG),
            request("M", group="5", days=("di",), priority=Priority.MIDDEL, skills=("gedrag",)),
            request("L", group="5", days=("wo",), priority=Priority.LAAG),
        ],
    )


def test_curve_zero_point_equals_plain_solve_and_more_hours_buy_more():
    data = short_school()
    points = capacity_curve(data, (0, 1, 2), time_limit_s=5, workers=1)
    plain = solve(data, SolveOptions(time_limit_s=5, workers=1, last_level="laag"))
    assert [row.honoured for row in points[0].figures] == [row.honoured for row in figures_per_priority(data, plain)]
    # 1 extra hour: the extra helper (who has every requested skill, 'gedrag' too) takes M; 2 hours: L too.
    assert [p.share(Priority.MIDDEL) for p in points] == [0, 1, 1]
    assert [p.total_share for p in points] == [1 / 3, 2 / 3, 1]
    assert points[2].extra_used_min == 90 and all(p.proven_optimal for p in points)
    for point in points:
        assert violations(with_extra_helper(data, point.extra_hours), point.plan) == []


def test_curve_is_monotone_on_random_schools():
    for seed in range(8):
        data = random_school(seed)
        points = capacity_curve(data, (0, 1, 2, 4), time_limit_s=3, workers=1)
        keys = [tuple(row.honoured for row in p.figures) for p in points]
        assert keys == sorted(keys), seed


def test_extra_helper_has_every_requested_skill_and_all_school_hours():
    data = with_extra_helper(short_school(), 3.5, role="stagiaire")
    extra = data.helper(EXTRA_HELPER)
    assert extra.skills == ("gedrag",) and extra.role == "stagiaire" and extra.hours_per_week == 3.5
    assert extra.blocks_on("vr") == [(510, 870)]


def test_compare_with_itself_shows_no_change():
    data = short_school()
    result = compare(data, data, time_limit_s=5, workers=1)
    assert not result.has_changes
    assert all(row.share_a == row.share_b for row in result.priorities)


def test_compare_with_more_hours_shows_who_gains():
    data = short_school()
    more = replace(data, helpers=(helper("Anna", hours=3.0),))
    result = compare(data, more, time_limit_s=5, workers=1)
    # With 3 hours Anna can do H and L (M needs 'gedrag', which she lacks): L gains one session.
    assert [(c.request_id, c.difference) for c in result.changes] == [("L", 1)]
    assert [(h.helper, h.minutes_a, h.minutes_b) for h in result.helpers] == [("Anna", 45, 90)]


def test_curve_command_writes_table_workbook_with_chart_and_png(tmp_path, capsys):
    source = tmp_path / "school.xlsx"
    write_school(short_school(), source)
    out, png = tmp_path / "curve.xlsx", tmp_path / "curve.png"
    code = main(["curve", str(source), "-o", str(out), "--png", str(png), "--stappen", "0,2", "--time-limit", "3"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "extra uren" in printed and "100%" in printed
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "Capaciteitscurve" and len(sheet._charts) == 1
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # More hours only add here (nothing dips), so there is nothing to explain.
    assert "daalt" not in printed and "Toelichting" not in [cell.value for cell in sheet["A"]]


def dipping_school():
    # Anna is there only on Monday 9:00–9:45. L (laag) asks her then; H (hoog) needs two hands then. Without extra
    # hours only L fits; with one extra hour the extra helper and Anna do H together, so L loses Anna: laag falls
    # from 100 % to 0 % because one hoog request gains.
    return school(
        [helper("Anna", days=("ma",), start=540, end=585)],
        [
            request("H", group="5", days=("ma",), hands=2, priority=Priority.HOOG),
            request("L", group="6", days=("ma",), priority=Priority.LAAG),
        ],
    )


DIP_SENTENCE = "Bij +1 uur daalt laag van 100 % naar 0 %: de extra uren gaan naar hoog (+1 aanvraag)."


def test_curve_command_explains_a_dip_under_its_table_and_in_its_workbook(tmp_path, capsys):
    source, out = tmp_path / "school.xlsx", tmp_path / "curve.xlsx"
    write_school(dipping_school(), source)
    assert main(["curve", str(source), "-o", str(out), "--stappen", "0,1", "--time-limit", "30"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # The table's header and its two rows, then the sentence.
    assert lines[0].strip().startswith("extra uren") and lines[3] == DIP_SENTENCE
    column = [cell.value for cell in openpyxl.load_workbook(out).active["A"]]
    # Under the table (header in row 4, the steps in rows 5 and 6) and one empty row: the block.
    assert column[6:9] == [None, "Toelichting", DIP_SENTENCE]


def test_compare_command_on_itself_and_on_a_broken_file(tmp_path, capsys):
    source = tmp_path / "school.xlsx"
    write_school(short_school(), source)
    out = tmp_path / "vergelijking.xlsx"
    assert main(["compare", str(source), str(source), "-o", str(out), "--time-limit", "3"]) == 0
    assert "Geen verschil" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).active.title == "Vergelijking"
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"geen werkmap")
    assert main(["compare", str(source), str(broken)]) == 2
    assert "kapot.xlsx" in capsys.readouterr().err


def test_curve_command_rejects_bad_steps_in_dutch(tmp_path, capsys):
    source = tmp_path / "school.xlsx"
    write_school(short_school(), source)
    with pytest.raises(SystemExit) as exit_info:
        main(["curve", str(source), "--stappen", "0,twee"])
    assert exit_info.value.code == 2
    assert "verwacht uren gescheiden door komma's" in capsys.readouterr().err


def test_compare_plans_matches_requests_and_helpers_by_name():
    from planner.compare import compare_plans
    from tests.analysis.builders import plan

    # Scenario B adds request N and helper Bram; request names differ in case only ("h" vs "H").
    a = school([helper("Anna")], [request("H", days=("ma",))])
    b = school([helper("anna"), helper("Bram")], [request("h", days=("ma",)), request("N", group="7")])
    plan_a = plan(("H", ("Anna",), "ma", 540, 585))
    plan_b = plan(("h", ("anna",), "ma", 540, 585), ("N", ("Bram",), "di", 540, 585))
    result = compare_plans(a, plan_a, b, plan_b)
    assert [(c.request_id, c.asked_a, c.placed_b, c.difference) for c in result.changes] == [("N", 0, 1, 1)]
    assert [(h.helper, h.minutes_a, h.minutes_b, h.cap_a_min) for h in result.helpers] == [
        ("Anna", 45, 45, 1200),
        ("Bram", 0, 45, None),
    ]


def test_a_stopped_curve_keeps_the_points_so_far():
    # The stop comes as soon as step 2 reports progress: step 1 is finished and proven, step 2 keeps
    # its best plan so far (not proven), and step 3 never starts.
    data = short_school()
    seen: list[Progress] = []

    def stop_in_step_two() -> bool:
        return any(step.level_label.startswith("Stap 2 van 3") for step in seen)

    points = capacity_curve(
        data, (0, 1, 2), time_limit_s=20, workers=1, progress=seen.append, should_stop=stop_in_step_two
    )
    full = capacity_curve(data, (0, 1, 2), time_limit_s=20, workers=1)
    assert [p.extra_hours for p in points] == [0, 1]
    assert points[0].proven_optimal and points[0].figures == full[0].figures
    assert not points[1].proven_optimal
    assert violations(with_extra_helper(data, 1), points[1].plan) == []


def test_a_stopped_comparison_keeps_the_finished_scenario():
    # The stop comes as soon as the second scenario reports progress: the first is solved to the
    # end, the second keeps its best plan so far (status gestopt), and both are compared.
    data = short_school()
    more = replace(data, helpers=(helper("Anna", hours=3.0),))
    seen: list[Progress] = []

    def stop_in_second() -> bool:
        return any(step.level_label.startswith("Scenario 2 van 2") for step in seen)

    result = compare(data, more, time_limit_s=20, workers=1, progress=seen.append, should_stop=stop_in_second)
    assert result.plan_a.status == SolveStatus.OPTIMAL and result.plan_b.status == SolveStatus.STOPPED
    assert violations(more, result.plan_b) == []
    assert [row.share_a for row in result.priorities][:3] == [1, 0, 0]  # only H fits Anna's hour


def test_the_services_curve_announces_the_split_and_counts_from_the_commands_start():
    # The command started 2 s before the curve was asked: the split is reported first, and all
    # progress counts from the command's start.
    seen: list[Progress] = []
    started = time.monotonic() - 2
    points = services.capacity_curve(
        short_school(), (0, 1), time_limit_s=20, workers=1, started_at=started, progress=seen.append
    )
    assert len(points) == 2
    assert seen[0].level_key == services.TIME_SPLIT_KEY and "wegschrijven" in seen[0].level_label
    assert seen[1].level_label.startswith("Stap 1 van 2 (+0 uur): ")
    assert all(step.elapsed_s >= 2 for step in seen)
