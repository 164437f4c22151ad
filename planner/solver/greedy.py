"""A quick greedy plan, given to CP-SAT as its first hint.

On a large school CP-SAT can spend its first seconds without any good plan;
starting from a greedy one makes the early plans (and the time-limited ones)
much better. The greedy places requests by priority, scarcest first, each
session at the earliest start where enough helpers are free (preferred helper
first, then the one with most hours left). Placing at the earliest start and
never removing anything keeps every session "blocked on the left" as the
dominance constraints demand (see ``dominance.py``), so the hint is feasible.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from planner.model import name_key
from planner.solver.variables import CandidateSpace, HelperSlot, SessionSlot


@dataclass
class _Occupation:
    """What the greedy has given each helper so far (local to one run)."""

    busy: dict[tuple[int, str], list[tuple[int, int, str]]] = field(default_factory=lambda: defaultdict(list))
    week_minutes: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    day_minutes: dict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))


def greedy_assignments(space: CandidateSpace) -> list[HelperSlot]:
    """The helper assignments of a greedy plan that keeps every hard rule (no pins)."""
    occupation = _Occupation()
    chosen: list[HelperSlot] = []
    for request_idx in sorted(space.slots_of_request, key=lambda idx: _scarcity(space, idx)):
        request = space.requests[request_idx]
        placed_days: set[str] = set()
        for slot in sorted(space.slots_of_request[request_idx], key=lambda s: s.start):
            if len(placed_days) >= request.sessions_per_week or slot.day in placed_days:
                continue
            hands = _free_hands(space, occupation, slot)
            if len(hands) >= request.hands:
                for assignment in hands[: request.hands]:
                    _occupy(space, occupation, assignment)
                    chosen.append(assignment)
                placed_days.add(slot.day)
    return chosen


def _scarcity(space: CandidateSpace, request_idx: int) -> tuple[int, int]:
    request = space.requests[request_idx]
    options = sum(len(space.helpers_of_slot[slot]) for slot in space.slots_of_request[request_idx])
    return (int(request.priority), options)


def _free_hands(space: CandidateSpace, occupation: _Occupation, slot: SessionSlot) -> list[HelperSlot]:
    preferred = space.requests[slot.request_idx].preferred_helper
    free = [a for a in space.helpers_of_slot[slot] if _fits(space, occupation, a)]

    def preference(assignment: HelperSlot) -> tuple[bool, int]:
        helper = space.helpers[assignment.helper_idx]
        is_preferred = preferred is not None and name_key(preferred) == name_key(helper.name)
        return (not is_preferred, occupation.week_minutes[assignment.helper_idx] - helper.weekly_cap_min)

    return sorted(free, key=preference)


def _fits(space: CandidateSpace, occupation: _Occupation, assignment: HelperSlot) -> bool:
    slot, helper_idx = assignment.slot, assignment.helper_idx
    helper = space.helpers[helper_idx]
    duration = slot.end - slot.start
    if occupation.week_minutes[helper_idx] + duration > helper.weekly_cap_min:
        return False
    daily_cap = helper.daily_cap_min
    if daily_cap is not None and occupation.day_minutes[(helper_idx, slot.day)] + duration > daily_cap:
        return False
    changeover = space.school.settings.changeover_min
    location = space.location_of(slot.request_idx)
    for start, end, other_location in occupation.busy[(helper_idx, slot.day)]:
        gap = changeover if other_location != location else 0
        if slot.start < end + gap and start < slot.end + gap:
            return False
    return True


def _occupy(space: CandidateSpace, occupation: _Occupation, assignment: HelperSlot) -> None:
    slot, helper_idx = assignment.slot, assignment.helper_idx
    location = space.location_of(slot.request_idx)
    occupation.busy[(helper_idx, slot.day)].append((slot.start, slot.end, location))
    occupation.week_minutes[helper_idx] += slot.end - slot.start
    occupation.day_minutes[(helper_idx, slot.day)] += slot.end - slot.start
