"""The time limit is the whole job: how it is split up front, and the deadline every phase keeps.

Behaviour only; the wall times themselves are measured by ``scripts/benchmark_wall_time.py``.
"""

from __future__ import annotations

import time

import pytest

from planner.deadline import Deadline
from planner.services.budget import (
    MAX_SUGGESTION_S,
    WRITE_BASE_S,
    WRITE_PER_REQUEST_S,
    TimeSplit,
    seconds_text,
    split_time,
    write_reserve_s,
)
from tests.result.tiny import tiny_school


def test_the_reserve_comes_first_then_a_tenth_for_suggestions_and_the_rest_for_solving():
    # 30 s left, 3 s to write: 27 s remain; a tenth of that (2,7 s) checks suggestions, 24,3 s solve.
    split = split_time(30.0, write_s=3.0)
    assert split == TimeSplit(solve_s=pytest.approx(24.3), suggestions_s=pytest.approx(2.7), write_s=3.0)


def test_suggestions_get_at_most_a_minute():
    # 1000 s left, 2 s to write: a tenth of 998 s would be 99,8 s; a minute is the most.
    split = split_time(1000.0, write_s=2.0)
    assert split.suggestions_s == MAX_SUGGESTION_S and split.solve_s == pytest.approx(998.0 - MAX_SUGGESTION_S)


def test_a_requested_share_for_suggestions_is_kept_but_never_more_than_half():
    assert split_time(20.0, write_s=2.0, suggestions_s=4.0).suggestions_s == 4.0
    assert split_time(20.0, write_s=2.0, suggestions_s=0.0) == TimeSplit(18.0, 0.0, 2.0)
    # 18 s after the reserve: asking 15 s for suggestions gets half, 9 s, so solving keeps 9 s.
    assert split_time(20.0, write_s=2.0, suggestions_s=15.0) == TimeSplit(9.0, 9.0, 2.0)


def test_with_less_time_left_than_the_reserve_nothing_is_solved_but_the_reserve_stays():
    # The result is still written (the solver's greedy plan), so the reserve is not cut.
    assert split_time(1.0, write_s=2.5) == TimeSplit(0.0, 0.0, 2.5)
    assert split_time(-4.0, write_s=2.5) == TimeSplit(0.0, 0.0, 2.5)


def test_phase_deadlines_count_back_from_the_end_so_unused_time_flows_on():
    # Solving must end 6 + 3 s before the job's end; suggestions 3 s before it, however early
    # solving finished.
    end = Deadline(1000.0)
    split = TimeSplit(solve_s=21.0, suggestions_s=6.0, write_s=3.0)
    assert split.solve_deadline(end) == Deadline(991.0)
    assert split.suggestions_deadline(end) == Deadline(997.0)


def test_the_split_reads_as_dutch_with_decimal_commas():
    assert TimeSplit(21.4, 5.6, 3.0).text() == "Tijdsverdeling: 21 s rekenen, 5,6 s suggesties, 3 s wegschrijven"
    # Without suggestions (a curve, a comparison) they are not mentioned.
    assert TimeSplit(8.5, 0.0, 1.5).text() == "Tijdsverdeling: 8,5 s rekenen, 1,5 s wegschrijven"
    assert [seconds_text(s) for s in (0.0, 0.44, 2.46, 9.96, 10.4)] == ["0 s", "0,4 s", "2,5 s", "10 s", "10 s"]


def test_the_write_reserve_grows_with_the_requests():
    # The tiny school has 4 requests.
    assert write_reserve_s(tiny_school()) == pytest.approx(WRITE_BASE_S + 4 * WRITE_PER_REQUEST_S)


def test_a_deadline_counts_from_its_start_and_never_has_negative_time_left():
    started = time.monotonic()
    deadline = Deadline.after(10.0, started)
    assert deadline.at == started + 10.0 and not deadline.passed()
    past = Deadline.after(5.0, started - 60.0)
    assert past.passed() and past.left_s() == 0.0 and past.share_s(3) == 0.0
    assert 0 < Deadline.after(9.0).share_s(3) <= 3.0
