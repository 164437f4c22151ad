"""HiGHS proving a level in the background while CP-SAT goes on with the next levels.

Measured on a typical school (``scripts/benchmark_engines.py``, load 1–2): HiGHS closes each main level at its root
node, in 5–12 s, translation included; CP-SAT left ``middel`` at 4,75 against HiGHS's proven 10,17 after its 10 s.
Side by side within one level's share (``mip_race.py``), HiGHS never finished. So when a main level ends unproven,
HiGHS takes it up in a child process (``mip_process.py``) on the level's proof model (``comeback.proof_model``: the
level as it was held, its plan as hint) and keeps the time to the end of the solve, while CP-SAT optimises the next
levels with one worker less. Its answer is read between levels, as a come-back proof would be (``proof_outcome``):
proven at the value held, a better plan (the level loop adopts it and optimises the later levels again), or a
tighter bound. One child at a time, for the highest level left unproven.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.model import LevelResult
from planner.solver.comeback import HeldLevel, Proof, proof_model, proof_outcome
from planner.solver.dominance import LeftShift
from planner.solver.mip import MipRun
from planner.solver.mip_process import MipChild
from planner.solver.mip_race import MIN_MIP_S, answer_margin_s
from planner.solver.search import HIGHS, LevelRun


@dataclass(frozen=True)
class BetterPlan:
    """A proof of a held level (CP-SAT's at the end, or HiGHS's from the background) found a better plan."""

    held: HeldLevel
    proof: Proof


@dataclass(frozen=True)
class _Work:
    held: HeldLevel
    model: cp_model.CpModel  # the level's proof model, which becomes the model if HiGHS finds a better plan
    child: MipChild


class HighsInBackground:
    """The level loop's one HiGHS child in the background, for the highest main level left unproven (or none)."""

    def __init__(self) -> None:
        self._work: _Work | None = None

    @property
    def free(self) -> bool:
        """No child is at work (one child at a time: memory)."""
        return self._work is None or self._work.child.ended

    def offer(self, model: cp_model.CpModel, held: HeldLevel, left_shift: LeftShift, ends_at: float) -> None:
        """HiGHS takes ``held`` up on its proof model until ``ends_at`` (a monotonic time) when no level is at work:
        a level at work is higher, and any gain there outweighs every gain below it (the levels are lexicographic).
        A child that ended without an answer leaves HiGHS free; one whose answer was not read yet does not."""
        work = self._work
        if work is not None and not (work.child.ended and work.child.answer() is None):
            return
        self.kill()
        time_limit_s = ends_at - time.monotonic() - answer_margin_s(model)
        if time_limit_s >= MIN_MIP_S:
            copy = proof_model(model, held, left_shift)
            self._work = _Work(held, copy, MipChild.start(copy, time_limit_s, dict(enumerate(held.solution))))

    def answer(self, results: list[LevelResult], held_levels: list[HeldLevel]) -> BetterPlan | None:
        """HiGHS's answer once there: its level's result in ``results`` updated (and the level no longer waiting for a
        proof in ``held_levels`` when proven or better), and the better plan it found, if any."""
        work = self._work
        if work is None or not work.child.ended:
            return None
        answer = work.child.answer()
        self.kill()
        if answer is None:
            return None
        proof = proof_outcome(work.held, results[work.held.result_idx], work.model, _as_level_run(answer, work.held))
        results[work.held.result_idx] = proof.result
        if proof.result.proven_optimal or proof.better_solution is not None:
            held_levels[:] = [level for level in held_levels if level.position != work.held.position]
        return None if proof.better_solution is None else BetterPlan(work.held, proof)

    def await_answer(
        self,
        until: float,
        should_stop: Callable[[], bool] | None,
        results: list[LevelResult],
        held_levels: list[HeldLevel],
    ) -> BetterPlan | None:
        """Wait for the answer until ``until`` (a monotonic time) or a stop, then take it (see ``answer``)."""
        if self._work is not None:
            self._work.child.wait(until, should_stop)
        return self.answer(results, held_levels)

    def drop_below(self, position: int) -> None:
        """A better plan at level ``position``: a child on a later level works on a model that is gone."""
        if self._work is not None and self._work.held.position > position:
            self.kill()

    def kill(self) -> None:
        if self._work is not None:
            self._work.child.kill()
        self._work = None


def _as_level_run(answer: MipRun, held: HeldLevel) -> LevelRun:
    """HiGHS's answer in the terms of a proof run of the held level: its plan when better, else a proof of the
    value held when its bound reaches it."""
    if answer.value is not None and held.is_better(answer.value):
        solution, value, proven = answer.solution, answer.value, answer.proven
    elif answer.proves(held.value):
        solution, value, proven = held.solution, held.value, True
    else:
        solution, value, proven = None, None, False
    bound = None if answer.bound is None else float(answer.bound)
    # HiGHS took none of the level loop's time: the level's time stays what CP-SAT spent.
    return LevelRun(solution, value, bound, proven, False, False, 0.0, engine=HIGHS)
