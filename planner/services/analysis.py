"""From desirable to feasible as jobs: the capacity curve and a comparison of two scenarios, each
within one time limit that includes writing the outcome (see ``planner.services.budget``).

Both take the job's start (``started_at``, a ``time.monotonic()`` value; None: now), a progress
callback and a stop check, like ``solve_school``: progress first reports the time split
(``TIME_SPLIT_KEY``), then the solver's progress per point or scenario, its time counted from the
job's start. A stop ends the solving; what was found so far is returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner import compare, curve
from planner.model import School
from planner.services.job import Job, ProgressCallback, StopCheck

# Writing the curve's or the comparison's workbook takes hundredths of a second; the chart (matplotlib,
# loaded on first use) about 0.6 s. The rest is room for a busy machine and the process ending.
ANALYSIS_WRITE_S = 1.5


def capacity_curve(
    school: School,
    steps_h: Sequence[float] = (0, 2, 4, 6, 8, 10),
    role: str = "onderwijsassistent",
    *,
    time_limit_s: float,
    workers: int = 2,
    started_at: float | None = None,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> list[curve.CurvePoint]:
    """The capacity curve (``planner.curve``) with ``time_limit_s`` for the whole job: all points,
    and writing the table and chart after it. After a stop, the points so far."""
    job = _begin(time_limit_s, started_at, progress)
    return curve.capacity_curve(
        school,
        steps_h,
        role,
        time_limit_s=job.split.solve_s,
        workers=workers,
        progress=job.solver_progress,
        should_stop=should_stop,
    )


def compare_schools(
    a: School,
    b: School,
    *,
    time_limit_s: float,
    workers: int = 2,
    started_at: float | None = None,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> compare.Comparison:
    """Two scenarios side by side (``planner.compare``) with ``time_limit_s`` for the whole job: both
    solves, and writing the comparison after it. After a stop, the best plans so far."""
    job = _begin(time_limit_s, started_at, progress)
    return compare.compare_schools(
        a,
        b,
        time_limit_s=job.split.solve_s,
        workers=workers,
        progress=job.solver_progress,
        should_stop=should_stop,
    )


def _begin(time_limit_s: float, started_at: float | None, progress: ProgressCallback | None) -> Job:
    return Job.begin(time_limit_s, started_at=started_at, write_s=ANALYSIS_WRITE_S, suggestions_s=0, progress=progress)
