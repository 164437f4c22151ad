"""Priorities together first: one search for a plan good on ``hoog``, ``middel`` and ``laag`` at once, before the
levels are optimised one by one (``solve.py``).

Optimised one by one, each level starts from the plan of the level above, which knows nothing of it: a typical
school's ``hoog`` plan left ``middel`` at 4,83 of its optimum 10,17, and at 10 s ``middel`` had 1,7 s to win it
back. One search on the sum of the levels, weighted so that a higher level always outweighs all lower ones together
(``lexicographic_weights``), has the same optimum as the levels one by one, and its plans weigh all three from the
start. Measured on 2 cores, typical seeds 1 and 2 (``hoog``/``middel``/``laag``): this search reached the best known
19,00/26,83/1,50 after 3,2-4,2 s and 26,00/20,67/2,17 after 2,8-4,4 s, where the levels one by one had reached
``middel`` 26,58 and 20,08 when a 10 s job's solving time (7,9 s) ended.

The search gets ``SHARE`` of the time left and ends early when it stalls (``TogetherStall``). Its plan is the start of
the levels one by one. Its bound settles levels too (``Together.settled``): the weighted sum's bound less the higher
levels' values bounds each level once the levels above it are proven, so a level whose value meets that bound is
proven; and the first level, unproven but within the stall rule's gap of its bound, is held like a stalled level and
proven at the end (``solve.py``): the search was its search, with every lower level weighing less.

Progress is reported as the first level's (the part of the weighted sum above its weight is its value). Only for a
first solve of a school: not when re-planning (the previous plan is kept level by level), nor when going on from an
earlier solve (``SolveOptions.start``, ``.reached``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from planner.model import LevelResult
from planner.solver.objective import Level, LevelExpression
from planner.solver.search import (
    CP_SAT,
    LevelRun,
    Progress,
    ProgressReporter,
    SearchSettings,
    StallRule,
    floor_bound,
    run_level,
)
from planner.solver.variables import CandidateSpace

SHARE = 0.6  # of the solve's time left when the levels start
# Only on models below this many hand candidates. On a large school's one model (large seed 2, 26.842) the search
# together took 30 s of 60 and ``hoog`` was proven after 31,7 s instead of 5,7 s, with ``middel`` and ``laag`` no
# better (41,08 and 7,00 against 41,00 and 7,00). The same bound as the first level's stall (``StallRule``).
BELOW = 15_000
# The search ends once its best plan has not improved for a while, with the weighted sum within 1 % of its bound
# (nearly the first level's gap: the lower levels weigh little): for ``SETTLED_QUIET_SHARE`` of its time once its bound
# proves the first level (its time then goes to the lower levels), for ``OPEN_QUIET_SHARE`` while it does not (the
# levels one by one then hold the first level unproven and give the next its own search), at least 0,5 s.
SETTLED_QUIET_SHARE = 0.4
OPEN_QUIET_SHARE = 0.15
QUIET_MIN_S = 0.5
STALL_GAP = 0.01
MAX_WEIGHTED_SUM = 2**52  # CP-SAT reports the objective and its bound as doubles: the sum must stay exact in one


@dataclass(frozen=True)
class Settled:
    """What the search together settled: the first levels, proven, and then possibly one held unproven."""

    results: tuple[LevelResult, ...]
    held_unproven: bool  # the last of ``results`` is unproven, held to be proven at the end


@dataclass(frozen=True)
class Together:
    """The priority levels searched together: their expressions and the weight of each."""

    levels: tuple[Level, ...]
    built: tuple[LevelExpression, ...]
    weights: tuple[int, ...]

    def weighted_sum(self) -> cp_model.LinearExprT:
        return sum(weight * built.expression for weight, built in zip(self.weights, self.built, strict=True))

    def settled(self, run: LevelRun, hold_gap: float | None) -> Settled:
        """The levels the run settles, in order: each proven while the levels above are (by the run's proof, or by
        its bound less their values); then the first unproven level if it is the first level and within
        ``hold_gap`` of its bound (None: never held unproven)."""
        assert run.solution is not None and run.bound is not None
        bound_left = floor_bound(run.bound)
        results: list[LevelResult] = []
        for level, built, weight in zip(self.levels, self.built, self.weights, strict=True):
            value = built.value_in(run.solution)
            assert value is not None, "the priority levels have no variables of their own"
            level_bound = max(value, bound_left // weight)
            if run.proven_optimal or level_bound == value:
                results.append(_result(level, built, value, value, run.time_s, proven=True))
                bound_left -= weight * value
                continue
            if not results and hold_gap is not None and level_bound - value <= hold_gap * max(level_bound, 1):
                results.append(_result(level, built, value, level_bound, run.time_s, proven=False))
                return Settled(tuple(results), held_unproven=True)
            break
        return Settled(tuple(results), held_unproven=False)


@dataclass(frozen=True)
class TogetherStall(StallRule):
    """When the search together ends early: quiet for longer once its bound proves the first level."""

    first_weight: int = 1
    open_quiet_share: float = OPEN_QUIET_SHARE

    def holds(self, best: float | None, bound: float | None, quiet_s: float, search_s: float) -> bool:
        if best is None or bound is None:
            return False
        first_settled = floor_bound(bound) // self.first_weight <= round(best) // self.first_weight
        share = self.quiet_share if first_settled else self.open_quiet_share
        return StallRule(share, self.quiet_min_s, self.gap).holds(best, bound, quiet_s, search_s)


def priorities_together(model: cp_model.CpModel, space: CandidateSpace, levels: tuple[Level, ...]) -> Together | None:
    """The priority levels at the front of ``levels``, when at least two have a choice to make and their weighted
    sum stays exact; None otherwise."""
    front = []
    for level in levels:
        if level.info.spec_level != 1 or not level.maximize:
            break
        front.append(level)
    built = tuple(level.build(model, space) for level in front)
    if sum(not isinstance(b.expression, int) for b in built) < 2 or any(b.upper_bound is None for b in built):
        return None
    upper_bounds = tuple(b.upper_bound for b in built if b.upper_bound is not None)
    weights = lexicographic_weights(upper_bounds)
    if sum(weight * upper for weight, upper in zip(weights, upper_bounds, strict=True)) > MAX_WEIGHTED_SUM:
        return None
    return Together(tuple(front), built, weights)


def lexicographic_weights(upper_bounds: tuple[int, ...]) -> tuple[int, ...]:
    """Weights for levels valued 0 to their upper bound, highest level first: one unit more on a level outweighs
    all lower levels together (each weight exceeds the lower levels' weighted maximum)."""
    weights = [1]
    for upper_bound in reversed(upper_bounds[1:]):
        weights.append(weights[-1] * (upper_bound + 1))
    return tuple(reversed(weights))


def search_together(
    model: cp_model.CpModel,
    together: Together,
    settings: SearchSettings,
    started: float,
    progress: Callable[[Progress], None] | None,
    should_stop: Callable[[], bool] | None,
) -> LevelRun:
    """Search the weighted sum from the model's hint; the model's objective is left set to it (the next level sets
    its own)."""
    model.maximize(together.weighted_sum())
    first, built = together.levels[0], together.built[0]
    scale, weight = built.scale, together.weights[0]
    reporter = ProgressReporter(started, first.info.key, first.info.label, scale, progress, weight, built.upper_bound)
    stall = TogetherStall(SETTLED_QUIET_SHARE, QUIET_MIN_S, STALL_GAP, first_weight=weight)
    return run_level(model, replace(settings, stall=stall), reporter, should_stop)


def _result(
    level: Level, built: LevelExpression, value: int, bound: int, time_s: float, *, proven: bool
) -> LevelResult:
    scale = built.scale
    return LevelResult(
        level.info.key, level.info.label, value / scale, bound / scale, proven, time_s, CP_SAT if proven else ""
    )
