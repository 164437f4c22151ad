"""Locations that share no helper, solved each on its own in two rounds (``decompose.py``).

Where no helper works at two locations, each location is a school of its own: a best plan of the whole school is a
best plan of each location, and the locations' bounds add up. One model of the whole uses none of that: on large
seed 1 (two such locations, 181 requests) neither CP-SAT in 10 minutes nor HiGHS in 153 s (63 nodes) proved its
"laag". Its second location alone (90 requests) was proven by HiGHS at the root: "middel" in 13 s, "laag" in 32 s,
while CP-SAT alone proved neither in 60 s and stayed at "laag" 1,83 of 2,67 (``scripts/benchmark_engines.py
--per-location``, measured 2026-12-02).

So each location is solved twice:

1. **The priorities** (honoured requests, "hoog" to "laag") by ``PRIORITIES_END_AT`` of the budget, each location
   its share by number of requests (time a location does not use goes to the next): first by CP-SAT alone with all
   its workers (until ``CP_SAT_FIRST_ENDS_AT`` of that time), then, for a location with a priority left unproven,
   again from that plan, its proven levels held, with HiGHS beside CP-SAT (``MipUse.LEVELS``): HiGHS proves at the
   root what CP-SAT does not, but beside it CP-SAT has a worker less (large seed 1's first location, which CP-SAT
   alone proves in 9-17 s, took 22-36 s beside HiGHS).
2. **The later levels** (help minutes and on), each location going on from its plan of round 1
   (``SolveOptions.start``), the priorities held at the values reached (``SolveOptions.reached``).

Measured before HiGHS took part (stop 20): with CP-SAT alone in round 1, large seed 0 proved its priorities in
8-10 s of 60, but seed 1's second location ended "laag" at 1,50-1,83 in 5 of 5 runs. With HiGHS, the whole job at
120 s: large seed 1's "middel" proven by HiGHS and "laag" at its best known 2,67 in every run, "laag" proven in
some (see ``decompose.ROUNDS_FROM_S`` for where the rounds are used).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import time
from typing import TYPE_CHECKING

from planner.model import Plan, School, SolveStatus
from planner.solver.location_bounds import LocationRun
from planner.solver.location_join import SolveOne
from planner.solver.location_progress import Reports, unit_name
from planner.solver.location_school import location_options, location_school
from planner.solver.mip_race import MipUse
from planner.solver.objective import LEVELS, levels_up_to

if TYPE_CHECKING:
    from planner.solver.solve import SolveOptions

PRIORITIES_END_AT = 0.85  # share of the rounds' time by which the priorities of every location are solved
CP_SAT_FIRST_ENDS_AT = 0.4  # share of the priorities' time for CP-SAT alone (all workers) on each location first
LAST_PRIORITY = "laag"


@dataclasses.dataclass(frozen=True)
class Rounds:
    """What the rounds solve and report to: the whole school, its units (one location each), the caller's options."""

    school: School
    units: tuple[tuple[str, ...], ...]
    options: SolveOptions
    solve_one: SolveOne
    reports: Reports  # the stop, and the progress of the whole split solve

    def stopped(self) -> bool:
        return self.reports.stopped()


def solve_in_rounds(rounds: Rounds, ends_at: float) -> list[LocationRun]:
    """Each unit's plan by the two rounds (module text), all done by ``ends_at``."""
    priorities_last = _priorities_last(rounds.options)
    now = time.monotonic()
    priorities_end = now + PRIORITIES_END_AT * max(0.0, ends_at - now)
    cp_sat_end = now + CP_SAT_FIRST_ENDS_AT * max(0.0, priorities_end - now)
    schools = [location_school(rounds.school, unit) for unit in rounds.units]
    plans = []
    for position, unit_school in enumerate(schools):
        options = _unit_options(rounds, cp_sat_end, rounds.units[position:], last_level=priorities_last)
        plans.append(rounds.solve_one(unit_school, options, **_reports(rounds, position)))
    unproven = [position for position, plan in enumerate(plans) if _left_to_prove(plan, priorities_last)]
    for rank, position in enumerate(unproven):
        units = tuple(rounds.units[later] for later in unproven[rank:])
        plans[position] = _with_highs(rounds, schools[position], plans[position], position, priorities_end, units)
    if priorities_last != rounds.options.last_level:
        plans = [_later_levels(rounds, schools, plans, position, ends_at) for position in range(len(plans))]
    return [
        LocationRun(unit, unit_school, plan)
        for unit, unit_school, plan in zip(rounds.units, schools, plans, strict=True)
    ]


def _left_to_prove(plan: Plan, priorities_last: str) -> bool:
    """Whether a unit's plan of the priorities may still gain a proof (or a better plan) from HiGHS."""
    if _ended(plan):
        return False
    reached = len(levels_up_to(priorities_last))
    return len(plan.levels) < reached or not all(level.proven_optimal for level in plan.levels)


def _with_highs(
    rounds: Rounds,
    school: School,
    plan: Plan,
    position: int,
    ends_at: float,
    units: tuple[tuple[str, ...], ...],
) -> Plan:
    """The unit's priorities again from its plan, its proven levels held, HiGHS beside CP-SAT on the others; the
    better of the two plans (by the priorities, in order)."""
    if rounds.stopped():
        return plan
    proven = tuple(itertools.takewhile(lambda level: level.proven_optimal, plan.levels))
    options = _unit_options(
        rounds,
        ends_at,
        units,
        last_level=_priorities_last(rounds.options),
        mip=MipUse.LEVELS,
        start=plan.sessions,
        reached=proven,
    )
    again = rounds.solve_one(school, options, **_reports(rounds, position))
    return again if _values(again) >= _values(plan) else plan


def _values(plan: Plan) -> tuple[float, ...]:
    """The plan's priority values in order (a level not reached counts as nothing reached)."""
    return tuple(level.value for level in plan.levels) + (-math.inf,) * (len(LEVELS) - len(plan.levels))


def _later_levels(rounds: Rounds, schools: list[School], plans: list[Plan], position: int, ends_at: float) -> Plan:
    """Round 2 for one unit: its later levels, going on from its plan of round 1 (kept when nothing can follow)."""
    plan = plans[position]
    if rounds.stopped() or _ended(plan):
        return plan
    options = _unit_options(rounds, ends_at, rounds.units[position:], start=plan.sessions, reached=plan.levels)
    later = rounds.solve_one(schools[position], options, **_reports(rounds, position))
    return later if later.levels[: len(plan.levels)] == plan.levels else plan


def _ended(plan: Plan) -> bool:
    """Nothing can follow this plan: stopped, its pins break a rule, or there are no requests."""
    return plan.status in (SolveStatus.STOPPED, SolveStatus.INFEASIBLE, SolveStatus.NO_REQUESTS)


def _unit_options(rounds: Rounds, ends_at: float, units: tuple[tuple[str, ...], ...], **changes) -> SolveOptions:
    """A unit's options: the first of ``units``'s share of the time until ``ends_at``."""
    return location_options(rounds.options, ends_at, rounds.school, units, **changes)


def _priorities_last(options: SolveOptions) -> str:
    """Round 1's last level: "laag", or the caller's last level when that comes earlier."""
    keys = [level.info.key for level in levels_up_to(options.last_level)]
    return LAST_PRIORITY if LAST_PRIORITY in keys else options.last_level


def _reports(rounds: Rounds, position: int) -> dict:
    """``solve_one``'s keywords for a unit: the stop, and its progress as the whole solve's, named by location."""
    return rounds.reports.keywords(unit_name(rounds.school, rounds.units[position]))
