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
2. **Joined**: units in order, largest first (the shared helpers go where most requests are). A
   unit's relaxed plan is kept when it fits beside the units joined so far (the feasibility
   ledger says so); otherwise the unit is solved again with the shared helpers' sessions
   elsewhere as pinned stand-in requests, so their weekly and daily hours, their time and the
   changeover time already used hold exactly as in one model.

Time: the relaxed pass, the joined pass and the bounds each end at a share of the budget
(``RELAXED_ENDS_AT``, ``JOINED_ENDS_AT``); each unit gets a share by its number of requests.
Time a unit does not use carries over, so a re-solve gets the share of the units after it that
keep their relaxed plan.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from planner.ledger import Ledger
from planner.model import LevelResult, Pin, Plan, Request, School, Session, SolveStatus, Teacher, name_key
from planner.solver.location_bounds import LocationRun, level_results
from planner.solver.objective import LEVELS, levels_up_to
from planner.solver.plan_values import LEVEL_VALUES

if TYPE_CHECKING:
    from planner.solver.solve import SolveOptions

SPLIT_FROM_REQUESTS = 300  # the large schools (≈ 160 requests, 2 locations) reach their optima in one model
# Shares of the budget, as points in time: the relaxed pass ends first, then the joined pass; the bounds
# (HiGHS, location_bounds.py) get the rest. Most locations keep their relaxed plan: the joined pass
# re-solves only where it clashes.
RELAXED_ENDS_AT = 0.7
JOINED_ENDS_AT = 0.75
METHOD = "opgesplitst per locatie"
STAND_IN_TEACHER = "(werk op een andere locatie)"
STAND_IN_PREFIX = "elders:"

SolveOne = Callable[..., Plan]


def splits_by_location(school: School, options: SolveOptions) -> bool:
    """Whether ``solve()`` goes by location: a large school on several locations, not a re-plan."""
    if not options.split_by_location or options.hint or len(school.requests) < SPLIT_FROM_REQUESTS:
        return False
    return len(_units(school, SPLIT_FROM_REQUESTS)) > 1


def solve_by_location(
    school: School,
    options: SolveOptions,
    solve_one: SolveOne,
    should_stop: Callable[[], bool] | None = None,
    together_below: int = SPLIT_FROM_REQUESTS,
) -> Plan:
    """Plan the school by units of locations (``_units``; locations sharing helpers stay together
    below ``together_below`` requests), each by ``solve_one`` (``solve()``), and join the plans."""
    started = time.monotonic()
    ends_at = options.ends_at(started)
    units = _units(school, together_below)
    relaxed_ends_at = started + RELAXED_ENDS_AT * (ends_at - started)
    relaxed = []
    for position, unit in enumerate(units):
        budget_s = _budget(relaxed_ends_at, school, units[position:])
        relaxed_school = location_school(school, unit)
        sub_options = dataclasses.replace(options, time_limit_s=budget_s, split_by_location=False)
        relaxed_plan = solve_one(relaxed_school, sub_options, should_stop=should_stop)
        relaxed.append(LocationRun(unit, relaxed_school, relaxed_plan))
    if any(run.plan.status == SolveStatus.INFEASIBLE for run in relaxed):
        return Plan((), (), SolveStatus.INFEASIBLE, time.monotonic() - started, METHOD)  # pins that break a rule
    joined: list[Session] = []
    joined_ends_at = started + JOINED_ENDS_AT * (ends_at - started)
    for position, run in enumerate(relaxed):
        sub_options = dataclasses.replace(
            options, time_limit_s=_budget(joined_ends_at, school, units[position:]), split_by_location=False
        )
        joined += _join_location(school, run, tuple(joined), sub_options, solve_one, should_stop)
    sessions = tuple(joined)
    levels = level_results(school, sessions, relaxed, levels_up_to(options.last_level), ends_at)
    return Plan(sessions, levels, _status(relaxed, levels), time.monotonic() - started, METHOD)


def location_school(school: School, locations: tuple[str, ...], elsewhere: tuple[Session, ...] = ()) -> School:
    """The requests, helpers and pins of some locations; their helpers' sessions ``elsewhere`` and
    their pins at other locations become pinned stand-in requests (fixed time, one hand, that helper),
    so what they use there stays used. Every plan of the whole school keeps its pins, so with the pins
    elsewhere these locations alone are still a relaxation of the whole (their bounds stay valid)."""
    requests = tuple(r for r in school.requests if name_key(school.location_of(r)) in locations)
    helpers = tuple(h for h in school.helpers if any(_works_at(h.locations, location) for location in locations))
    taken = elsewhere + _pinned_elsewhere(school, locations, elsewhere)
    stand_ins, pins = _stand_ins(school, taken, {name_key(h.name) for h in helpers})
    ids = {name_key(r.request_id) for r in requests}
    group_names = {name_key(r.group) for r in requests + stand_ins}
    teachers = school.teachers + ((Teacher(STAND_IN_TEACHER, ()),) if stand_ins else ())
    return dataclasses.replace(
        school,
        groups=tuple(g for g in school.groups if name_key(g.name) in group_names),
        teachers=teachers,
        helpers=helpers,
        requests=requests + stand_ins,
        pins=tuple(p for p in school.pins if name_key(p.request_id) in ids) + pins,
    )


