"""``solve()``: build the model, optimise the levels one by one, return a ``Plan``.

Levels are lexicographic: after level k is optimised its expression is held at
the value found (its optimum, or the best found when time ran out) while level
k+1 is optimised, starting from level k's solution as a hint. A level may
break ties by the next level (``Level.tie_break_with_next``; currently off for
all levels, see there). When a level finds no plan in its time, it is held at
the value of the plan we have.

Start: a greedy plan is the hint and the plan to fall back on (``start_plan.py``). A first solve of a model below
``together.BELOW`` hand candidates then searches the priority levels together, weighted lexicographically
(``together.py``): its plan is the levels' hint, the levels its bound proves are held and reported proven, and the
first level, close to its bound, may be held unproven like a stalled level (see below). When a level's plan ties
the plan we have on that level, the plan we have is kept, so what it holds for the later levels is not lost.

When re-planning, the "kept" level keeps as much of the previous plan as the honoured levels allow. A solve may go on
from an earlier solve of the same school (``SolveOptions.start``, its plan, and ``.reached``, its first levels):
those levels are held at their values and reported as they were, and the search starts from that plan
(``location_rounds.py``).

Time: ``time_limit_s`` is the wall budget for all levels together, model building included;
``deadline``, when given, ends the solve earlier if it comes first (the job's clock, see
``planner.deadline``). Past the deadline before any level, the plan is the greedy one. How the
time is shared among the levels is in ``level_time.py``.

Time to the levels that can still gain: a level whose best plan has not improved for a while
(``SolveOptions.stall``, a ``search.StallRule``: a quarter of its search time) while its gap is
small is held at the value found, like a level that ran out of time, and the next levels get the
time it would have spent failing to prove it (measured on a large school: "middel" at its optimum
spent 39 s of 60 on the proof and left "laag" 10 s). The last level never stalls: there is no later
level to give its time to; nor does the first by default (``StallRule.first_level``). When the
forward pass is done, the held levels are proven with the time left, highest first
(``comeback.py``): each on a copy of the model as it was when it was held (the later levels' holds
dropped, so they restrict nothing), its plan then as hint. A proof either proves the value held, or
finds a better value, or leaves a tighter bound. A better value is a better plan (the levels above
are held): it is held in the copy, which becomes the model, and the later levels are optimised
again in the time left; levels no time is left for are reported with their value in the new plan,
unproven. While levels wait for their proof, each proof weighs in the time shares like its level,
so the last levels leave time for them.

HiGHS, a second engine on the same model (``SolveOptions.mip``, ``mip_race.MipUse``): by default it is asked
beside CP-SAT when a held level is proven at the end (``comeback.py``); ``MipUse.BACKGROUND`` lets it take up a
main level left unproven in a child process (``mip_background.py``) while CP-SAT goes on with one worker less,
its answer read between levels and at the end like a proof (proven: ``proven_by`` "highs"; a better plan:
followed as above). Only for models whose MIP fits the child's memory (``mip_race.mip_fits``); a stop or the
deadline kills the child (``mip_process.py``).

Statuses: ``NO_REQUESTS`` without requests; ``OPTIMAL`` when every level up
to ``last_level`` is proven optimal (also when the proofs came at the end); ``TIME_LIMIT`` when time ran out first
(the plan is the best found; ``Plan.levels`` says which levels are proven and
may lack levels not reached); ``STOPPED`` when ``should_stop()`` said so (the
best plan so far); ``INFEASIBLE`` only when the pins cannot all be kept (pins
that break a hard rule; the workbook reader should have caught this) — the
plan is then empty.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from planner.deadline import Deadline
from planner.model import LevelResult, Plan, School, Session, SolveStatus
from planner.solver.comeback import HeldLevel, Proof, proof_reporter, prove_held, values_in_plan
from planner.solver.decompose import solve_by_location, splits_by_location
from planner.solver.dominance import LeftShift, set_compact
from planner.solver.level_time import MIN_LEVEL_S, level_budget, proof_budget
from planner.solver.mip_background import BetterPlan, HighsInBackground
from planner.solver.mip_race import MipUse, mip_fits, race_level
from planner.solver.objective import Level, LevelExpression, levels_up_to
from planner.solver.quick import quick_plan
from planner.solver.search import (
    PROVEN_BY_MODEL,
    LevelRun,
    Progress,
    ProgressReporter,
    SearchSettings,
    StallRule,
    ceil_bound,
    floor_bound,
    run_level,
)
from planner.solver.size import ModelSize, build_model
from planner.solver.start_plan import (
    greedy_start,
    hint_solution,
    previous_assignments,
    start_solution,
    topped_up,
)
from planner.solver.together import BELOW as TOGETHER_BELOW
from planner.solver.together import SHARE as TOGETHER_SHARE
from planner.solver.together import Settled, Together, priorities_together, search_together
from planner.solver.variables import CandidateSpace, find_assignment, index_candidates, plan_sessions

LOGGER = logging.getLogger(__name__)
DEFAULT_STALL = StallRule()
# Full presolve (probing) takes 2–3 s on a typical school and much longer on a large one:
# only worth it on a level with a long budget and a model that is not large.
LARGE_MODEL_CANDIDATES = 12_000
FULL_PRESOLVE_FROM_S = 15.0
# CP-SAT's LNS thread (``search.LNS_THREADS``) from this many hand candidates, on the levels whose plans its LP does
# not find (``LevelInfo.plans_from_lp``). Measured by ``scripts/measure_lns_thread.py`` (the levels above 30 s each,
# the level 15 s from their plan, CP-SAT seeds 0 and 1; unscaled values), without the thread / with it: large seed
# 2 "laag" 75, 75 / 84, 75 (84 is 7,00, the 10-minute best); large seed 1 "laag" 12, 12 / 24, 26; large seed 2
# help minutes 11.040, 11.055 / 11.115, 11.115; but large seed 2 "middel" 494, 490 / 440, 488. On the typical
# schools (7.800-12.400 candidates) the LP finds the plans: typical seed 0 "middel" proven after 1,1 and 2,0 s
# without the thread, 2,1 and 1,8 s with it.
LNS_FROM_CANDIDATES = 15_000


@dataclass(frozen=True)
class SolveOptions:
    time_limit_s: float = 30.0  # wall budget for ALL levels together
    workers: int = 2  # CP-SAT num_workers, always set explicitly
    seed: int = 0  # CP-SAT random_seed, always set
    last_level: str = "gaps"  # stop after this level key
    hint: tuple[Session, ...] = ()  # a previous plan: start from it and keep it (level "kept")
    deadline: Deadline | None = None  # the job's deadline: the solve ends by then even if time_limit_s is left
    stall: StallRule | None = DEFAULT_STALL  # when a level is held unproven and proven at the end; None: never
    split_by_location: bool = True  # a large school on several locations is solved per location (decompose.py)
    # Where HiGHS runs beside CP-SAT (mip_race.py), on models that fit its memory. On the come-back proofs only:
    # in the background it costs CP-SAT a worker, and on 2 cores CP-SAT with one worker lost more than HiGHS won
    # (quiet machine, solver alone, typical seeds 0-2 at 10 s: middel at the best known 3/3 with PROOFS, 2/3 in
    # the background, typical/0 5,17 against 10,17; large seeds 0-2 at 60 s: middel 3/3 and laag 2/3 with PROOFS,
    # 1/3 and 0/3 in the background).
    mip: MipUse = MipUse.PROOFS
    # Going on from an earlier solve of the same school (``decompose.py``, a round per level group): ``start`` is
    # its plan, the hint and the plan to fall back on (not kept: no "kept" level); ``reached`` its first levels'
    # results, held at their values and not optimised again.
    start: tuple[Session, ...] = ()
    reached: tuple[LevelResult, ...] = ()
    # A first solve of a model below ``together.BELOW`` hand candidates starts with the priority levels searched
    # together (``together.py``); False: the levels one by one from the greedy plan.
    priorities_together: bool = True

    def ends_at(self, started: float) -> float:
        """The monotonic time by which a solve that started at ``started`` returns."""
        own_end = started + self.time_limit_s
        return own_end if self.deadline is None else min(own_end, self.deadline.at)


@dataclass
class _SolveState:
    """The running solve: what has been reached so far (local to one call)."""

    started: float
    ends_at: float
    solution: tuple[int, ...] | None = None
    status: SolveStatus = SolveStatus.OPTIMAL
    highs: HighsInBackground = field(default_factory=HighsInBackground)  # on a level left unproven


@dataclass(frozen=True)
class _LevelOutcome:
    """One level optimised and held: its result, and its expression when it was held at an unproven value."""

    result: LevelResult
    built: LevelExpression | None
    stalled: bool = False  # held unproven by the stall rule: proven at the end


@dataclass(frozen=True)
class _SolveContext:
    model: cp_model.CpModel
    space: CandidateSpace
    options: SolveOptions
    progress: Callable[[Progress], None] | None
    should_stop: Callable[[], bool] | None
    compact: LeftShift  # switches the left-shift dominance on (levels that ignore the start)
    mip_fits: bool  # HiGHS's MIP of this model stays within the child's memory cap

    def stop_requested(self) -> bool:
        return self.should_stop is not None and self.should_stop()


def solve(
    school: School,
    options: SolveOptions = SolveOptions(),
    *,
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Plan:
    """Plan the helpers onto the requests; never raises on a valid ``School``."""
    started = time.monotonic()
    state = _SolveState(started=started, ends_at=options.ends_at(started))
    if not school.requests:
        return Plan((), (), SolveStatus.NO_REQUESTS, 0.0)
    space = index_candidates(school)
    if not all(find_assignment(space, p.request_id, p.helper, p.day, p.start) is not None for p in school.pins):
        LOGGER.warning("a pin breaks a hard rule: no plan keeps every pin")
        return Plan((), (), SolveStatus.INFEASIBLE, time.monotonic() - state.started)
    space.previous.extend(previous_assignments(space, options.hint))
    size = ModelSize.of(space)
    if not size.fits(state.ends_at - time.monotonic()):
        LOGGER.info("model too large for the time or memory left (%s hand literals): the greedy plan", size.hands)
        return quick_plan(space, state.started)
    if splits_by_location(school, options, state.ends_at - time.monotonic()):
        return solve_by_location(school, options, solve, should_stop, progress=progress)
    model = cp_model.CpModel()
    compact = build_model(model, space, Deadline(state.ends_at))
    if compact is None:
        LOGGER.info("the time ran out while building the model: the greedy plan")
        return quick_plan(space, state.started)
    state.solution = start_solution(model, space, compact, options.start) or greedy_start(model, space, compact)
    context = _SolveContext(model, space, options, progress, should_stop, compact, mip_fits(size))
    results = _optimise_levels(context, state, levels_up_to(options.last_level, bool(space.previous)))
    return _plan(space, state, results)


def _optimise_levels(context: _SolveContext, state: _SolveState, levels: tuple[Level, ...]) -> list[LevelResult]:
    """The forward pass over the levels, then the come-back to the held levels (see the module text); a better plan
    found for a level (by a proof, or by HiGHS in the background) is followed by optimising the later levels again."""
    held: list[HeldLevel] = []
    results = _hold_reached(context, levels) or _search_priorities_together(context, state, levels, held)
    position, value_unreached = len(results), False
    try:
        while True:
            better = _forward_pass(context, state, levels, position, results, held, value_unreached)
            if better is None:
                better = _come_back(context, state, results, held)
            if better is None:
                break
            context = _follow_better_plan(context, state, better, results, held)
            position, value_unreached = better.held.position + 1, True
    finally:
        state.highs.kill()
    complete = len(results) == len(levels) and all(result.proven_optimal for result in results)
    if state.status == SolveStatus.TIME_LIMIT and complete:
        state.status = SolveStatus.OPTIMAL
    return results


def _hold_reached(context: _SolveContext, levels: tuple[Level, ...]) -> list[LevelResult]:
    """The levels an earlier solve reached on the start plan (``SolveOptions.reached``), held at their values."""
    reached = context.options.reached
    for level, result in zip(levels, reached, strict=False):
        assert level.info.key == result.key, "reached levels are the first levels, in order"
        built = level.build(context.model, context.space)
        if not isinstance(built.expression, int):
            _hold_level(context.model, level, built, round(result.value * built.scale))
    return list(reached[: len(levels)])


def _search_priorities_together(
    context: _SolveContext, state: _SolveState, levels: tuple[Level, ...], held: list[HeldLevel]
) -> list[LevelResult]:
    """A first solve starts with the priority levels searched together (``together.py``): its plan is the hint of
    the levels one by one, and the levels it settles are held (the one held unproven goes to ``held``)."""
    together = priorities_together(context.model, context.space, levels) if _searches_together(context) else None
    if together is None:
        return []
    budget_s = TOGETHER_SHARE * (state.ends_at - time.monotonic())
    settings = _search_settings(context, state, budget_s)
    run = search_together(context.model, together, settings, state.started, context.progress, context.should_stop)
    if run.stopped:
        state.status = SolveStatus.STOPPED
    if run.solution is None or run.bound is None:
        return []
    state.solution = run.solution
    hint_solution(context.model, state.solution)
    stall = _stall_rule(context.options.stall, True, False, len(context.space.helper_vars))
    settled = together.settled(run, None if stall is None else stall.gap)
    _hold_settled(context, state, together, settled, held)
    if run.stopped:  # no level follows: the others as they are in the plan
        unsettled = together.levels[len(settled.results) :]
        return [*settled.results, *values_in_plan(context.model, context.space, unsettled, run.solution)]
    return list(settled.results)


def _searches_together(context: _SolveContext) -> bool:
    """A first solve (no plan to keep or go on from) of a model below ``together.BELOW`` hand candidates."""
    options = context.options
    first_solve = not (options.start or context.space.previous)
    return options.priorities_together and first_solve and len(context.space.helper_vars) < TOGETHER_BELOW


def _hold_settled(
    context: _SolveContext, state: _SolveState, together: Together, settled: Settled, held: list[HeldLevel]
) -> None:
    """Hold the levels the search together settled, report them, and put the one held unproven in ``held``."""
    for position, result in enumerate(settled.results):
        built = together.built[position]
        _hold_level(context.model, together.levels[position], built, round(result.value * built.scale))
        if context.progress is not None:
            elapsed_s = time.monotonic() - state.started
            context.progress(Progress(elapsed_s, result.key, result.label, result.value, result.bound))
    if settled.held_unproven:
        position = len(settled.results) - 1
        state.status = SolveStatus.TIME_LIMIT
        unproven = _held_level(context, together.levels, position, together.built[position], position, state)
        held.append(unproven)
        _offer_to_highs(context, state, unproven)


def _come_back(
    context: _SolveContext, state: _SolveState, results: list[LevelResult], held: list[HeldLevel]
) -> BetterPlan | None:
    """After the forward pass: HiGHS's answer from the background, then the held levels' proofs with the time left;
    the first better plan found, if any."""
    reserve_s = MIN_LEVEL_S * len(held)
    better = state.highs.await_answer(state.ends_at - reserve_s, context.should_stop, results, held)
    if context.stop_requested():
        state.status = SolveStatus.STOPPED
    while better is None and held and state.status not in (SolveStatus.STOPPED, SolveStatus.INFEASIBLE):
        if context.stop_requested():
            state.status = SolveStatus.STOPPED
            break
        budget_s = proof_budget(state.ends_at - time.monotonic(), tuple(h.level for h in held))
        if budget_s < MIN_LEVEL_S:
            break
        first = held.pop(0)
        proof = _prove_held(context, state, first, results[first.result_idx], budget_s)
        results[first.result_idx] = proof.result
        if proof.better_solution is not None:
            better = BetterPlan(first, proof)
    return better


def _follow_better_plan(
    context: _SolveContext, state: _SolveState, better: BetterPlan, results: list[LevelResult], held: list[HeldLevel]
) -> _SolveContext:
    """A better value for a level is a better plan, but the later levels were optimised for the old one: its proof
    model, the better value held, becomes the model, and the later levels' results and holds are dropped."""
    first, proof = better.held, better.proof
    assert proof.better_solution is not None
    context = replace(context, model=proof.model)
    _hold_level(context.model, first.level, first.built, first.built.value_in(proof.better_solution))
    state.solution = proof.better_solution
    hint_solution(context.model, state.solution)
    del results[first.result_idx + 1 :]
    held.clear()
    state.highs.drop_below(first.position)
    return context


