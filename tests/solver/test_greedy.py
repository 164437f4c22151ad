"""The greedy start plan keeps every hard rule and satisfies the left-shift dominance (so the hint is usable)."""

from __future__ import annotations

import dataclasses

import pytest
from ortools.sat.python import cp_model

from planner.generate import generate_school
from planner.model import Pin, Plan, School, Session
from planner.solver.dominance import add_left_shift_dominance, set_compact
from planner.solver.greedy import greedy_assignments
from planner.solver.rules import add_hard_rules
from planner.solver.variables import build_space, find_assignment
from tests.plan_checker import violations
from tests.solver.random_instances import tiny_school


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
    by_slot: dict = {}
    for assignment in chosen:
        by_slot.setdefault(assignment.slot, []).append(space.helpers[assignment.helper_idx].name)
    sessions = tuple(
        Session(space.requests[slot.request_idx].request_id, tuple(names), slot.day, slot.start, slot.end)
        for slot, names in by_slot.items()
    )
    assert violations(school, Plan(sessions)) == []
    # Fix every variable to the greedy plan: the model (with the dominance constraints) must accept it.
    for slot, var in space.session_vars.items():
        model.add(var == int(slot in by_slot))
    for assignment, var in space.helper_vars.items():
        model.add(var == int(assignment in chosen))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5
    assert solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
