"""The capacity curve and the scenario comparison as long runs: one time limit for the whole job,
progress as it goes, and a stop check (the web app's analysis page runs them in the background).

``time_limit_s`` is the time for all points (or both scenarios) together, shared equally. A stop
keeps what is done: the curve's points computed so far, or the comparison with the best plan found
before the stop (its status says ``gestopt``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from planner.compare import Comparison, compare_plans
from planner.curve import CurvePoint, capacity_curve
from planner.model import School
from planner.solver import Progress, SolveOptions, solve
from planner.timegrid import format_hours

ProgressCallback = Callable[[Progress], None]
StopCheck = Callable[[], bool]
SCENARIO_LABELS = ("Huidige gegevens", "Scenario")


def run_curve(
    school: School,
    steps_h: Sequence[float],
    role: str = "onderwijsassistent",
    *,
    time_limit_s: float,
    workers: int = 2,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> list[CurvePoint]:
    """The capacity curve, point by point: progress before each point, the stop checked between points.

    Each point is solved on its own (``capacity_curve`` of that one step) with an equal share of the
    time, so it does not start from the plan of the point before.
    """
    steps = sorted(set(steps_h))
    started = time.monotonic()
    points: list[CurvePoint] = []
    for number, hours in enumerate(steps, start=1):
        if should_stop is not None and should_stop():
            break
        if progress is not None:
            label = f"Stap {number} van {len(steps)}: {format_hours(hours * 60)} uur extra"
            progress(Progress(time.monotonic() - started, f"stap-{number}", label, None, None))
        points += capacity_curve(school, (hours,), role, time_limit_s=time_limit_s / len(steps), workers=workers)
    return points


def run_comparison(
    a: School,
    b: School,
    *,
    time_limit_s: float,
    workers: int = 2,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> Comparison:
    """Two scenarios side by side (``planner.compare``), each solved in half the time, with the solver's
    progress (labelled per scenario) and stop check. Identical inputs are solved once."""
    options = SolveOptions(time_limit_s=time_limit_s / 2, workers=workers, seed=0)
    plans = []
    for school, label in zip((a, b), SCENARIO_LABELS, strict=True):
        if plans and school == a:
            plans.append(plans[0])
            continue
        plans.append(solve(school, options, progress=_labelled(progress, label), should_stop=should_stop))
    return compare_plans(a, plans[0], b, plans[1])


def _labelled(progress: ProgressCallback | None, scenario: str) -> ProgressCallback | None:
    if progress is None:
        return None
    return lambda step: progress(replace(step, level_label=f"{scenario}: {step.level_label}"))