def _forward_pass(
    context: _SolveContext,
    state: _SolveState,
    levels: tuple[Level, ...],
    first_position: int,
    results: list[LevelResult],
    held: list[HeldLevel],
    value_unreached: bool = False,
) -> BetterPlan | None:
    """Optimise ``levels`` from ``first_position`` on, appending their results and the levels held unproven; ends
    early with the better plan HiGHS found in the background for a level above.

    ``value_unreached``: levels no time is left for get their value in the plan we have (after a proof
    found a better plan), instead of being left out."""
    for position in range(first_position, len(levels)):
        level = levels[position]
        if context.stop_requested():
            state.status = SolveStatus.STOPPED
            break
        better = state.highs.answer(results, held)
        if better is not None:
            return better
        first_solve = all(r.time_s == 0 for r in results)
        remaining_s = state.ends_at - time.monotonic()
        budget_s = level_budget(remaining_s, levels[position:], tuple(h.level for h in held), first_solve)
        if budget_s <= 0:
            state.status = SolveStatus.TIME_LIMIT
            if value_unreached:
                _value_unreached(context, state, levels[position:], results)
            break
        if level.depends_on_start:
            set_compact(context.model, context.compact, enforced=False)
        if level.info.top_up and results:
            # The plan of the level above knows nothing of this one. Measured on the large school:
            # "middel" started from 71 (of an optimum near 510) and LNS took 14 s to pass 500.
            _top_up_plan(context, state)
        outcome = _optimise_level(context, levels, position, budget_s, state)
        if outcome is not None:
            results.append(outcome.result)
            if outcome.built is not None:
                unproven = _held_level(context, levels, position, outcome.built, len(results) - 1, state)
                if outcome.stalled:
                    held.append(unproven)
                _offer_to_highs(context, state, unproven)
        if state.status in (SolveStatus.STOPPED, SolveStatus.INFEASIBLE):
            break
    return None


