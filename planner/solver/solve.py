"""``solve()``: build the model, optimise the levels one by one, return a ``Plan``.

Levels are lexicographic: after level k is optimised its expression is held at
the value found (its optimum, or the best found when time ran out) while level
k+1 is optimised, starting from level k's solution as a hint. A level may
break ties by the next level (``Level.tie_break_with_next``; currently off for
all levels, see there). When a level finds no plan in its time, it is held at
the value of the plan we have.

Start: a greedy plan (``greedy.py``) is the hint and also the fallback plan
should CP-SAT report nothing in time: pins first, then, when re-planning, the
sessions of the previous plan (``SolveOptions.hint``) that still fit, then the
rest. When re-planning, the "kept" level keeps as much of the previous plan as
the honoured levels allow.

Time: ``time_limit_s`` is the wall budget for all levels together, model building included;
``deadline``, when given, ends the solve earlier if it comes first (the job's clock, see
``planner.deadline``). Past the deadline before any level, the plan is the greedy one. Every later
level keeps ``MIN_LEVEL_S`` reserved. The honoured levels and help minutes
(``LevelInfo.main``) get at least ``MAIN_LEVEL_SHARE`` of the time left after
that reserve. Otherwise a level gets a share of the time left, weighted so the
main levels get most (the first level solved at least ``FIRST_LEVEL_SHARE``).
Time a level does not use carries over to the next.

Statuses: ``NO_REQUESTS`` without requests; ``OPTIMAL`` when every level up
to ``last_level`` is proven optimal; ``TIME_LIMIT`` when time ran out first
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
from dataclasses import dataclass

from ortools.sat.python import cp_model
from ortools.sat.python import cp_model_helper as cmh

from planner.deadline import Deadline
from planner.model import LevelResult, Plan, School, Session, SolveStatus
from planner.solver.decompose import solve_by_location, splits_by_location
from planner.solver.dominance import LeftShift, add_left_shift_dominance, set_compact
from planner.solver.greedy import greedy_assignments
from planner.solver.objective import Level, LevelExpression, levels_up_to
from planner.solver.rules import add_hard_rules
from planner.solver.search import LevelRun, Progress, ProgressReporter, SearchSettings, run_level
from planner.solver.variables import CandidateSpace, HelperSlot, build_space, find_assignment, plan_sessions

LOGGER = logging.getLogger(__name__)
MAIN_LEVEL_WEIGHT = 4  # levels 1–2 get this many times the share of a later level
FIRST_LEVEL_SHARE = 0.3  # at least this part of the time goes to the first level solved
# Full presolve (probing) takes 2–3 s on a typical school and much longer on a large one:
# only worth it on a level with a long budget and a model that is not large.
LARGE_MODEL_CANDIDATES = 12_000
FULL_PRESOLVE_FROM_S = 15.0
MAIN_LEVEL_SHARE = 0.75  # a main level gets at least this part of the time left after the reserve
MIN_LEVEL_S = 1.0  # a later level needs at least this to presolve and take over the previous solution


@dataclass(frozen=True)
class SolveOptions:
    time_limit_s: float = 30.0  # wall budget for ALL levels together
    workers: int = 2  # CP-SAT num_workers, always set explicitly
    seed: int = 0  # CP-SAT random_seed, always set
    last_level: str = "gaps"  # stop after this level key
    hint: tuple[Session, ...] = ()  # a previous plan: start from it and keep it (level "kept")
    deadline: Deadline | None = None  # the job's deadline: the solve ends by then even if time_limit_s is left
    split_by_location: bool = True  # a large school on several locations is solved per location (decompose.py)

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


@dataclass(frozen=True)
class _SolveContext:
    model: cp_model.CpModel
    space: CandidateSpace
    options: SolveOptions
    progress: Callable[[Progress], None] | None
    should_stop: Callable[[], bool] | None
    compact: LeftShift  # switches the left-shift dominance on (levels that ignore the start)

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
    if splits_by_location(school, options):
        return solve_by_location(school, options, solve, should_stop)
    model = cp_model.CpModel()
    space = build_space(model, school)
    if not all(find_assignment(space, p.request_id, p.helper, p.day, p.start) is not None for p in school.pins):
        LOGGER.warning("a pin breaks a hard rule: no plan keeps every pin")
        return Plan((), (), SolveStatus.INFEASIBLE, time.monotonic() - state.started)
    add_hard_rules(model, space)
    space.previous.extend(_previous_assignments(space, options.hint))
    compact = add_left_shift_dominance(model, space)
    set_compact(model, compact, enforced=True)
    state.solution = _hint_start(model, space, compact)
    context = _SolveContext(model, space, options, progress, should_stop, compact)
    results = _optimise_levels(context, state, levels_up_to(options.last_level, bool(space.previous)))
    return _plan(space, state, results)


def _optimise_levels(context: _SolveContext, state: _SolveState, levels: tuple[Level, ...]) -> list[LevelResult]:
    results: list[LevelResult] = []
    for position, level in enumerate(levels):
        if context.stop_requested():
            state.status = SolveStatus.STOPPED
            break
        budget_s = _level_budget(state, levels[position:], first_solve=all(r.time_s == 0 for r in results))
        if budget_s <= 0:
            state.status = SolveStatus.TIME_LIMIT
            break
        if level.depends_on_start:
            set_compact(context.model, context.compact, enforced=False)
        if level.info.top_up and results:
            # The plan of the level above knows nothing of this one. Measured on the large school:
            # "middel" started from 71 (of an optimum near 510) and LNS took 14 s to pass 500.
            _top_up_plan(context, state)
        next_level = levels[position + 1] if position + 1 < len(levels) else None
        result = _optimise_level(context, level, budget_s, state, next_level)
        if result is not None:
            results.append(result)
        if state.status in (SolveStatus.STOPPED, SolveStatus.INFEASIBLE):
            break
    return results


def _level_budget(state: _SolveState, remaining_levels: tuple[Level, ...], first_solve: bool) -> float:
    """This level's share of the time left; every later level keeps a minimum reserved."""
    remaining_s = state.ends_at - time.monotonic()
    if remaining_s <= 0:
        return 0.0
    reserve_s = min(MIN_LEVEL_S * (len(remaining_levels) - 1), remaining_s / 2)
    weights = [MAIN_LEVEL_WEIGHT if level.info.main else 1 for level in remaining_levels]
    share_s = (remaining_s - reserve_s) * weights[0] / sum(weights)
    if remaining_levels[0].info.main:
        # A higher level matters more than all later ones, but one level that cannot be proven
        # should not starve the next main levels either (measured: with all the time but the
        # reserve, the sample school's "middel" took 23 s of 30 and left "laag" unproven).
        share_s = max(share_s, (remaining_s - reserve_s) * MAIN_LEVEL_SHARE)
    if first_solve:  # the first solve also pays for the first presolve and first plans
        share_s = max(share_s, FIRST_LEVEL_SHARE * remaining_s)
    return min(remaining_s, max(share_s, MIN_LEVEL_S))


