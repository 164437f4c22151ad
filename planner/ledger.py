"""The feasibility ledger: each helper's week with its sessions, in plain Python (no OR-Tools).

It answers "may this helper take this session (request, day, start)?" and "what breaks if I
add it?" with ``Breach``es: each names the hard rule it breaks (``planner.hard_rules``, the keys
of the solver's ``HARD_RULES``) and says in Dutch what is wrong. It is the plain-Python twin of
the CP-SAT rules in ``planner/solver/rules.py``, with the same readings of the domain spec:

1. the start is one of ``School.candidate_starts`` on one of ``School.allowed_days``;
2. at most one session of a request a day, on at most ``keer_per_week`` days;
3. inside the helper's availability, one session at a time, and between two sessions whose
   locations differ (by ``name_key``; an empty location is one name) at least ``wisseltijd_min``;
4. within the weekly and the daily cap;
5. eligible (``School.eligibility_problems``);
6. exactly ``handen`` different helpers in a session.

Rule 7 (pins kept) compares a plan with its school, not one booking with a week. Bookings are
indexed per helper and day and ``add``/``remove`` work incrementally, so the baseline, the
diagnosis and the pin checks ask their many questions cheaply. The greedy start plan
(``planner/solver/greedy.py``) keeps a fast index-based copy of rules 3 and 4; tests hold it,
and the CP-SAT rules, against this ledger on random schools.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from planner import hard_rules
from planner.dutch import plural
from planner.hard_rules import Rule
from planner.model import Helper, Pin, Request, School, Session, name_key
from planner.timegrid import format_time, gap_between, intervals_overlap

SessionKey = tuple[str, str, int]  # (request as name_key, day, start): what identifies a session


def session_key(request_id: str, day: str, start: int) -> SessionKey:
    return (name_key(request_id), day, start)


class Fault(Enum):
    """What exactly breaks; ``rule`` is the hard rule it belongs to."""

    DAY_NOT_ALLOWED = "day_not_allowed"
    START_OUTSIDE_WINDOW = "start_outside_window"
    DAY_TAKEN = "day_taken"  # the request already has a session that day
    SESSIONS_PER_WEEK_REACHED = "sessions_per_week_reached"
    UNAVAILABLE = "unavailable"
    OVERLAP = "overlap"
    CHANGEOVER_TOO_SHORT = "changeover_too_short"
    WEEKLY_CAP = "weekly_cap"
    DAILY_CAP = "daily_cap"
    NOT_ELIGIBLE = "not_eligible"
    ALREADY_A_HAND = "already_a_hand"
    HANDS_COMPLETE = "hands_complete"  # the session has all its hands already
    HANDS_MISSING = "hands_missing"

    @property
    def rule(self) -> Rule:
        return _RULE_OF_FAULT[self]

    @property
    def ignores_bookings(self) -> bool:
        """True when only the school's facts decide it, whatever else is booked (rules 1, 3 in part, 5)."""
        return self in _FACT_FAULTS


_RULE_OF_FAULT = {
    Fault.DAY_NOT_ALLOWED: hard_rules.SESSION_INSIDE_WINDOW,
    Fault.START_OUTSIDE_WINDOW: hard_rules.SESSION_INSIDE_WINDOW,
    Fault.DAY_TAKEN: hard_rules.DIFFERENT_DAYS,
    Fault.SESSIONS_PER_WEEK_REACHED: hard_rules.DIFFERENT_DAYS,
    Fault.UNAVAILABLE: hard_rules.ONE_THING_AT_A_TIME,
    Fault.OVERLAP: hard_rules.ONE_THING_AT_A_TIME,
    Fault.CHANGEOVER_TOO_SHORT: hard_rules.ONE_THING_AT_A_TIME,
    Fault.WEEKLY_CAP: hard_rules.HELPER_CAPS,
    Fault.DAILY_CAP: hard_rules.HELPER_CAPS,
    Fault.NOT_ELIGIBLE: hard_rules.HELPER_ELIGIBLE,
    Fault.ALREADY_A_HAND: hard_rules.ALL_HANDS_OR_NONE,
    Fault.HANDS_COMPLETE: hard_rules.ALL_HANDS_OR_NONE,
    Fault.HANDS_MISSING: hard_rules.ALL_HANDS_OR_NONE,
}
_FACT_FAULTS = frozenset({Fault.DAY_NOT_ALLOWED, Fault.START_OUTSIDE_WINDOW, Fault.UNAVAILABLE, Fault.NOT_ELIGIBLE})