def _offer_to_highs(context: _SolveContext, state: _SolveState, unproven: HeldLevel) -> None:
    """A main level left unproven is offered to HiGHS in the background, where the options ask for it and its MIP
    fits (``mip_background.py``)."""
    if context.mip_fits and context.options.mip.in_background and unproven.level.info.main:
        state.highs.offer(context.model, unproven, context.compact, state.ends_at)


def _held_level(
    context: _SolveContext,
    levels: tuple[Level, ...],
    position: int,
    built: LevelExpression,
    result_idx: int,
    state: _SolveState,
) -> HeldLevel:
    compact = not any(level.depends_on_start for level in levels[: position + 1])
    value = built.value_in(state.solution)
    constraint_count = len(context.model.proto.constraints)
    return HeldLevel(levels[position], built, position, result_idx, value, state.solution, constraint_count, compact)


def _optimise_level(
    context: _SolveContext, levels: tuple[Level, ...], position: int, budget_s: float, state: _SolveState
) -> _LevelOutcome | None:
    """Optimise one level and hold it; None when it found nothing (the plan stays the previous one)."""
    level = levels[position]
    next_level = levels[position + 1] if position + 1 < len(levels) else None
    key, label = level.info.key, level.info.label
    built = level.build(context.model, context.space)
    if isinstance(built.expression, int):  # nothing to choose on this level (e.g. no such requests)
        value = built.expression / built.scale
        ProgressReporter(state.started, key, label, 1, context.progress).report(value, value)
        return _LevelOutcome(LevelResult(key, label, value, value, True, 0.0, PROVEN_BY_MODEL), None)
    weight = _set_objective(context, level, built, next_level)
    cap = built.upper_bound if level.maximize else None
    reporter = ProgressReporter(state.started, key, label, built.scale, context.progress, weight, cap)
    reporter.report(None, None if built.upper_bound is None else built.upper_bound * weight)
    # Building the level and topping up took time too: the search gets what is left of the budget.
    search_s = min(budget_s, state.ends_at - time.monotonic())
    if search_s <= 0:
        state.status = SolveStatus.TIME_LIMIT
        return _with_nothing_held(_hold_current_plan(context, level, built, state))
    candidates = len(context.space.helper_vars)
    stall = _stall_rule(context.options.stall, position == 0, next_level is None, candidates)
    settings = _search_settings(context, state, search_s)
    search = race_level if context.mip_fits and context.options.mip.on_levels and state.highs.free else run_level
    lns_thread = not level.info.plans_from_lp and candidates >= LNS_FROM_CANDIDATES
    settings = replace(settings, tie_break_weight=weight, stall=stall, lns_thread=lns_thread)
    run = search(context.model, settings, reporter, context.stop_requested)
    reporter.report(None if run.value is None else float(run.value), run.bound)
    value = None if run.solution is None else built.value_in(run.solution)
    if run.solution is None or value is None:
        state.status = _status_without_solution(run)
        return _with_nothing_held(_hold_current_plan(context, level, built, state))
    _hold_level(context.model, level, built, value)
    if not _plan_we_have_ties(context, built, state, value):
        state.solution = run.solution
    hint_solution(context.model, state.solution)
    if run.stopped:
        state.status = SolveStatus.STOPPED
    elif not run.proven_optimal:
        state.status = SolveStatus.TIME_LIMIT
    result = _level_result(level, built, value, run)
    return _LevelOutcome(result, None if result.proven_optimal else built, run.stalled)


