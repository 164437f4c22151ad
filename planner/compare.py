"""Two scenarios side by side: honoured share per priority, hours per helper, requests that change.

Both schools are solved with the same options. Identical inputs are solved once, so comparing a
workbook with itself shows no change even when the solver could pick between equal plans.
``time_limit_s`` is for the whole comparison: the first solve gets half of it, the second what is
left. After a stop the scenario being solved keeps its best plan so far, and a scenario not yet
started gets the solver's quick first plan (status ``gestopt``).
Requests and helpers are matched by name (case-insensitive); one missing in a scenario counts as 0.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.deadline import Deadline
from planner.figures import figures_per_priority, planned_minutes_per_helper, total_honoured_share
from planner.model import Plan, Priority, School, name_key
from planner.solver import Progress, SolveOptions, progress_led_by, solve


@dataclass(frozen=True)
class PriorityRow:
    label: str  # "hoog", "middel", "laag" or "totaal"
    share_a: float
    share_b: float


@dataclass(frozen=True)
class HelperRow:
    helper: str
    minutes_a: int
    minutes_b: int
    cap_a_min: int | None  # None when the helper is not in that scenario
    cap_b_min: int | None


@dataclass(frozen=True)
class RequestChange:
    request_id: str
    group: str
    priority: str
    placed_a: int
    placed_b: int
    asked_a: int
    asked_b: int

    @property
    def difference(self) -> int:
        return self.placed_b - self.placed_a


@dataclass(frozen=True)
class Comparison:
    priorities: tuple[PriorityRow, ...]
    helpers: tuple[HelperRow, ...]
    changes: tuple[RequestChange, ...]  # only requests whose placed sessions differ
    plan_a: Plan
    plan_b: Plan

    @property
    def has_changes(self) -> bool:
        return bool(self.changes) or any(row.minutes_a != row.minutes_b for row in self.helpers)


def compare_schools(
    a: School,
    b: School,
    *,
    time_limit_s: float,
    workers: int = 2,
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Comparison:
    """Solve both scenarios within ``time_limit_s`` together and compare them (see the module text).

    ``progress`` gets the solver's progress, its label led by the scenario (``Scenario 1 van 2: …``)
    and its time counted from the start of the comparison; ``should_stop`` ends the solving."""
    started = time.monotonic()
    end = Deadline.after(time_limit_s, started)
    scenarios = (a,) if b == a else (a, b)
    plans = []
    for number, scenario in enumerate(scenarios, start=1):
        options = SolveOptions(
            time_limit_s=end.share_s(len(scenarios) - number + 1), workers=workers, seed=0, deadline=end
        )
        lead = f"Scenario {number} van {len(scenarios)}"
        plans.append(
            solve(scenario, options, progress=progress_led_by(lead, started, progress), should_stop=should_stop)
        )
    return compare_plans(a, plans[0], b, plans[-1])


def compare_plans(a: School, plan_a: Plan, b: School, plan_b: Plan) -> Comparison:
    """The comparison of two solved scenarios (no solving)."""
    return Comparison(
        priorities=_priority_rows(a, plan_a, b, plan_b),
        helpers=_helper_rows(a, plan_a, b, plan_b),
        changes=_request_changes(a, plan_a, b, plan_b),
        plan_a=plan_a,
        plan_b=plan_b,
    )


def _priority_rows(a: School, plan_a: Plan, b: School, plan_b: Plan) -> tuple[PriorityRow, ...]:
    figures_a = {row.priority: row.honoured_share for row in figures_per_priority(a, plan_a)}
    figures_b = {row.priority: row.honoured_share for row in figures_per_priority(b, plan_b)}
    rows = [PriorityRow(p.label, figures_a[p], figures_b[p]) for p in Priority]
    rows.append(PriorityRow("totaal", total_honoured_share(a, plan_a), total_honoured_share(b, plan_b)))
    return tuple(rows)


def _helper_rows(a: School, plan_a: Plan, b: School, plan_b: Plan) -> tuple[HelperRow, ...]:
    minutes_a = {name_key(k): v for k, v in planned_minutes_per_helper(a, plan_a).items()}
    minutes_b = {name_key(k): v for k, v in planned_minutes_per_helper(b, plan_b).items()}
    names = {name_key(h.name): h.name for h in (*b.helpers, *a.helpers)}
    rows = []
    for key, name in names.items():
        helper_a, helper_b = a.helper(name), b.helper(name)
        rows.append(
            HelperRow(
                name,
                minutes_a.get(key, 0),
                minutes_b.get(key, 0),
                helper_a.weekly_cap_min if helper_a else None,
                helper_b.weekly_cap_min if helper_b else None,
            )
        )
    return tuple(rows)


def _request_changes(a: School, plan_a: Plan, b: School, plan_b: Plan) -> tuple[RequestChange, ...]:
    ids = {name_key(r.request_id): r.request_id for r in (*b.requests, *a.requests)}
    changes = []
    for request_id in ids.values():
        request_a, request_b = a.request(request_id), b.request(request_id)
        placed_a = plan_a.placed_count(request_id) if request_a else 0
        placed_b = plan_b.placed_count(request_id) if request_b else 0
        if placed_a == placed_b and bool(request_a) == bool(request_b):
            continue
        shown = request_b or request_a
        changes.append(
            RequestChange(
                request_id,
                shown.group,
                shown.priority.label,
                placed_a,
                placed_b,
                request_a.sessions_per_week if request_a else 0,
                request_b.sessions_per_week if request_b else 0,
            )
        )
    return tuple(sorted(changes, key=lambda c: (c.difference, c.request_id)))