@dataclass(frozen=True)
class Breach:
    """One hard rule a booking would break."""

    fault: Fault
    subject: str  # what is at fault, as a user writes it: the day, the start, the helper or the request
    what: str  # Dutch, what is wrong with it, e.g. "tot 9:45 valt buiten de beschikbaarheid van Anna op di"
    other: Session | None = None  # the booked session it clashes with (rules 2, 3 and 6)

    @property
    def rule(self) -> Rule:
        return self.fault.rule

    @property
    def text(self) -> str:
        return f"{self.subject} {self.rule.broken_by(self.what)}"


def _hands(count: int) -> str:
    return plural(count, "hand", "handen")


def place_text(location: str) -> str:
    """A location as a sentence names it."""
    return f"locatie {location}" if location else "de hoofdlocatie"


@dataclass(frozen=True)
class _Booking:
    key: SessionKey
    start: int
    end: int
    location: str  # the request's location as ``name_key``


class Ledger:
    """The sessions booked so far, per helper and day, with the questions the hard rules ask."""

    def __init__(self, school: School, sessions: Iterable[Session] = ()) -> None:
        self.school = school
        self._sessions: dict[SessionKey, Session] = {}
        self._bookings: dict[tuple[str, str], list[_Booking]] = defaultdict(list)  # per (helper key, day)
        self._week_min: dict[str, int] = defaultdict(int)
        self._day_min: dict[tuple[str, str], int] = defaultdict(int)
        self._days_of_request: dict[str, dict[str, list[SessionKey]]] = defaultdict(lambda: defaultdict(list))
        self._starts: dict[Request, dict[str, frozenset[int]]] = {}
        self._eligibility: dict[tuple[Helper, Request], list[str]] = {}
        for session in sessions:
            self.add(session)

    # -- booking

    def add(self, session: Session) -> None:
        """Book the session's helpers; a session already booked (same request, day, start) gets them as hands."""
        key = session_key(session.request_id, session.day, session.start)
        booked = self._sessions.get(key)
        if booked is None:
            booked = replace(session, helpers=())
            self._days_of_request[key[0]][session.day].append(key)
        hands = {name_key(name) for name in booked.helpers}
        added = []
        for name in session.helpers:
            if name_key(name) not in hands:
                hands.add(name_key(name))
                added.append(name)
        location = name_key(self._location_of_id(session.request_id))
        for name in added:
            helper_key = name_key(name)
            self._bookings[(helper_key, session.day)].append(_Booking(key, booked.start, booked.end, location))
            self._week_min[helper_key] += booked.duration_min
            self._day_min[(helper_key, session.day)] += booked.duration_min
        self._sessions[key] = replace(booked, helpers=(*booked.helpers, *added))

    def remove(self, session: Session) -> None:
        """Take the session's helpers off it; a session left without helpers is no longer booked."""
        key = session_key(session.request_id, session.day, session.start)
        booked = self._sessions[key]
        leaving = {name_key(name) for name in session.helpers}
        for name in booked.helpers:
            helper_key = name_key(name)
            if helper_key in leaving:
                day_bookings = self._bookings[(helper_key, booked.day)]
                day_bookings[:] = [booking for booking in day_bookings if booking.key != key]
                self._week_min[helper_key] -= booked.duration_min
                self._day_min[(helper_key, booked.day)] -= booked.duration_min
        staying = tuple(name for name in booked.helpers if name_key(name) not in leaving)
        if staying:
            self._sessions[key] = replace(booked, helpers=staying)
            return
        del self._sessions[key]
        days = self._days_of_request[key[0]]
        days[booked.day].remove(key)
        if not days[booked.day]:
            del days[booked.day]

    # -- facts

    def booked(self, request_id: str, day: str, start: int) -> Session | None:
        """The session booked at (request, day, start) with all its hands so far, if any."""
        return self._sessions.get(session_key(request_id, day, start))

    def week_minutes(self, helper: Helper) -> int:
        return self._week_min.get(name_key(helper.name), 0)

    def day_minutes(self, helper: Helper, day: str) -> int:
        return self._day_min.get((name_key(helper.name), day), 0)

    def has_hours_left(self, helper: Helper, day: str, minutes: int) -> bool:
        """Rule 4: ``minutes`` more on ``day`` stay within the weekly and the daily cap."""
        return next(self._cap_breaches(helper, day, minutes), None) is None

    def cap_breaches(self, helper: Helper, day: str, minutes: int) -> list[Breach]:
        """Rule 4: the caps that ``minutes`` more on ``day`` would pass, weekly first."""
        return list(self._cap_breaches(helper, day, minutes))

    def conflicts(self, helper: Helper, request: Request, day: str, start: int) -> list[Session]:
        """Rule 3: the helper's booked sessions that the session (request, day, start) would overlap or follow
        too closely (less than the changeover time between different locations); not that session itself."""
        key = session_key(request.request_id, day, start)
        end = start + request.duration_min
        location = name_key(self.school.location_of(request))
        changeover = self.school.settings.changeover_min
        found = []
        for booking in self._bookings.get((name_key(helper.name), day), ()):
            margin = changeover if booking.location != location else 0
            if booking.key != key and start < booking.end + margin and booking.start < end + margin:
                found.append(self._sessions[booking.key])
        return found

    # -- questions

    def may_take(self, helper: Helper, request: Request, day: str, start: int) -> bool:
        return next(self._proposal_breaches(request, (helper,), day, start, whole=False), None) is None

    def breaches(self, helper: Helper, request: Request, day: str, start: int) -> list[Breach]:
        """What breaks if ``helper`` becomes one of the hands of the session (request, day, start)."""
        return list(self._proposal_breaches(request, (helper,), day, start, whole=False))

    def session_breaches(self, request: Request, helpers: Sequence[Helper], day: str, start: int) -> list[Breach]:
        """What breaks if the session (request, day, start) gets these helpers, and rule 6 for the
        session as a whole: with the hands booked already, exactly ``handen`` different helpers."""
        return list(self._proposal_breaches(request, helpers, day, start, whole=True))

    def candidate_breaches(self, helper: Helper, request: Request, day: str, start: int) -> list[Breach]:
        """The breaches that only the school's facts decide (rules 1, 3 in part, 5): a pin on its own."""
        return [breach for breach in self.breaches(helper, request, day, start) if breach.fault.ignores_bookings]

    def booking_breaches(self, helper: Helper, request: Request, day: str, start: int) -> list[Breach]:
        """The breaches against what is booked (rules 2, 3 in part, 4, 6): pins together."""
        return [breach for breach in self.breaches(helper, request, day, start) if not breach.fault.ignores_bookings]

    # Generators, so that ``may_take`` stops at the first breach without writing the texts of others.

    def _proposal_breaches(
        self, request: Request, helpers: Sequence[Helper], day: str, start: int, whole: bool
    ) -> Iterator[Breach]:
        booked = self._sessions.get(session_key(request.request_id, day, start))
        yield from self._window_breaches(request, day, start)
        if booked is None:
            yield from self._day_breaches(request, day)
        hands = [name_key(name) for name in booked.helpers] if booked else []
        for helper in helpers:
            if name_key(helper.name) in hands:
                yield Breach(Fault.ALREADY_A_HAND, helper.name, "doet deze keer al", booked)
                continue
            if len(hands) >= request.hands:
                what = f"is een extra ondersteuner; aanvraag {request.request_id} vraagt {_hands(request.hands)}"
                yield Breach(Fault.HANDS_COMPLETE, helper.name, what, booked)
            yield from self._helper_breaches(helper, request, day, start)
            hands.append(name_key(helper.name))
        if whole and len(hands) < request.hands:
            yield Breach(Fault.HANDS_MISSING, request.request_id, f"krijgt {len(hands)} van de {request.hands} handen")

    def _window_breaches(self, request: Request, day: str, start: int) -> Iterator[Breach]:
        starts = self._starts_of(request)
        if day not in starts:
            what = f"is geen toegestane dag van aanvraag {request.request_id} (toegestaan: {', '.join(starts)})"
            yield Breach(Fault.DAY_NOT_ALLOWED, day, what)
        elif start not in starts[day]:
            window = f"{format_time(request.window_start)}–{format_time(request.window_end)}"
            end = format_time(start + request.duration_min)
            what = f"tot {end} valt buiten het venster {window} of de schooltijden op {day}"
            yield Breach(Fault.START_OUTSIDE_WINDOW, format_time(start), what)

    def _day_breaches(self, request: Request, day: str) -> Iterator[Breach]:
        days = self._days_of_request.get(name_key(request.request_id), {})
        if day in days:
            other = self._sessions[days[day][0]]
            what = f"heeft al een keer van aanvraag {request.request_id} ({other.describe()})"
            yield Breach(Fault.DAY_TAKEN, day, what, other)
        elif len(days) >= request.sessions_per_week:
            what = f"heeft al {len(days)} keer op andere dagen, zoveel als keer_per_week"
            yield Breach(Fault.SESSIONS_PER_WEEK_REACHED, request.request_id, what)

    def _helper_breaches(self, helper: Helper, request: Request, day: str, start: int) -> Iterator[Breach]:
        end = start + request.duration_min
        if not helper.is_available(day, start, end):
            what = f"tot {format_time(end)} valt buiten de beschikbaarheid van {helper.name} op {day}"
            yield Breach(Fault.UNAVAILABLE, format_time(start), what)
        reasons = self._eligibility_problems(helper, request)
        if reasons:
            yield Breach(
                Fault.NOT_ELIGIBLE, helper.name, f"mag aanvraag {request.request_id} niet doen ({', '.join(reasons)})"
            )
        yield from self._clash_breaches(helper, request, day, start)
        yield from self._cap_breaches(helper, day, end - start)

    def _clash_breaches(self, helper: Helper, request: Request, day: str, start: int) -> Iterator[Breach]:
        end = start + request.duration_min
        for other in self.conflicts(helper, request, day, start):
            if intervals_overlap(start, end, other.start, other.end):
                what = f"tot {format_time(end)} overlapt met aanvraag {other.request_id} ({other.describe()})"
                yield Breach(Fault.OVERLAP, format_time(start), what, other)
                continue
            gap = gap_between(start, end, other.start, other.end)
            here, there = self.school.location_of(request), self._location_of_id(other.request_id)
            what = (
                f"laat {gap} minuten tussen {place_text(there)} ({other.describe()}) en {place_text(here)}; "
                f"de wisseltijd is {self.school.settings.changeover_min} minuten"
            )
            yield Breach(Fault.CHANGEOVER_TOO_SHORT, format_time(start), what, other)

    def _cap_breaches(self, helper: Helper, day: str, minutes: int) -> Iterator[Breach]:
        week = self.week_minutes(helper) + minutes
        if week > helper.weekly_cap_min:
            what = f"krijgt {week} minuten, meer dan de {helper.weekly_cap_min} minuten per week"
            yield Breach(Fault.WEEKLY_CAP, helper.name, what)
        daily_cap = helper.daily_cap_min
        today = self.day_minutes(helper, day) + minutes
        if daily_cap is not None and today > daily_cap:
            what = f"krijgt op {day} {today} minuten, meer dan de {daily_cap} minuten per dag"
            yield Breach(Fault.DAILY_CAP, helper.name, what)

    def _starts_of(self, request: Request) -> dict[str, frozenset[int]]:
        """Rule 1 per request: the allowed days with their candidate starts (asked often, computed once)."""
        starts = self._starts.get(request)
        if starts is None:
            school = self.school
            starts = {day: frozenset(school.candidate_starts(request, day)) for day in school.allowed_days(request)}
            self._starts[request] = starts
        return starts

    def _eligibility_problems(self, helper: Helper, request: Request) -> list[str]:
        problems = self._eligibility.get((helper, request))
        if problems is None:
            problems = self._eligibility[(helper, request)] = self.school.eligibility_problems(helper, request)
        return problems

    def _location_of_id(self, request_id: str) -> str:
        request = self.school.request(request_id)
        return self.school.location_of(request) if request else ""


def plan_breaches(school: School, sessions: Iterable[Session]) -> list[Breach]:
    """Every breach in a plan of the school's own requests and helpers, each session checked against
    the sessions before it; empty when the plan keeps hard rules 1–6."""
    ledger = Ledger(school)
    found = []
    for session in sessions:
        helpers = [school.helper(name) for name in session.helpers]
        found += ledger.session_breaches(school.request(session.request_id), helpers, session.day, session.start)
        ledger.add(session)
    return found


def usable_pins(school: School, pins: Iterable[Pin]) -> tuple[Pin, ...]:
    """The pins whose request and helper exist and that keep rules 1, 3 and 5 on their own, named as the
    school names them; a plan with the others cannot be made."""
    ledger = Ledger(school)
    kept = []
    for pin in pins:
        request, helper = school.request(pin.request_id), school.helper(pin.helper)
        if request is None or helper is None or ledger.candidate_breaches(helper, request, pin.day, pin.start):
            continue
        kept.append(replace(pin, request_id=request.request_id, helper=helper.name))
    return tuple(kept)
