"""The capacity curve's chart coordinates, from stored curve results (no app needed)."""

from __future__ import annotations

from web.planning.curve_svg import BOTTOM, LEFT, RIGHT, TOP, curve_chart


def stored_point(hours: float, hoog: float, laag: float, proven: bool = True) -> dict:
    return {
        "extra_hours": hours,
        "shares": {"hoog": hoog, "middel": 1.0, "laag": laag},
        "total_share": (hoog + laag) / 2,
        "extra_used_min": 0,
        "proven_optimal": proven,
        "carried_over": False,
    }


RESULT = {
    "points": [stored_point(0, 1.0, 0.0), stored_point(2, 1.0, 0.5, proven=False)],
    "requests": {"hoog": 1, "middel": 0, "laag": 2},
    "notes": [],
}


def test_shares_run_from_the_bottom_to_the_top_and_hours_over_every_step_asked():
    # Steps 0, 2 and 4 were asked; a stopped run computed two. The axis still ends at 4 hours, so
    # 2 hours sit halfway; laag's 50 % sits halfway up.
    chart = curve_chart(RESULT, [0, 2, 4])
    laag = next(line for line in chart.series if line.key == "laag")
    assert [(point.x, point.y) for point in laag.points] == [(LEFT, BOTTOM), ((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2)]
    assert [tick.label for tick in chart.hour_ticks] == ["0", "2", "4"]
    assert [tick.label for tick in chart.share_ticks] == ["0 %", "25 %", "50 %", "75 %", "100 %"]


def test_unproven_points_are_marked_and_priorities_without_requests_have_no_line():
    chart = curve_chart(RESULT, [0, 2])
    assert [line.key for line in chart.series] == ["hoog", "laag", "totaal"]
    laag = chart.series[1]
    assert [point.proven for point in laag.points] == [True, False] and chart.has_unproven
    assert laag.points[1].title == "laag bij +2 uur: 50 % (niet bewezen optimaal)"


def test_no_chart_without_points():
    assert curve_chart({}, [0, 2]) is None
