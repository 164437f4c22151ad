"""A large school on several locations, solved location by location (a board's pool of schools).

One CP-SAT model of a whole board (≈ 100 groups, 6 locations) leaves its bounds far from its
plans in the time given. Most helpers work at one location, so the school falls apart into
locations joined only by the few helpers who work at more than one ("shared" helpers).

Units: locations that share helpers (directly or through others) are solved together while they
are small (below ``SPLIT_FROM_REQUESTS`` requests together); nothing joins such a unit to the
others. A larger group of such locations is split into single locations, joined as follows. Two
passes, each sub-solve by ``solve()`` itself on a sub-``School`` (all rules and levels apply
unchanged):

1. **Relaxed**: each unit on its own, every shared helper with their full week. Every plan of
   the whole school restricted to a unit is a plan of that unit's relaxed school, so the
   per-unit bounds add up to a bound of the whole school (``location_bounds.py``).
2. **Joined** (``location_join.py``): a unit's relaxed plan is kept when it fits (the feasibility
   ledger says so). A split group whose relaxed plans clash is solved as one model up to the
   first level the fitting lost, and then each location again with the shared helpers'
   sessions elsewhere as pinned stand-in requests, so their weekly and daily hours, their time
   and the changeover time hold exactly as in one model.

Bounds of a split group: its per-location bounds give each shared helper their full week at every location, so
the LP of its locations together (``location_lp.py``) bounds the second level too; it starts as soon as the
relaxed plans are known and runs beside the joined pass (measured on board seed 2 at 120 s: "middel" bound
173,75 → 157,67-158,00, gap 12,8-14,1 % → 5,1-5,7 %; the job with HiGHS's child at most 572 MB, PSS).

Time: the relaxed pass, the joined pass and the bounds each end at a share of the budget
(``RELAXED_ENDS_AT``, ``JOINED_ENDS_AT``; with a split group ``SPLIT_RELAXED_ENDS_AT``,
``TOGETHER_ENDS_AT``, ``SPLIT_JOINED_ENDS_AT``); each unit gets a share by its number of requests.
Time a unit does not use carries over, so a re-solve gets the share of the units after it that
keep their relaxed plan.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from planner.model import LevelResult, Plan, School, Session, SolveStatus
from planner.solver.location_bounds import LocationRun, level_results
from planner.solver.location_join import JoinContext, JoinTimes, SolveOne, join_group, join_location
from planner.solver.location_lp import TogetherLp
from planner.solver.location_progress import Reports, unit_name
from planner.solver.location_rounds import Rounds, solve_in_rounds
from planner.solver.location_school import (
    location_options,
    location_school,
    locations_by_size,
    request_counts,
    works_at,
)
from planner.solver.objective import levels_up_to
from planner.solver.search import Progress

if TYPE_CHECKING:
    from planner.solver.solve import SolveOptions

# From this many requests a school on several locations is split (its units below it kept whole); from
# ``ROUNDS_FROM_REQUESTS`` a school whose locations share no helper is solved location by location in two rounds
# (``location_rounds.py``), given ``ROUNDS_FROM_S`` for solving: a large school (≈ 180 requests, two locations)
# whose locations share a helper (large seed 2) stays one model. The rounds pay where there is time for each
# location's priorities, and HiGHS's to prove at the root what CP-SAT does not (large seed 1's second location:
# 13 s "middel", 32 s "laag"). The whole job, one model / rounds, one run each (2026-12-02): at 120 s large/1
# "middel" 42,17 unproven / 42,42 proven, "laag" 2,33 / 2,67 with gap 94 / 14 %; at 60 s large/0 "laag" 6,58
# unproven / every main level proven within 9,6 s, large/1 "middel" 42,00 / 42,08, "laag" 1,50 / 1,83; but at
# 30 s large/1 "hoog" 55,25 / 55,00 and "middel" 42,25 / 34,17: each location's share is too short.
SPLIT_FROM_REQUESTS = 300
ROUNDS_FROM_REQUESTS = 150
ROUNDS_FROM_S = 45.0
# The rounds end by then: no location shares a helper, so every plan fits as it is, and each location's own
# solve bounds it; what is left is for the bounds of ``location_bounds.py`` (not needed) and the joining.
ROUNDS_END_AT = 0.98
# Shares of the budget, as points in time: the relaxed pass ends first, then the joined pass; the bounds
# (HiGHS, location_bounds.py) get the rest. Most locations keep their relaxed plan: the joined pass
# re-solves only where it clashes.
RELAXED_ENDS_AT = 0.7
JOINED_ENDS_AT = 0.75
# With a group of sharing locations split (``join_group``), the group is solved together on the level its
# relaxed plans lost, and each location again after: the relaxed pass ends sooner. Measured on board seed 2
# (four of six locations, 400 requests, joined by three shared helpers): the relaxed plans fitted together
# kept 107,33 of their 126,67 "hoog"; solved together from them, one model reached 126,67 after 9–22 s.
# The whole job at 120 s (scripts/benchmark.py): "hoog" 180,00 (bound 191,42) → 191,42 proven; "middel"
# gap 25,8 % → 14,1 %, the joined plan's "middel" 155,75 → 149,17 under the higher "hoog".
SPLIT_RELAXED_ENDS_AT = 0.45
TOGETHER_ENDS_AT = 0.62
SPLIT_JOINED_ENDS_AT = 0.92
RELAXED_SPLIT_LAST_LEVEL = "middel"
METHOD = "opgesplitst per locatie"


def splits_by_location(school: School, options: SolveOptions, time_left_s: float = math.inf) -> bool:
    """Whether ``solve()`` goes by location: a large school on several locations, not a re-plan; below
    ``SPLIT_FROM_REQUESTS`` only where its locations share no helper and ``time_left_s`` is long enough for the
    rounds (``ROUNDS_FROM_S``, ``location_rounds.py``)."""
    if not options.split_by_location or options.hint or options.start or len(school.requests) < ROUNDS_FROM_REQUESTS:
        return False
    if len(school.requests) < SPLIT_FROM_REQUESTS:
        return time_left_s >= ROUNDS_FROM_S and len(_units(school, math.inf)) > 1
    return len(_units(school, SPLIT_FROM_REQUESTS)) > 1


def solve_by_location(
    school: School,
    options: SolveOptions,
    solve_one: SolveOne,
    should_stop: Callable[[], bool] | None = None,
    together_below: int = SPLIT_FROM_REQUESTS,
    progress: Callable[[Progress], None] | None = None,
) -> Plan:
    """Plan the school by units of locations (``_units``; locations sharing helpers stay together
    below ``together_below`` requests), each by ``solve_one`` (``solve()``), and join the plans. Below
    ``together_below`` requests, locations that share no helper are solved in two rounds (``location_rounds.py``).
    Every sub-solve reports its ``progress`` as the whole solve's, named by its locations (``location_progress.py``;
    the joined pass's steps add ", afstemmen")."""
    started = time.monotonic()
    ends_at = options.ends_at(started)
    units = _units(school, together_below)
    groups = _groups(school, units)
    reports = Reports(should_stop, progress, started)
    split = any(len(group) > 1 for group in groups)
    if len(school.requests) < together_below and not split:
        rounds = Rounds(school, units, options, solve_one, reports)
        relaxed = solve_in_rounds(rounds, started + ROUNDS_END_AT * (ends_at - started))
    else:
        relaxed_ends_at = started + (SPLIT_RELAXED_ENDS_AT if split else RELAXED_ENDS_AT) * (ends_at - started)
        relaxed = _relaxed_runs(school, units, groups, options, solve_one, reports, relaxed_ends_at)
    if any(run.plan.status == SolveStatus.INFEASIBLE for run in relaxed):
        return Plan((), (), SolveStatus.INFEASIBLE, time.monotonic() - started, METHOD)  # pins that break a rule
    times = JoinTimes(
        started + TOGETHER_ENDS_AT * (ends_at - started),
        started + (SPLIT_JOINED_ENDS_AT if split else JOINED_ENDS_AT) * (ends_at - started),
    )
    lps = _start_together_lps(school, [[relaxed[idx] for idx in group] for group in groups], options, ends_at)
    try:
        joined: list[Session] = []
        for position, group in enumerate(groups):
            runs = [relaxed[idx] for idx in group]
            left = _left_to_join(units, groups[position:])
            context = JoinContext(school, options, solve_one, reports, times, *left)
            joined += (
                join_group(context, runs, tuple(joined))
                if len(runs) > 1
                else join_location(context, runs[0], tuple(joined))
            )
        sessions = tuple(joined)
        levels = level_results(school, sessions, relaxed, levels_up_to(options.last_level), ends_at, should_stop, lps)
    finally:
        for lp in lps:
            lp.kill()
    return Plan(sessions, levels, _status(relaxed, levels), time.monotonic() - started, METHOD)


