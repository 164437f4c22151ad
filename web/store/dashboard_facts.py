"""What the dashboard shows of a run that takes seconds to work out, stored with the run.

Why helpers' hours stay unused (``services.explain_idle_hours``) and what more hours buy
(``services.hours_offers``) walk the whole school; at a thousand requests that is seconds, too slow
for every page view. ``store_dashboard_facts`` works them out once, when the run is stored, and keeps
the lines the dashboard shows as plain data on the run (``PlanRun.dashboard_facts``). A run stored
before this existed gets them on its first view, for the school as it is then, and keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner import services
from planner.model import Plan, School
from web.db import db
from web.store.models_plan import PlanRun

HOURS_OFFERS_SHOWN = 8  # the dashboard shows the best few; the export holds them all


@dataclass(frozen=True)
class IdleLine:
    """One helper with hours left: the head sentence and one sentence per cause."""

    helper: str
    head: str
    cause_texts: tuple[str, ...]


@dataclass(frozen=True)
class OfferLine:
    """One row of "Wat meer uren opleveren" as the dashboard shows it."""

    helper: str
    day: str
    change_text: str
    extra_minutes: int
    request_ids: tuple[str, ...]
    priorities_text: str
    value_per_hour: float


@dataclass(frozen=True)
class DashboardFacts:
    idle_hours: tuple[IdleLine, ...] = ()
    hours_offers: tuple[OfferLine, ...] = ()  # the best ``HOURS_OFFERS_SHOWN``
    hours_offer_count: int = 0  # all offers found


def work_out(school: School, plan: Plan) -> DashboardFacts:
    """The facts of ``plan`` as far as ``school`` has it (what refers to removed requests or helpers goes)."""
    kept = services.stored_outcome(school, plan, ()).plan
    offers = services.hours_offers(school, kept)
    return DashboardFacts(
        idle_hours=tuple(
            IdleLine(idle.helper, idle.head, tuple(cause.text for cause in idle.causes))
            for idle in services.explain_idle_hours(school, kept)
        ),
        hours_offers=tuple(
            OfferLine(
                offer.helper,
                offer.day,
                offer.change_text,
                offer.extra_minutes,
                offer.request_ids,
                offer.priorities_text,
                offer.value_per_hour,
            )
            for offer in offers[:HOURS_OFFERS_SHOWN]
        ),
        hours_offer_count=len(offers),
    )


def store_dashboard_facts(run: PlanRun, school: School, plan: Plan) -> DashboardFacts:
    """Work the facts out and keep them on the run (committed)."""
    facts = work_out(school, plan)
    run.dashboard_facts = to_json(facts)
    db.session.commit()
    return facts


def dashboard_facts(run: PlanRun, school: School, plan: Plan) -> DashboardFacts:
    """The stored facts of ``run``; a run stored without them gets them now, kept for the next view."""
    if run.dashboard_facts is not None:
        return from_json(run.dashboard_facts)
    return store_dashboard_facts(run, school, plan)


def to_json(facts: DashboardFacts) -> dict[str, Any]:
    return {
        "idle_hours": [
            {"helper": line.helper, "head": line.head, "causes": list(line.cause_texts)} for line in facts.idle_hours
        ],
        "hours_offers": [
            {
                "helper": line.helper,
                "day": line.day,
                "change_text": line.change_text,
                "extra_minutes": line.extra_minutes,
                "request_ids": list(line.request_ids),
                "priorities_text": line.priorities_text,
                "value_per_hour": line.value_per_hour,
            }
            for line in facts.hours_offers
        ],
        "hours_offer_count": facts.hours_offer_count,
    }


def from_json(data: dict[str, Any]) -> DashboardFacts:
    return DashboardFacts(
        idle_hours=tuple(
            IdleLine(row["helper"], row["head"], tuple(row["causes"])) for row in data.get("idle_hours", ())
        ),
        hours_offers=tuple(
            OfferLine(
                row["helper"],
                row["day"],
                row["change_text"],
                int(row["extra_minutes"]),
                tuple(row["request_ids"]),
                row["priorities_text"],
                float(row["value_per_hour"]),
            )
            for row in data.get("hours_offers", ())
        ),
        hours_offer_count=int(data.get("hours_offer_count", 0)),
    )
