"""The plan a school leader makes by hand: the yardstick the solver is measured against.

Greedy and never looking back, like puzzling on paper: pins first; then the
requests in priority order (hoog, middel, laag; within a priority in sheet
order); each session goes on the first allowed day and the first start where
enough eligible helpers are free, taking the first such helpers in sheet
order. Nothing placed is ever moved. The plan keeps every hard rule.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from planner.model import Helper, Pin, Plan, Request, School, Session, SolveStatus, name_key
from planner.timegrid import DAYS


@dataclass(frozen=True)
class _Booking:
    day: str
    start: int
    end: int
    location: str


@dataclass
class _Ledger:
    """What each helper already does, while the plan is being made."""

    bookings: dict[str, list[_Booking]] = field(default_factory=lambda: defaultdict(list))
    week_minutes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    day_minutes: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))

    def book(self, helper: Helper, booking: _Booking) -> None:
        key = name_key(helper.name)
        self.bookings[key].append(booking)
        self.week_minutes[key] += booking.end - booking.start
        self.day_minutes[(key, booking.day)] += booking.end - booking.start


def plan_by_hand(school: School) -> Plan:
    """Pins first, then greedily by priority and sheet order; see the module text."""
    started = time.perf_counter()
    ledger = _Ledger()
    sessions = _place_pins(school, ledger)
    for request in sorted(school.requests, key=lambda r: r.priority):
        own = [s for s in sessions if name_key(s.request_id) == name_key(request.request_id)]
        sessions += _place_request(school, request, ledger, own)
    ordered = sorted(sessions, key=lambda s: (DAYS.index(s.day), s.start, name_key(s.request_id)))
    return Plan(tuple(ordered), status=SolveStatus.FEASIBLE, wall_time_s=time.perf_counter() - started)


def _place_pins(school: School, ledger: _Ledger) -> list[Session]:
    """Each pinned (request, day, start) is one session; missing hands are filled like any other."""
    pins_per_session: dict[tuple[str, str, int], list[Pin]] = defaultdict(list)
    for pin in school.pins:
        pins_per_session[(name_key(pin.request_id), pin.day, pin.start)].append(pin)
    sessions = []
    for pins in pins_per_session.values():
        request = school.request(pins[0].request_id)
        pinned = [school.helper(pin.helper) for pin in pins]
        if request is None or None in pinned:
            continue  # the workbook reader reports such a pin; nothing sensible to keep
        day, start = pins[0].day, pins[0].start
        booking = _Booking(day, start, start + request.duration_min, school.location_of(request))
        for helper in pinned:
            ledger.book(helper, booking)
        taken = {name_key(helper.name) for helper in pinned}
        extra = _free_helpers(
            school, school.eligible_helpers(request), booking, ledger, request.hands - len(pinned), taken
        )
        for helper in extra:
            ledger.book(helper, booking)
        names = tuple(helper.name for helper in pinned + extra)
        sessions.append(Session(request.request_id, names, day, start, booking.end, tuple(h.name for h in pinned)))
    return sessions


def _place_request(school: School, request: Request, ledger: _Ledger, already: list[Session]) -> list[Session]:
    """The first day and start where enough helpers are free, session after session."""
    placed: list[Session] = []
    used_days = {session.day for session in already}
    location = school.location_of(request)
    eligible = school.eligible_helpers(request)
    for day in school.allowed_days(request):
        if len(already) + len(placed) >= request.sessions_per_week:
            break
        if day in used_days:
            continue
        for start in school.candidate_starts(request, day):
            booking = _Booking(day, start, start + request.duration_min, location)
            helpers = _free_helpers(school, eligible, booking, ledger, request.hands, set())
            if len(helpers) == request.hands:
                for helper in helpers:
                    ledger.book(helper, booking)
                placed.append(Session(request.request_id, tuple(h.name for h in helpers), day, start, booking.end))
                break
    return placed


def _free_helpers(
    school: School, eligible: tuple[Helper, ...], booking: _Booking, ledger: _Ledger, wanted: int, taken: set[str]
) -> list[Helper]:
    """The first ``wanted`` eligible helpers (sheet order) who can take this booking."""
    found: list[Helper] = []
    for helper in eligible:
        if len(found) >= wanted:
            break
        if name_key(helper.name) not in taken and _can_take(school, helper, booking, ledger):
            found.append(helper)
    return found


def _can_take(school: School, helper: Helper, booking: _Booking, ledger: _Ledger) -> bool:
    """Available, within both caps, and free with the changeover kept (hard rules 3 and 4)."""
    key = name_key(helper.name)
    duration = booking.end - booking.start
    if not helper.is_available(booking.day, booking.start, booking.end):
        return False
    if ledger.week_minutes[key] + duration > helper.weekly_cap_min:
        return False
    daily_cap = helper.daily_cap_min
    if daily_cap is not None and ledger.day_minutes[(key, booking.day)] + duration > daily_cap:
        return False
    changeover = school.settings.changeover_min
    for other in ledger.bookings[key]:
        if other.day != booking.day:
            continue
        margin = changeover if name_key(other.location) != name_key(booking.location) else 0
        if booking.start < other.end + margin and other.start < booking.end + margin:
            return False
    return True
