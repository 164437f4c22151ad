"""The sentences that explain a dip on the capacity curve, on hand-made points (no solver needed)."""

from __future__ import annotations

from planner.curve import CurvePoint
from planner.curve_notes import curve_dips, percent_pair
from planner.figures import figures_per_priority, total_honoured_share
from planner.model import Plan, Priority
from tests.analysis.builders import helper, plan, request, school

# Two hoog requests and two laag ones, all one 45-minute session on Monday at 9:00 in their own group.
FOUR = school(
    [helper("Anna"), helper("Bas")],
    [
        request("H1", group="3", priority=Priority.HOOG),
        request("H2", group="4", priority=Priority.HOOG),
        request("L1", group="5", priority=Priority.LAAG),
        request("L2", group="6", priority=Priority.LAAG),
    ],
)


def point(hours: float, placed: Plan, proven: bool = True) -> CurvePoint:
    return CurvePoint(
        extra_hours=hours,
        figures=tuple(figures_per_priority(FOUR, placed)),
        total_share=total_honoured_share(FOUR, placed),
        extra_used_min=0,
        proven_optimal=proven,
        carried_over=False,
        time_s=0.0,
        plan=placed,
    )


def monday(*request_ids: str) -> Plan:
    return plan(*((rid, (f"helper {rid}",), "ma", 540, 585) for rid in request_ids))


def test_a_lower_priority_that_dips_because_a_higher_one_gains_gets_a_sentence():
    # At +2 h both laag requests are placed and one hoog; at +4 h both hoog, one laag:
    # laag falls from 100 % to 50 % because one more hoog request (H2) gets its session.
    points = [point(2, monday("H1", "L1", "L2")), point(4, monday("H1", "H2", "L1"))]
    (dip,) = curve_dips(FOUR, points)
    assert dip.priority == Priority.LAAG and dip.extra_hours == 4
    assert dip.text == "Bij +4 uur daalt laag van 100 % naar 50 %: de extra uren gaan naar hoog (+1 aanvraag)."


def test_no_sentence_where_nothing_dips():
    # More hours place more: every share stays or rises.
    points = [point(0, monday("H1")), point(2, monday("H1", "H2")), point(4, monday("H1", "H2", "L1"))]
    assert curve_dips(FOUR, points) == ()


def test_points_are_read_in_order_of_hours():
    # The same dip as above, with the points given the other way round.
    points = [point(4, monday("H1", "H2", "L1")), point(2, monday("H1", "L1", "L2"))]
    assert [dip.extra_hours for dip in curve_dips(FOUR, points)] == [4]


def test_gains_count_requests_of_the_higher_priority_that_get_more_sessions():
    # Both hoog requests gain while both laag ones drop out.
    points = [point(0, monday("L1", "L2")), point(6.5, monday("H1", "H2"))]
    (dip,) = curve_dips(FOUR, points)
    assert dip.text == "Bij +6,5 uur daalt laag van 100 % naar 0 %: de extra uren gaan naar hoog (+2 aanvragen)."


def test_a_dip_without_a_higher_gain_says_the_step_is_not_proven():
    # laag loses L2 and nobody gains: only a solve that timed out can do that.
    points = [point(0, monday("H1", "L1", "L2")), point(2, monday("H1", "L1"), proven=False)]
    (dip,) = curve_dips(FOUR, points)
    assert dip.gains == ()
    assert dip.text.startswith("Bij +2 uur daalt laag van 100 % naar 50 %: deze stap is niet bewezen optimaal")


def test_several_priorities_that_gain_are_all_named():
    three = school(
        [helper("Anna")],
        [
            request("H", group="3", priority=Priority.HOOG),
            request("M", group="4", priority=Priority.MIDDEL),
            request("L", group="5", priority=Priority.LAAG),
        ],
    )

    def three_point(hours: float, placed: Plan) -> CurvePoint:
        figures = tuple(figures_per_priority(three, placed))
        return CurvePoint(hours, figures, total_honoured_share(three, placed), 0, True, False, 0.0, placed)

    (dip,) = curve_dips(three, [three_point(0, monday("L")), three_point(2, monday("H", "M"))])
    assert dip.text.endswith("de extra uren gaan naar hoog (+1 aanvraag) en middel (+1 aanvraag).")


def test_percentages_that_would_read_the_same_get_a_decimal():
    assert percent_pair(0.40, 0.35) == ("40 %", "35 %")
    # 40,4 % and 39,6 % both round to 40 %: a whole number would hide the dip.
    assert percent_pair(0.404, 0.396) == ("40,4 %", "39,6 %")