def _search_settings(context: _SolveContext, state: _SolveState, search_s: float) -> SearchSettings:
    """A search of ``search_s`` seconds: the workers CP-SAT has now, the options' seed, light presolve where due."""
    return SearchSettings(search_s, _workers(context, state), context.options.seed, _light(context, search_s))


def _workers(context: _SolveContext, state: _SolveState) -> int:
    """CP-SAT's workers: one less while HiGHS works in the background, so the two share the cores."""
    workers = context.options.workers
    return workers if state.highs.free or workers <= 1 else workers - 1


def _stall_rule(rule: StallRule | None, first: bool, last: bool, candidates: int) -> StallRule | None:
    """The stall rule of a level, where it applies (``StallRule.applies``)."""
    return rule if rule is not None and rule.applies(first, last, candidates) else None


def _light(context: _SolveContext, search_s: float) -> bool:
    """Light presolve for a short search or a large model (see ``FULL_PRESOLVE_FROM_S``)."""
    return search_s < FULL_PRESOLVE_FROM_S or len(context.space.helper_vars) > LARGE_MODEL_CANDIDATES


def _with_nothing_held(result: LevelResult | None) -> _LevelOutcome | None:
    return None if result is None else _LevelOutcome(result, None)


def _prove_held(
    context: _SolveContext, state: _SolveState, held: HeldLevel, before: LevelResult, budget_s: float
) -> Proof:
    """Come back to a held level: search its optimum on its proof model within ``budget_s``."""
    search_s = min(budget_s, state.ends_at - time.monotonic())
    settings = _search_settings(context, state, search_s)
    reporter = proof_reporter(held, state.started, context.progress)
    proof = prove_held(
        context.model,
        held,
        before,
        context.compact,
        settings,
        reporter,
        context.stop_requested,
        context.mip_fits and context.options.mip.on_proofs and state.highs.free,
    )
    if proof.stopped:
        state.status = SolveStatus.STOPPED
    return proof


