"""Ways to fit that keep the plan: one change to the input, and the sessions it lets a request add.

A ``WayToFit`` leaves every planned session where it is. It changes one thing in the input (a
helper available longer that day or with more hours, the request's window, another day, another
role, or only a pin where the plan still has room) and adds sessions of the request that did not
fit. It is *verified* when the unchanged plan plus those sessions keeps hard rules 1–6 in the
changed school, by the feasibility ledger (``verify``); rule 7 holds because no planned session
moves and a pin is only added with its session. Such a change costs no other request anything.

Its price is the extra helper-minutes a week (``extra_minutes``): what the helper gives more than
now, the larger of the availability added and the increase of a weekly or daily cap. Changes to
the request cost no helper-minutes; the teacher must agree to them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from planner.diagnosis.slots import PlanIndex
from planner.ledger import Breach
from planner.model import AvailabilityBlock, Helper, Pin, Request, School, Session, name_key

QUARTER_HOUR = 15  # caps grow in quarter hours: how contracts are counted


class ChangeKind(Enum):
    """What changes; ``.value`` is a short Dutch label. In the order a school leader tries them."""

    ROOM_LEFT = "er is nog plek"  # nothing but a pin: the plan leaves room (the search ran out of time)
    WINDOW = "ander venster"
    OTHER_DAY = "andere dag"
    OTHER_ROLE = "andere functie"
    MORE_HOURS = "meer uren"
    LONGER_AVAILABLE = "langer beschikbaar"

    @property
    def order(self) -> int:
        return list(ChangeKind).index(self)


@dataclass(frozen=True)
class Agreement:
    """Who must agree to what, e.g. ``Floor Bakker: dinsdag tot 11:00 blijven``."""

    who: str
    what: str

    @property
    def text(self) -> str:
        return f"{self.who}: {self.what}"


@dataclass(frozen=True)
class HelperChange:
    """What one helper is asked: available longer on a day, and/or more hours a week or a day."""

    helper: str
    day: str = ""  # the day the availability is added on
    added: tuple[tuple[int, int], ...] = ()  # availability added that day (not overlapping what is there)
    extra_week_min: int = 0
    extra_day_min: int = 0

    @property
    def added_min(self) -> int:
        return sum(end - start for start, end in self.added)

    @property
    def extra_minutes(self) -> int:
        return max(self.added_min, self.extra_week_min, self.extra_day_min)

    def applied(self, helper: Helper) -> Helper:
        blocks = tuple(AvailabilityBlock(self.day, start, end) for start, end in self.added)
        daily = helper.max_hours_per_day
        if daily is not None and self.extra_day_min:
            daily += self.extra_day_min / 60
        return replace(
            helper,
            availability=helper.availability + blocks,
            hours_per_week=helper.hours_per_week + self.extra_week_min / 60,
            max_hours_per_day=daily,
        )


@dataclass(frozen=True)
class RequestChange:
    """What the teacher is asked: another window, one more allowed day, or one more role."""

    window: tuple[int, int] | None = None
    extra_day: str = ""
    extra_role: str = ""

    def applied(self, request: Request) -> Request:
        """The changed request; raises ``ModelError`` when the change makes it invalid."""
        changes: dict[str, object] = {}
        if self.window is not None:
            start, end = self.window
            changes.update(window_start=start, window_end=end)
            preferred = request.preferred_start
            if preferred is not None and not start <= preferred <= end - request.duration_min:
                changes["preferred_start"] = None  # a preferred start outside the new window no longer applies
        if self.extra_day:
            changes["days"] = (*request.days, self.extra_day)
        if self.extra_role:
            changes["roles"] = (*request.roles, self.extra_role)
        return replace(request, **changes)


@dataclass(frozen=True)
class WayToFit:
    """One change to the input and the sessions of one request it adds to the unchanged plan."""

    request_id: str
    kind: ChangeKind
    sessions: tuple[Session, ...]  # what it adds; at most one a day, on days the request does not use yet
    helper_change: HelperChange | None = None
    request_change: RequestChange | None = None
    text: str = ""  # the whole suggestion in Dutch: the change, what fits, the price, who agrees
    agreements: tuple[Agreement, ...] = ()
    disruption: int = 0  # minutes a window reaches outside the old one, or minutes from the preferred start

    def __post_init__(self) -> None:
        if not self.sessions:
            raise ValueError("a way to fit adds at least one session")

    @property
    def extra_minutes(self) -> int:
        """Extra helper-minutes a week: the price."""
        return self.helper_change.extra_minutes if self.helper_change else 0

    @property
    def sessions_gained(self) -> int:
        return len(self.sessions)

    @property
    def helper(self) -> str:
        return self.helper_change.helper if self.helper_change else ""

    @property
    def day(self) -> str:
        """The day of the change: of the added availability, or else of the first session added."""
        if self.helper_change and self.helper_change.day:
            return self.helper_change.day
        return self.sessions[0].day if self.sessions else ""

    @property
    def from_to(self) -> tuple[int, int] | None:
        """The times that change: the availability added (first to last) or the new window."""
        if self.helper_change and self.helper_change.added:
            return self.helper_change.added[0][0], self.helper_change.added[-1][1]
        if self.request_change and self.request_change.window:
            return self.request_change.window
        return None

    def sort_key(self) -> tuple[float, int, int, int]:
        """Cheapest per session gained first, then the most sessions, then the least disruption (by kind:
        nothing but a pin first; then minutes a window reaches out or a start lies from the preferred one)."""
        per_session = self.extra_minutes / self.sessions_gained
        return (per_session, -self.sessions_gained, self.kind.order, self.disruption)

    def touches(self, session: Session) -> bool:
        """Whether a planned session depends on what this way changes: the request's own, or the helper's."""
        if self.request_change is not None and name_key(session.request_id) == name_key(self.request_id):
            return True
        helper = self.helper_change.helper if self.helper_change else None
        return helper is not None and name_key(helper) in {name_key(name) for name in session.helpers}

    def applied_to(self, school: School) -> School:
        """The school with this change made (for a room-left way: with its sessions pinned)."""
        if self.kind is ChangeKind.ROOM_LEFT:
            pins = tuple(Pin(s.request_id, name, s.day, s.start) for s in self.sessions for name in s.helpers)
            return replace(school, pins=school.pins + pins)
        for change in (self.helper_change, self.request_change):
            if change is not None:
                school = changed_school(school, self.request_id, change)
        return school


def changed_school(school: School, request_id: str, change: HelperChange | RequestChange) -> School:
    """The school with one change made: to the helper it names, or to request ``request_id``. Raises
    ``ModelError`` when the change makes that request invalid."""
    if isinstance(change, HelperChange):
        key = name_key(change.helper)
        helpers = tuple(change.applied(h) if name_key(h.name) == key else h for h in school.helpers)
        return replace(school, helpers=helpers)
    key = name_key(request_id)
    requests = tuple(change.applied(r) if name_key(r.request_id) == key else r for r in school.requests)
    return replace(school, requests=requests)


def verify(index: PlanIndex, way: WayToFit) -> list[Breach]:
    """What breaks when the way's sessions join the unchanged plan in the changed school; empty = verified.

    The plan must keep hard rules 1–6 in the school as it is (``plan_breaches``; ``add_ways_to_fit`` and
    ``hours_offers`` check that once). Then only the sessions whose facts the change touches (the changed
    request's and the changed helper's) and the sessions added can break a rule: the feasibility ledger,
    holding the rest of the plan, checks them one by one with the changed request and helper."""
    school, ledger = way.applied_to(index.school), index.ledger
    touched = [session for session in index.plan.sessions if way.touches(session)]
    for session in touched:
        ledger.remove(session)
    booked: list[Session] = []
    found: list[Breach] = []
    try:
        for session in (*touched, *way.sessions):
            helpers = [school.helper(name) for name in session.helpers]
            found += ledger.session_breaches(school.request(session.request_id), helpers, session.day, session.start)
            ledger.add(session)
            booked.append(session)
    finally:
        for session in reversed(booked):
            ledger.remove(session)
        for session in touched:
            ledger.add(session)
    return found


def round_up_quarter(minutes: int) -> int:
    """Minutes rounded up to whole quarter hours; nothing when none are needed."""
    return -(-max(minutes, 0) // QUARTER_HOUR) * QUARTER_HOUR