def _relaxed_runs(
    school: School,
    units: tuple[tuple[str, ...], ...],
    groups: list[tuple[int, ...]],
    options: SolveOptions,
    solve_one: SolveOne,
    reports: Reports,
    relaxed_ends_at: float,
) -> list[LocationRun]:
    """The relaxed pass: each unit on its own, every shared helper with their full week, each its share of the time
    until ``relaxed_ends_at`` by number of requests."""
    relaxed = []
    for position, unit in enumerate(units):
        relaxed_school = location_school(school, unit)
        last_level = _relaxed_last_level(options, any(position in group and len(group) > 1 for group in groups))
        sub_options = location_options(options, relaxed_ends_at, school, units[position:], last_level=last_level)
        relaxed_plan = solve_one(relaxed_school, sub_options, **reports.keywords(unit_name(school, unit)))
        relaxed.append(LocationRun(unit, relaxed_school, relaxed_plan))
    return relaxed


def _start_together_lps(
    school: School, groups: list[list[LocationRun]], options: SolveOptions, ends_at: float
) -> list[TogetherLp]:
    """For each split group: the LP of its locations together on the second level, the first held at the sum of
    the relaxed bounds, started now so it runs beside the joined pass (``location_lp.py``). It bounds the joined
    plan when that reaches the sum, which the group solved together aims at (``join_group``)."""
    levels = levels_up_to(options.last_level)
    if len(levels) < 2 or not all(level.info.sums_over_requests and level.maximize for level in levels[:2]):
        return []
    first, second = (level.info.key for level in levels[:2])
    lps = []
    for runs in (runs for runs in groups if len(runs) > 1):
        bounds = [run.bound(first) for run in runs]
        if None in bounds:
            continue
        locations = tuple(location for run in runs for location in run.locations)
        lp = TogetherLp.start(school, locations, second, {first: sum(bounds)}, ends_at)
        lps += [] if lp is None else [lp]
    return lps


