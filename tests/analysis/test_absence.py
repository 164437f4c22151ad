"""A day's absence: the absent helper's day is planned anew, the rest of the week stays.

Every instance is the smallest that shows one point; the comment says why the expected
answer is right. Every week plan with the new day is re-checked by the independent
checker (``tests/plan_checker.py``) against the school, so no hard rule breaks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from planner.absence import AbsenceError, check_absence_date, plan_absence
from planner.model import DaysOff, Pin, Plan, Priority, School, Session, Settings
from planner.solver import solve
from tests.plan_checker import assert_plan_valid
from tests.solver.factory import FAST, at, helper, request, school

NINE, NINE_45 = at(9), at(9, 45)


def week_with_new_day(week: Plan, day: str, day_plan: tuple[Session, ...]) -> Plan:
    return Plan(tuple(s for s in week.sessions if s.day != day) + day_plan)


def without_pins_of(school_: School, absent: str) -> School:
    return replace(school_, pins=tuple(p for p in school_.pins if p.helper != absent))


def test_a_free_colleague_takes_over_at_the_same_time():
    # Anna is absent on Monday; Bert is free then, eligible and has hours left: he takes
    # the session at its planned time (the preferred-time level keeps 9:00).
    school_ = school((helper("Anna"), helper("Bert", hours=1)), (request("R1", NINE, NINE_45),))
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45),))
    absence = plan_absence(school_, week, "Anna", "ma")
    [change] = absence.changes
    assert change.now == Session("R1", ("Bert",), "ma", NINE, NINE_45)
    assert change.new_helpers == ("Bert",) and not change.moved
    assert absence.lapsed == () and absence.proven_optimal
    assert_plan_valid(school_, week_with_new_day(week, "ma", absence.day_plan))


def test_the_session_moves_inside_its_window_when_the_colleague_is_busy_at_its_time():
    # R1 may be anywhere in 9:00–11:30; Bert has R2 at 9:00–9:45, so R1 goes with him to 9:45,
    # the free start nearest its planned 9:00 (not any later one). R2 stays as planned.
    school_ = school(
        (helper("Anna"), helper("Bert")),
        (request("R1", NINE, at(11, 30), duration=45), request("R2", NINE, NINE_45)),
    )
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45), Session("R2", ("Bert",), "ma", NINE, NINE_45)))
    absence = plan_absence(school_, week, "Anna", "ma")
    [change] = absence.changes
    assert change.now == Session("R1", ("Bert",), "ma", NINE_45, at(10, 30))
    assert change.moved
    assert_plan_valid(school_, week_with_new_day(week, "ma", absence.day_plan))


def test_a_colleague_whose_week_is_full_cannot_take_over_and_the_teacher_is_listed():
    # Bert's weekly cap is 45 minutes and he already works 45 minutes on Tuesday: taking
    # R1 on Monday would break rule 4 for that week, so R1 lapses and its teacher loses help.
    school_ = school(
        (helper("Anna", days=("ma", "di")), helper("Bert", hours=0.75, days=("ma", "di"))),
        (request("R1", NINE, NINE_45, teacher="Fenna"), request("R2", NINE, NINE_45, teacher="Gijs")),
        days=("ma", "di"),
    )
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45), Session("R2", ("Bert",), "di", NINE, NINE_45)))
    absence = plan_absence(school_, week, "Anna", "ma")
    assert [c.planned.request_id for c in absence.lapsed] == ["R1"]
    assert absence.teachers_losing_help(school_) == ("Fenna",)


def test_a_high_priority_session_takes_the_place_of_a_low_one():
    # Anna's R1 (hoog) and Bert's R2 (laag) are both at 9:00 and Bert can do one: the day is
    # planned by priority, so Bert takes R1 and R2 lapses; R2's teacher is the one who loses help.
    school_ = school(
        (helper("Anna"), helper("Bert")),
        (
            request("R1", NINE, NINE_45, priority=Priority.HOOG, teacher="Fenna"),
            request("R2", NINE, NINE_45, priority=Priority.LAAG, teacher="Gijs"),
        ),
    )
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45), Session("R2", ("Bert",), "ma", NINE, NINE_45)))
    absence = plan_absence(school_, week, "Anna", "ma")
    assert [c.now.helpers for c in absence.taken_over] == [("Bert",)]
    assert [c.planned.request_id for c in absence.lapsed] == ["R2"]
    assert absence.teachers_losing_help(school_) == ("Gijs",)


def test_with_two_hands_the_other_hand_stays_and_one_colleague_joins():
    # R1 needs two hands; Anna is absent, Cas stays at 9:00 and Bert, free, joins him. Only
    # Bert is new in the session, and nothing else changes.
    school_ = school(
        (helper("Anna"), helper("Bert"), helper("Cas")),
        (request("R1", NINE, at(10, 30), duration=45, hands=2),),
    )
    week = Plan((Session("R1", ("Anna", "Cas"), "ma", NINE, NINE_45),))
    absence = plan_absence(school_, week, "Anna", "ma")
    [change] = absence.changes
    assert change.now is not None and change.now.start == NINE
    assert set(change.now.helpers) == {"Bert", "Cas"} and change.new_helpers == ("Bert",)


def test_the_leaders_pins_of_that_day_stay():
    # Bert is pinned on R2 at 9:00. R1 (hoog) of the absent Anna would need him then, but a
    # pin is kept exactly (rule 7): R1 lapses and R2 stays with Bert.
    school_ = school(
        (helper("Anna"), helper("Bert")),
        (request("R1", NINE, NINE_45, priority=Priority.HOOG), request("R2", NINE, NINE_45, priority=Priority.LAAG)),
        pins=(Pin("R2", "Bert", "ma", NINE),),
    )
    week = Plan((Session("R1", ("Anna",), "ma", NINE, NINE_45), Session("R2", ("Bert",), "ma", NINE, NINE_45)))
    absence = plan_absence(school_, week, "Anna", "ma")
    assert [c.planned.request_id for c in absence.lapsed] == ["R1"]
    assert Session("R2", ("Bert",), "ma", NINE, NINE_45, pinned_helpers=("Bert",)) in absence.day_plan


def test_the_other_days_are_not_touched_and_nothing_changes_without_sessions_that_day():
    school_ = school((helper("Anna", days=("ma", "di")),), (request("R1", NINE, NINE_45),), days=("ma", "di"))
    week = Plan((Session("R1", ("Anna",), "di", NINE, NINE_45),))
    absence = plan_absence(school_, week, "Anna", "ma")
    assert absence.changes == () and absence.day_plan == ()


def test_every_week_with_a_new_day_keeps_the_hard_rules_on_a_generated_school():
    from planner.generate import generate_school

    school_ = generate_school("small", seed=2)
    week = solve(school_, replace(FAST, time_limit_s=5, last_level="help_minutes"))
    busiest = max(school_.helpers, key=lambda h: len(week.sessions_of_helper(h.name)))
    for day in school_.school_day_codes:
        absence = plan_absence(school_, week, busiest.name, day, time_limit_s=5)
        new_week = week_with_new_day(week, day, absence.day_plan)
        assert_plan_valid(without_pins_of(school_, busiest.name), new_week)
        assert all(busiest.name not in s.helpers for s in absence.day_plan)
        planned_that_day = [s for s in week.sessions if s.day == day and busiest.name in s.helpers]
        assert absence.absent_sessions == len(planned_that_day)


def test_an_unknown_helper_or_a_plan_that_no_longer_fits_gets_a_dutch_message():
    school_ = school((helper("Anna"),), (request("R1", NINE, NINE_45),))
    with pytest.raises(AbsenceError, match="Onbekende ondersteuner 'Piet'"):
        plan_absence(school_, Plan(()), "Piet", "ma")
    stale = Plan((Session("R1", ("Anna",), "ma", NINE, at(10)),))  # R1 now lasts 45 minutes, not 60
    with pytest.raises(AbsenceError, match="Bereken eerst een nieuw rooster"):
        plan_absence(school_, stale, "Anna", "ma")


def test_the_date_must_be_a_school_day_inside_the_period():
    school_ = replace(
        school((helper("Anna"),), (request("R1", NINE, NINE_45),), days=("ma", "di")),
        settings=Settings(period_start=dt.date(2026, 11, 30), period_end=dt.date(2027, 1, 29)),
    )
    assert check_absence_date(school_, dt.date(2026, 12, 8)) == "di"
    with pytest.raises(AbsenceError, match="Op woensdag is er volgens de schooltijden geen school"):
        check_absence_date(school_, dt.date(2026, 12, 9))
    with pytest.raises(AbsenceError, match="Op zaterdag is er volgens de schooltijden geen school"):
        check_absence_date(school_, dt.date(2026, 12, 5))
    with pytest.raises(AbsenceError, match="valt buiten de planperiode \\(maandag 30 november 2026 t/m"):
        check_absence_date(school_, dt.date(2027, 2, 1))


def test_a_holiday_or_study_day_is_no_date_for_an_absence():
    # Tuesday 22 December is a school day by the hours, but the Christmas holiday has no school
    school_ = replace(
        school((helper("Anna"),), (request("R1", NINE, NINE_45),), days=("ma", "di")),
        days_off=(DaysOff(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "kerstvakantie"),),
    )
    with pytest.raises(AbsenceError, match="is een vrije dag \\(kerstvakantie\\)"):
        check_absence_date(school_, dt.date(2026, 12, 22))
    assert check_absence_date(school_, dt.date(2027, 1, 5)) == "di"


def test_the_changes_read_in_time_order_whatever_the_plans_order():
    # The week plan lists Anna's 10:30 session before her 9:00 one; the day's changes (and so the
    # page's tables and the notices) read from the morning on: 9:00 first.
    school_ = school(
        (helper("Anna"), helper("Bert")),
        (request("R1", at(10, 30), at(11, 15)), request("R2", NINE, NINE_45)),
    )
    week = Plan((Session("R1", ("Anna",), "ma", at(10, 30), at(11, 15)), Session("R2", ("Anna",), "ma", NINE, NINE_45)))
    absence = plan_absence(school_, week, "Anna", "ma")
    assert [change.planned.start for change in absence.changes] == [NINE, at(10, 30)]
