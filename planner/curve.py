"""The capacity curve: what extra weekly hours of one flexible helper would buy.

For each step of extra hours a helper "Extra ondersteuner" is added with that weekly cap, of the
chosen role, available during all school hours, with every skill any request asks for, working at
every location and in every group (so the curve shows what *hours* buy, not what a particular
person could do). Step 0 is the plain school without that helper, so it equals the plain solve.

The solves run one after another, each with the previous plan as a hint (that plan stays valid
with more hours). Each point is solved up to level ``laag``. ``time_limit_s`` is for the whole curve:
each point gets an even share of what is left, so time a point does not use goes to the next ones.
``should_stop`` ends the point being solved (it is kept with the best plan found, not proven) and
no further point starts. The curve is monotone: a point whose
honoured levels come out lexicographically worse than the previous point's (possible only when a
solve times out) keeps the previous plan, which is valid with more hours too, and is marked
``carried_over``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from planner.deadline import Deadline
from planner.figures import PriorityFigures, figures_per_priority, total_honoured_share
from planner.model import AvailabilityBlock, Helper, Plan, Priority, School, name_key
from planner.solver import Progress, SolveOptions, progress_led_by, solve
from planner.timegrid import format_hours

EXTRA_HELPER = "Extra ondersteuner"


@dataclass(frozen=True)
class CurvePoint:
    extra_hours: float
    figures: tuple[PriorityFigures, ...]  # per priority, hoog first
    total_share: float
    extra_used_min: int  # minutes the extra helper is planned
    proven_optimal: bool  # all honoured levels proven for this point's plan
    carried_over: bool  # the previous point's plan was kept (its solve came out worse)
    time_s: float
    plan: Plan

    def share(self, priority: Priority) -> float:
        return next(row.honoured_share for row in self.figures if row.priority == priority)


def extra_helper_name(school: School) -> str:
    name, number = EXTRA_HELPER, 1
    while school.helper(name) is not None:
        number += 1
        name = f"{EXTRA_HELPER} {number}"
    return name


def with_extra_helper(school: School, hours: float, role: str = "onderwijsassistent") -> School:
    """The school plus a flexible helper with ``hours`` weekly hours (see the module text)."""
    if hours <= 0:
        return school
    skills = sorted({skill for request in school.requests for skill in request.skills}, key=name_key)
    blocks = tuple(AvailabilityBlock(day.day, day.start, day.end) for day in school.school_days)
    extra = Helper(
        name=extra_helper_name(school),
        role=role,
        hours_per_week=hours,
        availability=blocks,
        skills=tuple(dict.fromkeys(skills)),
    )
    return replace(school, helpers=(*school.helpers, extra))


def capacity_curve(
    school: School,
    steps_h: Sequence[float] = (0, 2, 4, 6, 8, 10),
    role: str = "onderwijsassistent",
    *,
    time_limit_s: float,
    workers: int,
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[CurvePoint]:
    """Honoured share per priority for each step of extra hours; monotone, step 0 = the plain solve.

    ``time_limit_s`` is for all points together (see the module text). ``progress`` gets each
    point's solver progress, its label led by the point (``Stap 2 van 6 (+2 uur): …``) and its time
    counted from the start of the curve. After ``should_stop()`` says yes the points so far are
    returned, the one being solved with the best plan found."""
    curve_started = time.monotonic()
    end = Deadline.after(time_limit_s, curve_started)
    steps = sorted(set(steps_h))
    points: list[CurvePoint] = []
    previous: Plan | None = None
    for number, hours in enumerate(steps, start=1):
        if should_stop is not None and should_stop():
            break
        started = time.monotonic()
        scenario = with_extra_helper(school, hours, role)
        hint = previous.sessions if previous is not None else ()
        share_s = end.share_s(len(steps) - number + 1)
        options = SolveOptions(
            time_limit_s=share_s, workers=workers, seed=0, last_level="laag", hint=hint, deadline=end
        )
        step_label = f"Stap {number} van {len(steps)} (+{format_hours(hours * 60)} uur)"
        step_progress = progress_led_by(step_label, curve_started, progress)
        plan = solve(scenario, options, progress=step_progress, should_stop=should_stop)
        carried = previous is not None and _honoured_key(school, plan) < _honoured_key(school, previous)
        if carried:
            plan = previous
        points.append(_point(school, scenario, hours, plan, carried, time.monotonic() - started))
        previous = plan
    return points


def _honoured_key(school: School, plan: Plan) -> tuple[float, ...]:
    """Honoured value per priority, hoog first: compared lexicographically (rounded against float noise)."""
    return tuple(round(row.honoured, 6) for row in figures_per_priority(school, plan))


def _point(school: School, scenario: School, hours: float, plan: Plan, carried: bool, took: float) -> CurvePoint:
    extra = extra_helper_name(school)
    used = sum(s.duration_min for s in plan.sessions if name_key(extra) in {name_key(h) for h in s.helpers})
    levels = {level.key: level for level in plan.levels}
    proven = all(p.label in levels and levels[p.label].proven_optimal for p in Priority)
    return CurvePoint(
        extra_hours=float(hours),
        figures=tuple(figures_per_priority(school, plan)),
        total_share=total_honoured_share(school, plan),
        extra_used_min=used if hours > 0 else 0,
        proven_optimal=proven and not carried,
        carried_over=carried,
        time_s=took,
        plan=plan,
    )
