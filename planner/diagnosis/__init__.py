"""Why requests do not fit, and verified suggestions to make them fit (domain spec "Diagnosis").

``diagnose`` (in ``explain``) names the cause of every request not fully placed, from the facts
in ``slots`` and in the Dutch of ``reasons``. ``add_ways_to_fit`` (``ways``) adds the cheapest change
that keeps the plan (``plan_changes``, found by ``fit_search``, checked by the feasibility ledger);
``add_verified_suggestions`` adds, for the requests still without one, a change that a re-solve
proved to help (``suggestions``, from the ``candidates``). ``hours_offers`` groups the helper
changes per helper and day: what more hours would buy. ``idle_hours``
says why a helper's hours stay unused in a plan, in the Dutch of ``idle_texts``.
"""

from planner.diagnosis.explain import (
    BlockingRequest,
    Cause,
    Diagnosis,
    DiagnosisFacts,
    HelperFact,
    add_verified_suggestions,
    diagnose,
)
from planner.diagnosis.hours_offers import HoursOffer, hours_offers
from planner.diagnosis.plan_changes import Agreement, ChangeKind, WayToFit
from planner.diagnosis.ways import add_ways_to_fit

__all__ = [
    "Agreement",
    "BlockingRequest",
    "Cause",
    "ChangeKind",
    "Diagnosis",
    "DiagnosisFacts",
    "HelperFact",
    "HoursOffer",
    "WayToFit",
    "add_verified_suggestions",
    "add_ways_to_fit",
    "diagnose",
    "hours_offers",
]
