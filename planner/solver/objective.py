"""The lexicographic objective levels, as data.

``LEVELS`` lists the levels of the domain spec ("What the planner optimises,
in this order"); their labels, explanations and flags are plain data in
``planner.levels``, in the same order. Each level builds one integer linear
expression over the candidate space plus a ``scale``: the level's value is
``expression / scale``.
Scaling keeps fractional figures exact (e.g. 2 of 3 sessions = 0.67 request).

1. ``hoog``, ``middel``, ``laag`` — honoured requests per priority: the sum
   over requests of placed/asked. Each placed session weighs ``L / keer``
   with ``L`` the lcm of the priority's ``keer_per_week``; scale ``L``.
   ``kept`` — only when re-planning from a previous plan (``SolveOptions.hint``):
   the number of its (session, helper) assignments kept, maximised right
   after the honoured levels (domain spec: "re-planning with minimal change").
2. ``help_minutes`` — helper-minutes planned (two hands count twice).
3. ``fairness`` — the smallest honoured share of any teacher with requests
   (share = mean honoured fraction of the teacher's requests), maximised via
   an auxiliary variable below every teacher's scaled share.
4. ``continuity`` — sum over requests of the distinct helpers used, minus the
   sessions done by the request's preferred helper; minimised.
5. ``preferred_time`` — sum over placed sessions of |start − voorkeur_begin|
   in minutes; minimised.
6. ``gaps`` — idle gaps in helpers' days: per helper and day, the number of
   busy stretches minus one (0 when not working). A stretch starts at a
   session start t when the helper is not busy at t − time step; a pause
   shorter than one time step therefore does not count as a gap.

The levels with auxiliary variables (fairness, continuity, gaps) bound them one
way only, which is enough at the optimum; a plan that is not optimal can leave
them off the real figure (a plan with 17 real gaps reported 749). Their
``LevelExpression.plan_value`` computes the level from the plan itself: that is
the value reported and held (the auxiliaries can always take it).

Auxiliary variables get a pessimistic hint that is always feasible (a
smallest share of 0, every helper "used", every start a new stretch), so
with the previous level's solution the hint is complete and CP-SAT starts
from a solution at once (an incomplete hint can leave it without any).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model
from ortools.sat.python import cp_model_helper as cmh

from planner.levels import LevelInfo, level_info
from planner.model import Priority, name_key
from planner.solver.variables import CandidateSpace, HelperSlot


@dataclass(frozen=True)
class LevelExpression:
    expression: cp_model.LinearExprT
    scale: int = 1
    upper_bound: int | None = None  # a trivial bound for the progress display
    # The level's value in a solution (all variable values) from the plan's own variables, for a level whose
    # auxiliary variables are bounded one way only; None: the expression's value is exact.
    plan_value: Callable[[Sequence[int]], int] | None = None

    def value_in(self, solution: Sequence[int]) -> int | None:
        """The level's exact value in a solution; None when the solution lacks one of its variables."""
        if self.plan_value is not None:
            return self.plan_value(solution)
        return linear_value(self.expression, solution)


def linear_value(expression: cp_model.LinearExprT, solution: Sequence[int]) -> int | None:
    """A linear expression's value in a solution; None when the solution lacks one of its variables."""
    if isinstance(expression, int):
        return expression
    flat = cmh.FlatIntExpr(expression)
    if any(var.index >= len(solution) for var in flat.vars):
        return None
    return flat.offset + sum(coeff * solution[var.index] for var, coeff in zip(flat.vars, flat.coeffs, strict=True))


@dataclass(frozen=True)
class Level:
    """A level as the solver optimises it: its plain description and flags (``info``) and its expression."""

    info: LevelInfo
    maximize: bool
    build: Callable[[cp_model.CpModel, CandidateSpace], LevelExpression]
    depends_on_start: bool = False  # changes when a session slides on its day (see dominance.py)
    # Break ties by the next level while optimising this one (weighted so this level always wins):
    # its solution is then a better start for the next level. Only for a maximised next level
    # whose expression has no auxiliary variables. Off for every level now: measured on the
    # sample and typical schools (2 workers), the weighted objective slows the LP bound a lot
    # (sample "hoog" proven in 3.8–4.7 s with it, 0.6–0.7 s without; "middel" bound stuck at
    # 17.3–30.0 against 16.75 without), while the start it gives the next level was not better.
    tie_break_with_next: bool = False


