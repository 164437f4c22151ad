"""Ways to fit that keep the plan: one test per kind of change on the tiniest instance where it is the
cheapest way, with hand-made plans (no solver). Each applied way is re-checked by the independent plan
checker: the unchanged plan plus the way's sessions keeps every hard rule in the changed school."""

from __future__ import annotations

from planner.deadline import Deadline
from planner.diagnosis import ChangeKind, add_verified_suggestions, add_ways_to_fit, diagnose
from planner.diagnosis.plan_changes import WayToFit, verify
from planner.diagnosis.slots import PlanIndex
from planner.model import Plan, Priority, Session
from tests.analysis.builders import helper, plan, request, school
from tests.plan_checker import violations


def way_for(data, current) -> WayToFit | None:
    [diagnosis] = add_ways_to_fit(data, current, diagnose(data, current))
    way = diagnosis.way_to_fit
    if way is not None:
        assert diagnosis.suggestion == way.text
        after = Plan(current.sessions + way.sessions)
        assert violations(way.applied_to(data), after) == []
    return way


def test_room_left_in_the_plan_is_a_pin_at_no_cost():
    # The hand-made plan leaves Anna free on Tuesday at 9:00: A fits there as the plan is; pinning it is enough.
    data = school([helper("Anna", days=("di",))], [request("A", days=("di",))])
    way = way_for(data, plan())
    assert way.kind is ChangeKind.ROOM_LEFT and way.extra_minutes == 0 and way.agreements == ()
    assert way.sessions == (Session("A", ("Anna",), "di", 540, 585),)
    assert way.text == (
        "Er is nog plek zonder wijziging: dinsdag 9:00–9:45 met Anna. Zet die keer vast en plan opnieuw; "
        "kost geen extra uren."
    )
    assert [(pin.request_id, pin.helper, pin.day, pin.start) for pin in way.applied_to(data).pins] == [
        ("A", "Anna", "di", 540)
    ]


# In the helper tests below, B (hoog) holds Anna on Tuesday 12:45–13:45, right before A's fixed time at the end of
# the school day, 13:45–14:30: no window within an hour of A's time is free, so only a helper's change can help.
LATE = dict(days=("di",), start=825, end=870)
HOLDS_ANNA = ("B", ("Anna",), "di", 765, 825)


def late_b():
    return request("B", group="7", days=("di",), start=765, end=825, duration_min=60, priority=Priority.HOOG)


def test_a_helper_staying_longer_that_day():
    # Anna, the only helper, leaves at 14:15; staying a quarter of an hour longer lets A in.
    data = school([helper("Anna", days=("di",), end=855)], [request("A", **LATE), late_b()])
    way = way_for(data, plan(HOLDS_ANNA))
    assert way.kind is ChangeKind.LONGER_AVAILABLE
    assert (way.helper, way.day, way.from_to, way.extra_minutes) == ("Anna", "di", (855, 870), 15)
    assert [agreement.text for agreement in way.agreements] == ["Anna: dinsdag tot 14:30 blijven"]
    assert way.text == (
        "Als Anna op dinsdag tot 14:30 blijft, past dit: dinsdag 13:45–14:30 met Anna. "
        "Kost 0,25 uur per week extra; akkoord nodig van Anna (dinsdag tot 14:30 blijven)."
    )


def test_a_helper_coming_on_a_day_she_does_not_work_yet():
    # A may only come on Wednesday 9:00–9:45; Anna works only on Monday, where B holds her at that time (so
    # allowing Monday is no help). Coming on Wednesday for that session costs its 45 minutes.
    data = school(
        [helper("Anna", days=("ma",))],
        [request("A", days=("wo",)), request("B", group="7", days=("ma",), priority=Priority.HOOG)],
    )
    way = way_for(data, plan(("B", ("Anna",), "ma", 540, 585)))
    assert way.kind is ChangeKind.LONGER_AVAILABLE and way.extra_minutes == 45
    assert way.agreements[0].text == "Anna: woensdag van 9:00 tot 9:45 komen"


