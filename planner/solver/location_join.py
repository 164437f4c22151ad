"""The joined pass of ``decompose.py``: the per-location plans fitted together, solved again where they clash.

A unit that shares no helper keeps its relaxed plan. A split group (locations sharing helpers, too large to
solve together) keeps its relaxed plans when all fit together. Otherwise the group is solved as one model up to
the first level the fitting lost (``_solved_together``), and then each location again beside the others'
sessions of that plan (``_solve_again``): the shared helpers' sessions elsewhere are pinned stand-ins there, so
their weekly and daily hours, their time and the changeover hold exactly as in one model.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.ledger import Ledger
from planner.model import Plan, Priority, School, Session, name_key
from planner.solver.location_bounds import LocationRun
from planner.solver.location_progress import Reports, unit_name
from planner.solver.location_school import STAND_IN_PREFIX, location_options, location_school
from planner.solver.objective import LEVELS, Level, levels_up_to
from planner.solver.plan_values import LEVEL_VALUES
from planner.solver.search import Progress

if TYPE_CHECKING:
    from planner.solver.solve import SolveOptions


SolveOne = Callable[..., Plan]
JOINING = "afstemmen"  # the progress of the joined pass: "Gehonoreerde aanvragen, prioriteit hoog (Noord, afstemmen)"


@dataclass(frozen=True)
class JoinTimes:
    """When the joined pass's steps end (monotonic times): the groups solved together, the locations again."""

    together_ends_at: float
    joined_ends_at: float


@dataclass(frozen=True)
class JoinContext:
    """What every step of the joined pass needs; ``units`` and ``split_groups``: those not joined yet, the
    first of them now, for their shares of time."""

    school: School
    options: SolveOptions
    solve_one: SolveOne
    reports: Reports  # the stop, and the progress of the whole split solve
    times: JoinTimes
    units: tuple[tuple[str, ...], ...]
    split_groups: tuple[tuple[str, ...], ...]  # the locations of each split group not joined yet

    def stopped(self) -> bool:
        return self.reports.stopped()

    def sub_options(self, ends_at: float, units: tuple[tuple[str, ...], ...], **changes: object) -> SolveOptions:
        """Options for a sub-solve of the first of ``units``: its share of the time until ``ends_at``."""
        return location_options(self.options, ends_at, self.school, units, **changes)


def join_location(context: JoinContext, run: LocationRun, joined: tuple[Session, ...]) -> list[Session]:
    """The location's sessions that fit beside those joined so far: its relaxed plan when all of it
    fits, else the better of a solve with the shared helpers' time elsewhere pinned and what fits."""
    fitting = fitting_sessions(context.school, joined, run.plan.sessions)
    if len(fitting) == len(run.plan.sessions) or context.stopped():
        return fitting
    options = context.sub_options(context.times.joined_ends_at, context.units)
    return _solve_again(context, run, fitting, joined, options)


def _solve_again(
    context: JoinContext, run: LocationRun, start: list[Session], around: tuple[Session, ...], options: SolveOptions
) -> list[Session]:
    """The location solved again beside ``around`` (the sessions elsewhere it must fit beside; those of its
    helpers become pinned stand-ins), from ``start`` (sessions that fit): the better of the two."""
    helper_keys = {name_key(h.name) for h in run.school.helpers}
    elsewhere = tuple(s for s in around if helper_keys & {name_key(h) for h in s.helpers})
    coupled_school = location_school(context.school, run.locations, elsewhere)
    # Start from ``start``: the solve keeps as much of it as it can.
    place = f"{unit_name(context.school, run.locations)}, {JOINING}"
    coupled = context.solve_one(
        coupled_school, dataclasses.replace(options, hint=tuple(start)), **context.reports.keywords(place)
    )
    own = tuple(s for s in coupled.sessions if not s.request_id.startswith(STAND_IN_PREFIX))
    resolved = fitting_sessions(context.school, around, own)
    return max((resolved, start), key=lambda sessions: lexicographic_key(run.school, sessions))


def join_group(context: JoinContext, runs: list[LocationRun], joined: tuple[Session, ...]) -> list[Session]:
    """Locations that share helpers, split for their size: their relaxed plans when all fit together. Else
    the group is solved as one model up to the first level the fitted plans lost (from them, until that
    level reaches the sum of the relaxed bounds or its time is up), and then each location again beside the
    others' sessions of that plan, from its own: the levels after it per location."""
    fitting: list[Session] = []
    for run in runs:
        fitting += fitting_sessions(context.school, joined + tuple(fitting), run.plan.sessions)
    if len(fitting) == sum(len(run.plan.sessions) for run in runs) or context.stopped():
        return fitting
    together = [(s, _location_key(context.school, s)) for s in _solved_together(context, runs, fitting)]
    done: list[Session] = []
    for position, run in enumerate(runs):
        done_locations = _done_locations(runs[: position + 1])
        later = tuple(s for s, location in together if location not in done_locations)
        around = joined + tuple(done) + later
        own = [s for s, location in together if location in run.locations]
        # The location's relaxed plan fills in beside the group's plan: a start for the levels after.
        start = own + fitting_sessions(context.school, around + tuple(own), run.plan.sessions)
        options = context.sub_options(context.times.joined_ends_at, context.units[position:])
        done += _solve_again(context, run, start, around, options)
    return done