def _value_unreached(
    context: _SolveContext, state: _SolveState, levels: tuple[Level, ...], results: list[LevelResult]
) -> None:
    """Levels without time after a proof changed the plan: their value in the plan, unproven."""
    if state.solution is not None:
        results.extend(values_in_plan(context.model, context.space, levels, state.solution))


def _plan_we_have_ties(context: _SolveContext, built: LevelExpression, state: _SolveState, value: int) -> bool:
    """Keep the plan we have if CP-SAT's plan is no better on this level.

    CP-SAT returns any plan with the level's best value, which may give up what the plan we have holds for the
    later levels: when re-planning, the previous plan's lower-priority sessions (seen on the sample school:
    middel fell from 16.2 to 6.7 in a 0.5 s re-plan); after the priorities searched together, their plan's
    ``middel`` and ``laag`` (typical seeds 1 and 2: ``hoog`` kept its value, ``middel`` fell from 26,83 to 26,42
    and from 20,67 to 20,00, and the time left did not win it back).
    """
    if state.solution is None or len(state.solution) != len(context.model.proto.variables):
        return False  # this level added variables the plan we have gives no value
    return built.value_in(state.solution) == value


def _set_objective(context: _SolveContext, level: Level, built: LevelExpression, next_level: Level | None) -> int:
    """Set the level's objective, with the next level as tie-break when allowed; return the weight."""
    if level.tie_break_with_next and next_level is not None and next_level.maximize and next_level.info.main:
        following = next_level.build(context.model, context.space)
        if not isinstance(following.expression, int) and following.upper_bound is not None:
            weight = following.upper_bound + 1
            if built.upper_bound is not None:
                # Redundant, but without it the LP bound of the weighted sum can stay above
                # (upper bound + 1) * weight for long, and the level is not seen as proven.
                context.model.add(built.expression <= built.upper_bound)
            context.model.maximize(weight * built.expression + following.expression)
            return weight
    (context.model.maximize if level.maximize else context.model.minimize)(built.expression)
    return 1


