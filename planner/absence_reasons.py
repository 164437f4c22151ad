"""Why a session lapses on a day of absence, in the school's words (the feasibility ledger decides).

With the day as re-planned booked in the ledger, every other helper is asked whether they could
take the lapsed session at any start in its window:

* a helper who may do it and is free then, but whose hours are used up: ``HOURS_USED_UP``;
* otherwise, a helper who may do it but is busy then with a request of a higher priority:
  ``HIGHER_PRIORITY`` (the day is planned by priority, so that session went first);
* otherwise nobody who may do it is available and free then: ``NOBODY_FREE``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

from planner.diagnosis.reasons import names_text
from planner.dutch import join_dutch
from planner.ledger import Fault, Ledger
from planner.model import Request, School, Session

_CLASH_FAULTS = frozenset({Fault.OVERLAP, Fault.CHANGEOVER_TOO_SHORT})


class LapseCause(Enum):
    NOBODY_FREE = "niemand vrij"
    HOURS_USED_UP = "uren op"
    HIGHER_PRIORITY = "hogere prioriteit"


@dataclass(frozen=True)
class LapseReason:
    cause: LapseCause
    text: str  # Dutch, one clause: "de uren van Bert zijn op"

    @property
    def sentence(self) -> str:
        """The clause as a sentence on its own: ``De uren van Bert zijn op.``"""
        return f"{self.text[:1].upper()}{self.text[1:]}."


def lapse_reason(day_school: School, day_plan: tuple[Session, ...], request: Request, day: str) -> LapseReason:
    """Why ``request`` (one session on ``day`` in ``day_school``) has no place in ``day_plan``."""
    ledger = Ledger(day_school, day_plan)
    hours_out: list[str] = []
    busy_with: dict[str, list[Session]] = defaultdict(list)
    for helper in day_school.helpers:
        for start in day_school.candidate_starts(request, day):
            breaches = ledger.breaches(helper, request, day, start)
            if any(breach.fault.ignores_bookings for breach in breaches):
                continue  # may not do it, or is not there then
            clashes = [breach.other for breach in breaches if breach.fault in _CLASH_FAULTS and breach.other]
            if clashes:
                busy_with[helper.name].extend(clashes)
            elif breaches:
                hours_out.append(helper.name)
    if hours_out:
        names = list(dict.fromkeys(hours_out))
        return LapseReason(LapseCause.HOURS_USED_UP, f"de uren van {names_text(names, 3)} zijn op")
    first = _higher_priority_sessions(day_school, request, busy_with)
    if first:
        return LapseReason(
            LapseCause.HIGHER_PRIORITY,
            f"wie dit mag doen, is dan bezig met iets wat voorgaat: {join_dutch(first)}",
        )
    return LapseReason(LapseCause.NOBODY_FREE, "niemand die dit mag doen is dan beschikbaar en vrij")


def _higher_priority_sessions(school: School, request: Request, busy_with: dict[str, list[Session]]) -> list[str]:
    """``A012 (hoog, Bert)`` for each clashing session of a request that goes before ``request``."""
    found = []
    for name, sessions in busy_with.items():
        for session in sessions:
            other = school.request(session.request_id)
            if other is not None and other.priority < request.priority:
                found.append(f"{other.request_id} ({other.priority.label}, {name})")
    return list(dict.fromkeys(found))
