"""What the planning pages show, gathered from the database (keeps the views thin)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import abort
from sqlalchemy import select

from planner import services
from planner.model import Plan, Priority, Request, School, name_key
from planner.timegrid import DAY_FULL_NAMES, format_hours, format_time
from web.db import db
from web.planning.plan_choice import plan_choice
from web.runs.queue import fail_orphaned_runs
from web.store import plan_store
from web.store.dashboard_facts import DashboardFacts, dashboard_facts
from web.store.kept import kept
from web.store.models_plan import PlanDiagnosis, PlanPin, PlanRun

RUN_STATUS_LABELS = {
    "queued": "in de wachtrij",
    "running": "bezig",
    "done": "klaar",
    "stopped": "gestopt",
    "failed": "mislukt",
}
HEAT_MAP_SLOT_MIN = 30


def current_school() -> School:
    """The school as the planner sees it, kept until it changes (``web.store.kept``)."""
    from web.store.convert import kept_school

    return kept_school()


def run_or_latest(run_id: int | None) -> PlanRun | None:
    """The asked run (404 when unknown) or the newest run of any status."""
    fail_orphaned_runs()
    if run_id is not None:
        run = db.session.get(PlanRun, run_id)
        if run is None:
            abort(404)
        return run
    return db.session.scalars(select(PlanRun).order_by(PlanRun.id.desc()).limit(1)).first()


def keep_base_run() -> PlanRun | None:
    """The plan a re-plan keeps as much of as it can: the published one, else the newest plan."""
    return plan_store.published_plan_run() or plan_store.latest_plan_run()


def recent_runs(limit: int = 10) -> list[PlanRun]:
    return list(db.session.scalars(select(PlanRun).order_by(PlanRun.id.desc()).limit(limit)))


@dataclass(frozen=True)
class UnmetRow:
    diagnosis: PlanDiagnosis
    request: Request | None  # None when the request was removed after the run
    placed: int

    @property
    def sort_key(self) -> tuple[int, str]:
        return (int(self.request.priority) if self.request else 9, self.diagnosis.request_id)


@dataclass(frozen=True)
class UnmetFilter:
    """What the planner narrows Niet ingepland to: words and a priority, cause, group and teacher (empty: all)."""

    search: str = ""
    priority: str = ""
    cause: str = ""
    group: str = ""
    teacher: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> UnmetFilter:
        names = ("zoek", "prioriteit", "oorzaak", "groep", "leerkracht")
        return cls(*(args.get(name, "").strip() for name in names))

    @property
    def active(self) -> bool:
        return any((self.search, self.priority, self.cause, self.group, self.teacher))

    def matches(self, row: UnmetRow) -> bool:
        request = row.request
        wanted = (
            (self.priority, request.priority.label if request else ""),
            (self.cause, row.diagnosis.cause),
            (self.group, request.group if request else ""),
            (self.teacher, request.teacher if request else ""),
        )
        if any(choice and name_key(choice) != name_key(value) for choice, value in wanted):
            return False
        return not self.search or name_key(self.search) in name_key(_searchable_text(row))


def unmet_choices(rows: list[UnmetRow]) -> dict[str, list[str]]:
    """The priorities, groups and teachers that occur among the rows: the filter's options."""
    requests = [row.request for row in rows if row.request is not None]
    return {
        "priorities": [p.label for p in Priority if any(r.priority == p for r in requests)],
        "groups": sorted({r.group for r in requests}, key=name_key),
        "teachers": sorted({r.teacher for r in requests}, key=name_key),
    }


def _searchable_text(row: UnmetRow) -> str:
    facts = [row.diagnosis.request_id, row.diagnosis.reason, row.diagnosis.suggestion or ""]
    if row.request is not None:
        facts += [row.request.task, row.request.subject, row.request.teacher, row.request.group]
    return " ".join(facts)


def unmet_rows(run: PlanRun, school: School) -> list[UnmetRow]:
    """The run's diagnoses with their request and placed count, highest priority first."""
    plan = plan_store.to_plan(run)
    rows = [
        UnmetRow(diagnosis=d, request=school.request(d.request_id), placed=plan.placed_count(d.request_id))
        for d in run.diagnoses
    ]
    return sorted(rows, key=lambda row: row.sort_key)


def pinned_keys() -> frozenset[tuple[str, str, int]]:
    return frozenset((name_key(pin.request_id), pin.day, pin.start) for pin in plan_store_pins())


def plan_store_pins() -> list[PlanPin]:
    return list(db.session.scalars(select(PlanPin).order_by(PlanPin.day, PlanPin.start, PlanPin.id)))