def _hold_current_plan(
    context: _SolveContext, level: Level, built: LevelExpression, state: _SolveState
) -> LevelResult | None:
    """No plan found on this level in time: hold it at the value of the plan we have, so no
    later level can give it up (spec: "the next levels are optimised with it held")."""
    if state.solution is None or state.status != SolveStatus.TIME_LIMIT:
        return None
    value = built.value_in(state.solution)
    if value is None:
        return None  # the level's own auxiliary variables have no value in that plan
    _hold_level(context.model, level, built, value)
    bound = built.upper_bound if level.maximize and built.upper_bound is not None else value
    return LevelResult(level.info.key, level.info.label, value / built.scale, bound / built.scale, False, 0.0)


def _status_without_solution(run: LevelRun) -> SolveStatus:
    if run.stopped:
        return SolveStatus.STOPPED
    if run.infeasible:
        return SolveStatus.INFEASIBLE
    return SolveStatus.TIME_LIMIT


def _hold_level(model: cp_model.CpModel, level: Level, built: LevelExpression, value: int) -> None:
    if level.maximize:
        model.add(built.expression >= value)
    else:
        model.add(built.expression <= value)


def _level_result(level: Level, built: LevelExpression, value: int, run: LevelRun) -> LevelResult:
    """The level's result; proven also when the plan's own value reaches the bound CP-SAT reported (a level whose
    auxiliary variables are bounded one way: its objective can stay above the plan's value, which is the one that
    counts; seen on ``preferred_time``, reported unproven with its value equal to its bound)."""
    bound = _integral_bound(level, built, run.bound)
    reaches = bound is not None and (value >= bound if level.maximize else value <= bound)
    proven = run.proven_optimal or reaches
    scaled_value = value / built.scale
    scaled_bound = scaled_value if proven or bound is None else bound / built.scale
    proven_by = run.engine if proven else ""
    return LevelResult(level.info.key, level.info.label, scaled_value, scaled_bound, proven, run.time_s, proven_by)


def _integral_bound(level: Level, built: LevelExpression, bound: float | None) -> int | None:
    """CP-SAT's bound of an integer level as an integer, rounded the safe way; for a maximised level never above
    its trivial upper bound (CP-SAT's bound before its LP can be far weaker)."""
    if bound is None:
        return built.upper_bound if level.maximize else None
    if not level.maximize:
        return ceil_bound(bound)
    integral = floor_bound(bound)
    return integral if built.upper_bound is None else min(integral, built.upper_bound)


def _top_up_plan(context: _SolveContext, state: _SolveState) -> None:
    """Add greedily what still fits to the plan we have, and hint the result."""
    solution = None if state.solution is None else topped_up(context.space, state.solution)
    if solution is not None:
        state.solution = solution
        hint_solution(context.model, solution)


def _plan(space: CandidateSpace, state: _SolveState, results: list[LevelResult]) -> Plan:
    wall = time.monotonic() - state.started
    if state.solution is None:
        return Plan((), tuple(results), state.status, wall)
    if state.status == SolveStatus.OPTIMAL and not all(r.proven_optimal for r in results):
        state.status = SolveStatus.TIME_LIMIT
    return Plan(plan_sessions(space, state.solution), tuple(results), state.status, wall)