def _done_locations(runs: list[LocationRun]) -> set[str]:
    return {location for run in runs for location in run.locations}


def _location_key(school: School, session: Session) -> str:
    request = school.request(session.request_id)
    return "" if request is None else name_key(school.location_of(request))


def _solved_together(context: JoinContext, runs: list[LocationRun], fitting: list[Session]) -> list[Session]:
    """The group's plan from one model up to the first level ``fitting`` lost against the relaxed plans:
    ``fitting`` itself when no level was lost, or when the model did not do better on those levels."""
    locations = tuple(location for run in runs for location in run.locations)
    whole = location_school(context.school, locations)
    lost = _first_level_lost(whole, runs, fitting)
    if lost is None:
        return fitting
    bounds = [run.bound(lost.info.key) for run in runs]
    target = math.inf if None in bounds else sum(bounds)
    best = [-math.inf]

    shown = context.reports.located(f"{unit_name(context.school, locations)}, {JOINING}")

    def progress(reported: Progress) -> None:
        if reported.level_key == lost.info.key and reported.best is not None:
            best[0] = max(best[0], reported.best)
        if shown is not None:
            shown(reported)

    def reached_or_stopped() -> bool:  # no plan passes the summed relaxed bounds: stop there
        return best[0] >= target - 1e-9 or context.stopped()

    serving = _serving_levels(whole, fitting, lost)
    options = context.sub_options(
        context.times.together_ends_at, context.split_groups, hint=tuple(serving), last_level=lost.info.key
    )
    plan = context.solve_one(_serving_school(whole, lost), options, should_stop=reached_or_stopped, progress=progress)
    levels = levels_up_to(lost.info.key)
    better = lexicographic_key(whole, list(plan.sessions), levels) > lexicographic_key(whole, serving, levels)
    return list(plan.sessions) if better else serving


def _serving_school(school: School, lost: Level) -> School:
    """The school with only the requests that count on the levels up to ``lost`` (and the pinned ones): the
    model that optimises those levels is smaller by the rest (board seed 2: 400 requests, 128 of them hoog)."""
    priorities = _serving_priorities(lost)
    pinned = {name_key(pin.request_id) for pin in school.pins}
    requests = tuple(r for r in school.requests if r.priority in priorities or name_key(r.request_id) in pinned)
    return dataclasses.replace(school, requests=requests)


def _serving_levels(school: School, sessions: list[Session], lost: Level) -> list[Session]:
    """The sessions that count on the levels up to ``lost`` (and the pinned ones): a plan optimised up to
    ``lost`` holds any others only by chance, and they would take the shared helpers' time from the
    levels after it, which each location plans again."""
    priorities = _serving_priorities(lost)
    if len(priorities) == len(Priority):
        return sessions
    return [s for s in sessions if s.pinned_helpers or _priority(school, s) in priorities]


def _serving_priorities(lost: Level) -> set[Priority]:
    keys = {level.info.key for level in levels_up_to(lost.info.key)}
    return {priority for priority in Priority if priority.label in keys}


def _priority(school: School, session: Session) -> Priority | None:
    request = school.request(session.request_id)
    return None if request is None else request.priority


def _first_level_lost(whole: School, runs: list[LocationRun], fitting: list[Session]) -> Level | None:
    """The first main level on which ``fitting`` lies below the relaxed plans' values added up."""
    for level in (level for level in levels_up_to(LEVELS[-1].info.key) if level.info.main and level.maximize):
        values = LEVEL_VALUES[level.info.key]
        relaxed = sum(values(whole, _own(run.plan.sessions)) for run in runs)
        if values(whole, tuple(fitting)) < relaxed - 1e-9:
            return level
    return None


def _own(sessions: tuple[Session, ...]) -> tuple[Session, ...]:
    return tuple(s for s in sessions if not s.request_id.startswith(STAND_IN_PREFIX))


def fitting_sessions(school: School, joined: tuple[Session, ...], sessions: tuple[Session, ...]) -> list[Session]:
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


def lexicographic_key(
    school: School, sessions: list[Session], levels: tuple[Level, ...] = levels_up_to(LEVELS[-1].info.key)
) -> tuple[float, ...]:
    """The levels' values in order, each to be maximised: which of two plans the solver prefers."""
    values = ((level, LEVEL_VALUES[level.info.key](school, tuple(sessions))) for level in levels)
    return tuple(value if level.maximize else -value for level, value in values)
