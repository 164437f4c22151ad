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
