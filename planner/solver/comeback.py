"""Coming back to prove a level that was held unproven, with the time left at the end.

A level whose plan stopped improving while its gap was small is held at the value found, and the
next levels are optimised (``search.StallRule``; the level loop is in ``solve.py``). A ``HeldLevel``
remembers what its proof needs: the model as it was right after the hold (its constraints up to
then, and whether the left-shift dominance was on), and the plan found then.

The proof runs on a copy of the model: the constraints the later levels added (their holds and the
links of their auxiliary variables) are emptied, so the later levels' values do not restrict it, and
the dominance is as it was. The plan found then is the hint: it keeps every constraint of that model.
The proof's outcome is one of

* proven at the value held: the level is proven, the plan stays;
* a better value: the plan improves (levels above are held, this level is better), but the later
  levels were optimised for the old value; the level loop holds the better value in the copy and
  optimises the later levels again on it, in the time left;
* neither: the level stays unproven, with the tighter of both bounds.

``prove_level`` is the one step that asks for a proof: CP-SAT alone, or with HiGHS beside it
(``mip_race.py``); the ``LevelRun.engine`` that proved it is named in the level's ``proven_by``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model
from ortools.sat.python import cp_model_helper as cmh

from planner.model import LevelResult
from planner.solver.dominance import LeftShift, set_compact
from planner.solver.mip_race import race_level
from planner.solver.objective import Level, LevelExpression
from planner.solver.search import LevelRun, Progress, ProgressReporter, SearchSettings, run_level
from planner.solver.variables import CandidateSpace

PROOF_LABEL = "Bewijzen: {label}"  # the progress label while a held level is proven


@dataclass(frozen=True)
class HeldLevel:
    """A level held at an unproven value, to be proven at the end."""

    level: Level
    built: LevelExpression
    position: int  # in the levels being optimised
    result_idx: int  # in the results so far
    value: int  # as held (unscaled)
    solution: tuple[int, ...]  # the plan when it was held
    constraint_count: int  # the model's constraints up to and including the hold
    compact: bool  # the left-shift dominance was on

    def is_better(self, value: int) -> bool:
        return value > self.value if self.level.maximize else value < self.value


@dataclass(frozen=True)
class Proof:
    """What coming back to a held level gave: its result, and a better plan on the proof's model if found."""

    result: LevelResult
    model: cp_model.CpModel
    better_solution: tuple[int, ...] | None
    stopped: bool = False  # the caller asked to stop during the proof


def proof_model(model: cp_model.CpModel, held: HeldLevel, left_shift: LeftShift) -> cp_model.CpModel:
    """A copy of ``model`` as it was right after ``held`` was held, with its objective and its plan as hint."""
    copy = model.clone()
    empty = cmh.ConstraintProto()
    for idx in range(held.constraint_count, len(copy.proto.constraints)):
        copy.proto.constraints[idx].copy_from(empty)
    (copy.maximize if held.level.maximize else copy.minimize)(held.built.expression)
    copy.clear_hints()
    copy.proto.solution_hint.vars.extend(range(len(held.solution)))
    copy.proto.solution_hint.values.extend(held.solution)
    set_compact(copy, left_shift, enforced=held.compact)
    return copy


def prove_held(
    model: cp_model.CpModel,
    held: HeldLevel,
    before: LevelResult,
    left_shift: LeftShift,
    settings: SearchSettings,
    reporter: ProgressReporter,
    should_stop: Callable[[], bool] | None,
    with_mip: bool = False,
) -> Proof:
    """Come back to a held level (``before`` its result so far): its proof model, the proof, and what it gave.
    ``with_mip``: HiGHS searches beside CP-SAT (``mip_race.py``).

    A proof that was stopped gives no better plan: the later levels would have no time to follow it."""
    copy = proof_model(model, held, left_shift)
    run = prove_level(copy, settings, reporter, should_stop, with_mip)
    if run.stopped:
        return replace(proof_outcome(held, before, copy, replace(run, solution=None)), stopped=True)
    return proof_outcome(held, before, copy, run)


def proof_reporter(held: HeldLevel, started: float, progress: Callable[[Progress], None] | None) -> ProgressReporter:
    info, built = held.level.info, held.built
    cap = built.upper_bound if held.level.maximize else None
    return ProgressReporter(started, info.key, PROOF_LABEL.format(label=info.label), built.scale, progress, 1, cap)


def prove_level(
    model: cp_model.CpModel,
    settings: SearchSettings,
    reporter: ProgressReporter,
    should_stop: Callable[[], bool] | None,
    with_mip: bool,
) -> LevelRun:
    """Search the held level's optimum on its proof model (``proof_model``): the step where the engines are asked
    for a proof, CP-SAT alone or with HiGHS beside it."""
    return (race_level if with_mip else run_level)(model, settings, reporter, should_stop)


def values_in_plan(
    model: cp_model.CpModel, space: CandidateSpace, levels: tuple[Level, ...], solution: tuple[int, ...]
) -> list[LevelResult]:
    """Levels not optimised (no time left after a proof changed the plan): their value in the plan, unproven.
    Every minimised level counts something, so 0 bounds it; a maximised one has its trivial bound."""
    results = []
    for level in levels:
        built = level.build(model, space)
        value = built.value_in(solution)
        if value is None:
            break
        bound = (value if built.upper_bound is None else built.upper_bound) if level.maximize else 0
        results.append(LevelResult(level.info.key, level.info.label, value / built.scale, bound / built.scale, False))
    return results


def proof_outcome(held: HeldLevel, before: LevelResult, model: cp_model.CpModel, run: LevelRun) -> Proof:
    """The held level's result after its proof run, and the run's plan when it is better."""
    value = None if run.solution is None else held.built.value_in(run.solution)
    scale = held.built.scale
    better = value is not None and held.is_better(value)
    bound = before.bound if run.bound is None else _tighter(held.level, before.bound, run.bound / scale)
    if held.level.maximize and held.built.upper_bound is not None:
        bound = min(bound, held.built.upper_bound / scale)
    reached = value / scale if better else before.value
    proven = run.proven_optimal and (better or value == held.value)
    result = LevelResult(
        before.key,
        before.label,
        reached,
        reached if proven else bound,
        proven,
        before.time_s + run.time_s,
        run.engine if proven else "",
    )
    return Proof(result, model, run.solution if better else None)


def _tighter(level: Level, first: float, second: float) -> float:
    return min(first, second) if level.maximize else max(first, second)
