"""The application API's own promises: progress to the end, a plan never lost over a suggestion,
and a stored plan that comes back for the school as it is now."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner import services
from planner.model import Priority, SolveStatus
from tests.analysis.builders import helper, request, school
from tests.result.tiny import tiny_plan, tiny_school

FAST = services.PlanOptions(time_limit_s=5, workers=1, suggestion_budget_s=5)


def test_progress_ends_with_the_reasons_and_suggestions_step():
    # The solver reports its levels, then one step while reasons and suggestions are sought
    # (the web shows its label until the run is stored).
    steps = []
    services.solve_school(tiny_school(), FAST, progress=steps.append)
    keys = [step.level_key for step in steps]
    assert "hoog" in keys and keys.index("hoog") < len(keys) - 1
    assert (steps[-1].level_key, steps[-1].level_label) == ("redenen", "Redenen en suggesties zoeken")


def test_a_failed_suggestion_check_keeps_the_plan_and_the_reasons(monkeypatch):
    # R4 asks the skill 'gedrag' nobody has, so there is a diagnosis to check suggestions for;
    # when that check breaks, the plan and the reason stay, without a suggestion.
    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr("planner.services.solving.add_verified_suggestions", broken)
    outcome = services.solve_school(tiny_school(), FAST)
    assert outcome.plan.status == SolveStatus.OPTIMAL and outcome.plan.sessions
    assert [(d.request_id, d.suggestion) for d in outcome.diagnoses] == [("R4", None)]
    assert "gedrag" in outcome.diagnoses[0].reason


def test_a_stored_diagnosis_comes_back_as_the_same_diagnosis_without_facts():
    # Storage keeps what is shown: the cause, the reason and the suggestion's text, not the facts or the
    # way to fit behind the suggestion.
    diagnosis = services.explain_plan(tiny_school(), tiny_plan()).diagnoses[0]
    assert diagnosis.suggestion and diagnosis.way_to_fit is not None
    back = services.restored_diagnosis(
        diagnosis.request_id, diagnosis.cause.value, diagnosis.reason, diagnosis.suggestion
    )
    assert back == replace(diagnosis, facts=None, way_to_fit=None)
    with pytest.raises(ValueError):
        services.restored_diagnosis("R3", "geen idee", "", "")  # a cause the planner never gives


def test_a_stored_plan_leaves_out_what_the_school_no_longer_has():
    # Since the run R3 was removed and Bram left: R3's session, the R2 session Bram shared and
    # R3's diagnosis go; R1's sessions and R4's diagnosis stay.
    school = tiny_school()
    now = replace(
        school,
        requests=tuple(r for r in school.requests if r.request_id != "R3"),
        helpers=tuple(h for h in school.helpers if h.name != "Bram"),
    )
    stored = services.explain_plan(school, tiny_plan())
    outcome = services.stored_outcome(now, stored.plan, stored.diagnoses)
    assert outcome.school == now
    assert [(s.request_id, s.day) for s in outcome.plan.sessions] == [("R1", "di"), ("R1", "ma")]
    assert [d.request_id for d in outcome.diagnoses] == ["R4"]
    assert outcome.plan.levels == stored.plan.levels


def test_ways_to_fit_come_without_time_for_re_solve_suggestions():
    # Anna is there on Tuesday until 9:30 only, and A (hoog) is fixed 9:00–9:45 on Tuesday. With no time for
    # re-solve suggestions, A still gets its way to fit (it needs no solving): moving to 8:45–9:30.
    data = school([helper("Anna", days=("di",), end=570)], [request("A", days=("di",), priority=Priority.HOOG)])
    no_time = services.PlanOptions(time_limit_s=5, workers=1, suggestion_budget_s=0)
    [diagnosis] = services.solve_school(data, no_time).diagnoses
    assert diagnosis.way_to_fit is not None and diagnosis.way_to_fit.kind is services.ChangeKind.WINDOW
    assert diagnosis.suggestion.startswith("Als de tijd 8:45–9:30 wordt, past dit")
