"""Where a solve starts: a greedy plan as CP-SAT's hint, and the plan to fall back on.

A greedy plan (``greedy.py``) is the hint and also the fallback plan should CP-SAT report nothing in time: pins
first, then, when re-planning, the sessions of the previous plan (``SolveOptions.hint``) that still fit, then the
rest. Going on from an earlier solve, that solve's plan (``SolveOptions.start``) takes the greedy plan's place.
Before a level the plan of the level above knows nothing of (``LevelInfo.top_up``) the plan is topped up
greedily with what still fits. A plan here is a full solution: a value per model variable.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from planner.model import Session
from planner.solver.dominance import LeftShift
from planner.solver.greedy import greedy_assignments
from planner.solver.variables import CandidateSpace, HelperSlot, find_assignment


def hint_solution(model: cp_model.CpModel, solution: tuple[int, ...]) -> None:
    """Make ``solution`` the model's hint, in place of the one it had."""
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(solution)))
    hint.values.extend(solution)


def greedy_start(model: cp_model.CpModel, space: CandidateSpace, compact: LeftShift) -> tuple[int, ...] | None:
    """Start from a greedy plan: pins first, then (when re-planning) what still fits of the
    previous plan, then the rest; hinted, and returned as a full solution.

    It is the plan to fall back on when time runs out before CP-SAT reports any plan of its own (it keeps every
    hard rule; see greedy.py). A complete hint matters: with only the previous plan's assignments hinted, CP-SAT
    could end a short re-plan without any plan at all. None when the pins clash among themselves (CP-SAT finds
    out and reports it).
    """
    pins = (find_assignment(space, p.request_id, p.helper, p.day, p.start) for p in space.school.pins)
    greedy = greedy_assignments(space, tuple(pin for pin in pins if pin is not None), tuple(space.previous))
    if greedy is None:
        return None
    solution = [0] * len(model.proto.variables)
    _place(space, solution, set(greedy))
    solution[compact.switch.index] = 1
    hint_solution(model, tuple(solution))
    return tuple(solution)


def start_solution(
    model: cp_model.CpModel, space: CandidateSpace, compact: LeftShift, sessions: tuple[Session, ...]
) -> tuple[int, ...] | None:
    """Start from a given plan (``SolveOptions.start``, an earlier solve's plan of this school), hinted and returned
    as a full solution; None without one. Its sessions keep the left-shift dominance: they come from the same
    model with it on."""
    if not sessions:
        return None
    solution = [0] * len(model.proto.variables)
    _place(space, solution, previous_assignments(space, sessions))
    solution[compact.switch.index] = 1
    hint_solution(model, tuple(solution))
    return tuple(solution)


def topped_up(space: CandidateSpace, solution: tuple[int, ...]) -> tuple[int, ...] | None:
    """The plan with greedily added what still fits beside it; None when nothing could be worked out."""
    current = tuple(a for a, var in space.helper_vars.items() if solution[var.index])
    added = greedy_assignments(space, (), current)
    if added is None:
        return None
    values = list(solution)
    _place(space, values, added)
    return tuple(values)


def previous_assignments(space: CandidateSpace, sessions: tuple[Session, ...]) -> list[HelperSlot]:
    """A previous plan's assignments that are still candidates (others cannot be kept anyway)."""
    found = (find_assignment(space, s.request_id, helper, s.day, s.start) for s in sessions for helper in s.helpers)
    return list(dict.fromkeys(assignment for assignment in found if assignment is not None))


def _place(space: CandidateSpace, solution: list[int], assignments) -> None:
    for assignment in assignments:
        solution[space.session_vars[assignment.slot].index] = 1
        solution[space.helper_vars[assignment].index] = 1