def shown_elapsed_s(run: PlanRun) -> float:
    """The time a running run has used, never shown beyond its limit: the last moments go to storing
    the results, which the time split reserved within the limit."""
    return min(run.live_elapsed_s, run.time_limit_s)


def progress_payload(run: PlanRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "status": run.status,
        "status_label": RUN_STATUS_LABELS.get(run.status, run.status),
        "active": run.is_active,
        "elapsed_s": round(shown_elapsed_s(run), 1),
        "time_limit_s": run.time_limit_s,
        "time_split": run.time_split,
        "level_label": run.level_label or "",
        "best": run.best,
        "bound": run.bound,
        "stop_requested": bool(run.stop_requested),
        "error": run.error_text or "",
    }


@dataclass(frozen=True)
class HelperHours:
    name: str
    role: str
    cap_min: int
    planned_min: int

    @property
    def left_min(self) -> int:
        return self.cap_min - self.planned_min


def helper_hours(school: School, plan: Plan) -> list[HelperHours]:
    """Per helper: weekly hours, hours planned and what is left (the planner balances these)."""
    planned = services.planned_minutes_per_helper(school, plan)
    return [HelperHours(h.name, h.role, h.weekly_cap_min, planned.get(h.name, 0)) for h in school.helpers]


def outcome_words(run: PlanRun) -> dict[str, Any]:
    """A finished run's outcome in words (from the figures stored with it) and its levels for "Details"."""
    stored = (run.figures or {}).get("priorities", {})
    priorities = [
        services.PriorityFigures(
            Priority.from_label(label), row["requests"], row["fully"], row["partly"], row["not_placed"], row["honoured"]
        )
        for label, row in stored.items()
    ]
    plan = plan_store.to_plan(run, with_sessions=False)  # the words need the status and levels only
    return {
        "lines": services.priority_lines(priorities, plan.levels),
        "proof": services.proof_sentence(plan.status, plan.levels),
        "levels": services.level_rows(plan.levels),
        "method": plan.method,  # e.g. "opgesplitst per locatie"; empty for a plan made in one solve
        "method_explanation": services.METHOD_EXPLANATION,
    }


def dashboard_context(run_id: int | None) -> dict[str, Any]:
    school = current_school()
    choice = plan_choice(run_id)
    run = choice.run
    priorities: list[services.PriorityFigures] = []
    hours: list[HelperHours] = []
    facts = DashboardFacts()
    if run is not None:
        plan = plan_store.to_plan(run)
        priorities = services.figures_per_priority(school, plan)
        hours = helper_hours(school, plan)
        facts = dashboard_facts(run, school, plan)
    return {
        "school": school,
        "request_count": len(school.requests),
        "requested_hours": format_hours(services.requested_minutes(school)),
        "available_hours": format_hours(services.available_minutes(school)),
        "latest_run": run_or_latest(None),
        "shown_run": run,
        "choice": choice,
        "outcome_words": outcome_words(run) if run is not None else None,
        "priorities": priorities,
        "helper_hours": hours,
        "idle_hours": facts.idle_hours,
        "hours_offers": facts.hours_offers,
        "hours_offer_count": facts.hours_offer_count,
        "pins": plan_store_pins(),
        "demand": demand_heat_map(school),
        "base_run": keep_base_run(),
    }


def demand_heat_map(school: School) -> dict[str, Any] | None:
    """Demand vs capacity per day and half hour; None while there is nothing to compare."""
    if not school.requests or not school.school_days:
        return None
    return kept("demand_heat_map", lambda: heat_map_rows(services.demand_vs_capacity(school, HEAT_MAP_SLOT_MIN)))


def heat_map_rows(grid: Any) -> dict[str, Any]:
    """Rows of (time label, cells) with a colour class per cell by how far demand exceeds capacity."""
    rows = []
    for start in grid.starts:
        cells = []
        for day in grid.days:
            cell = grid.cell(day, start)
            if cell is None:
                cells.append(None)
                continue
            cells.append({"demand": cell.demand, "capacity": cell.capacity, "level": heat_level(cell)})
        rows.append({"time": format_time(start), "cells": cells})
    return {"days": [DAY_FULL_NAMES[day] for day in grid.days], "rows": rows, "slot_min": grid.slot_min}


def heat_level(cell: Any) -> str:
    """``none`` no demand, ``ok`` enough people, ``tight`` up to 1.5× over, ``short`` more over than that."""
    if cell.demand <= 0.005:
        return "none"
    if cell.demand <= cell.capacity + 0.005:
        return "ok"
    return "tight" if cell.demand <= 1.5 * cell.capacity else "short"
