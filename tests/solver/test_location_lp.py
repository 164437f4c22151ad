"""The LP of sharing locations together (``planner/solver/location_lp.py``) on tiny random schools."""

from __future__ import annotations

import time

import pytest

from planner.model import Priority
from planner.solver.location_lp import TogetherLp, _counting_school
from planner.solver.mip import LevelMip
from tests.solver.brute_force import best_values
from tests.solver.random_instances import tiny_school_two_locations

BOTH = ("noord", "zuid")


def _lp_bound(school, key, held):
    level_mip = LevelMip(school, dominance=False)
    for held_key, value in held.items():
        level_mip.hold(held_key, value)
    return level_mip.solve_level(key, 10.0, relaxation=True).bound


@pytest.mark.parametrize("seed", range(12))
def test_leaving_out_the_lower_priorities_keeps_the_lp_bound(seed):
    # A request of a lower priority than the level's is neither held nor counted, and leaving it out of a plan
    # keeps every rule (all its rows are "at most"), so any LP solution stays one with it at zero: the bound is
    # the same without it, and still at least the best middel brute force finds with hoog at its optimum.
    tiny = tiny_school_two_locations(seed)
    best = best_values(tiny)
    held = {"hoog": float(best.honoured[0])}
    full = _lp_bound(tiny, "middel", held)
    counting = _counting_school(tiny, "middel")
    assert all(r.priority <= Priority.MIDDEL for r in counting.requests)
    assert _lp_bound(counting, "middel", held) == pytest.approx(full)
    assert full >= float(best.honoured[1]) - 1e-9


@pytest.mark.parametrize("seed", range(6))
def test_the_lp_together_bounds_the_next_level_of_the_optimum(seed):
    # Started as ``decompose.py`` starts it (hoog held at a value the optimum reaches), it gives a bound at
    # least the optimum's middel.
    tiny = tiny_school_two_locations(seed)
    best = best_values(tiny)
    lp = TogetherLp.start(tiny, BOTH, "middel", {"hoog": float(best.honoured[0])}, time.monotonic() + 30.0)
    assert lp is not None
    bound = lp.bound(time.monotonic() + 30.0)
    assert bound is not None
    assert bound >= float(best.honoured[1]) - 1e-9


def test_an_lp_is_used_only_where_the_joined_plan_reached_what_it_holds():
    # The LP held hoog at 3 (the summed relaxed bounds). A best plan keeps that only when the joined plan
    # reached it (then 3 is hoog's optimum); a joined plan at 2 says nothing of whether the optimum is 3.
    lp = TogetherLp(BOTH, "middel", {"hoog": 3.0}, 1, None, 5.0)
    assert lp.valid_for("middel", {"hoog": 3.0})
    assert not lp.valid_for("middel", {"hoog": 2.0})
    assert not lp.valid_for("laag", {"hoog": 3.0, "middel": 4.0})
    assert not lp.valid_for("middel", {})
