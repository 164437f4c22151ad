"""The greedy fallback: a school whose model cannot be built or searched in its time gets the greedy plan,
status "snel rooster", with the honoured levels' values and honest bounds as its gap."""

from __future__ import annotations

from dataclasses import replace

from planner.deadline import Deadline
from planner.diagnosis import Cause, diagnose
from planner.model import Priority, SolveStatus
from planner.outcome_words import proof_sentence
from planner.solver import solve
from planner.solver.size import MEMORY_BUDGET_MB, MEMORY_PER_LITERAL_KB, ModelSize
from tests.plan_checker import assert_plan_valid
from tests.solver.factory import FAST, at, helper, request, school


def test_the_quick_plan_says_what_more_time_could_win_at_most():
    # Anna (the only helper) can take one of A and B, both hoog at ma 9:00–10:00; C (laag) asks twice a
    # week but only Monday is a school day, so at most 1 of its 2 sessions (½ request) can ever be placed.
    # With the deadline passed the greedy plan is the plan: one of A, B and nothing of C, as Anna is busy.
    # The bound counts every request that has candidates on enough days: hoog 2 (gap 1), laag ½ (gap ½).
    instance = school(
        (helper("Anna"),),
        (
            request("A", at(9), at(10), priority=Priority.HOOG),
            request("B", at(9), at(10), priority=Priority.HOOG),
            request("C", at(9), at(10), priority=Priority.LAAG, sessions_per_week=2, days=("ma", "di")),
        ),
    )
    plan = solve(instance, replace(FAST, deadline=Deadline.after(-1.0)))
    assert plan.status == SolveStatus.QUICK
    assert_plan_valid(instance, plan)
    assert [(level.key, level.value, level.bound) for level in plan.levels] == [("hoog", 1.0, 2.0), ("laag", 0.0, 0.5)]
    sentence = proof_sentence(plan.status, plan.levels)
    assert sentence.startswith("De rekentijd was te kort of de werkmap te groot")
    assert "hoogstens te winnen" in sentence.lower() and "hoog 1 en laag 0,5" in sentence


def test_a_quick_plan_that_reaches_every_bound_says_so():
    # One request, one free helper: the greedy plan places it, which is the bound, so nothing is to win.
    instance = school((helper("Anna"),), (request("A", at(9), at(10)),))
    plan = solve(instance, replace(FAST, deadline=Deadline.after(-1.0)))
    assert plan.status == SolveStatus.QUICK and all(level.proven_optimal for level in plan.levels)
    assert proof_sentence(plan.status, plan.levels).endswith("het hoogst mogelijke aantal aanvragen.")


def test_a_model_over_the_memory_budget_is_not_built_whatever_the_time():
    # The memory estimate grows with the literals; just over the budget, even an hour is not enough.
    over = int(MEMORY_BUDGET_MB * 1024 / MEMORY_PER_LITERAL_KB) + 1
    assert not ModelSize(sessions=0, hands=over).fits(3600.0)
    assert ModelSize(sessions=0, hands=over // 2).fits(3600.0)


def test_building_may_take_at_most_half_the_time_left():
    # A model of 100,000 literals takes about 9 s to build (BUILD_S_PER_LITERAL): 10 s is too little, 30 s enough.
    size = ModelSize(sessions=10_000, hands=90_000)
    assert not size.fits(10.0)
    assert size.fits(30.0)


def test_a_tiny_model_is_built_even_with_a_fraction_of_a_second():
    # 50 literals build and solve in milliseconds: a short limit must not push a small school to the greedy plan.
    assert ModelSize(sessions=10, hands=40).fits(0.2)


def test_past_the_deadline_the_reasons_say_they_were_not_examined():
    # Anna can take A or B (both ma 9:00–10:00), not both: one stays out. With the deadline passed its cause is
    # not looked up (that takes long on a very large school), and its reason says so instead of guessing.
    instance = school((helper("Anna"),), (request("A", at(9), at(10)), request("B", at(9), at(10))))
    plan = solve(instance, FAST)
    (examined,) = diagnose(instance, plan)
    (skipped,) = diagnose(instance, plan, Deadline.after(-1.0))
    assert examined.cause == Cause.TAKEN_BY_OTHERS and skipped.request_id == examined.request_id
    assert skipped.cause == Cause.NOT_EXAMINED
    assert skipped.reason == (
        "Niet ingepland: waarom is niet uitgezocht, want de tijdslimiet was bereikt. Geef meer rekentijd voor de reden."
    )
