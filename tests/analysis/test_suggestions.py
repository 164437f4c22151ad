"""Verified suggestions: every suggestion offered really helps, checked by independent fresh solves."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.deadline import Deadline
from planner.diagnosis import Cause, add_verified_suggestions, diagnose
from planner.diagnosis.suggestions import is_verified, school_for_verification, verified_suggestions
from planner.figures import figures_per_priority
from planner.model import AvailabilityBlock, LevelResult, Plan, Priority
from planner.solver import SolveOptions, solve
from tests.analysis.builders import helper, plan, request, school
from tests.analysis.random_schools import random_school
from tests.plan_checker import violations

OPTIONS = SolveOptions(time_limit_s=5, workers=1, seed=0, last_level="laag")


def honoured(school_, plan_) -> dict[Priority, float]:
    return {row.priority: row.honoured for row in figures_per_priority(school_, plan_)}


def test_taken_request_gets_a_verified_shift():
    # B (hoog) holds Anna at di 9:00–9:45; A (laag) asks di 9:00–9:45 too. Anna is free at 9:45,
    # so moving A there fits without touching B: no helper works more (no extra hours), the teacher
    # agrees to the new time, and no other session moves.
    data = school(
        [helper("Anna")],
        [
            request("A", days=("di",), priority=Priority.LAAG),
            request("B", group="7", days=("di",), priority=Priority.HOOG),
        ],
    )
    current = solve(data, OPTIONS)
    [diagnosis] = add_verified_suggestions(data, current, diagnose(data, current), workers=1)
    assert diagnosis.request_id == "A" and diagnosis.cause is Cause.TAKEN_BY_OTHERS
    assert diagnosis.suggestion == (
        "Schuif naar 9:45–10:30: dan kan Anna het doen. Kost geen extra uren; "
        "akkoord nodig van leerkracht juf 5 (tijd 9:45–10:30)."
    )


def test_hours_used_up_suggests_extra_hours_for_that_helper():
    # Anna has 1 hour a week; B (hoog) uses 45 minutes, A needs 45 more: 0,5 hour extra suffices.
    # That half hour is the price, and Anna is the one who must agree to work it.
    data = school(
        [helper("Anna", hours=1.0)],
        [request("A", days=("do",)), request("B", group="7", days=("di",), priority=Priority.HOOG)],
    )
    current = solve(data, OPTIONS)
    [diagnosis] = add_verified_suggestions(data, current, diagnose(data, current), workers=1)
    assert diagnosis.cause is Cause.HOURS_USED_UP
    assert diagnosis.suggestion == (
        "Met 0,5 uur extra per week voor Anna past dit. Kost 0,5 uur per week extra; "
        "akkoord nodig van Anna (0,5 uur per week meer)."
    )


def test_no_suggestion_when_only_pushing_out_higher_priority_would_help():
    # Anna is there only di 9:00–9:45 and B (hoog) has her; A (laag) can go nowhere else.
    data = school(
        [helper("Anna", days=("di",), start=540, end=585)],
        [
            request("A", days=("di",), priority=Priority.LAAG),
            request("B", group="7", days=("di",), priority=Priority.HOOG),
        ],
    )
    current = solve(data, OPTIONS)
    [diagnosis] = add_verified_suggestions(data, current, diagnose(data, current), workers=1)
    assert diagnosis.request_id == "A" and diagnosis.suggestion is None


def test_verification_rejects_losses_and_unproven_higher_levels():
    data = school([helper("Anna")], [request("A", priority=Priority.MIDDEL), request("B", group="7")])
    before = plan(("B", ("Anna",), "ma", 540, 585))
    figures = figures_per_priority(data, before)
    a = data.request("A")

    def after(hoog: float, middel: float, hoog_proven: bool = True, middel_proven: bool = True) -> Plan:
        levels = (
            LevelResult("hoog", "", hoog, hoog, hoog_proven),
            LevelResult("middel", "", middel, middel, middel_proven),
        )
        return Plan(plan(("A", ("Anna",), "di", 540, 585)).sessions, levels)

    # Before: middel honoured 1 (B). A gains a session and B keeps its: middel 2, verified.
    assert is_verified(a, before, figures, after(0, 2))
    # A gains, but only in B's place (middel stays 1): not a net gain, rejected.
    assert not is_verified(a, before, figures, after(0, 1))
    # The higher level (hoog) not proven optimal: a time-out could hide a loss there, so rejected.
    assert not is_verified(a, before, figures, after(0, 2, hoog_proven=False))
    # The own level needs no proof: the plan itself shows A gains while B keeps its session.
    assert is_verified(a, before, figures, after(0, 2, middel_proven=False))
    # A does not gain: rejected, whatever the levels.
    assert not is_verified(a, before, figures, Plan((), after(0, 2).levels))


@pytest.mark.parametrize("seed", range(60))
def test_every_offered_suggestion_fits_in_a_fresh_solve(seed):
    data = random_school(seed)
    current = solve(data, OPTIONS)
    assert violations(data, current) == []
    diagnoses = diagnose(data, current)
    unplaced = {r.request_id for r in data.requests if current.placed_count(r.request_id) < r.sessions_per_week}
    assert {d.request_id for d in diagnoses} == unplaced
    run = verified_suggestions(data, current, diagnoses, deadline=Deadline.after(10), per_request_s=3, workers=1)
    before = honoured(data, current)
    for found in run.found.values():
        request = data.request(found.request_id)
        gained = found.placed_after - found.placed_before
        # An independent solve of the changed input with the options the verification uses (and, like
        # it, without the lower-priority requests, which do not count on the levels compared).
        options = SolveOptions(time_limit_s=5, workers=1, seed=0, last_level=request.priority.label,
                               hint=current.sessions)  # fmt: skip
        fresh = solve(school_for_verification(found.school, request.priority), options)
        assert violations(found.school, fresh) == []
        assert fresh.placed_count(request.request_id) - current.placed_count(request.request_id) == gained
        # A blind full solve (no hint, another seed): no higher-priority value lost, and on the request's
        # own priority at least its gain on top of what was honoured before.
        blind = solve(found.school, SolveOptions(time_limit_s=5, workers=1, seed=7, last_level="laag"))
        assert blind.status.value == "optimaal"
        after = honoured(found.school, blind)
        for priority in Priority:
            if priority < request.priority:
                assert after[priority] >= before[priority] - 1e-6, (found.text, priority)
        own_gain = gained / request.sessions_per_week
        assert after[request.priority] >= before[request.priority] + own_gain - 1e-6, found.text


def test_role_only_the_request_forbids_gets_sta_ook_toe():
    # Only Bram, an intern, is there; the request allows only onderwijsassistenten. The task list allows
    # interns, so only the request's own functies change: the teacher agrees; Bram works no more than he may.
    data = school([helper("Bram", role="stagiaire")], [request("A", roles=("onderwijsassistent",))])
    current = solve(data, OPTIONS)
    [diagnosis] = add_verified_suggestions(data, current, diagnose(data, current), workers=1)
    assert diagnosis.cause is Cause.NO_ELIGIBLE_HELPER
    assert diagnosis.suggestion == (
        "Sta ook een stagiaire toe: dan kan Bram het doen. Kost geen extra uren; "
        "akkoord nodig van leerkracht juf 5 (ook een stagiaire)."
    )


def test_missing_skill_nobody_has_gets_no_suggestion():
    # Nobody has 'gedrag'; no change in the request's times, days or roles can help.
    data = school([helper("Anna")], [request("A", skills=("gedrag",))])
    current = solve(data, OPTIONS)
    [diagnosis] = add_verified_suggestions(data, current, diagnose(data, current), workers=1)
    assert diagnosis.suggestion is None


def test_when_replanning_alone_helps_the_suggestion_says_so():
    # A hand-made plan gives Anna to B (laag) at di 9:00; A (hoog) wants that time too. A plain re-solve
    # gives Anna to A, so no change is needed: the advice is to plan (longer) again. Nothing changes, so
    # nobody need agree and it costs nothing; B, of a lower priority, must make room and may lose its session.
    data = school([helper("Anna")], [request("A", days=("di",), priority=Priority.HOOG),
                                     request("B", group="7", days=("di",), priority=Priority.LAAG)])  # fmt: skip
    current = plan(("B", ("Anna",), "di", 540, 585))
    [diagnosis] = add_verified_suggestions(data, current, diagnose(data, current), workers=1)
    assert diagnosis.cause is Cause.TAKEN_BY_OTHERS
    assert diagnosis.suggestion == (
        "Plan opnieuw met meer rekentijd: dan past dit zonder wijziging. Kost geen extra uren. "
        "Dit kan ten koste gaan van B (lagere prioriteit)."
    )


def test_shifting_a_window_drops_a_preferred_start_outside_it():
    from planner.diagnosis.candidates import candidates

    # A prefers 9:00 in 9:00–9:45 … B (hoog) holds Anna then, so the candidates shift A; 9:00 no longer fits.
    data = school([helper("Anna")], [request("A", days=("di",), end=600, preferred_start=540),
                                     request("B", group="7", days=("di",), start=540, end=600, duration_min=60,
                                             priority=Priority.HOOG)])  # fmt: skip
    current = plan(("B", ("Anna",), "di", 540, 600))
    first = next(candidates(data, current, data.request("A")))
    shifted = first.school.request("A")
    # The nearest free start is 10:00 (B ends then); the 60-minute window moves just far enough to hold it.
    assert first.text == "Schuif het venster naar 9:45–10:45"
    assert (shifted.window_start, shifted.preferred_start) == (585, None)


def test_verification_leaves_out_lower_priorities_except_pinned_ones():
    from planner.model import Pin

    data = school(
        [helper("Anna")],
        [
            request("H", priority=Priority.HOOG),
            request("M", group="7"),
            request("L", group="3", priority=Priority.LAAG),
        ],
        pins=(Pin("L", "Anna", "ma", 540),),
    )
    # Up to middel: H and M count; L stays because its pinned session holds Anna whatever happens.
    assert [r.request_id for r in school_for_verification(data, Priority.MIDDEL).requests] == ["H", "M", "L"]
    assert [r.request_id for r in school_for_verification(data, Priority.HOOG).requests] == ["H", "L"]
    unpinned = replace(data, pins=())
    assert [r.request_id for r in school_for_verification(unpinned, Priority.HOOG).requests] == ["H"]


def only_suggestion(data, current):
    diagnoses = diagnose(data, current)
    run = verified_suggestions(data, current, diagnoses, deadline=Deadline.after(10), per_request_s=5, workers=1)
    [found] = run.found.values()
    return found


def test_a_widened_window_costs_nothing_and_asks_the_teacher():
    # A asks Monday and Tuesday 9:00–9:45; Monday is planned at 9:00, the only time Anna is there that day. On
    # Tuesday B (hoog) holds Anna at 9:00. Moving A's window to 9:45 would lose Monday; widening it to 9:00–10:30
    # keeps Monday and adds Tuesday 9:45. The teacher agrees to the wider window; no helper works more.
    anna = helper("Anna", days=("di",))
    anna = replace(anna, availability=(AvailabilityBlock("ma", 540, 585), *anna.availability))
    data = school(
        [anna],
        [
            request("A", days=("ma", "di"), sessions_per_week=2),
            request("B", group="7", days=("di",), priority=Priority.HOOG),
        ],
    )
    found = only_suggestion(data, plan(("A", ("Anna",), "ma", 540, 585), ("B", ("Anna",), "di", 540, 585)))
    assert (found.extra_minutes, found.moved, found.at_risk) == (0, (), ())
    assert found.text == (
        "Verruim het venster tot 9:00–10:30: dan kan Anna het doen. Kost geen extra uren; "
        "akkoord nodig van leerkracht juf 5 (venster 9:00–10:30)."
    )


def test_another_day_costs_nothing_and_asks_the_teacher():
    # A may only come on Tuesday 9:00–9:45, where B (hoog) holds Anna, who is there only then and on Thursday
    # at that time. No other time on Tuesday helps; Thursday does. The teacher agrees to Thursday.
    data = school(
        [helper("Anna", days=("di", "do"), start=540, end=585)],
        [request("A", days=("di",)), request("B", group="7", days=("di",), priority=Priority.HOOG)],
    )
    found = only_suggestion(data, plan(("B", ("Anna",), "di", 540, 585)))
    assert (found.extra_minutes, [a.text for a in found.agreements]) == (0, ["leerkracht juf 5: ook op donderdag"])
    assert found.text == (
        "Sta ook donderdag toe: dan kan Anna het doen. Kost geen extra uren; "
        "akkoord nodig van leerkracht juf 5 (ook op donderdag)."
    )


def test_a_higher_priority_session_that_must_make_room_moves_along():
    # Anna is there on Tuesday 9:00–10:30. B (hoog, 9:00–10:30) is planned at 9:30; A (middel) is fixed at
    # 10:00–10:45, when Anna has left. Shifting A to 9:45–10:30 fits only if B moves to 9:00: the suggestion
    # says B moves along. B keeps its session (the verification proves hoog loses nothing), so it is not at risk.
    data = school(
        [helper("Anna", days=("di",), start=540, end=630)],
        [
            request("A", days=("di",), start=600, end=645),
            request("B", group="7", days=("di",), end=630, priority=Priority.HOOG),
        ],
    )
    found = only_suggestion(data, plan(("B", ("Anna",), "di", 570, 615)))
    assert (found.moved, found.at_risk) == (("B",), ())
    assert found.text == (
        "Schuif naar 9:45–10:30: dan kan Anna het doen. Kost geen extra uren; "
        "akkoord nodig van leerkracht juf 5 (tijd 9:45–10:30). Andere keren schuiven mee: B."
    )
