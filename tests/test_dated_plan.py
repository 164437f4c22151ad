"""The week plan on the calendar: school dates minus days off, and passed-on absences applied."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.absence import DayChange
from planner.dated_plan import DatedSession, dated_sessions, school_dates
from planner.model import DaysOff, Plan, Session
from tests.solver.factory import at, helper, request, school

MONDAY = dt.date(2026, 12, 7)
NEXT_MONDAY = dt.date(2026, 12, 14)
R1 = Session("R1", ("Anna",), "ma", at(9), at(9, 45))
R2 = Session("R2", ("Anna",), "di", at(9), at(9, 45))


def two_day_school(days_off=()):
    requests = (request("R1", at(9), at(9, 45)), request("R2", at(9), at(9, 45), days=("di",)))
    return replace(school((helper("Anna", days=("ma", "di")),), requests, days=("ma", "di")), days_off=days_off)


def test_school_dates_are_the_school_days_without_the_days_off():
    # ma and di are school days; wo–zo are not, and the study day on Tuesday 8 December has no school
    study_day = DaysOff(dt.date(2026, 12, 8), dt.date(2026, 12, 8), "studiedag")
    dates = school_dates(two_day_school((study_day,)), MONDAY, NEXT_MONDAY)
    assert dates == (MONDAY, NEXT_MONDAY)


def test_every_session_repeats_on_its_weekday_and_skips_the_holiday():
    holiday = DaysOff(dt.date(2026, 12, 14), dt.date(2026, 12, 18), "kerstvakantie")
    dated = dated_sessions(two_day_school((holiday,)), Plan((R1, R2)), MONDAY, dt.date(2026, 12, 15))
    # one week before the holiday: R1 on Monday, R2 on Tuesday; nothing in the holiday week
    assert dated == (DatedSession(MONDAY, R1), DatedSession(dt.date(2026, 12, 8), R2))


def test_a_passed_on_absence_changes_only_its_own_date():
    # Bert takes R1 over on 7 December; the next Monday Anna does it again. R2 lapses on the 8th.
    taken_over = replace(R1, helpers=("Bert",))
    changes = {MONDAY: [DayChange(R1, taken_over)], dt.date(2026, 12, 8): [DayChange(R2, None)]}
    dated = dated_sessions(two_day_school(), Plan((R1, R2)), MONDAY, NEXT_MONDAY, changes)
    assert dated == (DatedSession(MONDAY, taken_over, changed=True), DatedSession(NEXT_MONDAY, R1))