def _optimise_level(
    context: _SolveContext, level: Level, budget_s: float, state: _SolveState, next_level: Level | None
) -> LevelResult | None:
    """Optimise one level and hold it; None when it found nothing (the plan stays the previous one)."""
    key, label = level.info.key, level.info.label
    built = level.build(context.model, context.space)
    if isinstance(built.expression, int):  # nothing to choose on this level (e.g. no such requests)
        value = built.expression / built.scale
        ProgressReporter(state.started, key, label, 1, context.progress).report(value, value)
        return LevelResult(key, label, value, value, True, 0.0)
    weight = _set_objective(context, level, built, next_level)
    cap = built.upper_bound if level.maximize else None
    reporter = ProgressReporter(state.started, key, label, built.scale, context.progress, weight, cap)
    reporter.report(None, None if built.upper_bound is None else built.upper_bound * weight)
    # Building the level and topping up took time too: the search gets what is left of the budget.
    search_s = min(budget_s, state.ends_at - time.monotonic())
    if search_s <= 0:
        state.status = SolveStatus.TIME_LIMIT
        return _hold_current_plan(context, level, built, state)
    light = search_s < FULL_PRESOLVE_FROM_S or len(context.space.helper_vars) > LARGE_MODEL_CANDIDATES
    settings = SearchSettings(search_s, context.options.workers, context.options.seed, light, weight)
    run = run_level(context.model, settings, reporter, context.should_stop)
    reporter.report(None if run.value is None else float(run.value), run.bound)
    if run.solution is None or run.value is None:
        state.status = _status_without_solution(run)
        return _hold_current_plan(context, level, built, state)
    _hold_level(context.model, level, built, run.value)
    if not _previous_plan_ties(context, built, state, run.value):
        state.solution = run.solution
    _hint_solution(context.model, state.solution)
    if run.stopped:
        state.status = SolveStatus.STOPPED
    elif not run.proven_optimal:
        state.status = SolveStatus.TIME_LIMIT
    return _level_result(level, built, run.value, run.bound, run.proven_optimal, run.time_s)


