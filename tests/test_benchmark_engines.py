"""``scripts/benchmark_engines.py --together``: HiGHS on the priorities below the first, together, against CP-SAT."""

from __future__ import annotations

import pytest

from scripts.benchmark_engines import run_cp_sat, run_highs_together


def test_highs_together_proves_the_priorities_cp_sat_proved_with_the_same_values():
    # A small school, CP-SAT's priorities proven within 20 s: HiGHS on middel and laag together, hoog held at
    # CP-SAT's value, reaches the same values, and its bound proves CP-SAT's level by level. Where CP-SAT proved a
    # level, no honest bound of the same model can say otherwise.
    cp = run_cp_sat("small", 1, None, 20.0, 2, "laag")
    cp_levels = {level["key"]: level for level in cp["levels"]}
    assert all(level["proven"] for level in cp["levels"])
    together = run_highs_together("small", 1, None, cp["levels"], cp["sessions"], 30.0)
    assert together["proven"]
    assert [row["key"] for row in together["levels"]] == ["middel", "laag"]
    for row in together["levels"]:
        assert row["value"] == pytest.approx(cp_levels[row["key"]]["value"])
        assert row["proves_cp_sat"]
