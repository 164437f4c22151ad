"""Finding the ways to fit one request while keeping the plan: scan its slots and ask the ledger what breaks.

On every day the request may still use, at every start in its window, the feasibility ledger says
per helper what would break against the plan as it is:

* nothing, for enough helpers: the plan has room left; pin that session (``ROOM_LEFT``);
* only availability or a cap, for one helper while the other hands are free: that helper
  available longer that day, or more hours (``LONGER_AVAILABLE``, ``MORE_HOURS``);
* only the role, which the request's own ``functies`` forbid: allow that role (``OTHER_ROLE``).

Starts outside the window (on the quarter hour) and days the request does not allow, where enough
helpers are free, give ``WINDOW`` and ``OTHER_DAY``. Each change found is then *filled*: with the
change made, the sessions the scan found on other days for the same change (or room left) are added
while they still fit, up to the sessions missing, and a helper's extra hours are sized to them.
Every session is checked by the ledger with the changed helper or request; ``plan_changes.verify``
checks the way against the plan once more before it is offered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from planner.diagnosis.helper_needs import helper_change_for
from planner.diagnosis.plan_changes import (
    ChangeKind,
    HelperChange,
    RequestChange,
    WayToFit,
    round_up_quarter,
    verify,
)
from planner.diagnosis.slots import PlanIndex, remaining_days
from planner.ledger import Fault, Ledger
from planner.model import Helper, ModelError, Request, School, Session, name_key
from planner.timegrid import DAYS

HELPER_FAULTS = frozenset({Fault.UNAVAILABLE, Fault.WEEKLY_CAP, Fault.DAILY_CAP})
WINDOW_STEP_MIN = 15  # a teacher moves a window by quarter hours
MAX_WINDOW_REACH_MIN = 60  # a teacher may move help by up to an hour; further is another lesson plan
WINDOW_CHANGES_KEPT = 4  # the windows reaching least outside the old one, per request
OPTIONS_PER_HELPER_DAY = 4  # the cheapest sessions kept per helper and day, to combine with other requests'
FILLED_PER_REQUEST = 10  # the cheapest changes of a request that are filled on other days


@dataclass(frozen=True)
class Found:
    """One change that lets one session of the request in, found at one slot."""

    kind: ChangeKind
    session: Session
    helper_change: HelperChange | None = None
    request_change: RequestChange | None = None
    disruption: int = 0

    def cost(self) -> tuple[int, int, int]:
        extra = self.helper_change.extra_minutes if self.helper_change else 0
        return (extra, self.kind.order, self.disruption)


@dataclass(frozen=True)
class RequestFinds:
    """What the slot scan found for one request: its changes, and per helper and day the cheapest sessions."""

    request: Request
    found: tuple[Found, ...]
    per_helper_day: dict[tuple[str, str], tuple[Found, ...]]


def find_changes(index: PlanIndex, request: Request) -> RequestFinds:
    found = list(_slot_changes(index, request))
    found += _window_changes(index, request)
    found += _day_changes(index, request)
    per_helper_day: dict[tuple[str, str], list[Found]] = {}
    for item in found:
        if item.helper_change is not None:
            per_helper_day.setdefault((item.helper_change.helper, item.session.day), []).append(item)
    cheapest = {
        key: tuple(sorted(items, key=Found.cost)[:OPTIONS_PER_HELPER_DAY]) for key, items in per_helper_day.items()
    }
    return RequestFinds(request, tuple(found), cheapest)


def ways_to_fit(index: PlanIndex, finds: RequestFinds) -> list[WayToFit]:
    """The distinct changes found, each filled with the sessions it lets in, best first (``WayToFit.sort_key``).

    Texts are not written here (``change_texts``): the caller writes them for the ways it offers."""
    distinct: dict[tuple, Found] = {}
    for item in sorted(finds.found, key=Found.cost):
        distinct.setdefault(_identity(item), item)
    windows = [item for item in distinct.values() if item.kind is ChangeKind.WINDOW][:WINDOW_CHANGES_KEPT]
    others = [item for item in distinct.values() if item.kind is not ChangeKind.WINDOW]
    candidates = sorted(windows + others, key=Found.cost)[:FILLED_PER_REQUEST]
    missing = finds.request.sessions_per_week - index.plan.placed_count(finds.request.request_id)
    candidates += [_for_every_missing(item, missing) for item in candidates if _grows_weekly_hours(item, missing)]
    ways: dict[tuple, WayToFit] = {}
    for item in candidates:
        way = _filled(index, finds, item)
        if way is not None:
            ways.setdefault((way.kind, way.helper_change, way.request_change, way.sessions), way)
    return sorted(ways.values(), key=WayToFit.sort_key)


# -- the slot scan


def _slot_changes(index: PlanIndex, request: Request) -> Iterator[Found]:
    school, ledger = index.school, index.ledger
    eligible = school.eligible_helpers(request)
    other_roles = _other_role_helpers(school, request)
    for day in remaining_days(school, index.plan, request):
        for start in school.candidate_starts(request, day):
            free, fixable = [], []
            for helper in eligible:
                faults = {breach.fault for breach in ledger.breaches(helper, request, day, start)}
                if not faults:
                    free.append(helper)
                elif faults <= HELPER_FAULTS:
                    fixable.append(helper)
            free = _preferred_first(request, free)
            if len(free) >= request.hands:
                yield Found(ChangeKind.ROOM_LEFT, _session(request, free, day, start))
                continue
            if len(free) == request.hands - 1:
                for helper in fixable:
                    yield _helper_found(ledger, request, free, helper, day, start)
            yield from _role_found(ledger, request, free, other_roles, day, start)


def _helper_found(ledger: Ledger, request: Request, free, helper: Helper, day: str, start: int) -> Found:
    end = start + request.duration_min
    change = helper_change_for(ledger, helper, day, start, end)
    kind = ChangeKind.LONGER_AVAILABLE if change.added else ChangeKind.MORE_HOURS
    return Found(kind, _session(request, [*free, helper], day, start), helper_change=change,
                 disruption=_from_preferred(request, start))  # fmt: skip


def _role_found(ledger: Ledger, request: Request, free, other_roles, day: str, start: int) -> Iterator[Found]:
    for role, helpers in other_roles.items():
        change = RequestChange(extra_role=role)
        widened = change.applied(request)
        able = [helper for helper in helpers if ledger.may_take(helper, widened, day, start)]
        if able and len(free) + len(able) >= request.hands:
            helpers_used = [*free, *able][: request.hands]
            yield Found(ChangeKind.OTHER_ROLE, _session(request, helpers_used, day, start), request_change=change)


def _other_role_helpers(school: School, request: Request) -> dict[str, list[Helper]]:
    """Helpers whose role only the request's own ``functies`` forbid, per role."""
    if not request.roles:
        return {}
    by_role: dict[str, list[Helper]] = {}
    for helper in school.helpers:
        if helper.role in request.roles or school.is_eligible(helper, request):
            continue
        if school.is_eligible(helper, replace(request, roles=(*request.roles, helper.role))):
            by_role.setdefault(helper.role, []).append(helper)
    return by_role