def honoured_requests(priority: Priority) -> Callable[[cp_model.CpModel, CandidateSpace], LevelExpression]:
    def build(model: cp_model.CpModel, space: CandidateSpace) -> LevelExpression:
        requests = [(idx, r) for idx, r in enumerate(space.requests) if r.priority == priority]
        scale = math.lcm(*(r.sessions_per_week for _idx, r in requests)) if requests else 1
        terms = [(scale // r.sessions_per_week) * space.placed_count(idx) for idx, r in requests]
        return LevelExpression(sum(terms), scale, scale * len(requests))

    return build


def kept_assignments(model: cp_model.CpModel, space: CandidateSpace) -> LevelExpression:
    return LevelExpression(sum(space.helper_vars[a] for a in space.previous), 1, len(space.previous))


def help_minutes(model: cp_model.CpModel, space: CandidateSpace) -> LevelExpression:
    expression = cp_model.LinearExpr.weighted_sum(
        list(space.helper_vars.values()), [_duration(a) for a in space.helper_vars]
    )
    return LevelExpression(expression, 1, sum(request.requested_minutes for request in space.requests))


def fairness(model: cp_model.CpModel, space: CandidateSpace) -> LevelExpression:
    per_teacher: dict[str, list[int]] = defaultdict(list)
    for idx, request in enumerate(space.requests):
        per_teacher[name_key(request.teacher)].append(idx)
    # Scale so that every teacher's share is an exact integer.
    scale = math.lcm(
        *(len(idxs) * space.requests[idx].sessions_per_week for idxs in per_teacher.values() for idx in idxs)
    )
    smallest_share = model.new_int_var(0, scale, "smallest_teacher_share")
    model.add_hint(smallest_share, 0)
    shares = []
    for idxs in per_teacher.values():
        weight = {idx: scale // (len(idxs) * space.requests[idx].sessions_per_week) for idx in idxs}
        shares.append(sum(weight[idx] * space.placed_count(idx) for idx in idxs))
        model.add(smallest_share <= shares[-1])

    def plan_value(solution: Sequence[int]) -> int:
        return min(linear_value(share, solution) for share in shares)

    return LevelExpression(smallest_share, scale, scale, plan_value)


def continuity(model: cp_model.CpModel, space: CandidateSpace) -> LevelExpression:
    used: dict[tuple[int, int], cp_model.IntVar] = {}
    preferred_terms = []
    for assignment, var in space.helper_vars.items():
        key = (assignment.slot.request_idx, assignment.helper_idx)
        if key not in used:
            used[key] = model.new_bool_var(f"uses[{key}]")
            model.add_hint(used[key], True)
        model.add_implication(var, used[key])
        preferred = space.requests[assignment.slot.request_idx].preferred_helper
        if preferred and name_key(preferred) == name_key(space.helpers[assignment.helper_idx].name):
            preferred_terms.append(var)
    preferred_count = sum(preferred_terms)

    def plan_value(solution: Sequence[int]) -> int:
        pairs = {(a.slot.request_idx, a.helper_idx) for a, var in space.helper_vars.items() if solution[var.index]}
        return len(pairs) - linear_value(preferred_count, solution)

    return LevelExpression(sum(used.values()) - preferred_count, plan_value=plan_value)


def preferred_time(model: cp_model.CpModel, space: CandidateSpace) -> LevelExpression:
    terms = []
    for slot, var in space.session_vars.items():
        preferred = space.requests[slot.request_idx].preferred_start
        if preferred is not None and slot.start != preferred:
            terms.append(abs(slot.start - preferred) * var)
    return LevelExpression(sum(terms))


def gaps(model: cp_model.CpModel, space: CandidateSpace) -> LevelExpression:
    step = space.school.settings.time_step_min
    terms = []
    for (helper_idx, day), assignments in space.assignments_of_helper_day.items():
        stretch_starts = _stretch_start_vars(model, assignments, space, step)
        works = model.new_bool_var(f"works[{helper_idx},{day}]")
        model.add_hint(works, False)
        model.add(works <= sum(space.helper_vars[a] for a in assignments))
        terms.append(sum(stretch_starts) - works)

    def plan_value(solution: Sequence[int]) -> int:
        return sum(
            _gaps_in_day([a for a in assignments if solution[space.helper_vars[a].index]], step)
            for assignments in space.assignments_of_helper_day.values()
        )

    return LevelExpression(sum(terms), plan_value=plan_value)


def _gaps_in_day(chosen: list[HelperSlot], step: int) -> int:
    """Busy stretches minus one: a stretch starts at a session start when no session covers one step before."""
    if not chosen:
        return 0
    starts = {a.slot.start for a in chosen}
    covered = (start for start in starts if not any(a.slot.start <= start - step < a.slot.end for a in chosen))
    return sum(1 for _start in covered) - 1


def _stretch_start_vars(
    model: cp_model.CpModel, assignments: list[HelperSlot], space: CandidateSpace, step: int
) -> list[cp_model.IntVar]:
    starts = []
    for start in sorted({a.slot.start for a in assignments}):
        starting = [space.helper_vars[a] for a in assignments if a.slot.start == start]
        busy_before = [space.helper_vars[a] for a in assignments if a.slot.start <= start - step < a.slot.end]
        stretch_start = model.new_bool_var(f"stretch_start[{start}]")
        model.add_hint(stretch_start, True)
        # At most one session covers any minute, so both sums are 0/1 values.
        model.add(stretch_start >= sum(starting) - sum(busy_before))
        starts.append(stretch_start)
    return starts


def _duration(assignment: HelperSlot) -> int:
    return assignment.slot.end - assignment.slot.start


LEVELS: tuple[Level, ...] = (
    Level(level_info("hoog"), True, honoured_requests(Priority.HOOG), tie_break_with_next=False),
    Level(level_info("middel"), True, honoured_requests(Priority.MIDDEL), tie_break_with_next=False),
    Level(level_info("laag"), True, honoured_requests(Priority.LAAG), tie_break_with_next=False),
    Level(level_info("kept"), True, kept_assignments),
    Level(level_info("help_minutes"), True, help_minutes),
    Level(level_info("fairness"), True, fairness),
    Level(level_info("continuity"), False, continuity),
    Level(level_info("preferred_time"), False, preferred_time, True),
    Level(level_info("gaps"), False, gaps, True),
)


def levels_up_to(last_level: str, replanning: bool = False) -> tuple[Level, ...]:
    """The levels to optimise, in order, up to and including ``last_level``."""
    keys = [level.info.key for level in LEVELS]
    chosen = LEVELS if last_level not in keys else LEVELS[: keys.index(last_level) + 1]
    return tuple(level for level in chosen if replanning or not level.info.only_when_replanning)
