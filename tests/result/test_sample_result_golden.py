"""The sample school's result workbook is pinned cell by cell.

Refactorings must not change what a school leader gets. The plan is the
deterministic "by hand" plan (the solver's plan may differ run to run within
its time limit), so this pins everything after solving: diagnosis, key
figures, every sheet's values and merged cells. After a deliberate change of
the workbook, rebuild the golden file with
``python -m tests.result.test_sample_result_golden`` and review its diff.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import openpyxl

from planner import services
from planner.baseline import plan_by_hand

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "voorbeeldschool.xlsx"
GOLDEN = Path(__file__).with_name("golden") / "voorbeeldschool_resultaat.json"


def _cell_text(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def sample_result_cells() -> dict[str, dict[str, object]]:
    school = services.read_school(SAMPLE)
    # The by-hand plan is deterministic, the time it took is not: pin it, as a quiet machine measures it.
    plan = replace(plan_by_hand(school), wall_time_s=0.0)
    outcome = services.explain_plan(school, plan)
    workbook = openpyxl.load_workbook(io.BytesIO(services.result_bytes(outcome)))
    return {
        sheet.title: {
            "rows": [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)],
            "merged": sorted(str(cell_range) for cell_range in sheet.merged_cells.ranges),
        }
        for sheet in workbook.worksheets
    }


def test_the_sample_schools_result_workbook_is_unchanged():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(sample_result_cells(), ensure_ascii=False))
    assert list(actual) == list(expected), "sheet order"
    for title, sheet in expected.items():
        assert actual[title]["merged"] == sheet["merged"], title
        for number, (got, want) in enumerate(zip(actual[title]["rows"], sheet["rows"], strict=False), start=1):
            assert got == want, f"{title} rij {number}"
        assert len(actual[title]["rows"]) == len(sheet["rows"]), title


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(sample_result_cells(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