def _relaxed_last_level(options: SolveOptions, in_split_group: bool) -> str:
    """A split group's relaxed plans are only where its joined plan starts: they go as far as the first levels,
    whose bounds matter most (measured on board seed 2's largest location, 112 requests, in 12 s: "middel"
    39,25 with bound 39,75 this way; 27,58 with bound 45,83 in 8,6 s shared with all levels)."""
    keys = [level.info.key for level in levels_up_to(options.last_level)]
    return RELAXED_SPLIT_LAST_LEVEL if in_split_group and RELAXED_SPLIT_LAST_LEVEL in keys else options.last_level


def _left_to_join(
    units: tuple[tuple[str, ...], ...], groups: list[tuple[int, ...]]
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """For the shares of time of the first of ``groups``: the units that may still be solved again (its own,
    and those of the split groups after it; a unit alone keeps its plan) and the split groups' locations."""
    split = [group for group in groups if len(group) > 1]
    own = () if len(groups[0]) > 1 else (units[groups[0][0]],)
    return (
        own + tuple(units[idx] for group in split for idx in group),
        tuple(tuple(location for idx in group for location in units[idx]) for group in split),
    )


def _groups(school: School, units: tuple[tuple[str, ...], ...]) -> list[tuple[int, ...]]:
    """The units (by position) in groups that share helpers, directly or through others; each group in the
    units' order, the groups by their first unit."""
    components = _units(school, math.inf)
    group_of = [next(idx for idx, part in enumerate(components) if unit[0] in part) for unit in units]
    groups: dict[int, list[int]] = {}
    for position, component in enumerate(group_of):
        groups.setdefault(component, []).append(position)
    return [tuple(group) for group in groups.values()]


def _status(relaxed: list[LocationRun], levels: tuple[LevelResult, ...]) -> SolveStatus:
    if any(run.plan.status == SolveStatus.STOPPED for run in relaxed):
        return SolveStatus.STOPPED
    return SolveStatus.OPTIMAL if all(level.proven_optimal for level in levels) else SolveStatus.TIME_LIMIT


def _units(school: School, together_below: float) -> tuple[tuple[str, ...], ...]:
    """What is solved on its own, most requests first: the locations that share helpers (directly or
    through others) together while they have fewer than ``together_below`` requests, else each
    location by itself (then joined, see ``join_location``)."""
    counts = request_counts(school)
    locations = locations_by_size(counts)
    group_of = {location: location for location in locations}

    def root(location: str) -> str:
        while group_of[location] != location:
            location = group_of[location]
        return location

    for helper in school.helpers:
        where = [location for location in locations if works_at(helper.locations, location)]
        for location in where[1:]:
            group_of[root(location)] = root(where[0])
    components: dict[str, list[str]] = {}
    for location in locations:
        components.setdefault(root(location), []).append(location)
    units = []
    for members in components.values():
        together = sum(counts[location] for location in members) < together_below
        units += [tuple(members)] if together else [(location,) for location in members]
    return tuple(sorted(units, key=lambda unit: (-sum(counts[location] for location in unit), unit)))