def test_more_weekly_hours_for_a_helper_whose_hours_are_spent():
    # Anna has 1 hour a week and B uses 45 minutes of it; A needs 45 more: 30 minutes over the cap,
    # so half an hour a week more.
    data = school(
        [helper("Anna", hours=1.0)],
        [request("A", days=("do",)), request("B", group="7", days=("di",), priority=Priority.HOOG)],
    )
    way = way_for(data, plan(("B", ("Anna",), "di", 540, 585)))
    assert way.kind is ChangeKind.MORE_HOURS
    assert (way.helper_change.extra_week_min, way.extra_minutes) == (30, 30)
    assert way.text.startswith("Als Anna 0,5 uur per week meer krijgt, past dit: donderdag 9:00–9:45 met Anna.")


def test_more_daily_hours_when_only_the_daily_cap_is_spent():
    # Anna works only on Tuesday (A's only day), 1 hour at most, and B holds 45 minutes of it. Her week has
    # room, so only the daily cap grows: by 30 minutes.
    data = school(
        [helper("Anna", days=("di",), max_hours_per_day=1.0)],
        [request("A", days=("di",), start=600, end=645), request("B", group="7", days=("di",))],
    )
    way = way_for(data, plan(("B", ("Anna",), "di", 540, 585)))
    assert way.kind is ChangeKind.MORE_HOURS
    assert (way.helper_change.extra_week_min, way.helper_change.extra_day_min) == (0, 30)
    assert way.agreements[0].text == "Anna: 0,5 uur per dag meer"


def test_a_fixed_time_moved_to_where_the_helper_is_free():
    # B (hoog) holds Anna on Tuesday 9:00–9:45, when A is fixed too. Anna is free at 9:45: moving A there costs
    # no helper-minutes. Staying longer is no help (Anna is there all day), so the teacher's change wins.
    data = school(
        [helper("Anna", days=("di",))],
        [request("A", days=("di",)), request("B", group="7", days=("di",), priority=Priority.HOOG)],
    )
    way = way_for(data, plan(("B", ("Anna",), "di", 540, 585)))
    assert way.kind is ChangeKind.WINDOW and way.request_change.window == (585, 630)
    assert [agreement.text for agreement in way.agreements] == ["leerkracht juf 5: tijd 9:45–10:30"]
    assert way.text == (
        "Als de tijd 9:45–10:30 wordt, past dit: dinsdag 9:45–10:30 met Anna. Kost geen extra uren; "
        "akkoord nodig van leerkracht juf 5 (tijd 9:45–10:30)."
    )


def test_a_window_is_widened_when_moving_it_would_lose_a_planned_session():
    # A asks twice, Monday and Tuesday, 9:00–9:45; Monday is planned at 9:00. On Tuesday B holds Anna then.
    # Moving the window to 9:45 would put Monday's session outside it; widening to 9:00–10:30 keeps it.
    data = school(
        [helper("Anna", days=("ma", "di"))],
        [
            request("A", days=("ma", "di"), sessions_per_week=2),
            request("B", group="7", days=("di",), priority=Priority.HOOG),
        ],
    )
    way = way_for(data, plan(("A", ("Anna",), "ma", 540, 585), ("B", ("Anna",), "di", 540, 585)))
    assert way.kind is ChangeKind.WINDOW and way.request_change.window == (540, 630)
    assert "het venster 9:00–10:30" in way.text


def test_another_day_where_a_helper_is_free():
    # A may only come on Tuesday, where B holds Anna all of A's window; on Thursday Anna is free.
    data = school(
        [helper("Anna", days=("di", "do"), start=540, end=585)],
        [request("A", days=("di",)), request("B", group="7", days=("di",), priority=Priority.HOOG)],
    )
    way = way_for(data, plan(("B", ("Anna",), "di", 540, 585)))
    assert way.kind is ChangeKind.OTHER_DAY and way.request_change.extra_day == "do"
    assert way.text.startswith("Als ook donderdag mag, past dit: donderdag 9:00–9:45 met Anna.")


def test_another_role_only_the_request_forbids():
    # Only Bram, an intern, is there; A allows only onderwijsassistenten.
    data = school([helper("Bram", role="stagiaire")], [request("A", roles=("onderwijsassistent",))])
    way = way_for(data, plan())
    assert way.kind is ChangeKind.OTHER_ROLE and way.request_change.extra_role == "stagiaire"
    assert way.agreements[0].text == "leerkracht juf 5: ook een stagiaire"


