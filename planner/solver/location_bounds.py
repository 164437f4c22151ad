"""Honest bounds for a plan joined from per-location solves (``decompose.py``).

Every plan of the whole school, restricted to one location, is a plan of that location's relaxed
school (the shared helpers with their full week). So for a level that sums over requests
(``LevelInfo.sums_over_requests``), the per-location bounds add up to a bound of the whole
school — under the same held earlier levels. Locations that share no helper (directly or through
others) are independent: a best plan of the whole school is a best plan of each such component,
so each component keeps its own chain of levels. Walking the levels in order, with P* a best plan
of the component (lexicographically):

* **equal**: every earlier level reached the sum of its per-location bounds in the joined plan. A
  location cannot do better than its bound, so P* reaches those sums too, each location at its own
  bound; restricted to a location, P* keeps the location's earlier levels where its relaxed solve
  held them, and the summed bounds of this level hold. HiGHS may tighten a location's bound with
  the earlier levels held at the location's bounds (``LevelMip``, the same level model).
* **slack**: the previous level fell short by D of its summed bound. P* is at least as good there
  as the joined plan, so at every location it lies at most D below that location's bound (the
  shortfalls are ≥ 0 and add up to at most D). HiGHS bounds this level at each location with the
  previous level held at (bound − D): the sum holds for P*. CP-SAT's per-location bounds held the
  previous level at its own value, so they are not used here.
* after a slack level nothing ties P* to the joined plan any more: later levels get their trivial
  bound (``trivial_bound``), which every plan keeps — unproven, never a wrong bound.

A component of one unit that kept its relaxed plan whole (it shares no helper with the rest) is a school of its
own, solved as one model: its solve's bound holds as for any school, under the earlier levels held where that
solve held them, also after a slack level (``_kept_whole``).

HiGHS's bounds are as exact as its floating-point arithmetic (see ``mip.py``).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pybind11_abseil.status import StatusNotOk

from planner.model import LevelResult, Plan, Priority, School, Session, name_key
from planner.solver.location_lp import TogetherLp
from planner.solver.mip import LevelMip
from planner.solver.objective import Level
from planner.solver.plan_values import LEVEL_VALUES
from planner.solver.search import CP_SAT, HIGHS, PROVEN_BY_MODEL

LOGGER = logging.getLogger(__name__)
EQUAL, SLACK, BROKEN = "equal", "slack", "broken"
MIN_HIGHS_S = 3.0  # translating a location's model for HiGHS alone takes 1–2 s
# The first level HiGHS bounds is the one that matters most (usually "middel"): most of the time left.
HIGHS_LEVEL_SHARE = 0.75


@dataclass(frozen=True)
class LocationRun:
    """Locations solved on their own (``school``: their requests and helpers; ``plan``: the solve's)."""

    locations: tuple[str, ...]  # as ``name_key``
    school: School
    plan: Plan

    def level(self, key: str) -> LevelResult | None:
        """The relaxed solve's result on level ``key``, if it reached it."""
        return next((result for result in self.plan.levels if result.key == key), None)

    def value(self, key: str) -> float | None:
        result = self.level(key)
        return None if result is None else result.value

    def bound(self, key: str) -> float | None:
        result = self.level(key)
        return None if result is None else result.bound


@dataclass
class _Chain:
    """How the joined plan stands to P* on the levels so far, and what HiGHS holds per location."""

    state: str = EQUAL
    held: list[dict[str, float]] = field(default_factory=list)  # per location: level key -> value held at least
    values: dict[str, float] = field(default_factory=dict)  # level key -> the joined plan's value, while not broken


def level_results(
    school: School,
    sessions: tuple[Session, ...],
    relaxed: list[LocationRun],
    levels: tuple[Level, ...],
    ends_at: float,
    should_stop: Callable[[], bool] | None = None,
    running: Sequence[TogetherLp] = (),
) -> tuple[LevelResult, ...]:
    """Each level's value in the joined plan, its honest bound and whether that proves it; ``running``: LPs of
    locations together already running (``location_lp.py``), used where they are valid."""
    components = _components(school, relaxed)
    together = _Together(school, running, should_stop)
    results = []
    for level in levels:
        key = level.info.key
        value = LEVEL_VALUES[key](school, sessions)
        started = time.monotonic()
        bound, engines = Bound(trivial_bound(school, key), PROVEN_BY_MODEL), {PROVEN_BY_MODEL}
        if level.info.sums_over_requests and level.maximize:
            # HiGHS's time: most of what is left (all when no later level can use it), shared by size.
            open_chains = any(part.chain.state == EQUAL for part in components)
            share = HIGHS_LEVEL_SHARE if open_chains else 1.0
            level_ends_at = time.monotonic() + (ends_at - time.monotonic()) * share
            parts = [
                _component_bound(together, part, level, sessions, _share_until(level_ends_at, components[position:]))
                for position, part in enumerate(components)
            ]
            summed = Bound(sum(part.value for part in parts), "")
            bound, engines = min(bound, summed), {bound.engine} if bound.value <= summed.value else _engines(parts)
        else:
            for part in components:
                part.chain.state = BROKEN
        proven = abs(bound.value - value) < 1e-9
        took = sum(r.time_s for run in relaxed for r in run.plan.levels if r.key == key) + time.monotonic() - started
        proven_by = _proven_by(engines) if proven else ""
        results.append(LevelResult(key, level.info.label, value, bound.value, proven, took, proven_by))
    return tuple(results)


@dataclass(frozen=True, order=True)
class Bound:
    """A bound and the engine it came from: CP-SAT's or HiGHS's per-location bound, or the trivial one."""

    value: float
    engine: str = field(compare=False)


def _engines(parts: list[Bound]) -> set[str]:
    return {engine for part in parts for engine in part.engine.split("+")}


def _proven_by(engines: set[str]) -> str:
    """A proof that needed HiGHS's bound somewhere is HiGHS's; else CP-SAT's; a trivial bound is the model's."""
    for engine in (HIGHS, CP_SAT):
        if engine in engines:
            return engine
    return PROVEN_BY_MODEL


@dataclass
class _Component:
    """Locations joined by shared helpers (a location alone when it shares none), with its own chain: a
    best plan of the whole school is a best plan of each component, since nothing else joins them."""

    runs: list[LocationRun]
    school: School  # the component's requests only
    chain: _Chain


def _components(school: School, relaxed: list[LocationRun]) -> list[_Component]:
    group_of = list(range(len(relaxed)))

    def root(idx: int) -> int:
        while group_of[idx] != idx:
            idx = group_of[idx]
        return idx

    first_location_of: dict[str, int] = {}
    for idx, run in enumerate(relaxed):
        for helper in run.school.helpers:
            other = first_location_of.setdefault(name_key(helper.name), idx)
            group_of[root(idx)] = root(other)
    parts: dict[int, list[LocationRun]] = {}
    for idx, run in enumerate(relaxed):
        parts.setdefault(root(idx), []).append(run)
    return [_component(school, runs) for runs in parts.values()]


def _component(school: School, runs: list[LocationRun]) -> _Component:
    locations = {location for run in runs for location in run.locations}
    requests = tuple(r for r in school.requests if name_key(school.location_of(r)) in locations)
    return _Component(runs, dataclasses.replace(school, requests=requests), _Chain(held=[{} for _run in runs]))


def _share_until(ends_at: float, parts: list[_Component]) -> float:
    """When the first of ``parts`` should be done: its share of the time left, by number of requests, a component
    of several locations weighing once per location (its LP over all of them is the largest model, and the bound
    that pays most)."""
    sizes = [len(part.school.requests) * len(part.runs) for part in parts]
    return time.monotonic() + max(0.0, ends_at - time.monotonic()) * sizes[0] / max(1, sum(sizes))


@dataclass(frozen=True)
class _Together:
    """What a bound of locations together needs: the whole school, the LPs already running, the stop."""

    school: School
    running: Sequence[TogetherLp]
    should_stop: Callable[[], bool] | None


def _component_bound(
    together: _Together, part: _Component, level: Level, sessions: tuple[Session, ...], ends_at: float
) -> Bound:
    """The component's bound on this level (its trivial bound when the chain gives none); moves its chain on."""
    key = level.info.key
    ids = {name_key(r.request_id) for r in part.school.requests}
    own_sessions = tuple(s for s in sessions if name_key(s.request_id) in ids)
    value = LEVEL_VALUES[key](part.school, own_sessions)
    trivial = Bound(trivial_bound(part.school, key), PROVEN_BY_MODEL)
    lp_bound = _together_bound(together, part, key, value, ends_at)
    per_location = None if part.chain.state == BROKEN else _location_bounds(part.runs, level, part.chain, ends_at)
    locations = ", ".join(location for run in part.runs for location in run.locations)
    LOGGER.info(
        "%s at %s (%s): value %s, per-location bounds %s, together %s",
        key, locations, part.chain.state, value, per_location, lp_bound,
    )  # fmt: skip
    _advance(part.chain, key, None if per_location is None else [bound.value for bound in per_location], value)
    own = _kept_whole(part, key, own_sessions)
    bounds = [trivial] + [bound for bound in (lp_bound, own) if bound is not None]
    if per_location is not None:
        bounds.append(Bound(sum(b.value for b in per_location), "+".join(b.engine for b in per_location)))
    return min(bounds)


def _kept_whole(part: _Component, key: str, own_sessions: tuple[Session, ...]) -> Bound | None:
    """A component of one unit whose joined sessions (``own_sessions``) are its relaxed plan: a school of its own,
    solved as one model, so its solve's bound holds as it does for any school (under the earlier levels held where
    its solve held them)."""
    result = part.runs[0].level(key) if len(part.runs) == 1 else None
    if result is None or set(part.runs[0].plan.sessions) != set(own_sessions):
        return None
    return Bound(result.bound, result.proven_by or CP_SAT)


def _together_bound(together: _Together, part: _Component, key: str, value: float, ends_at: float) -> Bound | None:
    """For locations that share helpers: the LP bound of all of them as one (``location_lp.py``), the earlier levels
    held at the joined plan's values, which a best plan P* keeps (at a level where the chain is equal P* reaches
    the summed bound, which the joined plan reached; at the one slack level P* is at least as good). Not needed
    where the per-location bounds of CP-SAT already meet the value."""
    if len(part.runs) < 2 or part.chain.state == BROKEN:
        return None
    cp_sat = [run.bound(key) for run in part.runs]
    if part.chain.state == EQUAL and None not in cp_sat and sum(cp_sat) - value < 1e-9:
        return None
    locations = tuple(location for run in part.runs for location in run.locations)
    valid = (lp for lp in together.running if lp.locations == locations and lp.valid_for(key, part.chain.values))
    lp = next(valid, None)
    if lp is None:
        lp = TogetherLp.start(together.school, locations, key, part.chain.values, ends_at)
    bound = None if lp is None else lp.bound(ends_at, together.should_stop)
    return None if bound is None else Bound(bound, HIGHS)


def _location_bounds(relaxed: list[LocationRun], level: Level, chain: _Chain, ends_at: float) -> list[Bound] | None:
    """Per location a bound of this level that the chain makes valid; None when a location has none."""
    key = level.info.key
    cp_sat = [_known(run.bound(key), CP_SAT) for run in relaxed]
    if chain.state == EQUAL and all(bound is not None for bound in cp_sat):
        bounds: list[Bound | None] = list(cp_sat)
        reached = _reached(relaxed, key, [bound.value for bound in cp_sat])
        if chain.held[0] and not all(reached):
            highs = [_known(bound, HIGHS) for bound in _highs_bounds(relaxed, key, chain, ends_at, reached)]
            bounds = [_tighter(a, b) for a, b in zip(bounds, highs, strict=True)]
    elif chain.state == EQUAL:
        return None
    else:
        bounds = [_known(bound, HIGHS) for bound in _highs_bounds(relaxed, key, chain, ends_at)]
    return None if any(bound is None for bound in bounds) else list(bounds)


def _known(value: float | None, engine: str) -> Bound | None:
    return None if value is None else Bound(float(value), engine)


def _reached(relaxed: list[LocationRun], key: str, bounds: list[float | None]) -> list[bool]:
    """Per location: its relaxed plan reached its bound, which HiGHS cannot tighten."""
    values = [run.value(key) for run in relaxed]
    return [v is not None and b is not None and abs(v - b) < 1e-9 for v, b in zip(values, bounds, strict=True)]


def _tighter(first: Bound | None, second: Bound | None) -> Bound | None:
    known = [bound for bound in (first, second) if bound is not None]
    return min(known) if known else None


def _highs_bounds(
    relaxed: list[LocationRun], key: str, chain: _Chain, ends_at: float, done: list[bool] | None = None
) -> list[float | None]:
    """HiGHS's bound of the level at each location but those ``done`` (None for them), the earlier levels
    held as the chain says; the time until ``ends_at`` shared by number of requests."""
    todo = [not skip for skip in done] if done is not None else [True] * len(relaxed)
    sizes = [len(run.school.requests) if wanted else 0 for run, wanted in zip(relaxed, todo, strict=True)]
    bounds = []
    for position, run in enumerate(relaxed):
        if not todo[position]:
            bounds.append(None)
            continue
        budget_s = (ends_at - time.monotonic()) * sizes[position] / sum(sizes[position:])
        bounds.append(_highs_bound(run, key, chain.held[position], budget_s))
    return bounds


def _highs_bound(run: LocationRun, key: str, held: dict[str, float], budget_s: float) -> float | None:
    ends_at = time.monotonic() + budget_s
    if budget_s < MIN_HIGHS_S:
        return None
    level_mip = LevelMip(run.school)
    for held_key, value in held.items():
        level_mip.hold(held_key, value)
    try:
        return level_mip.solve_level(key, ends_at - time.monotonic(), run.plan.sessions).bound
    except StatusNotOk as error:  # e.g. the time ran out while translating: no bound, not a failed plan
        LOGGER.warning("HiGHS gave no bound for %s at %s: %s", key, ", ".join(run.locations), error)
        return None


def _advance(chain: _Chain, key: str, per_location: list[float] | None, value: float) -> None:
    """The chain after a level: still equal, one level of slack (D: how far ``value`` lies below the
    summed per-location bounds), or broken."""
    chain.values[key] = value
    if chain.state != EQUAL or per_location is None:
        chain.state = BROKEN
        return
    slack = max(sum(per_location) - value, 0.0)
    if slack > 1e-9:
        chain.state = SLACK
    for held, bound in zip(chain.held, per_location, strict=True):
        held[key] = bound - slack


def trivial_bound(school: School, key: str) -> float:
    """A bound every plan keeps: all requests of a priority, all minutes asked, a full share, no
    minutes off and no gaps; continuity at best one helper per request doing every session as the
    preferred helper."""
    by_priority = {priority.label: priority for priority in Priority}
    if key in by_priority:
        return float(sum(1 for r in school.requests if r.priority == by_priority[key]))
    if key == "help_minutes":
        return float(sum(r.requested_minutes for r in school.requests))
    if key == "fairness":
        return 1.0
    if key == "continuity":
        return float(sum(1 - r.sessions_per_week for r in school.requests if r.preferred_helper))
    return 0.0
