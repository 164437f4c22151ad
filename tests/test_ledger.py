"""The feasibility ledger, one hard rule at a time: the smallest instance, a booking it allows and one it refuses.

Each comment says why the answer is the only right one. Agreement with the CP-SAT rules on random
schools is tested in ``tests/solver/test_ledger_agrees.py``.
"""

from __future__ import annotations

from planner import hard_rules
from planner.ledger import Fault, Ledger, plan_breaches, usable_pins
from planner.model import AvailabilityBlock, Group, Pin, Session
from tests.solver.factory import at, helper, request, school


def faults(ledger: Ledger, helper_record, request_record, day: str, start: int) -> list[Fault]:
    return [breach.fault for breach in ledger.breaches(helper_record, request_record, day, start)]


def session(request_id: str, helpers: tuple[str, ...], day: str, start: int, end: int) -> Session:
    return Session(request_id, helpers, day, start, end)


def test_every_fault_belongs_to_one_of_rules_1_to_6_and_each_of_those_rules_has_one():
    assert {fault.rule for fault in Fault} == set(hard_rules.RULES[:6])


def test_rule1_inside_the_window_on_an_allowed_day():
    # A is fixed at 9:00–10:00 on Monday, the only school day: 9:00 on Monday is the one session it allows.
    anna, a = helper("Anna"), request("A", at(9), at(10))
    ledger = Ledger(school((anna,), (a,)))
    assert ledger.may_take(anna, a, "ma", at(9))
    assert faults(ledger, anna, a, "ma", at(9, 15)) == [Fault.START_OUTSIDE_WINDOW]
    # Tuesday is no school day, so not an allowed day (and Anna works Mondays only).
    assert faults(ledger, anna, a, "di", at(9))[0] == Fault.DAY_NOT_ALLOWED


def test_rule1_inside_school_hours():
    # The window runs to 13:00 and so does Anna, but school ends at 12:00: a 60-minute session may
    # start at 11:00, not at 11:30.
    anna = helper("Anna", availability=(AvailabilityBlock("ma", at(8), at(13)),))
    a = request("A", at(11), at(13), 60)
    ledger = Ledger(school((anna,), (a,), step=30))
    assert ledger.may_take(anna, a, "ma", at(11))
    assert faults(ledger, anna, a, "ma", at(11, 30)) == [Fault.START_OUTSIDE_WINDOW]


def test_rule2_one_session_of_a_request_a_day():
    # A wants two 30-minute sessions a week on Monday and Tuesday; Monday 9:00 is booked.
    anna = helper("Anna", days=("ma", "di"))
    a = request("A", at(9), at(11), 30, sessions_per_week=2)
    ledger = Ledger(school((anna,), (a,), ("ma", "di")), [session("A", ("Anna",), "ma", at(9), at(9, 30))])
    (breach,) = ledger.breaches(anna, a, "ma", at(10))
    assert breach.fault == Fault.DAY_TAKEN and breach.other.start == at(9)
    assert breach.rule.key == "sessions_on_different_days"
    assert ledger.may_take(anna, a, "di", at(10))


def test_rule2_no_more_sessions_than_keer_per_week():
    # Once a week, and Monday is booked: Tuesday would be a second session.
    anna = helper("Anna", days=("ma", "di"))
    a = request("A", at(9), at(10), 30)
    instance = school((anna,), (a,), ("ma", "di"))
    assert Ledger(instance).may_take(anna, a, "di", at(9))
    ledger = Ledger(instance, [session("A", ("Anna",), "ma", at(9), at(9, 30))])
    assert faults(ledger, anna, a, "di", at(9)) == [Fault.SESSIONS_PER_WEEK_REACHED]


