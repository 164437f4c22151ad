"""The by-hand baseline: greedy by priority and sheet order, never breaking a hard rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.baseline import plan_by_hand
from planner.generate import generate_school
from planner.model import (
    AvailabilityBlock,
    Group,
    Helper,
    Pin,
    Plan,
    Priority,
    Request,
    School,
    SchoolDay,
    Settings,
    Teacher,
)
from tests.plan_checker import violations

NINE, TEN, ELEVEN = 9 * 60, 10 * 60, 11 * 60


def _school(helpers, requests, groups=None, pins=(), changeover=0) -> School:
    groups = groups or (Group("5"),)
    days = tuple(SchoolDay(day, 8 * 60 + 30, 14 * 60 + 30) for day in ("ma", "di", "wo", "do", "vr"))
    teacher = Teacher("Anouk", tuple(group.name for group in groups))
    settings = Settings(changeover_min=changeover)
    return School(days, groups, (teacher,), tuple(helpers), tuple(requests), (), tuple(pins), settings)


def _helper(name: str, days=("ma", "di", "wo", "do", "vr"), start=NINE, end=ELEVEN, hours=20.0, **extra) -> Helper:
    blocks = tuple(AvailabilityBlock(day, start, end) for day in days)
    return Helper(name, "onderwijsassistent", hours, blocks, **extra)


def _request(request_id: str, start=NINE, end=TEN, duration=60, times=1, **extra) -> Request:
    group = extra.pop("group", "5")
    return Request(request_id, "Anouk", group, "basisgroep overnemen", times, duration, start, end, **extra)


def _placed(plan: Plan) -> list[tuple[str, tuple[str, ...], str, int]]:
    return [(s.request_id, s.helpers, s.day, s.start) for s in plan.sessions]


def test_higher_priority_goes_first_even_when_it_is_lower_in_the_sheet() -> None:
    # One helper, Monday 9–10 only; both ask exactly that hour: only the 'hoog' one fits.
    helper = _helper("Bram", days=("ma",), end=TEN)
    school = _school([helper], [_request("laag", priority=Priority.LAAG), _request("hoog", priority=Priority.HOOG)])
    assert _placed(plan_by_hand(school)) == [("hoog", ("Bram",), "ma", NINE)]


def test_first_allowed_day_and_first_start_each_session_on_its_own_day() -> None:
    # A 9–11 window, twice a week, from Tuesday: the leader writes Tuesday and Wednesday at 9:00.
    school = _school([_helper("Bram")], [_request("A1", end=ELEVEN, times=2, days=("di", "wo", "do"))])
    assert _placed(plan_by_hand(school)) == [("A1", ("Bram",), "di", NINE), ("A1", ("Bram",), "wo", NINE)]


def test_a_busy_helper_is_skipped_for_the_next_in_sheet_order() -> None:
    # Bram (first in the sheet) takes A1 on Monday 9:00; A2 at the same fixed time gets Carla.
    school = _school([_helper("Bram"), _helper("Carla")], [_request("A1"), _request("A2")])
    assert _placed(plan_by_hand(school)) == [("A1", ("Bram",), "ma", NINE), ("A2", ("Carla",), "ma", NINE)]


def test_weekly_and_daily_caps_are_kept() -> None:
    # 1 hour a week: only one of the three 60-minute sessions fits.
    weekly = _school([_helper("Bram", hours=1.0)], [_request("A1", times=3)])
    assert len(plan_by_hand(weekly).sessions) == 1
    # 1 hour a day: two 60-minute requests on Monday only; the second one does not fit any more.
    monday_requests = [_request("A1", days=("ma",)), _request("A2", start=TEN, end=ELEVEN, days=("ma",))]
    daily = _school([_helper("Bram", max_hours_per_day=1.0)], monday_requests)
    assert _placed(plan_by_hand(daily)) == [("A1", ("Bram",), "ma", NINE)]


def test_two_hands_need_two_free_helpers_or_nothing() -> None:
    # With one helper a two-hands session cannot be complete, so it is not placed at all (rule 6).
    assert plan_by_hand(_school([_helper("Bram")], [_request("A1", hands=2)])).sessions == ()
    both = _school([_helper("Bram"), _helper("Carla"), _helper("Daan")], [_request("A1", hands=2)])
    assert _placed(plan_by_hand(both)) == [("A1", ("Bram", "Carla"), "ma", NINE)]


def test_changeover_between_locations_is_kept() -> None:
    # Bram is at Noord 9–10 on Monday; Zuid asks 45 minutes in 10:00–11:00: with 15 minutes to
    # change over the first possible start is 10:15.
    groups = (Group("5", "Noord"), Group("6", "Zuid"))
    requests = [
        _request("A1", days=("ma",)),
        _request("A2", start=TEN, end=ELEVEN, duration=45, days=("ma",), group="6"),
    ]
    school = _school([_helper("Bram")], requests, groups=groups, changeover=15)
    assert _placed(plan_by_hand(school)) == [("A1", ("Bram",), "ma", NINE), ("A2", ("Bram",), "ma", TEN + 15)]


def test_pins_are_placed_first_and_kept() -> None:
    # The leader pinned A1 on Thursday 10:00 with Carla; the second session goes on the first day, Monday.
    request = _request("A1", end=ELEVEN, times=2)
    school = _school([_helper("Bram"), _helper("Carla")], [request], pins=[Pin("A1", "Carla", "do", TEN)])
    plan = plan_by_hand(school)
    assert _placed(plan) == [("A1", ("Bram",), "ma", NINE), ("A1", ("Carla",), "do", TEN)]
    assert plan.sessions[1].pinned_helpers == ("Carla",)


def test_greedy_never_moves_what_it_placed_so_it_can_miss_the_optimum() -> None:
    # Bram is there Monday 9–11 only. A1 (flexible, 9–11) is placed at 9:00 first, so A2 (fixed
    # 9–10) no longer fits, although A1 at 10:00 would have made room for both. A solver does that.
    helper = _helper("Bram", days=("ma",))
    school = _school([helper], [_request("A1", end=ELEVEN), _request("A2")])
    assert _placed(plan_by_hand(school)) == [("A1", ("Bram",), "ma", NINE)]


@pytest.mark.parametrize(("size", "seed"), [("small", 0), ("small", 1), ("typical", 0), ("typical", 1), ("large", 0)])
def test_no_hard_rule_is_broken_on_generated_schools(size: str, seed: int) -> None:
    school = generate_school(size, seed=seed)
    plan = plan_by_hand(school)
    assert plan.sessions
    assert violations(school, plan) == []


def test_pins_from_an_earlier_plan_are_kept_on_a_generated_school() -> None:
    # Pin the sessions of the lowest-priority requests of an earlier plan: they are placed first
    # now, so they push others away, but every hard rule (rule 7 included) still holds.
    school = generate_school("typical", seed=2)
    earlier = plan_by_hand(school)
    low = {r.request_id for r in school.requests if r.priority == Priority.LAAG}
    pins = tuple(Pin(s.request_id, s.helpers[0], s.day, s.start) for s in earlier.sessions if s.request_id in low)
    assert pins
    pinned_school = replace(school, pins=pins)
    assert violations(pinned_school, plan_by_hand(pinned_school)) == []
