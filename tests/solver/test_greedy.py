"""The greedy start plan keeps every hard rule and satisfies the left-shift dominance (so the hint is usable);
its fast ``_fits`` says what the feasibility ledger (``planner.ledger``) says."""

from __future__ import annotations

import dataclasses
import random

import pytest
from ortools.sat.python import cp_model

from planner.generate import generate_school
from planner.hard_rules import HELPER_CAPS, ONE_THING_AT_A_TIME
from planner.ledger import Fault, Ledger, plan_breaches
from planner.model import Pin, Plan, School, Session
from planner.solver.dominance import add_left_shift_dominance, set_compact
from planner.solver.greedy import _fits, _Occupation, _occupy, greedy_assignments
from planner.solver.rules import add_hard_rules
from planner.solver.variables import build_space, find_assignment
from tests.analysis.random_schools import random_school
from tests.plan_checker import violations
from tests.solver.random_instances import tiny_school, tiny_school_two_locations


@pytest.mark.parametrize("seed", range(60))
def test_greedy_plan_is_valid_and_a_feasible_hint(seed: int):
    _check_greedy(tiny_school(seed))


def test_greedy_plan_on_a_generated_typical_school():
    _check_greedy(generate_school(size="typical", seed=1))


@pytest.mark.parametrize("seed", range(30))
def test_greedy_plan_places_pins_first(seed: int):
    # Pin the last session the greedy placed without pins to a later start if possible: it must be kept.
    school = tiny_school(seed)
    model = cp_model.CpModel()
    space = build_space(model, school)
    if not space.helper_vars:
        return
    pinned = max(space.helper_vars, key=lambda a: (a.slot.start, a.slot.day, a.helper_idx))
    request = space.requests[pinned.slot.request_idx]
    pin = Pin(request.request_id, space.helpers[pinned.helper_idx].name, pinned.slot.day, pinned.slot.start)
    _check_greedy(dataclasses.replace(school, pins=(pin,)))


def _check_greedy(school: School) -> None:
    model = cp_model.CpModel()
    space = build_space(model, school)
    add_hard_rules(model, space)
    compact = add_left_shift_dominance(model, space)
    set_compact(model, compact, enforced=True)
    pins = tuple(find_assignment(space, p.request_id, p.helper, p.day, p.start) for p in school.pins)
    chosen = greedy_assignments(space, pins)
    assert chosen is not None
    sessions = _sessions(space, chosen)
    by_slot = {assignment.slot for assignment in chosen}
    assert violations(school, Plan(sessions)) == []
    assert plan_breaches(school, sessions) == []
    # Fix every variable to the greedy plan: the model (with the dominance constraints) must accept it.
    for slot, var in space.session_vars.items():
        model.add(var == int(slot in by_slot))
    for assignment, var in space.helper_vars.items():
        model.add(var == int(assignment in chosen))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5
    assert solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


@pytest.mark.parametrize("seed", range(30))
def test_fits_says_what_the_ledger_says(seed: int):
    # With the greedy plan booked, or a random week the ledger allows: every candidate (rules 1, 3's
    # availability and 5 hold by construction) fits exactly when the ledger finds nothing in the
    # helper's week: no clash (rule 3), no cap passed (rule 4), and not a hand of that session already.
    rng = random.Random(seed)
    for school in (tiny_school(seed), tiny_school_two_locations(seed), random_school(seed)):
        space = build_space(cp_model.CpModel(), school)
        pins = tuple(find_assignment(space, p.request_id, p.helper, p.day, p.start) for p in school.pins)
        _check_fits(school, space, greedy_assignments(space, tuple(pin for pin in pins if pin is not None)) or [])
        for _ in range(3):
            _check_fits(school, space, _random_week(rng, school, space))


def _random_week(rng: random.Random, school: School, space) -> list:
    """Candidates in random order, each booked when the ledger lets its helper take it."""
    ledger, booked = Ledger(school), []
    for assignment in rng.sample(list(space.helper_vars), len(space.helper_vars)):
        request, helper = space.requests[assignment.slot.request_idx], space.helpers[assignment.helper_idx]
        if rng.random() < 0.5 and ledger.may_take(helper, request, assignment.slot.day, assignment.slot.start):
            ledger.add(_sessions(space, [assignment])[0])
            booked.append(assignment)
    return booked


def _check_fits(school: School, space, booked: list) -> None:
    occupation = _Occupation()
    for assignment in booked:
        _occupy(space, occupation, assignment)
    ledger = Ledger(school, _sessions(space, booked))
    for assignment in space.helper_vars:
        request, helper = space.requests[assignment.slot.request_idx], space.helpers[assignment.helper_idx]
        week = [
            breach
            for breach in ledger.breaches(helper, request, assignment.slot.day, assignment.slot.start)
            if breach.rule in (ONE_THING_AT_A_TIME, HELPER_CAPS) or breach.fault == Fault.ALREADY_A_HAND
        ]
        assert _fits(space, occupation, assignment) == (not week), (assignment, [b.text for b in week])


def _sessions(space, chosen) -> tuple[Session, ...]:
    by_slot: dict = {}
    for assignment in chosen:
        by_slot.setdefault(assignment.slot, []).append(space.helpers[assignment.helper_idx].name)
    return tuple(
        Session(space.requests[slot.request_idx].request_id, tuple(names), slot.day, slot.start, slot.end)
        for slot, names in by_slot.items()
    )
