"""The bound shown while solving never exceeds the level's own trivial bound, and a plan that reaches it is proven."""

from __future__ import annotations

from planner.solver import Progress
from planner.solver.objective import LEVELS, LevelExpression
from planner.solver.search import LevelRun, ProgressReporter
from planner.solver.solve import _level_result

LEVELS_BY_KEY = {level.info.key: level for level in LEVELS}


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


def _run(bound, proven=False):
    return LevelRun((0,), 0, bound, proven, False, False, 1.0)


def test_a_level_whose_plan_reaches_the_bound_is_proven():
    # A minimised level with auxiliary variables (preferred time): CP-SAT's objective can stay above the plan's own
    # value, and CP-SAT ends unproven. The plan's value 3 meets the bound 2.9999999 (a double's 3): proven.
    preferred, hoog = LEVELS_BY_KEY["preferred_time"], LEVELS_BY_KEY["hoog"]
    minimised = LevelExpression(0, 1)
    assert _level_result(preferred, minimised, 3, _run(2.9999999)).proven_optimal
    assert _level_result(preferred, minimised, 3, _run(2.5)).proven_optimal  # an integer level: at least 3
    assert not _level_result(preferred, minimised, 3, _run(2.0)).proven_optimal  # a plan of 2 may still exist
    # A maximised level: 4 against a bound of 4.0000001 is proven; against 4.9999999 (a double's 5) it is not.
    maximised = LevelExpression(0, 1, upper_bound=10)
    proven = _level_result(hoog, maximised, 4, _run(4.0000001))
    assert (proven.proven_optimal, proven.bound, proven.proven_by) == (True, 4.0, "cp-sat")
    unproven = _level_result(hoog, maximised, 4, _run(4.9999999))
    assert (unproven.proven_optimal, unproven.bound, unproven.proven_by) == (False, 5.0, "")
    # Every request honoured: the trivial upper bound proves it, whatever CP-SAT's bound says.
    assert _level_result(hoog, maximised, 10, _run(37.0)).proven_optimal
