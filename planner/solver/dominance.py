"""Left-shift dominance: removes the many equivalent plans that differ only by sliding sessions.

Levels 1–4 (honoured requests, help minutes, fairness, continuity) do not
change when a session slides to another start on the same day with the same
helpers. Sliding a one-hand session one time step earlier, while that stays
valid, therefore never makes those levels worse; repeating this until no such
session can move ends in a plan where every one-hand session that is not
anchored (pinned, or at a start of the previous plan given as hint: the
"kept" level counts those) is *blocked* one step earlier: either that earlier start is no
candidate (window, school hours, availability) or a session of the same
helper ends exactly in the step before it (plus the changeover time when
the locations differ). So for levels 1–4 we may demand "every such session
is blocked" without losing any optimum; it makes the search far smaller and
the LP tighter.

The same argument bounds where a session can start at all. In a plan where
every session (also one with more hands) is blocked on the left, each start is
either a *left edge* (one step earlier is no candidate for one of its helpers,
or the session is anchored) or the first time on the grid at or after the end
of another session of one of its helpers (plus the changeover time). Starting
from the left edges of a day and adding those times for every candidate
starting at a reachable time gives every start such a plan can use (``unreachable_candidates``
lists the rest). With durations of 30, 45 and 60 minutes on a 5-minute grid this
keeps about 40% of the candidates (sample school: 2,634 of 6,832), so levels
1–4 are searched over a model less than half the size, with a tighter LP.

Levels 5 (preferred times) and 6 (gaps) do depend on the start, so these
restrictions hold only while ``compact`` is on; ``solve()`` switches it on for
levels 1–4 and off afterwards (see ``set_compact``).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.solver.variables import CandidateSpace, HelperSlot, SessionSlot, find_assignment
from planner.timegrid import next_on_step


@dataclass(frozen=True)
class LeftShift:
    """The switch of the dominance constraints, and the candidates it rules out while on."""

    switch: cp_model.IntVar
    unreachable: tuple[cp_model.IntVar, ...]


def add_left_shift_dominance(model: cp_model.CpModel, space: CandidateSpace) -> LeftShift:
    """Add the blocked-on-the-left constraints; return their switch and the unreachable candidates."""
    compact = model.new_bool_var("left_shift_dominance")
    step = space.school.settings.time_step_min
    changeover = space.school.settings.changeover_min
    anchored = _anchored_slots(space)
    for assignments in space.assignments_of_helper_day.values():
        by_slot = {(a.slot.request_idx, a.slot.start) for a in assignments}
        blockers_at = _blockers_by_start(space, assignments, step, changeover)
        for assignment in assignments:
            slot = assignment.slot
            if space.requests[slot.request_idx].hands != 1 or slot in anchored:
                continue
            if (slot.request_idx, slot.start - step) not in by_slot:
                continue  # one step earlier is no candidate: blocked by window, hours or availability
            blockers = blockers_at(slot.start, space.location_of(slot.request_idx))
            model.add(space.helper_vars[assignment] <= blockers).only_enforce_if(compact)
    unreachable = tuple(space.helper_vars[a] for a in unreachable_candidates(space, anchored))
    return LeftShift(compact, unreachable)


def set_compact(model: cp_model.CpModel, left_shift: LeftShift, enforced: bool) -> None:
    """Fix the switch by its domain, and the unreachable candidates to 0 while it is on
    (so presolve drops them), keeping the hint in step."""
    _fix_domain(model, left_shift.switch, 1 if enforced else 0, 1 if enforced else 0)
    for var in left_shift.unreachable:
        _fix_domain(model, var, 0, 0 if enforced else 1)
    hint = model.proto.solution_hint
    hinted = dict(zip(hint.vars, hint.values, strict=True))
    if left_shift.switch.index in hinted:
        hinted[left_shift.switch.index] = 1 if enforced else 0
        hint.vars.clear()
        hint.values.clear()
        hint.vars.extend(hinted.keys())
        hint.values.extend(hinted.values())


def _fix_domain(model: cp_model.CpModel, var: cp_model.IntVar, low: int, high: int) -> None:
    domain = model.proto.variables[var.index].domain
    domain.clear()
    domain.extend([low, high])


def unreachable_candidates(space: CandidateSpace, anchored: set[SessionSlot]) -> list[HelperSlot]:
    """Candidates whose start no plan with every session blocked on the left uses (module docstring)."""
    per_day: dict[str, list[HelperSlot]] = defaultdict(list)
    for (_helper_idx, day), assignments in space.assignments_of_helper_day.items():
        per_day[day].extend(assignments)
    changeover = space.school.settings.changeover_min
    step = space.school.settings.time_step_min
    unreachable = []
    for assignments in per_day.values():
        edges = _left_edges(space, assignments, anchored, step)
        reachable = _reachable_starts(assignments, edges, changeover, step)
        unreachable.extend(a for a in assignments if a.slot.start not in reachable)
    return unreachable


def _left_edges(
    space: CandidateSpace, assignments: list[HelperSlot], anchored: set[SessionSlot], step: int
) -> set[int]:
    """Starts where a session cannot slide one step earlier with one of its helpers, or may not slide."""
    edges = set()
    for assignment in assignments:
        slot = assignment.slot
        earlier = SessionSlot(slot.request_idx, slot.day, slot.start - step, slot.end - step)
        if slot in anchored or HelperSlot(earlier, assignment.helper_idx) not in space.helper_vars:
            edges.add(slot.start)
    return edges


def _reachable_starts(assignments: list[HelperSlot], left_edges: set[int], changeover: int, step: int) -> set[int]:
    """Closure of the left edges under "the first start on the grid at or after an end (+ changeover)"."""
    ends_by_start: dict[int, set[int]] = defaultdict(set)
    for assignment in assignments:
        ends_by_start[assignment.slot.start].add(assignment.slot.end)
    reachable = set(left_edges)
    frontier = list(left_edges)
    while frontier:
        start = frontier.pop()
        for end in ends_by_start.get(start, ()):
            for following in {next_on_step(end, step), next_on_step(end + changeover, step)} - reachable:
                reachable.add(following)
                frontier.append(following)
    return reachable


def _blockers_by_start(
    space: CandidateSpace, assignments: list[HelperSlot], step: int, changeover: int
) -> Callable[[int, str], cp_model.LinearExpr]:
    """The sum of the helper's candidates of one day that block a session at a start and location on the left:
    ending in the step before it (at the same location, or anywhere without changeover), or, at another
    location, ending in the step before it less the changeover. Computed once per start and location."""
    ends = _ends(space, assignments)

    @functools.cache
    def blockers(start: int, location: str) -> cp_model.LinearExpr:
        same = [
            other
            for end in range(start - step + 1, start + 1)
            for other, other_location in ends.get(end, [])
            if changeover == 0 or other_location == location
        ]
        elsewhere = [
            other
            for end in range(start - step + 1 - changeover, start + 1 - changeover)
            for other, other_location in ends.get(end, [])
            if changeover > 0 and other_location != location
        ]
        return cp_model.LinearExpr.sum(same + elsewhere)

    return blockers


def _ends(space: CandidateSpace, assignments: list[HelperSlot]) -> dict[int, list[tuple[cp_model.IntVar, str]]]:
    """The helper's candidate sessions of one day by their end: (variable, location)."""
    ends: dict[int, list[tuple[cp_model.IntVar, str]]] = defaultdict(list)
    for assignment in assignments:
        location = space.location_of(assignment.slot.request_idx)
        ends[assignment.slot.end].append((space.helper_vars[assignment], location))
    return ends


def _anchored_slots(space: CandidateSpace) -> set[SessionSlot]:
    """Sessions that may not slide: pinned ones, and a previous plan's (kept on their own level)."""
    pins = (find_assignment(space, p.request_id, p.helper, p.day, p.start) for p in space.school.pins)
    return {assignment.slot for assignment in (*pins, *space.previous) if assignment is not None}