def test_two_hands_one_free_and_one_staying_longer():
    # A needs two hands: Anna is there (B holds her just before), Bram leaves at 14:15. Bram staying until
    # 14:30 gives the second hand.
    data = school(
        [helper("Anna", days=("di",)), helper("Bram", days=("di",), end=855)],
        [request("A", hands=2, **LATE), late_b()],
    )
    way = way_for(data, plan(HOLDS_ANNA))
    assert way.kind is ChangeKind.LONGER_AVAILABLE and way.helper == "Bram"
    assert way.sessions[0].helpers == ("Anna", "Bram")


def test_a_cheaper_helper_change_wins_over_a_dearer_one():
    # Anna would have to stay 15 minutes longer, Bram (there on Tuesday morning) to come 45 minutes in the
    # afternoon: Anna's is offered.
    data = school(
        [helper("Anna", days=("di",), end=855), helper("Bram", days=("di",), end=570)],
        [request("A", **LATE), late_b()],
    )
    assert way_for(data, plan(HOLDS_ANNA)).helper == "Anna"


def test_a_change_for_more_hours_is_sized_to_every_session_it_lets_in():
    # A asks twice (Tuesday, Thursday) and Anna's 45 minutes a week are spent on B: 1,5 hours more lets both in,
    # as much per session as 45 minutes for one, so the way that fits A whole is offered.
    data = school(
        [helper("Anna", hours=0.75)],
        [
            request("A", days=("di", "do"), sessions_per_week=2),
            request("B", group="7", days=("ma",), priority=Priority.HOOG),
        ],
    )
    way = way_for(data, plan(("B", ("Anna",), "ma", 540, 585)))
    assert way.kind is ChangeKind.MORE_HOURS and way.sessions_gained == 2
    assert way.helper_change.extra_week_min == 90


def test_no_way_when_nobody_has_the_skill():
    # Nobody has 'gedrag': no helper's hours, time, day or role can help.
    data = school([helper("Anna")], [request("A", skills=("gedrag",))])
    assert way_for(data, plan()) is None


def test_no_way_when_the_plan_itself_breaks_a_rule():
    # A stored plan after the school changed: Anna now leaves at 9:30, so B's session breaks rule 3. No way can
    # keep such a plan.
    data = school(
        [helper("Anna", days=("di",), end=570)],
        [request("A", days=("di",)), request("B", group="7", days=("di",))],
    )
    assert way_for(data, plan(("B", ("Anna",), "di", 540, 585))) is None


def test_verify_names_what_breaks():
    # A hand-made way that puts A on Anna while B holds her: the ledger names the overlap (rule 3).
    data = school([helper("Anna")], [request("A"), request("B", group="7")])
    current = plan(("B", ("Anna",), "di", 540, 585))
    way = WayToFit("A", ChangeKind.ROOM_LEFT, (Session("A", ("Anna",), "di", 540, 585),))
    [breach] = verify(PlanIndex(data, current), way)
    assert breach.rule.number == 3 and breach.other.request_id == "B"


def test_re_solve_suggestions_are_sought_only_for_requests_without_a_way_to_fit():
    # B (hoog) holds Anna on Tuesday 9:00–9:45, when A is fixed too. A re-solve would verify "Schuif naar
    # 9:45–10:30"; but A has a way that keeps the plan already (the same move, priced), and keeps it.
    data = school(
        [helper("Anna", days=("di",))],
        [request("A", days=("di",)), request("B", group="7", days=("di",), priority=Priority.HOOG)],
    )
    current = plan(("B", ("Anna",), "di", 540, 585))
    with_ways = add_ways_to_fit(data, current, diagnose(data, current))
    assert with_ways[0].suggestion.startswith("Als de tijd 9:45–10:30 wordt")
    assert add_verified_suggestions(data, current, with_ways, deadline=Deadline.after(5), workers=1) == with_ways
    # Without the way, the re-solve finds its own suggestion: the skip above is what kept the way.
    [resolved] = add_verified_suggestions(data, current, diagnose(data, current), deadline=Deadline.after(5), workers=1)
    assert resolved.suggestion.startswith("Schuif naar 9:45–10:30")
    # A stop before the re-solve leaves it without one: nothing is checked after a stop.
    [stopped] = add_verified_suggestions(
        data, current, diagnose(data, current), deadline=Deadline.after(5), workers=1, should_stop=lambda: True
    )
    assert stopped.suggestion is None
