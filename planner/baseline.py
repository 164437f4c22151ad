"""The plan a school leader makes by hand: the yardstick the solver is measured against.

Greedy and never looking back, like puzzling on paper: pins first; then the
requests in priority order (hoog, middel, laag; within a priority in sheet
order); each session goes on the first allowed day and the first start where
enough eligible helpers are free, taking the first such helpers in sheet
order. Nothing placed is ever moved. The plan keeps every hard rule: the
feasibility ledger (``planner.ledger``) says who may take a session.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace

from planner.ledger import Ledger
from planner.model import Helper, Pin, Plan, Request, School, Session, SolveStatus, name_key
from planner.timegrid import DAYS


def plan_by_hand(school: School) -> Plan:
    """Pins first, then greedily by priority and sheet order; see the module text."""
    started = time.perf_counter()
    ledger = Ledger(school)
    sessions = _place_pins(school, ledger)
    for request in sorted(school.requests, key=lambda r: r.priority):
        own = [s for s in sessions if name_key(s.request_id) == name_key(request.request_id)]
        sessions += _place_request(school, request, ledger, own)
    ordered = sorted(sessions, key=lambda s: (DAYS.index(s.day), s.start, name_key(s.request_id)))
    return Plan(tuple(ordered), status=SolveStatus.FEASIBLE, wall_time_s=time.perf_counter() - started)


def _place_pins(school: School, ledger: Ledger) -> list[Session]:
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
        names = tuple(helper.name for helper in pinned)
        session = Session(request.request_id, names, day, start, start + request.duration_min, names)
        ledger.add(session)
        extra = _free_helpers(
            ledger, school.eligible_helpers(request), request, day, start, request.hands - len(pinned)
        )
        ledger.add(replace(session, helpers=tuple(helper.name for helper in extra)))
        sessions.append(replace(session, helpers=names + tuple(helper.name for helper in extra)))
    return sessions


def _place_request(school: School, request: Request, ledger: Ledger, already: list[Session]) -> list[Session]:
    """The first day and start where enough helpers are free, session after session."""
    placed: list[Session] = []
    used_days = {session.day for session in already}
    eligible = school.eligible_helpers(request)
    for day in school.allowed_days(request):
        if len(already) + len(placed) >= request.sessions_per_week:
            break
        if day in used_days:
            continue
        for start in school.candidate_starts(request, day):
            helpers = _free_helpers(ledger, eligible, request, day, start, request.hands)
            if len(helpers) == request.hands:
                names = tuple(helper.name for helper in helpers)
                session = Session(request.request_id, names, day, start, start + request.duration_min)
                ledger.add(session)
                placed.append(session)
                break
    return placed


def _free_helpers(
    ledger: Ledger, eligible: tuple[Helper, ...], request: Request, day: str, start: int, wanted: int
) -> list[Helper]:
    """The first ``wanted`` eligible helpers (sheet order) who may take this session (the ledger's rules)."""
    found: list[Helper] = []
    for helper in eligible:
        if len(found) >= wanted:
            break
        if ledger.may_take(helper, request, day, start):
            found.append(helper)
    return found
