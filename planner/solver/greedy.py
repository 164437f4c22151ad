"""A quick greedy plan, given to CP-SAT as its first hint.

On a large school CP-SAT can spend its first seconds without any good plan;
starting from a greedy one makes the early plans (and the time-limited ones)
much better. The greedy first places the pinned sessions, then requests by priority, scarcest first, each
session at the earliest start where enough helpers are free (preferred helper
first, then the one with most hours left). Placing at the earliest start and
never removing anything keeps every session "blocked on the left" as the
dominance constraints demand (see ``dominance.py``), so the hint is feasible.

``_fits`` is a fast index-based copy of hard rules 3 and 4; the plain-Python twin of the rules
is ``planner/ledger.py``, and ``tests/solver/test_greedy.py`` holds ``_fits`` against it.
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


def greedy_assignments(
    space: CandidateSpace, pinned: tuple[HelperSlot, ...] = (), previous: tuple[HelperSlot, ...] = ()
) -> list[HelperSlot] | None:
    """The helper assignments of a greedy plan that keeps every hard rule: pins first, then
    the sessions of a previous plan that still fit, then the rest;
    None when the pins alone already clash (CP-SAT then sorts it out, or reports it)."""
    occupation = _Occupation()
    placed_days: dict[int, set[str]] = defaultdict(set)
    chosen = _place_pins(space, occupation, pinned, placed_days)
    if chosen is None:
        return None
    _keep_previous(space, occupation, previous, placed_days, chosen)
    for request_idx in sorted(space.slots_of_request, key=lambda idx: _scarcity(space, idx)):
        request = space.requests[request_idx]
        days = placed_days[request_idx]
        for slot in sorted(space.slots_of_request[request_idx], key=lambda s: s.start):
            if len(days) >= request.sessions_per_week or slot.day in days:
                continue
            hands = _free_hands(space, occupation, slot)
            if len(hands) >= request.hands:
                for assignment in hands[: request.hands]:
                    _occupy(space, occupation, assignment)
                    chosen.append(assignment)
                days.add(slot.day)
    return chosen


def _place_pins(
    space: CandidateSpace, occupation: _Occupation, pinned: tuple[HelperSlot, ...], placed_days: dict[int, set[str]]
) -> list[HelperSlot] | None:
    chosen: list[HelperSlot] = []
    for assignment in pinned:
        if assignment in chosen:
            continue
        if not _fits(space, occupation, assignment):
            return None
        _occupy(space, occupation, assignment)
        chosen.append(assignment)
    for slot in dict.fromkeys(a.slot for a in pinned):
        missing = space.requests[slot.request_idx].hands - sum(1 for a in chosen if a.slot == slot)
        extra = [a for a in _free_hands(space, occupation, slot) if a not in chosen][: max(missing, 0)]
        if len(extra) < missing or slot.day in placed_days[slot.request_idx]:
            return None
        for assignment in extra:
            _occupy(space, occupation, assignment)
            chosen.append(assignment)
        placed_days[slot.request_idx].add(slot.day)
    if any(len(days) > space.requests[idx].sessions_per_week for idx, days in placed_days.items()):
        return None
    return chosen


def _keep_previous(
    space: CandidateSpace,
    occupation: _Occupation,
    previous: tuple[HelperSlot, ...],
    placed_days: dict[int, set[str]],
    chosen: list[HelperSlot],
) -> None:
    """Keep each previous session whose hands all still fit, whole or not at all (rule 6).

    Previous sessions are anchored in the dominance constraints, so they may stay where they are."""
    by_slot: dict[SessionSlot, list[HelperSlot]] = defaultdict(list)
    for assignment in previous:
        if assignment not in chosen:
            by_slot[assignment.slot].append(assignment)
    for slot, assignments in by_slot.items():
        request = space.requests[slot.request_idx]
        days = placed_days[slot.request_idx]
        hands = assignments[: request.hands]
        if slot.day in days or len(days) >= request.sessions_per_week or len(hands) < request.hands:
            continue
        if not all(_fits(space, occupation, assignment) for assignment in hands):
            continue
        for assignment in hands:
            _occupy(space, occupation, assignment)
            chosen.append(assignment)
        days.add(slot.day)


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