def _window_changes(index: PlanIndex, request: Request) -> Iterator[Found]:
    school, ledger = index.school, index.ledger
    placed = index.plan.sessions_of(request.request_id)
    for day in remaining_days(school, index.plan, request):
        whole_day = _whole_day(school, request, day)
        if whole_day is None:
            continue
        for start in school.candidate_starts(whole_day, day):
            end = start + request.duration_min
            inside = request.window_start <= start and end <= request.window_end
            reach = max(request.window_start - start, end - request.window_end)
            if inside or start % WINDOW_STEP_MIN or reach > MAX_WINDOW_REACH_MIN:
                continue
            free = [
                helper for helper in school.eligible_helpers(request) if ledger.may_take(helper, whole_day, day, start)
            ]
            if len(free) < request.hands:
                continue
            session = _session(request, _preferred_first(request, free), day, start)
            for window in _new_windows(request, start, end):
                if _keeps(school, request, RequestChange(window=window), placed):
                    reach = max(0, request.window_start - window[0]) + max(0, window[1] - request.window_end)
                    yield Found(ChangeKind.WINDOW, session, request_change=RequestChange(window=window),
                                disruption=reach)  # fmt: skip


def _new_windows(request: Request, start: int, end: int) -> list[tuple[int, int]]:
    """The window shifted to hold ``start–end`` (a lesson moved), and the window widened just enough."""
    widened = (min(request.window_start, start), max(request.window_end, end))
    length = request.window_end - request.window_start
    shifted_start = start if start < request.window_start else end - length
    return list(dict.fromkeys(((shifted_start, shifted_start + length), widened)))


