"""The decision variables: a time-indexed candidate space.

One boolean per candidate session ``(request, day, start)`` says whether the
session is placed; one boolean per ``(session, helper)`` says that helper is
one of its hands. A candidate exists only where the hard rules that depend on
single facts already allow it:

* rule 1 — the start is one of ``School.candidate_starts`` on one of
  ``School.allowed_days`` (inside the window, the allowed days and school hours);
* rule 3 (availability part) — the helper is available for the whole session;
* rule 4 (cheap part) — the session is not longer than the helper's caps;
* rule 5 — the helper is eligible (``School.is_eligible``).

The remaining rules are constraints over these booleans (see ``rules.py``).
This "time-indexed" formulation has a much stronger LP relaxation than
optional intervals with no-overlap, which is what lets CP-SAT prove the
objective levels of a typical school in seconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.deadline import Deadline
from planner.model import Helper, Request, School, Session, name_key
from planner.timegrid import day_index


@dataclass(frozen=True, slots=True)
class SessionSlot:
    """A candidate session: one request at one day and start."""

    request_idx: int
    day: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class HelperSlot:
    """One helper as one of the hands of a candidate session."""

    slot: SessionSlot
    helper_idx: int


@dataclass(frozen=True)
class CandidateSpace:
    """All candidate sessions with their variables, indexed the ways the rules need."""

    school: School
    requests: tuple[Request, ...]
    helpers: tuple[Helper, ...]
    session_vars: dict[SessionSlot, cp_model.IntVar] = field(default_factory=dict)
    helper_vars: dict[HelperSlot, cp_model.IntVar] = field(default_factory=dict)
    helpers_of_slot: dict[SessionSlot, list[HelperSlot]] = field(default_factory=lambda: defaultdict(list))
    slots_of_request: dict[int, list[SessionSlot]] = field(default_factory=lambda: defaultdict(list))
    assignments_of_helper_day: dict[tuple[int, str], list[HelperSlot]] = field(
        default_factory=lambda: defaultdict(list)
    )
    previous: list[HelperSlot] = field(default_factory=list)  # a previous plan's assignments (re-planning)
    location_keys: tuple[str, ...] = ()  # per request: its group's location, as ``name_key``

    def location_of(self, request_idx: int) -> str:
        """The request's location as a ``name_key`` (locations differ when these differ)."""
        return self.location_keys[request_idx]

    def placed_count(self, request_idx: int) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum([self.session_vars[slot] for slot in self.slots_of_request[request_idx]])


def find_assignment(space: CandidateSpace, request_id: str, helper: str, day: str, start: int) -> HelperSlot | None:
    """The candidate of one helper in the session (request, day, start), if the rules allow it."""
    request_idx = next(
        (idx for idx, r in enumerate(space.requests) if name_key(r.request_id) == name_key(request_id)), -1
    )
    for slot in space.slots_of_request.get(request_idx, []):
        if slot.day == day and slot.start == start:
            for assignment in space.helpers_of_slot[slot]:
                if name_key(space.helpers[assignment.helper_idx].name) == name_key(helper):
                    return assignment
    return None


def plan_sessions(space: CandidateSpace, solution: Sequence[int]) -> tuple[Session, ...]:
    """The placed sessions of a solution (a value per model variable), pinned helpers marked."""
    return sessions_of_assignments(space, (a for a, var in space.helper_vars.items() if solution[var.index]))


def sessions_of_assignments(space: CandidateSpace, assignments: Iterable[HelperSlot]) -> tuple[Session, ...]:
    """The sessions the chosen hands make, helpers in candidate order, sorted by day, start and request."""
    listed = list(assignments)
    chosen = set(listed)
    pins = {(name_key(p.request_id), p.day, p.start, name_key(p.helper)) for p in space.school.pins}
    slots: dict[SessionSlot, None] = dict.fromkeys(a.slot for a in listed)
    sessions = []
    for slot in slots:
        request = space.requests[slot.request_idx]
        helpers = tuple(space.helpers[a.helper_idx].name for a in space.helpers_of_slot[slot] if a in chosen)
        pin_key = (name_key(request.request_id), slot.day, slot.start)
        pinned = tuple(name for name in helpers if (*pin_key, name_key(name)) in pins)
        sessions.append(Session(request.request_id, helpers, slot.day, slot.start, slot.end, pinned))
    return tuple(sorted(sessions, key=lambda s: (day_index(s.day), s.start, s.request_id)))


def build_space(model: cp_model.CpModel, school: School) -> CandidateSpace:
    """Create the candidate variables of every request (see the module docstring)."""
    space = index_candidates(school)
    add_variables(model, space)
    return space


def index_candidates(school: School) -> CandidateSpace:
    """The candidate sessions and hands of every request, without solver variables: enough for the greedy
    plan and for sizing the model before it is built (``planner.solver.size``)."""
    space = CandidateSpace(
        school=school,
        requests=tuple(school.requests),
        helpers=tuple(school.helpers),
        location_keys=tuple(name_key(school.location_of(request)) for request in school.requests),
    )
    for request_idx, request in enumerate(space.requests):
        eligible = [idx for idx, helper in enumerate(space.helpers) if school.is_eligible(helper, request)]
        for day in school.allowed_days(request):
            for start in school.candidate_starts(request, day):
                slot = SessionSlot(request_idx, day, start, start + request.duration_min)
                _add_slot(space, slot, _helpers_for_slot(space, slot, eligible))
    return space


def add_variables(model: cp_model.CpModel, space: CandidateSpace, deadline: Deadline | None = None) -> bool:
    """One boolean per candidate session and per hand; False when ``deadline`` passed first (checked per
    request), the variables then incomplete."""
    for slots in space.slots_of_request.values():
        if deadline is not None and deadline.passed():
            return False
        for slot in slots:
            label = f"{space.requests[slot.request_idx].request_id}@{slot.day}{slot.start}"
            space.session_vars[slot] = model.new_bool_var(f"session[{label}]")
            for assignment in space.helpers_of_slot[slot]:
                name = space.helpers[assignment.helper_idx].name
                space.helper_vars[assignment] = model.new_bool_var(f"hand[{label},{name}]")
    return True


def _helpers_for_slot(space: CandidateSpace, slot: SessionSlot, eligible: list[int]) -> list[int]:
    duration = slot.end - slot.start
    usable = []
    for helper_idx in eligible:
        helper = space.helpers[helper_idx]
        daily_cap = helper.daily_cap_min
        if duration > helper.weekly_cap_min or (daily_cap is not None and duration > daily_cap):
            continue
        if helper.is_available(slot.day, slot.start, slot.end):
            usable.append(helper_idx)
    return usable


def _add_slot(space: CandidateSpace, slot: SessionSlot, helper_idxs: list[int]) -> None:
    if len(helper_idxs) < space.requests[slot.request_idx].hands:
        return  # the session can never get all its hands (rule 6)
    space.slots_of_request[slot.request_idx].append(slot)
    for helper_idx in helper_idxs:
        assignment = HelperSlot(slot, helper_idx)
        space.helpers_of_slot[slot].append(assignment)
        space.assignments_of_helper_day[(helper_idx, slot.day)].append(assignment)
