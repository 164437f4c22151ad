"""The bound shown while solving never exceeds the level's own trivial bound."""

from __future__ import annotations

from planner.solver import Progress
from planner.solver.search import ProgressReporter


def test_reported_bound_is_capped_by_the_levels_trivial_bound():
    # Before its LP runs, CP-SAT's bound is the sum of all objective coefficients: with 26
    # requests of one session each but ~15 candidate starts per request that is ~392 "requests",
    # an absurd figure to show. The level itself can never exceed 26 (scale 1).
    seen: list[Progress] = []
    reporter = ProgressReporter(0.0, "hoog", "hoog", 1, seen.append, 1, upper_bound=26)
    reporter.report(12.0, 392.0)
    reporter.report(13.0, 20.0)
    assert [p.bound for p in seen] == [26.0, 20.0]
    assert [p.best for p in seen] == [12.0, 13.0]


def test_capped_bound_respects_scale_and_tie_break_weight():
    # Scale 12 (keer 1..4), weight 100 for the tie-break: raw bound 500 * 100 + 7 means 500/12 requests,
    # but 3 requests can give at most 36/12 = 3.
    seen: list[Progress] = []
    reporter = ProgressReporter(0.0, "middel", "middel", 12, seen.append, 100, upper_bound=36)
    reporter.report(None, 500 * 100 + 7)
    reporter.report(None, 30 * 100 + 99)
    assert [p.bound for p in seen] == [3.0, 2.5]
