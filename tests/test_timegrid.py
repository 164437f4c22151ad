"""Day and time conventions of the planning workbook (excel-format.md, 'Value conventions')."""

import datetime as dt
import itertools
import random
from dataclasses import dataclass

import pytest

from planner.timegrid import (
    assign_lanes,
    format_hours,
    format_time,
    intervals_overlap,
    merge_intervals,
    parse_day,
    parse_day_list,
    parse_time,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ma", "ma"),
        ("Di", "di"),
        (" woensdag ", "wo"),
        ("DONDERDAG", "do"),
        ("fri", "vr"),
        ("Saturday", "za"),
        ("zo", "zo"),
    ],
)
def test_parse_day_accepts_dutch_and_english_names(text, expected):
    assert parse_day(text) == expected


@pytest.mark.parametrize("text", ["", "maa", "weekend", "8"])
def test_parse_day_rejects_other_text_in_dutch(text):
    with pytest.raises(ValueError, match="verwacht een dag"):
        parse_day(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        (None, ()),
        ("ma, wo", ("ma", "wo")),
        ("wo;ma", ("ma", "wo")),
        ("di do", ("di", "do")),
        ("ma-vr", ("ma", "di", "wo", "do", "vr")),
        ("ma - wo", ("ma", "di", "wo")),
        ("ma t/m do", ("ma", "di", "wo", "do")),
        ("dinsdag en donderdag", ("di", "do")),
        ("ma-di, vr", ("ma", "di", "vr")),
    ],
)
def test_parse_day_list_forms(text, expected):
    assert parse_day_list(text) == expected


def test_parse_day_list_rejects_backward_range():
    with pytest.raises(ValueError, match="van vroeg naar laat"):
        parse_day_list("vr-ma")


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("8:30", 510),
        ("08:30", 510),
        ("8.30", 510),
        ("0830", 510),
        ("13:05", 785),
        ("9", 540),
        (dt.time(8, 30), 510),
        (dt.datetime(2026, 1, 5, 14, 15), 855),
        (510 / 1440, 510),  # an Excel time read as a fraction of a day
        (8.3, 510),  # "8.30" typed in a cell becomes the number 8.3
    ],
)
def test_parse_time_forms(value, minutes):
    assert parse_time(value) == minutes


@pytest.mark.parametrize("value", ["25:00", "8:75", "half negen", "", True])
def test_parse_time_rejects_non_times(value):
    with pytest.raises(ValueError, match="verwacht een tijd"):
        parse_time(value)


def test_format_time_and_hours_are_dutch():
    assert format_time(540) == "9:00"
    assert format_time(605) == "10:05"
    assert format_hours(90) == "1,5"
    assert format_hours(120) == "2"


def test_touching_and_overlapping_blocks_merge():
    assert merge_intervals([(600, 660), (510, 600), (700, 720), (710, 730)]) == [(510, 660), (700, 730)]


@dataclass(frozen=True)
class Span:
    name: str
    start: int
    end: int


def test_overlapping_spans_go_side_by_side_and_touching_ones_share_a_lane():
    # B overlaps A, so it needs a second lane; C starts when A ends (touching is no overlap), so A's lane is free.
    a, b, c = Span("A", 540, 600), Span("B", 570, 630), Span("C", 600, 660)
    assert assign_lanes([c, b, a]) == [[a, c], [b]]


def test_of_two_spans_that_start_together_the_longer_takes_the_first_lane():
    short, long = Span("kort", 540, 570), Span("lang", 540, 660)
    assert assign_lanes([short, long]) == [[long], [short]]


def test_no_spans_need_no_lanes():
    assert assign_lanes([]) == []


def test_lanes_never_overlap_and_are_as_few_as_the_deepest_overlap():
    # The fewest lanes possible is the most spans running at one moment; that moment is some span's start.
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for index in range(rng.randint(1, 8)):
            start = rng.randrange(480, 900, 15)
            spans.append(Span(str(index), start, start + rng.choice((15, 30, 45, 60, 90))))
        lanes = assign_lanes(spans)
        assert sorted(span.name for lane in lanes for span in lane) == sorted(span.name for span in spans)
        for lane in lanes:
            for first, second in itertools.combinations(lane, 2):
                assert not intervals_overlap(first.start, first.end, second.start, second.end)
        deepest = max(sum(s.start <= span.start < s.end for s in spans) for span in spans)
        assert len(lanes) == deepest
