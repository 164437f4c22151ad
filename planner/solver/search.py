"""Running CP-SAT on one objective level: parameters, progress and stopping."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

LOGGER = logging.getLogger(__name__)
STOP_POLL_S = 0.1
# With few workers CP-SAT runs only one or two "full problem" subsolvers, taken from the front of
# this list. Its default first one ("default_lp") leaves the bound of the honoured levels far from
# the optimum (typical school, "middel": 27.67 against an optimum of 26.83 after 150 s); "max_lp"
# (full linearisation plus cuts) proves it in seconds. Below PORTFOLIO_FROM_WORKERS every worker
# runs a full subsolver (the LNS workers still run, interleaved): after the greedy hint the time
# goes into proving, not into finding plans. Measured on 2 cores, levels 1–2 of the sample and
# typical schools in 10 s, three seeds each: all proven in 5 of 6 runs with (max_lp, pseudo_costs)
# as the two full subsolvers, 4 of 6 with symmetry_level=2 instead, 2 of 6 with one full subsolver,
# 0 of 6 with (max_lp, quick_restart). With many workers the default portfolio already has max_lp.
LP_FIRST_SUBSOLVERS = ("max_lp", "pseudo_costs", "quick_restart", "default_lp", "core")
PORTFOLIO_FROM_WORKERS = 8
# CP-SAT runs its LNS (and its other incomplete subsolvers) only on the threads beyond its full subsolvers: with
# as many threads as full subsolvers its log showed 0 LNS calls, and a level whose better plans need sessions of
# the levels above moved hardly improved. The thread takes a share of the cores from the full subsolvers (2
# cores, 3 threads), which slows proofs: on every level it cost the typical schools' proofs at 10 s (levels 1-2
# proven on 1 of 3 instead of 3 of 3), so it searches only where plans are hard to find
# (``SearchSettings.lns_thread``; where that is and the figures, see ``solve.LNS_FROM_CANDIDATES``).
LNS_THREADS = 1
CP_SAT = "cp-sat"  # LevelResult.proven_by: the engine that proved a level
HIGHS = "highs"  # LevelResult.proven_by when HiGHS proved the level (its bound, or its plan at its bound)
PROVEN_BY_MODEL = "model"  # a level with nothing to choose (e.g. no such requests) is proven by the model itself


@dataclass(frozen=True)
class Progress:
    """What a running solve reports: shown live in the CLI and the web app."""

    elapsed_s: float
    level_key: str
    level_label: str  # Dutch label for display
    best: float | None
    bound: float | None


@dataclass(frozen=True)
class StallRule:
    """When a level may end unproven so the next levels get its time: no better plan for ``quiet_share`` of its
    search time (at least ``quiet_min_s``) while the gap between plan and bound is at most ``gap`` (relative).
    The level is proven later, with the time left at the end (see ``solve.py``).

    With a gap of 5 % a large school's "hoog" (55,42 of a bound of 58,25, CP-SAT starved on a busy machine) was
    held 2,4 requests below the plan a longer search found. With 1 % the large schools' "middel" was held one
    twelfth of a request below its optimum (seeds 1 and 2 at 60 s: 42,25 of 42,67 and 41,17 of 41,50, after
    23-28 s), and its proof at the end had too little time to find it; 0,5 % lets it search on. A quarter of the
    level's time without a better plan leaves it most of its time to prove.
    """

    quiet_share: float = 0.25
    quiet_min_s: float = 1.0
    gap: float = 0.005
    # The first level solved stalls only on a small model (below ``first_level_below`` hand candidates): every
    # later level builds on it, and held on a busy machine a large school's "hoog" lost its proof (seed 1) or
    # stayed 0,08 short of its optimum (seed 2) with no time left to come back to it. On a typical school (under
    # 12.500 candidates) the first level's proof is what takes the time: typical seed 0's "hoog" was at its
    # optimum 35,92 (bound 36,08) but proven only after 2,3-4,5 s, and "middel" then missed its optimum 10,17
    # at 10 s (5,50, 5,33 and 9,17 in three runs). Stalling there, "middel" and "laag" reached their optima in
    # 3 of 3 runs, and the proofs at 30 s stayed within 9,3 s.
    first_level: bool = False
    first_level_below: int = 15_000

    def applies(self, first: bool, last: bool, candidates: int) -> bool:
        """Whether a level may stall: never the last (no later level to give its time to), the first only on a
        small model of ``candidates`` hand candidates or when the rule says so."""
        return not last and (not first or self.first_level or candidates < self.first_level_below)

    def holds(self, best: float | None, bound: float | None, quiet_s: float, search_s: float) -> bool:
        if best is None or bound is None or quiet_s < max(self.quiet_min_s, self.quiet_share * search_s):
            return False
        return abs(bound - best) <= self.gap * max(abs(best), abs(bound), 1.0)


def floor_bound(bound: float) -> int:
    """An integer objective's upper bound, reported as a double, as an integer: rounded down, but a double within
    its rounding error of the integer above counts as that integer (never a bound tighter than the true one)."""
    return math.floor(bound + _rounding_error(bound))


def ceil_bound(bound: float) -> int:
    """An integer objective's lower bound, reported as a double, as an integer (see ``floor_bound``)."""
    return math.ceil(bound - _rounding_error(bound))


