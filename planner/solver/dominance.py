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

Levels 5 (preferred times) and 6 (gaps) do depend on the start, so these
constraints are enforced only while ``compact`` is true; ``solve()`` fixes it
to true for levels 1–4 and to false afterwards (see ``set_compact``).
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from planner.solver.variables import CandidateSpace, HelperSlot, SessionSlot, find_assignment


def add_left_shift_dominance(model: cp_model.CpModel, space: CandidateSpace) -> cp_model.IntVar:
    """Add the blocked-on-the-left constraints; return the literal that switches them on."""
    compact = model.new_bool_var("left_shift_dominance")
    step = space.school.settings.time_step_min
    changeover = space.school.settings.changeover_min
    anchored = _anchored_slots(space)
    for assignments in space.assignments_of_helper_day.values():
        by_slot = {(a.slot.request_idx, a.slot.start) for a in assignments}
        ends = _ends(space, assignments)
        for assignment in assignments:
            slot = assignment.slot
            if space.requests[slot.request_idx].hands != 1 or slot in anchored:
                continue
            if (slot.request_idx, slot.start - step) not in by_slot:
                continue  # one step earlier is no candidate: blocked by window, hours or availability
            location = space.location_of(slot.request_idx)
            blockers = [
                other
                for end in range(slot.start - step + 1, slot.start + 1)
                for other, other_location in ends.get(end, [])
                if changeover == 0 or other_location == location
            ] + [
                other
                for end in range(slot.start - step + 1 - changeover, slot.start + 1 - changeover)
                for other, other_location in ends.get(end, [])
                if changeover > 0 and other_location != location
            ]
            model.add(space.helper_vars[assignment] <= sum(blockers)).only_enforce_if(compact)
    return compact


def set_compact(model: cp_model.CpModel, compact: cp_model.IntVar, enforced: bool) -> None:
    """Fix the switch literal by its domain (so presolve drops what is not enforced), and its hint."""
    value = 1 if enforced else 0
    domain = model.proto.variables[compact.index].domain
    domain.clear()
    domain.extend([value, value])
    hint = model.proto.solution_hint
    hinted = dict(zip(hint.vars, hint.values, strict=True))
    if compact.index in hinted:
        hinted[compact.index] = value
        hint.vars.clear()
        hint.values.clear()
        hint.vars.extend(hinted.keys())
        hint.values.extend(hinted.values())


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
