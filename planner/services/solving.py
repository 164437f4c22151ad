"""Solve and explain: the one place that plans a school and says why requests did not (fully) fit.

``solve_school`` solves, diagnoses every request not fully placed and adds verified suggestions.
The time limit is the whole job, from ``PlanOptions.started_at`` (the command or web run) to the
result written: it is split up front (``planner.services.budget``) and each phase ends by its
deadline. Suggestions are extra: when checking them fails, the plan and the reasons are kept
without them. Progress goes to the caller's callback, its time counted from the job's start: first
the time split (``TIME_SPLIT_KEY``, its label the Dutch sentence), then the solver's levels, then
one step for the reasons and suggestions. ``should_stop`` ends the search with the best plan so
far (a stopped solve checks no suggestions), or ends the suggestions keeping those found so far.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

from planner.deadline import Deadline
from planner.diagnosis import Diagnosis, add_verified_suggestions, add_ways_to_fit, diagnose
from planner.model import Plan, School, Session, SolveStatus
from planner.services.budget import save_reserve_s, write_reserve_s
from planner.services.job import Job, ProgressCallback, StopCheck
from planner.services.outcome import SolveOutcome
from planner.services.workbooks import WorkbookSource, read_school
from planner.solver import SolveOptions, solve

LOGGER = logging.getLogger(__name__)
EXPLAIN_KEY = "redenen"
EXPLAIN_LABEL = "Redenen en suggesties zoeken"
# No change to the input can help while the pins clash, and a stopped search should end soon.
NO_SUGGESTIONS_AFTER = (SolveStatus.INFEASIBLE, SolveStatus.STOPPED)
# Re-solving a school too large to optimise in its time proves nothing: only the ways that keep the plan.
NO_RESOLVING_AFTER = (*NO_SUGGESTIONS_AFTER, SolveStatus.QUICK)


@dataclass(frozen=True)
class PlanOptions:
    """How to plan: the job's time, the solver's cores and seed, a plan to keep, and the suggestions' share."""

    time_limit_s: float | None = None  # the whole job, reading to writing; None: the school's tijdslimiet_s
    workers: int = 2
    seed: int = 0
    keep: tuple[Session, ...] = ()  # re-plan with minimal change: keep as much of this plan as possible
    suggestion_budget_s: float | None = None  # the suggestions' share of the time limit; None: see budget.py
    started_at: float | None = None  # time.monotonic() when the job started; None: when solving is asked

    def job_limit_s(self, school: School) -> float:
        """The whole job's time: as given, else the workbook's ``tijdslimiet_s``."""
        return self.time_limit_s if self.time_limit_s is not None else school.settings.time_limit_s


def solve_school(
    school: School,
    options: PlanOptions = PlanOptions(),
    *,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> SolveOutcome:
    """Solve, then diagnose every request not fully placed, with verified suggestions; done by the time
    limit less the reserve for writing (see the module text)."""
    job = Job.begin(
        options.job_limit_s(school),
        started_at=options.started_at,
        write_s=write_reserve_s(school),
        suggestions_s=options.suggestion_budget_s,
        progress=progress,
    )
    solver_options = SolveOptions(
        time_limit_s=job.split.solve_s,
        workers=options.workers,
        seed=options.seed,
        hint=options.keep,
        deadline=job.solve_deadline,
    )
    plan = solve(school, solver_options, progress=job.solver_progress, should_stop=should_stop)
    if plan.status != SolveStatus.INFEASIBLE:
        job.report(EXPLAIN_KEY, EXPLAIN_LABEL)
    # The reasons may use the writing's reserve but for saving: on a small school they take milliseconds, on a
    # very large one the sheets that explain the plan are then cut short (planner.services.workbooks).
    explain_by = Deadline(job.end.at - save_reserve_s(school))
    diagnoses = diagnose(school, plan, explain_by)
    stopped = plan.status in NO_SUGGESTIONS_AFTER or (should_stop is not None and should_stop())
    if diagnoses and not stopped:
        resolve = job.split.suggestions_s > 0 and plan.status not in NO_RESOLVING_AFTER
        ways_by = job.suggestions_deadline if resolve else explain_by
        diagnoses = _with_suggestions(school, plan, diagnoses, ways_by, resolve, options.workers, should_stop)
    return SolveOutcome(school, plan, tuple(diagnoses), write_by=job.end)


def solve_workbook(
    source: WorkbookSource,
    options: PlanOptions = PlanOptions(),
    *,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> SolveOutcome:
    """Read and solve a planning workbook; raises ``WorkbookError`` on input problems. Reading counts
    in the time limit: the job starts at ``options.started_at``, else now."""
    if options.started_at is None:
        options = replace(options, started_at=time.monotonic())
    return solve_school(read_school(source), options, progress=progress, should_stop=should_stop)


def explain_plan(school: School, plan: Plan) -> SolveOutcome:
    """A given plan with the reasons why requests did not (fully) fit and the ways to fit that keep the plan
    (no solving)."""
    return SolveOutcome(school, plan, tuple(add_ways_to_fit(school, plan, diagnose(school, plan))))


def _with_suggestions(
    school: School,
    plan: Plan,
    diagnoses: list[Diagnosis],
    deadline: Deadline,
    resolve: bool,
    workers: int,
    should_stop: StopCheck | None,
) -> list[Diagnosis]:
    """First the ways to fit that keep the plan (no solving), then, when ``resolve``, re-solve suggestions for
    the requests still without one, both by the deadline.
    Suggestions are extra: if finding them fails, keep the plan, the reasons and what was found."""
    try:
        diagnoses = add_ways_to_fit(school, plan, diagnoses, time_limit_s=deadline.left_s())
        if resolve and not deadline.passed():
            diagnoses = add_verified_suggestions(
                school, plan, diagnoses, deadline=deadline, workers=workers, should_stop=should_stop
            )
        return diagnoses
    except Exception as error:  # never lose a finished plan over a suggestion
        LOGGER.warning("Suggesties konden niet worden gecontroleerd; het rooster is wel gemaakt.")
        LOGGER.debug("suggestions failed", exc_info=error)
        return diagnoses