def test_rule3_only_inside_availability():
    # Anna is there 9:00–10:00; touching blocks are one block, so 9:00–9:30 + 9:30–10:00 also holds 9:00–10:00.
    blocks = (AvailabilityBlock("ma", at(9), at(9, 30)), AvailabilityBlock("ma", at(9, 30), at(10)))
    anna = helper("Anna", availability=blocks)
    a, b = request("A", at(9), at(10)), request("B", at(10), at(10, 30))
    ledger = Ledger(school((anna,), (a, b)))
    assert ledger.may_take(anna, a, "ma", at(9))
    assert faults(ledger, anna, b, "ma", at(10)) == [Fault.UNAVAILABLE]


def test_rule3_one_thing_at_a_time():
    # Anna does A 9:00–10:00; B at 9:30 would overlap it, B at 10:00 just touches it (same location).
    anna = helper("Anna")
    a, b = request("A", at(9), at(10)), request("B", at(9), at(11), 60)
    ledger = Ledger(school((anna,), (a, b), step=30), [session("A", ("Anna",), "ma", at(9), at(10))])
    (breach,) = ledger.breaches(anna, b, "ma", at(9, 30))
    assert breach.fault == Fault.OVERLAP and breach.rule.key == "helper_one_thing_at_a_time"
    assert ledger.conflicts(anna, b, "ma", at(9, 30)) == [breach.other]
    assert ledger.may_take(anna, b, "ma", at(10))


def test_rule3_changeover_between_different_locations_only():
    # A is at Noord 9:00–9:45; with 15 minutes changeover B at Zuid may start at 10:00, not at 9:45.
    # C is at the main location (no location): that differs from Noord too. D is at Noord itself.
    groups = (Group("5", "Noord"), Group("6", "Zuid"), Group("7"), Group("8", "noord "))
    anna = helper("Anna")
    requests = (
        request("A", at(9), at(9, 45)),
        request("B", at(9, 45), at(11), 45, group="6"),
        request("C", at(9, 45), at(10, 30), group="7"),
        request("D", at(9, 45), at(10, 30), group="8"),
    )
    instance = school((anna,), requests, changeover=15, groups=groups)
    ledger = Ledger(instance, [session("A", ("Anna",), "ma", at(9), at(9, 45))])
    _a, b, c, d = requests
    assert faults(ledger, anna, b, "ma", at(9, 45)) == [Fault.CHANGEOVER_TOO_SHORT]
    assert ledger.may_take(anna, b, "ma", at(10))
    assert faults(ledger, anna, c, "ma", at(9, 45)) == [Fault.CHANGEOVER_TOO_SHORT]
    assert ledger.may_take(anna, d, "ma", at(9, 45))  # "noord " is Noord: location names match by name_key
    (breach,) = ledger.breaches(anna, b, "ma", at(9, 45))
    assert breach.text == (
        "9:45 laat 0 minuten tussen locatie Noord (ma 9:00–9:45) en locatie Zuid; "
        "de wisseltijd is 15 minuten; breekt regel 3: een ondersteuner werkt alleen binnen de eigen "
        "beschikbaarheid en aan één ding tegelijk"
    )


def test_rule4_weekly_cap():
    # Anna has one hour a week and does 45 minutes: 15 more fit, 30 more do not.
    anna = helper("Anna", hours=1.0)
    a, b, c = request("A", at(9), at(9, 45)), request("B", at(10), at(10, 15)), request("C", at(10), at(10, 30))
    ledger = Ledger(school((anna,), (a, b, c)), [session("A", ("Anna",), "ma", at(9), at(9, 45))])
    assert ledger.may_take(anna, b, "ma", at(10))
    assert faults(ledger, anna, c, "ma", at(10)) == [Fault.WEEKLY_CAP]
    assert ledger.week_minutes(anna) == 45


def test_rule4_daily_cap():
    # One hour a day, 45 minutes on Monday: 30 more minutes pass the cap on Monday, not on Tuesday.
    anna = helper("Anna", max_hours_per_day=1.0, days=("ma", "di"))
    a, b = request("A", at(9), at(9, 45)), request("B", at(10), at(10, 30))
    ledger = Ledger(school((anna,), (a, b), ("ma", "di")), [session("A", ("Anna",), "ma", at(9), at(9, 45))])
    assert faults(ledger, anna, b, "ma", at(10)) == [Fault.DAILY_CAP]
    assert not ledger.has_hours_left(anna, "ma", 30) and ledger.has_hours_left(anna, "di", 30)
    assert ledger.may_take(anna, b, "di", at(10))


