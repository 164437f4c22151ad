"""What the analysis page shows: demand vs capacity, the latest capacity curve and comparison, the run
in progress, and the forms with what was typed and every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.model import ROLES
from web.planning.analysis_forms import MAX_CURVE_STEPS, TIME_FIELD, UploadProblems
from web.planning.curve_svg import curve_chart
from web.planning.page_data import RUN_STATUS_LABELS, current_school, demand_heat_map
from web.planning.runner import run_time_limit_s
from web.runs.queue import active_runs, fail_orphaned_runs
from web.store import analysis_store
from web.store.models_plan import ANALYSIS_COMPARISON, ANALYSIS_CURVE, PlanRun

CURVE_DEFAULTS = {"tot_uren": "10", "stap_uren": "2", "functie": "onderwijsassistent"}
HOURS_DEFAULTS = {"extra_uren": "2"}


@dataclass(frozen=True)
class FormState:
    """One form as posted: the values to show again and its problems."""

    values: dict[str, str] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    workbook_problems: tuple = ()


def analysis_context(
    curve_form: FormState | None = None, hours_form: FormState | None = None, upload_form: FormState | None = None
) -> dict[str, Any]:
    school = current_school()
    fail_orphaned_runs()
    time_limit = {TIME_FIELD: f"{run_time_limit_s():g}"}
    curve_shown = analysis_store.latest_result_run(ANALYSIS_CURVE)
    return {
        "demand": demand_heat_map(school),
        "helper_names": [helper.name for helper in school.helpers],
        "roles": ROLES,
        "max_curve_steps": MAX_CURVE_STEPS,
        "status_labels": RUN_STATUS_LABELS,
        "active_run": analysis_store.active_run(),
        "plan_run_active": any(isinstance(run, PlanRun) for run in active_runs()),
        "curve_run": analysis_store.latest_run(ANALYSIS_CURVE),
        "curve_shown": curve_shown,
        "chart": curve_chart(curve_shown.result, curve_shown.asked["steps_h"]) if curve_shown else None,
        "comparison_run": analysis_store.latest_run(ANALYSIS_COMPARISON),
        "comparison_shown": analysis_store.latest_result_run(ANALYSIS_COMPARISON),
        "curve_form": curve_form or FormState(CURVE_DEFAULTS | time_limit),
        "hours_form": hours_form or FormState(HOURS_DEFAULTS | time_limit),
        "upload_form": upload_form or FormState(dict(time_limit)),
    }


def upload_state(values: dict[str, str], problems: UploadProblems) -> FormState:
    return FormState(values, problems.errors, problems.workbook_problems)
