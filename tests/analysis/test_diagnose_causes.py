"""Each cause on the tiniest instance where it is the truth, with hand-made plans (no solver)."""

from __future__ import annotations

from dataclasses import replace

from planner.diagnosis import Cause, diagnose
from planner.model import Task
from tests.analysis.builders import helper, plan, request, school


def only(diagnoses):
    assert len(diagnoses) == 1
    return diagnoses[0]


def test_fully_placed_request_gets_no_diagnosis():
    data = school([helper("Anna")], [request("A", days=("di",))])
    assert diagnose(data, plan(("A", ("Anna",), "di", 540, 585))) == []


def test_no_eligible_helper_names_each_helper_and_why():
    # Anna lacks the skill, Bram is an intern the task forbids: nobody may do it.
    data = school(
        [helper("Anna"), helper("Bram", role="stagiaire")],
        [request("A", skills=("gedrag",), task="basisgroep overnemen")],
        tasks=(Task("basisgroep overnemen", ("onderwijsassistent",)),),
    )
    result = only(diagnose(data, plan()))
    assert result.cause is Cause.NO_ELIGIBLE_HELPER
    assert result.reason.startswith("Niet ingepland: geen enkele ondersteuner")
    assert "mist vaardigheid 'gedrag' (Anna en Bram)" in result.reason
    assert "functie stagiaire niet toegestaan (Bram)" in result.reason
    problems = {fact.helper: fact.problems for fact in result.facts.helpers}
    assert problems["Anna"] == ("mist vaardigheid 'gedrag'",)
    assert result.facts.eligible_helpers == ()


def test_two_hands_with_one_eligible_helper_is_no_eligible_helper():
    # Two hands at once, but only Anna may do it (Bram is a volunteer, not allowed by the request).
    data = school(
        [helper("Anna"), helper("Bram", role="vrijwilliger")],
        [request("A", hands=2, roles=("onderwijsassistent",))],
    )
    result = only(diagnose(data, plan()))
    assert result.cause is Cause.NO_ELIGIBLE_HELPER
    assert "2 handen tegelijk nodig, maar alleen Anna mag dit doen" in result.reason


def test_nobody_available_says_when_they_are_available():
    # Anna is only there on Monday; the request is Tuesday-only.
    data = school([helper("Anna", days=("ma",), start=510, end=720)], [request("A", days=("di",))])
    result = only(diagnose(data, plan()))
    assert result.cause is Cause.NOBODY_AVAILABLE
    assert "Anna kan dit, maar is op dinsdag tussen 9:00 en 9:45" not in result.reason  # fixed time reads "van … tot"
    assert "Anna kan dit, maar is op dinsdag van 9:00 tot 9:45 niet beschikbaar" in result.reason
    assert "Wel beschikbaar: Anna ma 8:30–12:00" in result.reason


def test_available_only_for_part_of_the_session_is_not_available():
    # Anna is there on Tuesday from 9:15, the session needs 9:00–9:45 whole.
    data = school([helper("Anna", days=("di",), start=555, end=720)], [request("A", days=("di",))])
    assert only(diagnose(data, plan())).cause is Cause.NOBODY_AVAILABLE


def test_two_hands_never_together_is_nobody_available():
    # Anna only Monday, Bram only Tuesday: never two at once.
    data = school([helper("Anna", days=("ma",)), helper("Bram", days=("di",))], [request("A", hands=2)])
    result = only(diagnose(data, plan()))
    assert result.cause is Cause.NOBODY_AVAILABLE
    assert "nooit 2 van hen tegelijk beschikbaar" in result.reason


def test_hours_used_up_names_whose_hours_and_how_much():
    # Anna has 1 hour a week, already spent on request B; A needs her 45 minutes more.
    data = school(
        [helper("Anna", hours=1.0)],
        [request("A", days=("di",)), request("B", group="7", days=("ma",), start=540, end=600, duration_min=60)],
    )
    result = only(diagnose(data, plan(("B", ("Anna",), "ma", 540, 600))))
    assert result.request_id == "A"
    assert result.cause is Cause.HOURS_USED_UP
    assert "Anna heeft al 1 uur van 1 uur per week ingepland" in result.reason


def test_daily_cap_spent_is_hours_used_up():
    # Anna may work 1 hour a day; on Tuesday that hour goes to B.
    data = school(
        [helper("Anna", max_hours_per_day=1.0)],
        [request("A", days=("di",)), request("B", group="7", days=("di",), start=600, end=660, duration_min=60)],
    )
    result = only(diagnose(data, plan(("B", ("Anna",), "di", 600, 660))))
    assert result.cause is Cause.HOURS_USED_UP
    assert "Anna heeft op dinsdag al 1 uur van 1 uur per dag ingepland" in result.reason


