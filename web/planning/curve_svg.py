"""The capacity curve as an inline SVG chart: coordinates here, the drawing in ``planning/_curve_chart.html``.

One line per priority that has requests and a dashed one for the total, honoured share (0–100 %)
against extra hours; the hours axis runs over every step asked, also when a stopped run computed only
some. A point whose levels were not proven optimal is drawn open, and its tooltip says so. The page
shows the same numbers in a table next to the chart, for screen readers and for reading exact values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.model import Priority
from planner.timegrid import format_hours
from web.templating import percent

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 620, 16, 272  # the plot area inside the picture
SHARE_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
TOTAL = "totaal"


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    proven: bool
    title: str  # tooltip: series, hours, share


@dataclass(frozen=True)
class ChartSeries:
    key: str  # a priority's label or "totaal"; also the CSS class of the line
    points: tuple[ChartPoint, ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class CurveChart:
    series: tuple[ChartSeries, ...]
    hour_ticks: tuple[Tick, ...]
    share_ticks: tuple[Tick, ...]
    has_unproven: bool
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM


def hours_text(hours: float) -> str:
    return f"+{format_hours(hours * 60)} uur"


def curve_chart(result: dict[str, Any], steps_h: list[float]) -> CurveChart | None:
    """The chart of a stored curve (``web.store.analysis_store``) of the steps asked; None without points."""
    points = result.get("points", [])
    if not points:
        return None
    most_hours = max(steps_h) or 1.0

    def x_of(hours: float) -> float:
        return LEFT + (RIGHT - LEFT) * hours / most_hours

    def y_of(share: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * share

    def series(key: str, share_of) -> ChartSeries:
        chart_points = []
        for point in points:
            proven = point["proven_optimal"]
            title = f"{key} bij {hours_text(point['extra_hours'])}: {percent(share_of(point))}"
            title += "" if proven else " (niet bewezen optimaal)"
            chart_points.append(ChartPoint(x_of(point["extra_hours"]), y_of(share_of(point)), proven, title))
        return ChartSeries(key, tuple(chart_points))

    labels = [priority.label for priority in Priority if result["requests"][priority.label]]
    lines = [series(label, lambda point, label=label: point["shares"][label]) for label in labels]
    lines.append(series(TOTAL, lambda point: point["total_share"]))
    return CurveChart(
        series=tuple(lines),
        hour_ticks=tuple(Tick(x_of(hours), format_hours(hours * 60)) for hours in steps_h),
        share_ticks=tuple(Tick(y_of(share), percent(share)) for share in SHARE_TICKS),
        has_unproven=not all(point["proven_optimal"] for point in points),
    )
