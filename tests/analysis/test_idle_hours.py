"""Why a helper's hours stay unused: each reason on the tiniest instance where it is the truth.

Unless a test says otherwise, the helper is Anna, an onderwijsassistent with 45 minutes a week,
available on Tuesday 9:00–9:45 only, and request A asks for 45 minutes on Tuesday 9:00–9:45.
Hand-made plans, no solver.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner import services
from planner.baseline import plan_by_hand
from planner.diagnosis.idle_hours import IdleReason, explain_idle_hours
from planner.ledger import Fault
from planner.model import Group, Task
from tests.analysis.builders import helper, plan, request, school

TUESDAY_9 = dict(days=("di",), start=540, end=585)
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"


def anna(**extra):
    return helper("Anna", **{"hours": 0.75, **TUESDAY_9, **extra})


def only_cause(data, placed=None):
    """The one helper with hours left has exactly one reason; it explains all 45 free minutes."""
    (idle,) = explain_idle_hours(data, placed or plan())
    (cause,) = idle.causes
    return cause


def test_a_helper_without_hours_left_needs_no_explanation():
    # Anna's one hour is spent on A (one hour): nothing is left to explain.
    data = school([anna(hours=1.0, end=600)], [request("A", days=("di",), end=600, duration_min=60)])
    assert explain_idle_hours(data, plan(("A", ("Anna",), "di", 540, 600))) == []


def test_no_request_that_day():
    # The only request is on Monday; Anna is there on Tuesday.
    cause = only_cause(school([anna()], [request("A", days=("ma",))]))
    assert cause.reason is IdleReason.NO_REQUEST_THAT_DAY
    assert cause.minutes == 45
    assert cause.text == "0,75 uur op dinsdag: die dag vraagt geen enkele aanvraag hulp."


def test_no_request_at_that_time():
    # A asks for Tuesday, but 10:00–10:45; Anna's 9:00–9:45 is outside its window.
    cause = only_cause(school([anna()], [request("A", days=("di",), start=600, end=645)]))
    assert cause.reason is IdleReason.NO_REQUEST_THEN
    assert cause.text == "0,75 uur op dinsdag: dan vraagt geen enkele aanvraag hulp."


def test_placement_group():
    # Anna is an intern placed in group 6 and A is for group 5; allowed elsewhere, she could take A.
    intern = anna(role="stagiaire", placement_groups=("6",))
    cause = only_cause(school([intern], [request("A", **TUESDAY_9)]))
    assert cause.reason is IdleReason.PLACEMENT
    assert cause.text == "0,75 uur op dinsdag: geen aanvraag van groep 6 (stagegroep)."
    free_to_go = replace(intern, may_work_elsewhere=True)
    assert only_cause(school([free_to_go], [request("A", **TUESDAY_9)])).reason is IdleReason.ROOM_LEFT


def test_role():
    # The task of A is for onderwijsassistenten only; Anna is a klassenassistent.
    tasks = (Task("basisgroep overnemen", ("onderwijsassistent",)),)
    cause = only_cause(school([anna(role="klassenassistent")], [request("A", **TUESDAY_9)], tasks=tasks))
    assert cause.reason is IdleReason.ROLE
    assert cause.faults == ("functie klassenassistent niet toegestaan",)
    assert "Anna mag de aanvragen van dat moment niet doen (functie klassenassistent niet toegestaan)" in cause.text


def test_location():
    # Group 5 is at Noord; Anna works at Zuid only.
    base = school([anna(locations=("Zuid",))], [request("A", **TUESDAY_9)])
    cause = only_cause(replace(base, groups=(Group("5", "Noord"),)))
    assert cause.reason is IdleReason.LOCATION
    assert cause.faults == ("werkt niet op locatie Noord",)


def test_missing_skill():
    # A asks for the skill 'gedrag', which Anna does not have.
    cause = only_cause(school([anna()], [request("A", skills=("gedrag",), **TUESDAY_9)]))
    assert cause.reason is IdleReason.SKILLS
    assert cause.faults == ("mist vaardigheid 'gedrag'",)


def test_different_rule_5_reasons_at_one_time_are_named_together():
    # At 9:00 A asks a skill Anna lacks and B a role she does not have: no single part of rule 5 is to blame.
    tasks = (Task("leesbegeleiding", ("leraarondersteuner",)),)
    requests = [request("A", skills=("gedrag",), **TUESDAY_9), request("B", task="leesbegeleiding", **TUESDAY_9)]
    cause = only_cause(school([anna()], requests, tasks=tasks))
    assert cause.reason is IdleReason.NOT_ELIGIBLE
    assert set(cause.faults) == {"mist vaardigheid 'gedrag'", "functie onderwijsassistent niet toegestaan"}


def test_fully_placed():
    # Bram already does A (once a week) at the very time Anna is free.
    data = school([anna(), helper("Bram", hours=0.75, **TUESDAY_9)], [request("A", **TUESDAY_9)])
    (idle,) = explain_idle_hours(data, plan(("A", ("Bram",), "di", 540, 585)))
    assert idle.helper == "Anna"
    (cause,) = idle.causes
    assert cause.reason is IdleReason.FULLY_PLACED
    assert cause.text == "0,75 uur op dinsdag: wat Anna dan mag doen, is al ingepland (aanvraag A)."


def test_a_request_with_a_session_that_day_is_placed_for_that_day():
    # A wants two sessions, on ma and di; Bram does Tuesday's. Anna (Tuesday only) cannot add a second one that day.
    data = school(
        [anna(), helper("Bram", hours=0.75, **TUESDAY_9)], [request("A", sessions_per_week=2, days=("ma", "di"))]
    )
    assert only_cause(data, plan(("A", ("Bram",), "di", 540, 585))).reason is IdleReason.FULLY_PLACED


def test_free_time_too_short_for_a_whole_session():
    # Anna (half an hour a week) is free 9:00–9:30 and A lasts 45 minutes.
    cause = only_cause(school([anna(end=570, hours=0.5)], [request("A", **TUESDAY_9)]))
    assert cause.reason is IdleReason.TOO_SHORT
    assert cause.minutes == 30
    assert cause.text == "0,5 uur op dinsdag: de vrije tijd is te kort voor een hele keer van aanvraag A."


def test_hours_left_fewer_than_a_session():
    # Anna has 1 hour a week, 45 minutes spent on B on Monday; the 15 left cannot hold A's 45 minutes.
    helpers = [helper("Anna", days=("ma", "di"), start=540, end=585, hours=1.0)]
    requests = [request("A", **TUESDAY_9), request("B", group="7", days=("ma",))]
    cause = only_cause(school(helpers, requests), plan(("B", ("Anna",), "ma", 540, 585)))
    assert cause.reason is IdleReason.HOURS_USED
    assert cause.request_ids == ("A",)


def test_daily_cap_spent():
    # Anna (1,5 hours a week, 45 minutes a day) does B at 8:30 on Tuesday, her only day; at 9:15 she is free,
    # but the daily cap leaves no room for A. So her 45 minutes left can never be planned either.
    helpers = [helper("Anna", days=("di",), start=510, end=600, hours=1.5, max_hours_per_day=0.75)]
    requests = [request("A", days=("di",), start=555, end=600), request("B", group="7", days=("di",), start=510)]
    (idle,) = explain_idle_hours(school(helpers, requests), plan(("B", ("Anna",), "di", 510, 555)))
    assert [(cause.reason, cause.minutes) for cause in idle.causes] == [
        (IdleReason.HOURS_USED, 45),
        (IdleReason.AVAILABILITY, 45),
    ]
    assert "nog maar 0 uur beschikbaar binnen de uren per dag" in idle.causes[1].text


def test_two_hands_without_a_second_helper():
    # A needs two hands at once; only Anna is there. With Bram there too, there is room.
    requests = [request("A", hands=2, **TUESDAY_9)]
    assert only_cause(school([anna()], requests)).reason is IdleReason.NO_OTHER_HANDS
    both = explain_idle_hours(school([anna(), helper("Bram", hours=0.75, **TUESDAY_9)], requests), plan())
    assert [idle.causes[0].reason for idle in both] == [IdleReason.ROOM_LEFT, IdleReason.ROOM_LEFT]


def test_room_left_when_the_plan_did_not_use_it():
    # Nothing stops Anna taking A: only the plan (too little time, or made by hand) left it out.
    cause = only_cause(school([anna()], [request("A", **TUESDAY_9)]))
    assert cause.reason is IdleReason.ROOM_LEFT
    assert cause.text.startswith(
        "0,75 uur op dinsdag: hier past nog een keer van aanvraag A; de planner had te weinig tijd."
    )


def test_availability_shorter_than_the_hours_left():
    # Anna has 10 hours a week but is available 45 minutes: 9,25 hours can never be planned, whatever is asked.
    (idle,) = explain_idle_hours(school([anna(hours=10.0)], [request("A", **TUESDAY_9)]), plan())
    assert [(cause.reason, cause.minutes) for cause in idle.causes] == [
        (IdleReason.AVAILABILITY, 555),
        (IdleReason.ROOM_LEFT, 45),
    ]
    assert idle.causes[0].text == (
        "9,25 uur: naast het rooster is Anna nog maar 0,75 uur beschikbaar; "
        "de beschikbaarheid, niet de aanvragen, is de grens."
    )
    assert idle.head == "10 uur over, 0,75 uur beschikbaar zonder ingeplande keer."


def test_the_request_closest_to_using_the_time_gives_the_reason():
    # At 9:00 B is for a skill Anna lacks, but A she may do and is placed already: "placed" is the closer reason.
    bram = helper("Bram", hours=0.75, **TUESDAY_9)
    requests = [request("A", **TUESDAY_9), request("B", group="7", skills=("gedrag",), **TUESDAY_9)]
    cause = only_cause(school([anna(), bram], requests), plan(("A", ("Bram",), "di", 540, 585)))
    assert cause.reason is IdleReason.FULLY_PLACED


def test_minutes_are_counted_per_reason_and_time():
    # Intern Anna (group 5) is free ma and di 8:30–10:15. Group 5 asks only on Tuesday 9:00–9:45, done by Bram;
    # group 7 asks every day 8:30–10:15 (not hers). So Tuesday 9:00–9:45 is "placed", the rest "placement group".
    intern = helper("Anna", ("ma", "di"), 510, 615, hours=3.5, role="stagiaire", placement_groups=("5",))
    bram = helper("Bram", hours=0.75, **TUESDAY_9)
    requests = [request("A", **TUESDAY_9), request("B", group="7", start=510, end=615, duration_min=105)]
    (idle,) = explain_idle_hours(school([intern, bram], requests), plan(("A", ("Bram",), "di", 540, 585)))
    assert [cause.text for cause in idle.causes] == [
        "2,75 uur op maandag en op dinsdag 8:30–9:00 en 9:45–10:15: geen aanvraag van groep 5 (stagegroep).",
        "0,75 uur op dinsdag 9:00–9:45: wat Anna dan mag doen, is al ingepland (aanvraag A).",
    ]
    assert idle.free_min == sum(cause.minutes for cause in idle.causes) == 210


def test_every_fault_of_the_ledger_has_a_place_in_the_order_of_questions():
    # A fault the ledger learns later must get a reason here, or explaining a plan would fail on it.
    from planner.diagnosis.idle_hours import _STAGE_OF_FAULT

    assert set(_STAGE_OF_FAULT) == set(Fault)


def test_every_helper_of_the_sample_school_with_hours_left_gets_a_sentence():
    school_data = services.read_school(SAMPLE)
    by_hand = plan_by_hand(school_data)
    planned = services.planned_minutes_per_helper(school_data, by_hand)
    with_hours_left = [h.name for h in school_data.helpers if h.weekly_cap_min > planned.get(h.name, 0)]
    explained = explain_idle_hours(school_data, by_hand)
    assert [idle.helper for idle in explained] == with_hours_left
    for idle in explained:
        assert idle.causes and all(cause.text.endswith(".") for cause in idle.causes)
        free_causes = [cause for cause in idle.causes if cause.reason is not IdleReason.AVAILABILITY]
        assert sum(cause.minutes for cause in free_causes) == idle.free_min
    intern = next(idle for idle in explained if idle.helper == "Marieke Kok")
    assert "geen aanvraag van groep 6b (stagegroep)" in intern.text  # no teacher of 6b asked for anything