def _day_changes(index: PlanIndex, request: Request) -> Iterator[Found]:
    school, ledger = index.school, index.ledger
    if not request.days:
        return  # every school day is allowed already
    placed = index.plan.sessions_of(request.request_id)
    used = {session.day for session in placed}
    for day in school.school_day_codes:
        change = RequestChange(extra_day=day)
        if day in request.days or day in used or not _keeps(school, request, change, placed):
            continue
        session = _first_free_session(ledger, change.applied(request), school.eligible_helpers(request), day)
        if session is not None:
            yield Found(ChangeKind.OTHER_DAY, session, request_change=change)


# -- filling a change with the sessions it lets in


def _filled(index: PlanIndex, finds: RequestFinds, item: Found) -> WayToFit | None:
    """The change with its first session and, on other days, the sessions found for the same change (or room
    left) that still fit next to it, up to the sessions missing; a helper's extra hours sized to them."""
    school, ledger, request = index.school, index.ledger, finds.request
    changed_request = item.request_change.applied(request) if item.request_change else request
    change = item.helper_change
    changed_helper = change.applied(school.helper(change.helper)) if change else None
    missing = request.sessions_per_week - index.plan.placed_count(request.request_id)
    used = {session.day for session in index.plan.sessions_of(request.request_id)}
    pool = [_as_changed(school, helper.name, changed_helper) for helper in school.eligible_helpers(changed_request)]
    sessions: list[Session] = []
    try:
        for candidate in (item, *(other for other in finds.found if _fills(item, other))):
            if len(sessions) >= missing or candidate.session.day in used:
                continue
            session = _still_fitting(ledger, changed_request, candidate.session, pool, changed_helper)
            if session is None:
                continue
            ledger.add(session)
            sessions.append(session)
            used.add(session.day)
    finally:
        for session in reversed(sessions):
            ledger.remove(session)
    if not sessions:
        return None
    change = _sized(ledger, school, change, sessions)
    in_week_order = tuple(sorted(sessions, key=lambda session: (DAYS.index(session.day), session.start)))
    return WayToFit(request.request_id, item.kind, in_week_order, change, item.request_change,
                    disruption=item.disruption)  # fmt: skip


def _still_fitting(ledger: Ledger, request: Request, session: Session, pool, changed: Helper | None) -> Session | None:
    """The session as found if it still fits next to what is booked now; else the same day and start with
    other helpers of the pool that may take it; None when no hands are left there."""
    helpers = [_as_changed(ledger.school, name, changed) for name in session.helpers]
    if not ledger.session_breaches(request, helpers, session.day, session.start):
        return session
    able = [helper for helper in pool if ledger.may_take(helper, request, session.day, session.start)]
    if len(able) < request.hands:
        return None
    return replace(session, helpers=tuple(helper.name for helper in able[: request.hands]))


def _fills(item: Found, other: Found) -> bool:
    """Whether a session found for ``other`` may fill the change of ``item`` on another day: room left always;
    else one found for the same helper, role, or (inside the new window) another window."""
    if other.kind is ChangeKind.ROOM_LEFT:
        return True
    if item.helper_change is not None:
        return other.helper_change is not None and other.helper_change.helper == item.helper_change.helper
    if item.kind is ChangeKind.WINDOW and other.kind is ChangeKind.WINDOW:
        start, end = item.request_change.window
        return start <= other.session.start and other.session.end <= end
    if item.kind is ChangeKind.OTHER_ROLE:
        return other.request_change == item.request_change
    return False