def test_rule5_eligible_helpers_only():
    # A needs the skill 'rekenen': Bas has it, Anna does not.
    anna, bas = helper("Anna"), helper("Bas", skills=("rekenen",))
    a = request("A", at(9), at(10), skills=("rekenen",))
    ledger = Ledger(school((anna, bas), (a,)))
    assert ledger.may_take(bas, a, "ma", at(9))
    (breach,) = ledger.breaches(anna, a, "ma", at(9))
    assert breach.fault == Fault.NOT_ELIGIBLE and breach.what == "mag aanvraag A niet doen (mist vaardigheid 'rekenen')"


def test_rule6_exactly_handen_different_helpers():
    # A needs two hands. Anna alone is not a session; Anna and Bas are; a third helper is one too many.
    anna, bas, carla = helper("Anna"), helper("Bas"), helper("Carla")
    a = request("A", at(9), at(10), hands=2)
    ledger = Ledger(school((anna, bas, carla), (a,)))
    assert [b.fault for b in ledger.session_breaches(a, (anna,), "ma", at(9))] == [Fault.HANDS_MISSING]
    assert ledger.session_breaches(a, (anna, bas), "ma", at(9)) == []
    assert [b.fault for b in ledger.session_breaches(a, (anna, anna), "ma", at(9))] == [
        Fault.ALREADY_A_HAND,
        Fault.HANDS_MISSING,
    ]
    ledger.add(session("A", ("Anna",), "ma", at(9), at(10)))
    assert ledger.may_take(bas, a, "ma", at(9))  # joins Anna: one hand still missing
    assert faults(ledger, anna, a, "ma", at(9)) == [Fault.ALREADY_A_HAND]
    ledger.add(session("A", ("Bas",), "ma", at(9), at(10)))
    assert faults(ledger, carla, a, "ma", at(9)) == [Fault.HANDS_COMPLETE]


def test_remove_gives_the_time_and_the_minutes_back():
    # After removing Anna's only session, the same booking is allowed again and she has no minutes.
    anna = helper("Anna", hours=1.0)
    a = request("A", at(9), at(10))
    booked = session("A", ("Anna",), "ma", at(9), at(10))
    ledger = Ledger(school((anna,), (a,)), [booked])
    assert not ledger.may_take(anna, request("B", at(9), at(10)), "ma", at(9))
    ledger.remove(booked)
    assert ledger.week_minutes(anna) == 0 and ledger.may_take(anna, a, "ma", at(9))


def test_plan_breaches_checks_each_session_against_the_ones_before():
    # Two sessions of Anna at the same time: the second one breaks rule 3; each alone is fine.
    anna = helper("Anna")
    requests = (request("A", at(9), at(10)), request("B", at(9), at(10)))
    instance = school((anna,), requests)
    first, second = session("A", ("Anna",), "ma", at(9), at(10)), session("B", ("Anna",), "ma", at(9), at(10))
    assert plan_breaches(instance, [first]) == []
    assert [b.fault for b in plan_breaches(instance, [first, second])] == [Fault.OVERLAP]


def test_usable_pins_keep_only_pins_that_fit_on_their_own():
    # Bas is not there on Tuesday, and R1 only starts at 9:00; names are written as the school writes them.
    instance = school((helper("Anna"), helper("Bas")), (request("R1", at(9), at(10)),), ("ma", "di"))
    pins = (Pin("r1", "anna", "ma", at(9)), Pin("R1", "Bas", "di", at(9)), Pin("R1", "Anna", "ma", at(9, 15)))
    assert usable_pins(instance, pins) == (Pin("R1", "Anna", "ma", at(9)),)
