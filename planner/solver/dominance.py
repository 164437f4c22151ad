"""Left-shift dominance: removes the many equivalent plans that differ only by sliding sessions.

Levels 1–4 (honoured requests, help minutes, fairness, continuity) do not
change when a session slides to another start on the same day with the same
helpers. Sliding a one-hand session one time step earlier, while that stays
valid, therefore never makes those levels worse; repeating this until no such
session can move ends in a plan where every one-hand session that is not
pinned is *blocked* one step earlier: either that earlier start is no
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

from planner.model import name_key
from planner.solver.variables import CandidateSpace, HelperSlot, SessionSlot


def add_left_shift_dominance(model: cp_model.CpModel, space: CandidateSpace) -> cp_model.IntVar:
    """Add the blocked-on-the-left constraints; return the literal that switches them on."""
    compact = model.new_bool_var("left_shift_dominance")
    step = space.school.settings.time_step_min
    changeover = space.school.settings.changeover_min
    pinned = _pinned_slots(space)
    for assignments in space.assignments_of_helper_day.values():
        by_slot = {(a.slot.request_idx, a.slot.start): a for a in assignments}
        ends = _blocking_ends(space, assignments, changeover)
        for assignment in assignments:
            slot = assignment.slot
            if space.requests[slot.request_idx].hands != 1 or slot in pinned:
                continue
            if (slot.request_idx, slot.start - step) not in by_slot:
                continue  # one step earlier is no candidate: blocked by window, hours or availability
            location = name_key(space.location_of(slot.request_idx))
            blockers = [
                space.helper_vars[other]
                for (end, other_location), others in ends.items()
                if slot.start - step < end <= slot.start and (changeover == 0 or other_location == location)
                for other in others
            ] + [
                space.helper_vars[other]
                for (end, other_location), others in ends.items()
                if changeover > 0 and other_location != location and slot.start - step < end + changeover <= slot.start
                for other in others
            ]
            model.add(space.helper_vars[assignment] <= sum(blockers)).only_enforce_if(compact)
    return compact


def set_compact(model: cp_model.CpModel, compact: cp_model.IntVar, enforced: bool) -> None:
    """Fix the switch literal by its domain, so presolve drops what is not enforced."""
    value = 1 if enforced else 0
    domain = model.proto.variables[compact.index].domain
    domain.clear()
    domain.extend([value, value])


def _blocking_ends(
    space: CandidateSpace, assignments: list[HelperSlot], changeover: int
) -> dict[tuple[int, str], list[HelperSlot]]:
    ends: dict[tuple[int, str], list[HelperSlot]] = defaultdict(list)
    for assignment in assignments:
        location = name_key(space.location_of(assignment.slot.request_idx)) if changeover else ""
        ends[(assignment.slot.end, location)].append(assignment)
    return ends


def _pinned_slots(space: CandidateSpace) -> set[SessionSlot]:
    pinned = set()
    for pin in space.school.pins:
        for slots in space.slots_of_request.values():
            for slot in slots:
                request = space.requests[slot.request_idx]
                if name_key(request.request_id) == name_key(pin.request_id) and (slot.day, slot.start) == (
                    pin.day,
                    pin.start,
                ):
                    pinned.add(slot)
    return pinned