def _as_changed(school: School, name: str, changed: Helper | None) -> Helper:
    if changed is not None and name_key(changed.name) == name_key(name):
        return changed
    return school.helper(name)


def _grows_weekly_hours(item: Found, missing: int) -> bool:
    return missing > 1 and item.kind is ChangeKind.MORE_HOURS and item.helper_change.extra_week_min > 0


def _for_every_missing(item: Found, missing: int) -> Found:
    """The weekly hours grown for every missing session, not just the first; filling sizes them back."""
    change = item.helper_change
    extra = change.extra_week_min + (missing - 1) * item.session.duration_min
    return replace(item, helper_change=replace(change, extra_week_min=round_up_quarter(extra)))


def _sized(ledger: Ledger, school: School, change: HelperChange | None, sessions: Sequence[Session]):
    """A helper's extra hours sized to the sessions added: what they need over the caps, in quarter hours."""
    if change is None:
        return None
    helper = school.helper(change.helper)
    key = name_key(helper.name)
    own = [session for session in sessions if key in {name_key(name) for name in session.helpers}]
    week = round_up_quarter(ledger.week_minutes(helper) + sum(s.duration_min for s in own) - helper.weekly_cap_min)
    daily_cap = helper.daily_cap_min
    day_need = 0
    if daily_cap is not None:
        day_need = max(round_up_quarter(ledger.day_minutes(helper, s.day) + s.duration_min - daily_cap) for s in own)
    return replace(change, extra_week_min=week, extra_day_min=day_need)


def _first_free_session(ledger: Ledger, request: Request, helpers: Sequence[Helper], day: str) -> Session | None:
    """The first start on ``day`` (nearest the preferred start) where enough of ``helpers`` may take it."""
    starts = ledger.school.candidate_starts(request, day)
    if request.preferred_start is not None:
        starts = sorted(starts, key=lambda start: abs(start - request.preferred_start))
    for start in starts:
        able = [helper for helper in helpers if ledger.may_take(helper, request, day, start)]
        if len(able) >= request.hands:
            return _session(request, _preferred_first(request, able), day, start)
    return None


# -- small facts


def _identity(item: Found) -> tuple:
    return (item.kind, item.helper_change, item.request_change)


def _session(request: Request, helpers: Sequence[Helper], day: str, start: int) -> Session:
    names = tuple(helper.name for helper in helpers[: request.hands])
    return Session(request.request_id, names, day, start, start + request.duration_min)


def _preferred_first(request: Request, helpers: list[Helper]) -> list[Helper]:
    if not request.preferred_helper:
        return helpers
    preferred = name_key(request.preferred_helper)
    return sorted(helpers, key=lambda helper: name_key(helper.name) != preferred)


def _from_preferred(request: Request, start: int) -> int:
    return abs(start - request.preferred_start) if request.preferred_start is not None else 0


def _whole_day(school: School, request: Request, day: str) -> Request | None:
    school_day = school.school_day(day)
    try:
        return replace(request, window_start=school_day.start, window_end=school_day.end, preferred_start=None)
    except ModelError:  # the school day is shorter than a session
        return None


def _keeps(school: School, request: Request, change: RequestChange, placed: Sequence[Session]) -> bool:
    """The changed request is valid input and still holds the sessions planned already."""
    try:
        changed = change.applied(request)
    except ModelError:
        return False
    if len(school.allowed_days(changed)) < changed.sessions_per_week:
        return False
    return all(
        changed.window_start <= session.start and session.end <= changed.window_end
        and session.day in school.allowed_days(changed)
        for session in placed
    )  # fmt: skip


def first_verified(index: PlanIndex, ways: Sequence[WayToFit]) -> WayToFit | None:
    """The first way whose sessions the unchanged plan takes in the changed school (``plan_changes.verify``)."""
    return next((way for way in ways if not verify(index, way)), None)