def _pinned_elsewhere(
    school: School, locations: tuple[str, ...], elsewhere: tuple[Session, ...]
) -> tuple[Session, ...]:
    """The pins at other locations, as one-hand sessions, but for those ``elsewhere`` has already."""
    known = {(name_key(s.request_id), s.day, s.start, name_key(h)) for s in elsewhere for h in s.helpers}
    sessions = []
    for pin in school.pins:
        request = school.request(pin.request_id)
        if request is None or name_key(school.location_of(request)) in locations:
            continue
        if (name_key(pin.request_id), pin.day, pin.start, name_key(pin.helper)) not in known:
            end = pin.start + request.duration_min
            sessions.append(Session(request.request_id, (pin.helper,), pin.day, pin.start, end))
    return tuple(sessions)


def _stand_ins(
    school: School, elsewhere: tuple[Session, ...], helper_keys: set[str]
) -> tuple[tuple[Request, ...], tuple[Pin, ...]]:
    requests: list[Request] = []
    pins: list[Pin] = []
    for session in elsewhere:
        original = school.request(session.request_id)
        for helper in session.helpers:
            if original is None or name_key(helper) not in helper_keys:
                continue
            request_id = f"{STAND_IN_PREFIX}{len(requests)}"
            requests.append(
                dataclasses.replace(
                    original,
                    request_id=request_id,
                    teacher=STAND_IN_TEACHER,
                    sessions_per_week=1,
                    duration_min=session.end - session.start,
                    window_start=session.start,
                    window_end=session.end,
                    days=(session.day,),
                    preferred_start=None,
                    preferred_helper=None,
                    hands=1,
                )
            )
            pins.append(Pin(request_id, helper, session.day, session.start))
    return tuple(requests), tuple(pins)


def _join_location(
    school: School,
    run: LocationRun,
    joined: tuple[Session, ...],
    options: SolveOptions,
    solve_one: SolveOne,
    should_stop: Callable[[], bool] | None,
) -> list[Session]:
    """The location's sessions that fit beside those joined so far: its relaxed plan when all of it
    fits, else the better of a solve with the shared helpers' time elsewhere pinned and what fits."""
    fitting = _fitting(school, joined, run.plan.sessions)
    if len(fitting) == len(run.plan.sessions) or (should_stop is not None and should_stop()):
        return fitting
    helper_keys = {name_key(h.name) for h in run.school.helpers}
    elsewhere = tuple(s for s in joined if helper_keys & {name_key(h) for h in s.helpers})
    coupled_school = location_school(school, run.locations, elsewhere)
    # Start from what fits of the relaxed plan: the re-solve keeps as much of it as it can.
    coupled = solve_one(coupled_school, dataclasses.replace(options, hint=tuple(fitting)), should_stop=should_stop)
    own = tuple(s for s in coupled.sessions if not s.request_id.startswith(STAND_IN_PREFIX))
    resolved = _fitting(school, joined, own)
    return max((resolved, fitting), key=lambda sessions: _lexicographic_key(run.school, sessions))


def _fitting(school: School, joined: tuple[Session, ...], sessions: tuple[Session, ...]) -> list[Session]:
    """``sessions`` in order, leaving out each one that breaks a hard rule beside those before it."""
    ledger = Ledger(school, joined)
    fitting = []
    for session in sessions:
        request = school.request(session.request_id)
        helpers = [school.helper(name) for name in session.helpers]
        if request is None or None in helpers:
            continue
        if not ledger.session_breaches(request, helpers, session.day, session.start):
            ledger.add(session)
            fitting.append(session)
    return fitting


def _lexicographic_key(school: School, sessions: list[Session]) -> tuple[float, ...]:
    """The levels' values in order, each to be maximised: which of two plans the solver prefers."""
    values = (
        (level, LEVEL_VALUES[level.info.key](school, tuple(sessions))) for level in levels_up_to(LEVELS[-1].info.key)
    )
    return tuple(value if level.maximize else -value for level, value in values)


def _status(relaxed: list[LocationRun], levels: tuple[LevelResult, ...]) -> SolveStatus:
    if any(run.plan.status == SolveStatus.STOPPED for run in relaxed):
        return SolveStatus.STOPPED
    return SolveStatus.OPTIMAL if all(level.proven_optimal for level in levels) else SolveStatus.TIME_LIMIT


def _budget(ends_at: float, school: School, units: tuple[tuple[str, ...], ...]) -> float:
    """The first unit's share of the time left until ``ends_at``, by number of requests."""
    counts = _request_counts(school)
    sizes = [sum(counts[location] for location in unit) for unit in units]
    return max(0.0, ends_at - time.monotonic()) * sizes[0] / max(1, sum(sizes))


def _units(school: School, together_below: int) -> tuple[tuple[str, ...], ...]:
    """What is solved on its own, most requests first: the locations that share helpers (directly or
    through others) together while they have fewer than ``together_below`` requests, else each
    location by itself (then joined, see ``_join_location``)."""
    counts = _request_counts(school)
    locations = sorted(counts, key=lambda location: (-counts[location], location))
    group_of = {location: location for location in locations}

    def root(location: str) -> str:
        while group_of[location] != location:
            location = group_of[location]
        return location

    for helper in school.helpers:
        where = [location for location in locations if _works_at(helper.locations, location)]
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


def _request_counts(school: School) -> dict[str, int]:
    """Requests per location (as ``name_key``)."""
    counts: dict[str, int] = {}
    for request in school.requests:
        location = name_key(school.location_of(request))
        counts[location] = counts.get(location, 0) + 1
    return counts


def _works_at(locations: tuple[str, ...], location: str) -> bool:
    return not location or not locations or location in {name_key(x) for x in locations}