def _rounding_error(value: float) -> float:
    return max(1e-6, abs(value) * 1e-12)


@dataclass(frozen=True)
class SearchSettings:
    time_limit_s: float
    workers: int
    seed: int
    light_presolve: bool = False  # for short later levels: skip probing so the search starts sooner
    # With a tie-break the objective is weight * level + next level (0 <= next < weight), maximised:
    # the level is proven once floor(bound / weight) == floor(best / weight), and the search stops there.
    tie_break_weight: int = 1
    stall: StallRule | None = None  # None: search until proven or out of time
    lns_thread: bool = False  # one thread more for CP-SAT's LNS (``LNS_THREADS``): better plans, slower proofs


@dataclass(frozen=True)
class LevelRun:
    """The outcome of one level: the raw solution (all variable values) if any."""

    solution: tuple[int, ...] | None
    value: int | None
    bound: float | None
    proven_optimal: bool
    infeasible: bool
    stopped: bool
    time_s: float
    stalled: bool = False  # ended early by the settings' StallRule: unproven, to be proven later
    engine: str = CP_SAT  # LevelResult.proven_by when the run proves the level


@dataclass(frozen=True)
class ProgressReporter:
    """Turns solver numbers into ``Progress`` for one level."""

    started: float  # time.monotonic() of the whole solve
    level_key: str
    level_label: str
    scale: int
    callback: Callable[[Progress], None] | None
    tie_break_weight: int = 1
    # The level's own trivial upper bound (unscaled), for a maximised level: until its LP runs,
    # CP-SAT reports the sum of all objective coefficients, which can be far above it.
    upper_bound: int | None = None

    def report(self, best: float | None, bound: float | None) -> None:
        if self.callback is None:
            return
        elapsed = time.monotonic() - self.started
        scaled_best = None if best is None else (best // self.tie_break_weight) / self.scale
        scaled_bound = None if bound is None else (bound // self.tie_break_weight) / self.scale
        if scaled_bound is not None and self.upper_bound is not None:
            scaled_bound = min(scaled_bound, self.upper_bound / self.scale)
        self.callback(Progress(elapsed, self.level_key, self.level_label, scaled_best, scaled_bound))


def progress_led_by(
    lead: str, started: float, progress: Callable[[Progress], None] | None
) -> Callable[[Progress], None] | None:
    """A solve's progress within a longer job (a point of a curve): its label led by ``lead``, its time
    counted from ``started`` (a ``time.monotonic()`` value)."""
    if progress is None:
        return None

    def report(step: Progress) -> None:
        progress(replace(step, elapsed_s=time.monotonic() - started, level_label=f"{lead}: {step.level_label}"))

    return report


class _SolutionWatcher(cp_model.CpSolverSolutionCallback):
    def __init__(self, reporter: ProgressReporter, should_stop: Callable[[], bool] | None, weight: int) -> None:
        super().__init__()
        self._reporter = reporter
        self._should_stop = should_stop
        self._weight = weight
        self.stop_requested = False
        self.stalled = False
        self.settled = False  # the level itself is proven (only the tie-break is still open)
        self.best: float | None = None
        self.bound: float | None = None
        self.improved_at = time.monotonic()  # when the best plan last got better
        self.solver: cp_model.CpSolver | None = None

    def on_solution_callback(self) -> None:
        if self.best != self.objective_value:
            self.improved_at = time.monotonic()
        self.best = self.objective_value
        self.on_bound(self.best_objective_bound)
        if self._should_stop is not None and self._should_stop():
            self.stop_requested = True
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        self.bound = bound
        self._reporter.report(self.best, bound)
        if self._weight > 1 and self.best is not None and bound // self._weight <= self.best // self._weight:
            self.settled = True
            if self.solver is not None:
                self.solver.stop_search()


def run_level(
    model: cp_model.CpModel,
    settings: SearchSettings,
    reporter: ProgressReporter,
    should_stop: Callable[[], bool] | None,
) -> LevelRun:
    """Solve the model with its current objective and hints within the settings."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(settings.time_limit_s, 0.01)
    solver.parameters.num_workers = _threads(settings.workers, settings.lns_thread)
    solver.parameters.random_seed = settings.seed
    # Ctrl-C is the command's to handle (stop and keep the best plan, see planner/commands/interrupt.py):
    # CP-SAT's own handler would end only the running level and hide the Ctrl-C from it.
    solver.parameters.catch_sigint_signal = False
    if settings.light_presolve:
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
        solver.parameters.max_presolve_iterations = 1
    _choose_subsolvers(solver.parameters, settings.workers)
    watcher = _SolutionWatcher(reporter, should_stop, settings.tie_break_weight)
    watcher.solver = solver
    solver.best_bound_callback = watcher.on_bound
    stop_event = threading.Event()
    stop_check = _stop_check(should_stop, settings, watcher)
    poller = _start_stop_poller(solver, stop_check, stop_event, watcher)
    began = time.monotonic()
    try:
        status = solver.solve(model, watcher)
    finally:
        stop_event.set()
        if poller is not None:
            poller.join()
    took = time.monotonic() - began
    LOGGER.debug("level %s: %s in %.2fs", reporter.level_key, solver.status_name(status), took)
    return _level_run(solver, status, watcher, settings.tie_break_weight, took)


def _stop_check(
    should_stop: Callable[[], bool] | None, settings: SearchSettings, watcher: _SolutionWatcher
) -> Callable[[], bool] | None:
    """What the poller checks: the caller's stop, and the stall rule (which marks the run stalled)."""
    stall = settings.stall
    if stall is None:
        return should_stop

    def check() -> bool:
        if should_stop is not None and should_stop():
            return True
        quiet_s = time.monotonic() - watcher.improved_at
        if stall.holds(watcher.best, watcher.bound, quiet_s, settings.time_limit_s):
            watcher.stalled = True
            return True
        return False

    return check


def _threads(workers: int, lns_thread: bool) -> int:
    """CP-SAT's threads for ``workers`` full subsolvers: with ``lns_thread`` one more for LNS while the full
    subsolvers are pinned (``LNS_THREADS``); a single worker stays one thread."""
    return workers + LNS_THREADS if lns_thread and 1 < workers < PORTFOLIO_FROM_WORKERS else workers


def _choose_subsolvers(parameters, workers: int) -> None:
    """Put the strongest LP first (see ``LP_FIRST_SUBSOLVERS``); one worker gets the same linearisation."""
    if workers <= 1:
        parameters.linearization_level = 2
    elif workers < PORTFOLIO_FROM_WORKERS:
        parameters.num_full_subsolvers = min(workers, len(LP_FIRST_SUBSOLVERS))
        parameters.subsolvers.extend(LP_FIRST_SUBSOLVERS)


def _level_run(solver: cp_model.CpSolver, status: int, watcher: _SolutionWatcher, weight: int, took: float) -> LevelRun:
    stopped = watcher.stop_requested
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return LevelRun(None, None, None, False, status == cp_model.INFEASIBLE, stopped, took)
    solution = tuple(solver.response_proto.solution)
    value = round(solver.objective_value) // weight
    bound = solver.best_objective_bound // weight
    proven = status == cp_model.OPTIMAL or (weight > 1 and (watcher.settled or bound <= value))
    return LevelRun(solution, value, bound, proven, False, stopped, took, watcher.stalled and not proven)


def _start_stop_poller(
    solver: cp_model.CpSolver,
    should_stop: Callable[[], bool] | None,
    done: threading.Event,
    watcher: _SolutionWatcher,
) -> threading.Thread | None:
    # A solution callback only runs when a solution is found; this thread makes
    # should_stop() take effect at once also while the search proves a bound.
    if should_stop is None:
        return None

    def poll() -> None:
        while not done.wait(STOP_POLL_S):
            if should_stop():
                watcher.stop_requested = not watcher.stalled
                solver.stop_search()
                return

    thread = threading.Thread(target=poll, name="solver-stop-poller", daemon=True)
    thread.start()
    return thread