def _previous_plan_ties(context: _SolveContext, built: LevelExpression, state: _SolveState, value: int) -> bool:
    """When re-planning, keep the plan we have if CP-SAT's plan is no better on this level.

    CP-SAT returns any plan with the level's best value; without this, a short re-plan could
    trade the previous plan's lower-priority sessions away while the next levels have no time
    left to win them back (seen on the sample school: middel fell from 16.2 to 6.7 in 0.5 s).
    """
    if not context.options.hint or state.solution is None:
        return False
    if len(state.solution) != len(context.model.proto.variables):
        return False  # this level added variables the plan we have gives no value
    return _evaluate(built.expression, state.solution) == value


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
    value = _evaluate(built.expression, state.solution)
    if value is None:
        return None  # the level's own auxiliary variables have no value in that plan
    _hold_level(context.model, level, built, value)
    bound = built.upper_bound if level.maximize and built.upper_bound is not None else value
    return LevelResult(level.info.key, level.info.label, value / built.scale, bound / built.scale, False, 0.0)


def _evaluate(expression: cp_model.LinearExprT, solution: tuple[int, ...]) -> int | None:
    flat = cmh.FlatIntExpr(expression)
    if any(var.index >= len(solution) for var in flat.vars):
        return None
    return flat.offset + sum(coeff * solution[var.index] for var, coeff in zip(flat.vars, flat.coeffs, strict=True))


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


def _hint_solution(model: cp_model.CpModel, solution: tuple[int, ...]) -> None:
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(solution)))
    hint.values.extend(solution)


def _level_result(
    level: Level, built: LevelExpression, value: int, bound: float | None, proven: bool, took: float
) -> LevelResult:
    scaled_value = value / built.scale
    scaled_bound = scaled_value if proven or bound is None else bound / built.scale
    if level.maximize and built.upper_bound is not None:  # CP-SAT's bound before its LP can be far weaker
        scaled_bound = min(scaled_bound, built.upper_bound / built.scale)
    return LevelResult(level.info.key, level.info.label, scaled_value, scaled_bound, proven, took)


def _hint_start(model: cp_model.CpModel, space: CandidateSpace, compact: LeftShift) -> tuple[int, ...] | None:
    """Start from a greedy plan: pins first, then (when re-planning) what still fits of the
    previous plan, then the rest.

    Returns the greedy plan as a full solution: the plan to fall back on when time runs out
    before CP-SAT reports any plan of its own (it keeps every hard rule; see greedy.py).
    A complete hint matters: with only the previous plan's assignments hinted, CP-SAT could
    end a short re-plan without any plan at all.
    """
    pins = (find_assignment(space, p.request_id, p.helper, p.day, p.start) for p in space.school.pins)
    greedy = greedy_assignments(space, tuple(pin for pin in pins if pin is not None), tuple(space.previous))
    if greedy is None:
        return None  # the pins clash among themselves; CP-SAT finds out and reports it
    chosen = set(greedy)
    solution = [0] * len(model.proto.variables)
    for slot in {assignment.slot for assignment in chosen}:
        solution[space.session_vars[slot].index] = 1
    for assignment in chosen:
        solution[space.helper_vars[assignment].index] = 1
    solution[compact.switch.index] = 1
    _hint_solution(model, tuple(solution))
    return tuple(solution)


def _top_up_plan(context: _SolveContext, state: _SolveState) -> None:
    """Add greedily what still fits to the plan we have, and hint the result."""
    if state.solution is None:
        return
    space, solution = context.space, list(state.solution)
    current = tuple(a for a, var in space.helper_vars.items() if solution[var.index])
    topped_up = greedy_assignments(space, (), current)
    if topped_up is None:
        return
    for assignment in topped_up:
        solution[space.session_vars[assignment.slot].index] = 1
        solution[space.helper_vars[assignment].index] = 1
    state.solution = tuple(solution)
    _hint_solution(context.model, state.solution)


def _previous_assignments(space: CandidateSpace, sessions: tuple[Session, ...]) -> list[HelperSlot]:
    """A previous plan's assignments that are still candidates (others cannot be kept anyway)."""
    found = (find_assignment(space, s.request_id, helper, s.day, s.start) for s in sessions for helper in s.helpers)
    return list(dict.fromkeys(assignment for assignment in found if assignment is not None))


def _plan(space: CandidateSpace, state: _SolveState, results: list[LevelResult]) -> Plan:
    wall = time.monotonic() - state.started
    if state.solution is None:
        return Plan((), tuple(results), state.status, wall)
    if state.status == SolveStatus.OPTIMAL and not all(r.proven_optimal for r in results):
        state.status = SolveStatus.TIME_LIMIT
    return Plan(plan_sessions(space, state.solution), tuple(results), state.status, wall)
