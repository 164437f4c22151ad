"""The thin service layer the CLI and the web app both call.

Read a planning workbook, solve it, diagnose what did not fit, write the result
workbook, and give the key figures as plain data. Errors in the input surface
as ``planner.workbook.WorkbookError`` (with every problem); nothing here prints.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from planner import figures
from planner.analysis import DemandGrid, demand_vs_capacity
from planner.diagnosis import Diagnosis, add_verified_suggestions, diagnose
from planner.model import Plan, School, SolveStatus
from planner.solver import Progress, SolveOptions, solve
from planner.workbook import read_workbook
from planner.workbook import result as result_workbook

LOGGER = logging.getLogger(__name__)
SUGGESTIONS_KEY = "suggesties"
SUGGESTIONS_LABEL = "Suggesties controleren (opnieuw plannen met een wijziging)"
MAX_SUGGESTION_BUDGET_S = 60.0

ProgressCallback = Callable[[Progress], None]
StopCheck = Callable[[], bool]


@dataclass(frozen=True)
class SolveOutcome:
    """A solved school: the input, the plan and why requests did not (fully) fit."""

    school: School
    plan: Plan
    diagnoses: tuple[Diagnosis, ...] = ()


def read_school(source: str | os.PathLike[str] | bytes | BinaryIO) -> School:
    """The school of a planning workbook; raises ``WorkbookError`` listing all problems."""
    return read_workbook(source)


def solve_options(
    school: School, *, time_limit_s: float | None = None, workers: int = 2, seed: int = 0
) -> SolveOptions:
    """Solver options; the time limit defaults to the workbook's ``tijdslimiet_s``."""
    limit = time_limit_s if time_limit_s is not None else school.settings.time_limit_s
    return SolveOptions(time_limit_s=limit, workers=workers, seed=seed)


def solve_school(
    school: School,
    options: SolveOptions | None = None,
    *,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
    suggestion_budget_s: float | None = None,
) -> SolveOutcome:
    """Solve, then diagnose every request not fully placed (with verified suggestions within a budget)."""
    options = options or solve_options(school)
    started = time.monotonic()
    plan = solve(school, options, progress=progress, should_stop=should_stop)
    diagnoses = diagnose(school, plan)
    budget = suggestion_budget(options.time_limit_s) if suggestion_budget_s is None else suggestion_budget_s
    stopped = plan.status == SolveStatus.STOPPED or (should_stop is not None and should_stop())
    if diagnoses and budget > 0 and not stopped:
        if progress is not None:
            progress(Progress(time.monotonic() - started, SUGGESTIONS_KEY, SUGGESTIONS_LABEL, None, None))
        diagnoses = _with_suggestions(school, plan, diagnoses, budget, options.workers)
    return SolveOutcome(school, plan, tuple(diagnoses))


def explain_plan(school: School, plan: Plan) -> SolveOutcome:
    """A given plan with the reasons why requests did not (fully) fit, without suggestions (no solving)."""
    return SolveOutcome(school, plan, tuple(diagnose(school, plan)))


def _with_suggestions(
    school: School, plan: Plan, diagnoses: list[Diagnosis], budget_s: float, workers: int
) -> list[Diagnosis]:
    """Suggestions are extra: if checking them fails, keep the plan and the reasons without them."""
    try:
        return add_verified_suggestions(school, plan, diagnoses, budget_s=budget_s, workers=workers)
    except Exception as error:  # never lose a finished plan over a suggestion
        LOGGER.warning("Suggesties konden niet worden gecontroleerd; het rooster is wel gemaakt.")
        LOGGER.debug("suggestions failed", exc_info=error)
        return diagnoses


def suggestion_budget(time_limit_s: float) -> float:
    """Time for verifying suggestions: half the solve time, at most a minute."""
    return min(MAX_SUGGESTION_BUDGET_S, time_limit_s / 2)


def solve_workbook(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    *,
    time_limit_s: float | None = None,
    workers: int = 2,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
    suggestion_budget_s: float | None = None,
) -> SolveOutcome:
    """Read and solve a planning workbook; raises ``WorkbookError`` on input problems."""
    school = read_school(source)
    options = solve_options(school, time_limit_s=time_limit_s, workers=workers, seed=seed)
    return solve_school(
        school, options, progress=progress, should_stop=should_stop, suggestion_budget_s=suggestion_budget_s
    )


def write_result(outcome: SolveOutcome, path: str | os.PathLike[str], *, with_demand: bool = True) -> Path:
    """Write the result workbook (input sheets + plan sheets) to ``path``."""
    return result_workbook.write_result(
        outcome.school, outcome.plan, path, outcome.diagnoses, _demand(outcome.school) if with_demand else None
    )


def result_bytes(outcome: SolveOutcome, *, with_demand: bool = True) -> bytes:
    """The result workbook as bytes, e.g. for a download in the web app."""
    workbook = result_workbook.build_result_workbook(
        outcome.school, outcome.plan, outcome.diagnoses, _demand(outcome.school) if with_demand else None
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _demand(school: School) -> DemandGrid:
    return demand_vs_capacity(school)


def key_figures(outcome: SolveOutcome, output_path: str | os.PathLike[str] | None = None) -> dict[str, object]:
    """The plan's key figures as plain JSON-able data (for ``solve --json`` and the web)."""
    school, plan = outcome.school, outcome.plan
    per_priority = figures.figures_per_priority(school, plan)
    return {
        "status": plan.status.value,
        "wall_time_s": round(plan.wall_time_s, 2),
        "output": str(output_path) if output_path is not None else None,
        "requests": {
            "total": len(school.requests),
            "fully": sum(item.fully for item in per_priority),
            "partly": sum(item.partly for item in per_priority),
            "not_placed": sum(item.not_placed for item in per_priority),
            "honoured_share": round(figures.total_honoured_share(school, plan), 4),
        },
        "priorities": {
            item.priority.label: {
                "requests": item.requests,
                "fully": item.fully,
                "partly": item.partly,
                "not_placed": item.not_placed,
                "honoured": round(item.honoured, 4),
                "honoured_share": round(item.honoured_share, 4),
            }
            for item in per_priority
        },
        "hours": {
            "requested": round(figures.requested_minutes(school) / 60, 2),
            "planned": round(figures.planned_minutes(plan) / 60, 2),
            "available": round(figures.available_minutes(school) / 60, 2),
        },
        "levels": [
            {
                "key": level.key,
                "label": level.label,
                "value": round(level.value, 4),
                "bound": round(level.bound, 4),
                "proven_optimal": level.proven_optimal,
                "time_s": round(level.time_s, 2),
            }
            for level in plan.levels
        ],
        "unplaced": [_unplaced_figures(outcome, diagnosis) for diagnosis in outcome.diagnoses],
    }


def _unplaced_figures(outcome: SolveOutcome, diagnosis: Diagnosis) -> dict[str, object]:
    request = outcome.school.request(diagnosis.request_id)
    return {
        "request_id": diagnosis.request_id,
        "asked": request.sessions_per_week if request else None,
        "placed": outcome.plan.placed_count(diagnosis.request_id),
        "cause": diagnosis.cause.value,
        "reason": diagnosis.reason,
        "suggestion": diagnosis.suggestion,
    }
