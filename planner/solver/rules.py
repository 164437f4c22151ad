"""The hard rules of the domain spec, one function per rule, in one registry.

Reading ``HARD_RULES`` is reading the spec's list "Hard rules (never broken)".
Rules (or parts of rules) that depend on a single fact — a start in the
window, a helper's availability, eligibility — are enforced by the candidate
space itself (``variables.py`` only creates allowed candidates); their
functions here document that and add nothing.

The rules' numbers, keys and texts live in ``planner/hard_rules.py``; the plain-Python twin of
these rules is ``planner/ledger.py`` (the feasibility ledger), and
``tests/solver/test_ledger_agrees.py`` holds the two equal on random schools.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner import hard_rules
from planner.hard_rules import Rule
from planner.solver.variables import CandidateSpace, HelperSlot, find_assignment


def add_session_inside_window_and_school_hours(model: cp_model.CpModel, space: CandidateSpace) -> None:
    """Rule 1: by construction — candidates start only at ``School.candidate_starts``
    on ``School.allowed_days``."""


def add_sessions_on_different_days(model: cp_model.CpModel, space: CandidateSpace) -> None:
    """Rule 2, plus its precise reading: at most one session per request per day,
    and never more placed sessions than ``keer_per_week``."""
    for request_idx, slots in space.slots_of_request.items():
        per_day = defaultdict(list)
        for slot in slots:
            per_day[slot.day].append(space.session_vars[slot])
        for day_vars in per_day.values():
            if len(day_vars) > 1:
                model.add_at_most_one(day_vars)
        sessions_per_week = space.requests[request_idx].sessions_per_week
        if len(per_day) > sessions_per_week:
            model.add(space.placed_count(request_idx) <= sessions_per_week)


def add_helper_one_thing_at_a_time(model: cp_model.CpModel, space: CandidateSpace) -> None:
    """Rule 3: availability by construction; one session at a time; changeover
    time between sessions at different locations on the same day."""
    changeover = space.school.settings.changeover_min
    for assignments in space.assignments_of_helper_day.values():
        _add_no_overlap(model, space, assignments)
        if changeover > 0:
            _add_changeover(model, space, assignments, changeover)


def _add_no_overlap(model: cp_model.CpModel, space: CandidateSpace, assignments: list[HelperSlot]) -> None:
    # Two sessions overlap exactly when one contains the start of the other, so
    # "at most one session covers t" at every candidate start t is enough. Sweep over the starts.
    ordered = sorted(((a.slot.start, a.slot.end, space.helper_vars[a]) for a in assignments), key=lambda x: x[:2])
    active: list[tuple[int, int, cp_model.IntVar]] = []
    for position, (start, _end, _var) in enumerate(ordered):
        if position + 1 < len(ordered) and ordered[position + 1][0] == start:
            active.append(ordered[position])
            continue  # add every session starting at t before looking at t
        active = [item for item in (*active, ordered[position]) if item[1] > start]
        if len(active) > 1:
            model.add_at_most_one([var for _start, _end, var in active])


def _add_changeover(
    model: cp_model.CpModel, space: CandidateSpace, assignments: list[HelperSlot], changeover: int
) -> None:
    # As cliques rather than pairs (a much stronger LP): at every start t, for every location L,
    # at most one of "an L-session ending in (t - changeover, t]" and "another location's session
    # covering t". Every clashing pair is in the clique at the later session's start. Sessions of
    # L ending that close together normally overlap; pairs that do not are left out of the clique.
    locations = {a: space.location_of(a.slot.request_idx) for a in assignments}
    if len(set(locations.values())) < 2:
        return
    for start in sorted({a.slot.start for a in assignments}):
        covering = [a for a in assignments if a.slot.start <= start < a.slot.end]
        for location in set(locations.values()):
            ending = [a for a in assignments if locations[a] == location and start - changeover < a.slot.end <= start]
            others = [a for a in covering if locations[a] != location]
            if ending and others:
                _add_clashes(model, space, ending, others)


def _add_clashes(
    model: cp_model.CpModel, space: CandidateSpace, ending: list[HelperSlot], others: list[HelperSlot]
) -> None:
    """At most one of ``ending`` + ``others``; ending sessions that do not overlap each other get
    their own clique with ``others`` (every ending one clashes with every other one)."""
    earliest_end = min(a.slot.end for a in ending)
    if all(a.slot.start < earliest_end for a in ending):
        model.add_at_most_one([space.helper_vars[a] for a in ending + others])
        return
    for assignment in ending:
        model.add_at_most_one([space.helper_vars[a] for a in [assignment, *others]])


def add_helper_caps(model: cp_model.CpModel, space: CandidateSpace) -> None:
    """Rule 4: planned minutes within the weekly cap and the daily cap."""
    per_helper: dict[int, list[HelperSlot]] = defaultdict(list)
    for (helper_idx, _day), assignments in space.assignments_of_helper_day.items():
        per_helper[helper_idx].extend(assignments)
        daily_cap = space.helpers[helper_idx].daily_cap_min
        if daily_cap is not None:
            _add_cap(model, space, assignments, daily_cap)
    for helper_idx, assignments in per_helper.items():
        _add_cap(model, space, assignments, space.helpers[helper_idx].weekly_cap_min)


def _add_cap(model: cp_model.CpModel, space: CandidateSpace, assignments: list[HelperSlot], cap: int) -> None:
    # The per-day at-most-one already bounds a day by its own span; only add what can bind.
    minutes = [a.slot.end - a.slot.start for a in assignments]
    if sum(minutes) > cap:
        model.add(cp_model.LinearExpr.weighted_sum([space.helper_vars[a] for a in assignments], minutes) <= cap)


def add_helper_eligible(model: cp_model.CpModel, space: CandidateSpace) -> None:
    """Rule 5: by construction — only helpers with ``School.is_eligible`` get a candidate."""


def add_all_hands_or_none(model: cp_model.CpModel, space: CandidateSpace) -> None:
    """Rule 6: a placed session has exactly ``handen`` different helpers, none otherwise."""
    for slot, session_var in space.session_vars.items():
        hands = space.requests[slot.request_idx].hands
        hands_placed = cp_model.LinearExpr.sum([space.helper_vars[a] for a in space.helpers_of_slot[slot]])
        model.add(hands_placed == hands * session_var)


def add_pins_kept(model: cp_model.CpModel, space: CandidateSpace) -> None:
    """Rule 7: every pinned helper is at the pinned day and start; a pin without
    a candidate (it breaks another rule) makes the model infeasible on purpose."""
    for pin in space.school.pins:
        assignment = find_assignment(space, pin.request_id, pin.helper, pin.day, pin.start)
        if assignment is None:
            model.add_bool_or([])  # an empty clause: infeasible, reported as such by solve()
        else:
            model.add(space.helper_vars[assignment] == 1)


@dataclass(frozen=True)
class HardRule:
    """A rule of the spec (``planner.hard_rules``) with the function that adds it to the model."""

    rule: Rule
    add: Callable[[cp_model.CpModel, CandidateSpace], None]

    @property
    def number(self) -> int:
        return self.rule.number

    @property
    def key(self) -> str:
        return self.rule.key


HARD_RULES: tuple[HardRule, ...] = (
    HardRule(hard_rules.SESSION_INSIDE_WINDOW, add_session_inside_window_and_school_hours),
    HardRule(hard_rules.DIFFERENT_DAYS, add_sessions_on_different_days),
    HardRule(hard_rules.ONE_THING_AT_A_TIME, add_helper_one_thing_at_a_time),
    HardRule(hard_rules.HELPER_CAPS, add_helper_caps),
    HardRule(hard_rules.HELPER_ELIGIBLE, add_helper_eligible),
    HardRule(hard_rules.ALL_HANDS_OR_NONE, add_all_hands_or_none),
    HardRule(hard_rules.PINS_KEPT, add_pins_kept),
)


def add_hard_rules(model: cp_model.CpModel, space: CandidateSpace) -> None:
    for rule in HARD_RULES:
        rule.add(model, space)
