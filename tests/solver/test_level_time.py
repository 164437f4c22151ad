"""How a solve's time is shared: levels still to optimise and the proofs of held levels weigh in."""

from __future__ import annotations

from planner.solver.level_time import level_budget, proof_budget
from planner.solver.objective import LEVELS

BY_KEY = {level.info.key: level for level in LEVELS}


def test_the_last_level_leaves_time_for_a_held_levels_proof():
    # 10 s left for "gaps" (weight 1) alone: all of it. With "hoog" held (weight 4) its proof keeps 1 s reserved
    # and four fifths of the other 9 s, so "gaps" gets 9 * 1/5 = 1.8 s.
    gaps, hoog = BY_KEY["gaps"], BY_KEY["hoog"]
    assert level_budget(10.0, (gaps,), (), first_solve=False) == 10.0
    assert level_budget(10.0, (gaps,), (hoog,), first_solve=False) == 9.0 * 1 / 5


def test_held_levels_share_the_time_left_by_their_weight():
    # "hoog" (a main level, weight 4) before "fairness" (weight 1): 4/5 of 10 s for the first proof.
    assert proof_budget(10.0, (BY_KEY["hoog"], BY_KEY["fairness"])) == 8.0
    assert proof_budget(-1.0, (BY_KEY["hoog"],)) == 0.0  # past the deadline: nothing


def test_a_main_level_reserves_one_minimum_for_all_later_levels_that_are_not_main():
    # "laag" before "help_minutes" (main, weight 4) and the four levels that are not main: 10 s left.
    # Reserved: 1 s for help, 1 s for the four together. Weights 4 (laag), 4 (help), 1 (the four): the share
    # by weight is 8 * 4/9, but a main level gets at least 3/4 of the 8 s after the reserve: 6 s.
    order = ("laag", "help_minutes", "fairness", "continuity", "preferred_time", "gaps")
    assert level_budget(10.0, tuple(BY_KEY[key] for key in order), (), first_solve=False) == 6.0
    # A level that is not main still leaves each later level its minimum: "fairness" with three after it.
    minor = tuple(BY_KEY[key] for key in order[2:])
    assert level_budget(10.0, minor, (), first_solve=False) == 7.0 * 1 / 4
