"""Acceptance: on generated schools every way to fit, applied to the input, gives a plan that the independent
plan checker accepts, in which the request gains sessions and no request of equal or higher priority loses any.

Two generators of tiny schools (fast to solve): the analysis tests' tight ones, and the workbook tests' varied
ones (locations with changeover, pins, task lists, interns with a placement group, daily caps). Each school is
solved to the optimum; a way keeps that plan and only adds sessions, so it is checked as the plan plus them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from planner.diagnosis import ChangeKind, add_ways_to_fit, diagnose, hours_offers
from planner.diagnosis.plan_changes import verify
from planner.diagnosis.slots import PlanIndex
from planner.ledger import plan_breaches
from planner.model import Plan, School, SolveStatus
from planner.solver import SolveOptions, solve
from tests.analysis.random_schools import random_school as tight_school
from tests.plan_checker import violations
from tests.workbook.random_schools import random_school as varied_school

OPTIONS = SolveOptions(time_limit_s=5, workers=1, seed=0)
SCHOOLS = [("krap", seed) for seed in range(30)] + [("gevarieerd", seed) for seed in range(30)]
KINDS_SEEN: Counter[ChangeKind] = Counter()


def generated(kind: str, seed: int) -> School:
    return tight_school(seed) if kind == "krap" else varied_school(seed)


def assert_applied_way_holds(school: School, current: Plan, way) -> None:
    changed = way.applied_to(school)
    after = Plan(current.sessions + way.sessions)
    assert violations(changed, after) == [], way.text
    gained = {session.request_id for session in way.sessions}
    for request_id in gained:
        assert after.placed_count(request_id) > current.placed_count(request_id), way.text
    lowest = max(school.request(request_id).priority for request_id in gained)
    for request in school.requests:
        if request.priority <= lowest:
            assert after.placed_count(request.request_id) >= current.placed_count(request.request_id), way.text


@pytest.mark.parametrize(("kind", "seed"), SCHOOLS)
def test_every_way_to_fit_applied_to_the_input_gives_a_valid_plan_where_the_request_gains(kind, seed):
    school = generated(kind, seed)
    current = solve(school, OPTIONS)
    if current.status is SolveStatus.INFEASIBLE:
        pytest.skip("a pin of this generated school needs a second hand nobody can give: there is no plan")
    assert violations(school, current) == []
    for diagnosis in add_ways_to_fit(school, current, diagnose(school, current)):
        if diagnosis.way_to_fit is not None:
            KINDS_SEEN[diagnosis.way_to_fit.kind] += 1
            assert diagnosis.way_to_fit.request_id == diagnosis.request_id
            assert_applied_way_holds(school, current, diagnosis.way_to_fit)
    for offer in hours_offers(school, current):
        assert_applied_way_holds(school, current, offer.as_way())


def test_the_generated_schools_exercise_the_kinds_of_change():
    # Runs after the parametrised test above (same module, file order): the acceptance is not vacuous when
    # the schools give many ways of several kinds. With only this test selected, it runs them itself.
    if not KINDS_SEEN:
        for kind, seed in SCHOOLS:
            try:
                test_every_way_to_fit_applied_to_the_input_gives_a_valid_plan_where_the_request_gains(kind, seed)
            except pytest.skip.Exception:
                continue
    assert sum(KINDS_SEEN.values()) >= 40
    assert len(KINDS_SEEN) >= 4, KINDS_SEEN


@pytest.mark.parametrize(("kind", "seed"), SCHOOLS[::3])
def test_verify_agrees_with_checking_the_whole_plan(kind, seed):
    # verify checks only what a change touches, against the plan in the ledger; plan_breaches checks every
    # session of the changed school. On ways found and on ways moved by a quarter of an hour (which often
    # break a rule) both must give the same verdict.
    school = generated(kind, seed)
    current = solve(school, OPTIONS)
    if current.status is SolveStatus.INFEASIBLE:
        pytest.skip("a pin of this generated school needs a second hand nobody can give: there is no plan")
    index = PlanIndex(school, current)
    ways = [d.way_to_fit for d in add_ways_to_fit(school, current, diagnose(school, current)) if d.way_to_fit]
    for way in ways + [moved(way, minutes) for way in ways for minutes in (-15, 15)]:
        whole = plan_breaches(way.applied_to(school), (*current.sessions, *way.sessions))
        assert bool(verify(index, way)) == bool(whole), way


def moved(way, minutes: int):
    sessions = tuple(replace(s, start=s.start + minutes, end=s.end + minutes) for s in way.sessions)
    return replace(way, sessions=sessions)
