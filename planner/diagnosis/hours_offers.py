"""What more helper hours would buy: the verified ways to fit grouped per helper and day, ranked.

Every helper change found for a request not fully placed (available longer that day, more hours;
see ``fit_search``) is grouped by helper and day. Per group one combined change is built: requests
in priority order (hoog first), each with its cheapest session that still fits *together* with the
ones taken already, the helper's added availability and extra hours growing as needed. The
combined change is verified like a single one: the unchanged plan plus all its sessions keeps the
hard rules in the changed school (``plan_changes.verify``).

Offers are ranked by what they honour per extra hour: the sessions they add, weighted by priority
(``PRIORITY_WEIGHTS``), divided by the extra helper-hours a week. Each offer stands on its own: the
same request may appear in several offers, as alternatives.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from planner.diagnosis.change_texts import helper_change_text
from planner.diagnosis.fit_search import Found, find_changes
from planner.diagnosis.helper_needs import helper_change_for, merged_change
from planner.diagnosis.plan_changes import Agreement, ChangeKind, HelperChange, WayToFit, verify
from planner.diagnosis.reasons import join_dutch
from planner.diagnosis.slots import PlanIndex
from planner.ledger import plan_breaches
from planner.model import Plan, Priority, Request, School, Session, name_key
from planner.timegrid import DAY_FULL_NAMES, DAYS, format_hours, format_time

# A session of a higher priority is worth twice one of the next: the levels are strict, but a ranking per hour
# needs one scale, and this one keeps a hoog session ahead of a middel and a laag one together.
PRIORITY_WEIGHTS: dict[Priority, int] = {Priority.HOOG: 4, Priority.MIDDEL: 2, Priority.LAAG: 1}


@dataclass(frozen=True)
class HoursOffer:
    """One helper more on one day, and the sessions of requests not fully placed that fit with it together."""

    helper: str
    day: str
    change: HelperChange
    sessions: tuple[Session, ...]  # one per request, all fitting together with the unchanged plan
    priorities: tuple[Priority, ...]  # of the requests of those sessions, in the same order
    text: str  # e.g. "Floor Bakker dinsdag 8:30–11:00 erbij (2,5 uur): A025, A037 en A041 passen, waarvan 2 hoog"
    agreement: Agreement

    @property
    def extra_minutes(self) -> int:
        return self.change.extra_minutes

    @property
    def request_ids(self) -> tuple[str, ...]:
        return tuple(session.request_id for session in self.sessions)

    @property
    def weighted_sessions(self) -> int:
        return sum(PRIORITY_WEIGHTS[priority] for priority in self.priorities)

    @property
    def value_per_hour(self) -> float:
        """Weighted sessions honoured per extra helper-hour a week."""
        return self.weighted_sessions / (self.extra_minutes / 60)

    @property
    def change_text(self) -> str:
        """What the helper gives that day: ``8:30–11:00 erbij en 0,5 uur per week meer``."""
        return offer_change_text(self.change)

    @property
    def priorities_text(self) -> str:
        """``2 hoog en 1 middel``: the priorities of the requests that fit."""
        return priority_counts_text(self.priorities)

    def count(self, priority: Priority) -> int:
        return self.priorities.count(priority)

    def as_way(self) -> WayToFit:
        """The offer as one change to the input, to apply it (its sessions belong to several requests)."""
        kind = ChangeKind.LONGER_AVAILABLE if self.change.added else ChangeKind.MORE_HOURS
        return WayToFit(self.sessions[0].request_id, kind, self.sessions, self.change, text=self.text)


def hours_offers(school: School, plan: Plan, *, time_limit_s: float | None = None) -> list[HoursOffer]:
    """Every verified combined helper change, best value per extra hour first; none when the plan breaks a rule.

    With a time limit, the requests not fully placed are looked at by priority (hoog first) until it passes."""
    if plan_breaches(school, plan.sessions):
        return []
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    index = PlanIndex(school, plan)
    options: dict[tuple[str, str], list[tuple[Request, tuple[Found, ...]]]] = {}
    for request in sorted(school.requests, key=lambda r: r.priority):
        if plan.placed_count(request.request_id) >= request.sessions_per_week:
            continue
        if deadline is not None and time.monotonic() > deadline:
            break
        for key, found in find_changes(index, request).per_helper_day.items():
            options.setdefault(key, []).append((request, found))
    offers = [_combined(index, helper, day, entries) for (helper, day), entries in options.items()]
    verified = [offer for offer in offers if offer is not None and not verify(index, offer.as_way())]
    return sorted(verified, key=_rank)


def _rank(offer: HoursOffer) -> tuple[float, int, int, str]:
    return (-offer.value_per_hour, offer.extra_minutes, DAYS.index(offer.day), name_key(offer.helper))


def _combined(index: PlanIndex, helper_name: str, day: str, entries) -> HoursOffer | None:
    """The requests in priority order, each with its first session that fits together with those taken."""
    school, ledger = index.school, index.ledger
    helper = school.helper(helper_name)
    change = HelperChange(helper.name)
    taken: list[tuple[Request, Session]] = []
    try:
        for request, found in entries:
            for item in found:
                session = item.session
                need = helper_change_for(ledger, helper, day, session.start, session.end)
                trial = merged_change(helper, change, need)
                helpers = [trial.applied(helper) if name_key(n) == name_key(helper.name) else school.helper(n)
                           for n in session.helpers]  # fmt: skip
                if not ledger.session_breaches(request, helpers, day, session.start):
                    ledger.add(session)
                    taken.append((request, session))
                    change = trial
                    break
    finally:
        for _, session in reversed(taken):
            ledger.remove(session)
    if not taken:
        return None
    sessions = tuple(session for _, session in taken)
    priorities = tuple(request.priority for request, _ in taken)
    text = _offer_text(helper.name, day, change, sessions, priorities)
    agreement = Agreement(helper.name, helper_change_text(helper, change)[1])
    return HoursOffer(helper.name, day, change, sessions, priorities, text, agreement)


def _offer_text(name: str, day: str, change: HelperChange, sessions: Sequence[Session], priorities) -> str:
    """``Floor Bakker dinsdag 8:30–11:00 erbij (2,5 uur): A025, A037 en A041 passen, waarvan 2 hoog``."""
    what = f"{DAY_FULL_NAMES[day]} {offer_change_text(change)}"
    ids = join_dutch([session.request_id for session in sessions])
    verb = "past" if len(sessions) == 1 else "passen"
    if len(sessions) == 1:
        tail = f" ({priorities[0].label})"
    elif len(set(priorities)) == 1:
        tail = f", alle {priorities[0].label}"
    else:
        tail = f", waarvan {priority_counts_text(priorities)}"
    return f"{name} {what} ({format_hours(change.extra_minutes)} uur): {ids} {verb}{tail}"


def priority_counts_text(priorities: Sequence[Priority]) -> str:
    """``2 hoog en 1 middel``."""
    return join_dutch([f"{priorities.count(p)} {p.label}" for p in Priority if priorities.count(p)])


def offer_change_text(change: HelperChange) -> str:
    """``8:30–11:00 erbij`` and/or ``0,75 uur per week meer``: what the helper gives on the offer's day."""
    parts = []
    if change.added:
        times = join_dutch([f"{format_time(start)}–{format_time(end)}" for start, end in change.added])
        parts.append(f"{times} erbij")
    if change.extra_week_min:
        parts.append(f"{format_hours(change.extra_week_min)} uur per week meer")
    if change.extra_day_min:
        parts.append(f"{format_hours(change.extra_day_min)} uur per dag meer")
    return " en ".join(parts)