def test_taken_by_others_names_the_blocking_request_and_priority():
    # Anna is the only helper; at di 9:00–9:45 she is with group 7 (hoog).
    from planner.model import Priority

    data = school(
        [helper("Anna"), helper("Fatima", days=("ma",))],
        [request("A", days=("di",)), request("B", group="7", days=("di",), priority=Priority.HOOG)],
    )
    result = only(diagnose(data, plan(("B", ("Anna",), "di", 540, 585))))
    assert result.cause is Cause.TAKEN_BY_OTHERS
    assert result.reason == (
        "Niet ingepland: op dinsdag van 9:00 tot 9:45 is Anna al ingezet bij groep 7 (hoog, aanvraag B); "
        "Fatima is dan niet beschikbaar."
    )
    assert [(b.request_id, b.priority, b.helpers) for b in result.facts.blocking] == [("B", "hoog", ("Anna",))]


def test_changeover_to_another_location_counts_as_taken():
    # Anna is at Noord 8:30–9:00 for B; A at Zuid starts 9:00 and the changeover is 15 minutes.
    from planner.model import Group, Settings

    base = school(
        [helper("Anna")],
        [request("A", days=("di",)), request("B", group="7", days=("di",), start=510, end=540, duration_min=30)],
    )
    data = replace(base, groups=(Group("5", "Zuid"), Group("7", "Noord")), settings=Settings(changeover_min=15))
    result = only(diagnose(data, plan(("B", ("Anna",), "di", 510, 540))))
    assert result.cause is Cause.TAKEN_BY_OTHERS
    assert result.facts.blocking[0].request_id == "B"
    # Without the changeover the same plan leaves room, so the changeover is what blocks.
    assert (
        "lijkt nog plek"
        in only(diagnose(replace(data, settings=Settings()), plan(("B", ("Anna",), "di", 510, 540)))).reason
    )


def test_partly_placed_says_how_many_of_how_many():
    # Three sessions asked on ma/di/wo; Anna is only there on ma and di.
    data = school([helper("Anna", days=("ma", "di"))], [request("A", days=("ma", "di", "wo"), sessions_per_week=3)])
    placed = plan(("A", ("Anna",), "ma", 540, 585), ("A", ("Anna",), "di", 540, 585))
    result = only(diagnose(data, placed))
    assert result.reason.startswith("Deels ingepland (2 van 3 keer): ")
    assert result.cause is Cause.NOBODY_AVAILABLE
    assert result.facts.days == ("wo",)


def test_the_nth_best_day_decides_the_cause():
    # Two sessions missing: on di Anna is taken by B, on do nobody is there. Even if B moved, the
    # second session could not be placed, so the binding cause is "nobody available".
    data = school(
        [helper("Anna", days=("ma", "di"))],
        [request("A", days=("di", "do"), sessions_per_week=2), request("B", group="7", days=("di",))],
    )
    result = only(diagnose(data, plan(("B", ("Anna",), "di", 540, 585))))
    assert result.cause is Cause.NOBODY_AVAILABLE
    assert result.reason.endswith(" Op dinsdag is iedereen die het kan al ingezet.")


def test_room_left_in_a_plan_is_said_and_flagged():
    # An empty plan for a school where Anna is free: nothing blocks A, the planner just did not place it.
    data = school([helper("Anna")], [request("A", days=("di",))])
    result = only(diagnose(data, plan()))
    assert result.facts.room_left
    assert "op dinsdag om 9:00 lijkt nog plek te zijn (Anna)" in result.reason


def test_two_hands_with_one_taken_is_taken_by_others():
    # A needs 2 hands at di 9:00; Anna is free but Bram is with B (hoog) then.
    from planner.model import Priority

    data = school(
        [helper("Anna"), helper("Bram")],
        [request("A", days=("di",), hands=2), request("B", group="7", days=("di",), priority=Priority.HOOG)],
    )
    result = only(diagnose(data, plan(("B", ("Bram",), "di", 540, 585))))
    assert result.cause is Cause.TAKEN_BY_OTHERS
    assert "is Bram al ingezet bij groep 7 (hoog, aanvraag B)" in result.reason
    assert result.reason.endswith("(er zijn 2 handen tegelijk nodig).")
