"""Which plan a planner's page or export shows: the published one unless another run is asked, and how to say so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import abort

from planner.timegrid import MONTH_NAMES
from web.db import db
from web.store import plan_store
from web.store.models_plan import FINISHED_STATUSES, PlanRun
from web.templating import SCHOOL_TIME_ZONE


@dataclass(frozen=True)
class PlanChoice:
    run: PlanRun | None  # None while no run has a plan
    published_run_id: int | None
    runs: list[PlanRun] = field(default_factory=list)  # what the planner can choose instead

    @property
    def is_published(self) -> bool:
        return self.run is not None and self.run.id == self.published_run_id

    @property
    def label(self) -> str:
        """ "Gepubliceerd rooster van 3 december 2026 14:05" or "Concept (berekening 7, niet gepubliceerd)"."""
        if self.run is None:
            return ""
        if self.is_published:
            return f"Gepubliceerd rooster van {moment_in_words(self.run.published_at)}"
        return f"Concept (berekening {self.run.id}, niet gepubliceerd)"

    @property
    def export_status(self) -> str:
        """The line under the title of the exported workbook's ``Overzicht``."""
        if self.is_published:
            return f"Gepubliceerd op {moment_in_words(self.run.published_at)} (berekening {self.run.id})"
        return f"Concept — niet gepubliceerd (berekening {self.run.id})"

    def option_label(self, run: PlanRun) -> str:
        state = "gepubliceerd" if run.id == self.published_run_id else "concept"
        return f"Berekening {run.id} van {moment_in_words(run.created_at)} ({state})"


def plan_choice(run_id: int | None) -> PlanChoice:
    """The asked run (404 when unknown or without a plan), else the published plan, else the newest."""
    published = plan_store.published_plan_run()
    return PlanChoice(
        run=finished_run_or_404(run_id) if run_id is not None else plan_store.planner_default_run(),
        published_run_id=published.id if published else None,
        runs=plan_store.finished_plan_runs(),
    )


def choice_of(run: PlanRun | None) -> PlanChoice | None:
    """The run page's run as a choice (no list: that page has its own); None while it has no plan."""
    if run is None or run.status not in FINISHED_STATUSES:
        return None
    published = plan_store.published_plan_run()
    return PlanChoice(run=run, published_run_id=published.id if published else None)


def finished_run_or_404(run_id: int) -> PlanRun:
    run = db.session.get(PlanRun, run_id)
    if run is None or run.status not in FINISHED_STATUSES:
        abort(404)
    return run


def moment_in_words(moment: dt.datetime | None) -> str:
    """A stored moment (UTC, no zone) as the school's clock gives it: ``3 december 2026 14:05``."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=dt.UTC).astimezone(SCHOOL_TIME_ZONE)
    return f"{local.day} {MONTH_NAMES[local.month - 1]} {local.year} {local:%H:%M}"
