"""The capacity curve as a PNG picture (matplotlib, without a display)."""

from __future__ import annotations

from planner.model import Priority

PRIORITY_COLOURS = {Priority.HOOG: "#c0392b", Priority.MIDDEL: "#e67e22", Priority.LAAG: "#2e86c1"}


def write_curve_png(points, path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import PercentFormatter

    figure, axes = pyplot.subplots(figsize=(8, 4.5), dpi=100)
    try:
        hours = [point.extra_hours for point in points]
        for priority in Priority:
            shares = [point.share(priority) for point in points]
            axes.plot(hours, shares, marker="o", label=priority.label, color=PRIORITY_COLOURS[priority])
        axes.plot(hours, [p.total_share for p in points], marker="s", label="totaal", color="#333333", linestyle="--")
        axes.set_xlabel("extra uren ondersteuning per week")
        axes.set_ylabel("gehonoreerde aanvragen")
        axes.set_title("Wat levert een extra uur ondersteuning op?")
        axes.set_ylim(0, 1.05)
        axes.yaxis.set_major_formatter(PercentFormatter(1.0))
        axes.grid(True, alpha=0.3)
        axes.legend(loc="lower right")
        figure.tight_layout()
        figure.savefig(path)
    finally:
        pyplot.close(figure)
