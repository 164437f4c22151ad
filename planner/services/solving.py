"""Solve and explain: the one place that plans a school and says why requests did not (fully) fit.

``solve_school`` solves, diagnoses every request not fully placed and, within a time budget,
adds verified suggestions. Suggestions are extra: when checking them fails, the plan and the
reasons are kept without them. Progress goes to the caller's callback (the solver's levels, then
one step for the reasons and suggestions); ``should_stop`` ends the search with the best plan so
far, and a stopped solve checks no suggestions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.diagnosis import Diagnosis, add_verified_suggestions, add_ways_to_fit, diagnose
from planner.model import Plan, School, Session, SolveStatus
from planner.services.outcome import SolveOutcome
from planner.services.workbooks import WorkbookSource, read_school
from planner.solver import Progress, SolveOptions, solve

LOGGER = logging.getLogger(__name__)
EXPLAIN_KEY = "redenen"
EXPLAIN_LABEL = "Redenen en suggesties zoeken"
MAX_SUGGESTION_BUDGET_S = 60.0
# No change to the input can help while the pins clash, and a stopped search should end soon.
NO_SUGGESTIONS_AFTER = (SolveStatus.INFEASIBLE, SolveStatus.STOPPED)

ProgressCallback = Callable[[Progress], None]
StopCheck = Callable[[], bool]


@dataclass(frozen=True)
class PlanOptions:
    """How to plan: the solver's time, cores and seed, a plan to keep, and the time for suggestions."""

    time_limit_s: float | None = None  # None: the school's tijdslimiet_s
    workers: int = 2
    seed: int = 0
    keep: tuple[Session, ...] = ()  # re-plan with minimal change: keep as much of this plan as possible
    suggestion_budget_s: float | None = None  # None: half the time limit, at most a minute

    def solver_options(self, school: School) -> SolveOptions:
        """The solver's options; the time limit defaults to the workbook's ``tijdslimiet_s``."""
        limit = self.time_limit_s if self.time_limit_s is not None else school.settings.time_limit_s
        return SolveOptions(time_limit_s=limit, workers=self.workers, seed=self.seed, hint=self.keep)

    def suggestion_time_s(self, time_limit_s: float) -> float:
        """Time for verifying suggestions: as given, else half the solve time, at most a minute."""
        if self.suggestion_budget_s is not None:
            return self.suggestion_budget_s
        return min(MAX_SUGGESTION_BUDGET_S, time_limit_s / 2)


def solve_school(
    school: School,
    options: PlanOptions = PlanOptions(),
    *,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> SolveOutcome:
    """Solve, then diagnose every request not fully placed, with verified suggestions within the budget."""
    solver_options = options.solver_options(school)
    started = time.monotonic()
    plan = solve(school, solver_options, progress=progress, should_stop=should_stop)
    if progress is not None and plan.status != SolveStatus.INFEASIBLE:
        progress(Progress(time.monotonic() - started, EXPLAIN_KEY, EXPLAIN_LABEL, None, None))
    diagnoses = diagnose(school, plan)
    budget_s = options.suggestion_time_s(solver_options.time_limit_s)
    stopped = plan.status in NO_SUGGESTIONS_AFTER or (should_stop is not None and should_stop())
    if diagnoses and not stopped:
        diagnoses = _with_suggestions(school, plan, diagnoses, budget_s, options.workers)
    return SolveOutcome(school, plan, tuple(diagnoses))


def solve_workbook(
    source: WorkbookSource,
    options: PlanOptions = PlanOptions(),
    *,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> SolveOutcome:
    """Read and solve a planning workbook; raises ``WorkbookError`` on input problems."""
    return solve_school(read_school(source), options, progress=progress, should_stop=should_stop)


def explain_plan(school: School, plan: Plan) -> SolveOutcome:
    """A given plan with the reasons why requests did not (fully) fit and the ways to fit that keep the plan
    (no solving)."""
    return SolveOutcome(school, plan, tuple(add_ways_to_fit(school, plan, diagnose(school, plan))))


def _with_suggestions(
    school: School, plan: Plan, diagnoses: list[Diagnosis], budget_s: float, workers: int
) -> list[Diagnosis]:
    """First the ways to fit that keep the plan (no solving), then re-solve suggestions for the requests still
    without one. Suggestions are extra: if finding them fails, keep the plan, the reasons and what was found."""
    try:
        diagnoses = add_ways_to_fit(school, plan, diagnoses)
        if budget_s > 0:
            diagnoses = add_verified_suggestions(school, plan, diagnoses, budget_s=budget_s, workers=workers)
        return diagnoses
    except Exception as error:  # never lose a finished plan over a suggestion
        LOGGER.warning("Suggesties konden niet worden gecontroleerd; het rooster is wel gemaakt.")
        LOGGER.debug("suggestions failed", exc_info=error)
        return diagnoses
