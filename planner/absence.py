"""A day's absence: re-plan one day when a helper is absent (domain spec, "A day's absence").

The week plan stays as it is; only the absent helper's day is planned anew,
from a small school of that day alone:

* every session of that day becomes a request for one session on that day, in
  its own window, with its planned start as preferred start;
* the leader's pins of that day stay (those of the absent helper go);
* every other helper keeps the weekly hours the plan leaves after the other
  days (weekly cap minus what they work on those days), so rule 4 holds for
  that week;
* the day's plan is the previous plan (``SolveOptions.hint``): after the
  honoured levels the solver keeps as much of it as it can.

So the day honours as much as possible by priority — a `hoog` session of the
absent helper may take the place of a `laag` one of a colleague — and changes
as little else as possible. Every session that changes is listed; a session
that lapses means its teacher gets no help that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from planner.absence_reasons import LapseReason, lapse_reason
from planner.levels import level_info
from planner.model import Helper, Pin, Plan, Request, School, Session, Settings, SolveStatus, name_key
from planner.solver import SolveOptions, solve
from planner.timegrid import DAY_FULL_NAMES, day_of_date, format_date

ABSENCE_LAST_LEVEL = "preferred_time"  # as close to the planned start as possible
DEFAULT_TIME_LIMIT_S = 10.0
_STALE_PLAN = (
    "Het rooster past niet meer bij de huidige gegevens (een aanvraag, ondersteuner of vastzetting is sinds de "
    "berekening gewijzigd). Bereken eerst een nieuw rooster."
)


class AbsenceError(ValueError):
    """The absence cannot be planned as asked; the message is Dutch, for the user."""


@dataclass(frozen=True)
class DayChange:
    """One session of the day as planned, and how it goes now (None: it lapses that day)."""

    planned: Session
    now: Session | None
    lapse_reason: LapseReason | None = None  # why it lapses (only when ``now`` is None)

    @property
    def lapses(self) -> bool:
        return self.now is None

    @property
    def moved(self) -> bool:
        return self.now is not None and self.now.start != self.planned.start

    @property
    def new_helpers(self) -> tuple[str, ...]:
        """Hands that were not in the session as planned."""
        if self.now is None:
            return ()
        planned = {name_key(name) for name in self.planned.helpers}
        return tuple(name for name in self.now.helpers if name_key(name) not in planned)


@dataclass(frozen=True)
class AbsenceDay:
    """The outcome for one helper's absent day: every session of the day that changes."""

    helper: str
    day: str
    changes: tuple[DayChange, ...]  # of the absent helper's sessions first, then the others
    absent_sessions: int  # how many sessions the absent helper had that day
    proven_optimal: bool  # no other day plan keeps more (by priority), or changes less
    day_plan: tuple[Session, ...] = ()  # every session of that day as it goes now

    @property
    def taken_over(self) -> tuple[DayChange, ...]:
        return tuple(c for c in self.changes[: self.absent_sessions] if not c.lapses)

    @property
    def lapsed(self) -> tuple[DayChange, ...]:
        return tuple(c for c in self.changes if c.lapses)

    @property
    def lapsed_of_absent(self) -> tuple[DayChange, ...]:
        return tuple(c for c in self.changes[: self.absent_sessions] if c.lapses)

    @property
    def lapsed_of_others(self) -> tuple[DayChange, ...]:
        """Colleagues' sessions that make way for more important ones of the absent helper."""
        return tuple(c for c in self.changes[self.absent_sessions :] if c.lapses)

    @property
    def others_changed(self) -> tuple[DayChange, ...]:
        """Sessions of colleagues that get another time or other hands (not lapsed)."""
        return tuple(c for c in self.changes[self.absent_sessions :] if not c.lapses)

    def teachers_losing_help(self, school: School) -> tuple[str, ...]:
        """Teachers who get no help that day for at least one request, in plan order."""
        return tuple(dict.fromkeys(_teacher_of(school, c.planned) for c in self.lapsed))


def _teacher_of(school: School, session: Session) -> str:
    request = school.request(session.request_id)
    return request.teacher if request is not None else ""


def check_absence_date(school: School, date: dt.date) -> str:
    """The day code of ``date`` when the school works then; AbsenceError (Dutch) otherwise."""
    day = day_of_date(date)
    settings = school.settings
    before = settings.period_start is not None and date < settings.period_start
    after = settings.period_end is not None and date > settings.period_end
    if before or after:
        raise AbsenceError(f"{format_date(date).capitalize()} valt buiten de planperiode ({_period_text(settings)}).")
    if school.school_day(day) is None:
        raise AbsenceError(f"Op {DAY_FULL_NAMES[day]} is er volgens de schooltijden geen school.")
    days_off = school.day_off(date)
    if days_off is not None:
        what = f" ({days_off.description})" if days_off.description else ""
        raise AbsenceError(f"{format_date(date).capitalize()} is een vrije dag{what}: er is dan geen school.")
    return day


def plan_absence(
    school: School, plan: Plan, helper_name: str, day: str, time_limit_s: float = DEFAULT_TIME_LIMIT_S
) -> AbsenceDay:
    """Re-plan ``day`` without the absent helper, keeping as much of the plan as possible."""
    helper = school.helper(helper_name)
    if helper is None:
        raise AbsenceError(f"Onbekende ondersteuner '{helper_name}'.")
    day_sessions = [s for s in plan.sessions if s.day == day]
    day_sessions.sort(key=lambda s: (s.start, s.end, name_key(s.request_id)))  # tables and notices read by time
    affected = [s for s in day_sessions if _works_in(helper.name, s)]
    if not affected:
        return AbsenceDay(helper.name, day, (), 0, True, tuple(day_sessions))
    _check_plan_fits_school(school, day_sessions)
    others = [s for s in day_sessions if not _works_in(helper.name, s)]
    kept = tuple(_without(helper.name, s) for s in day_sessions)
    options = SolveOptions(time_limit_s=time_limit_s, workers=2, seed=0, last_level=ABSENCE_LAST_LEVEL, hint=kept)
    day_school = _day_school(school, plan, helper.name, day, day_sessions)
    day_plan = solve(day_school, options)
    if day_plan.status == SolveStatus.INFEASIBLE:
        raise AbsenceError(_STALE_PLAN)
    now = {name_key(s.request_id): s for s in day_plan.sessions}
    changes = [DayChange(s, now.get(name_key(s.request_id))) for s in affected]
    changes += [c for c in (DayChange(s, now.get(name_key(s.request_id))) for s in others) if _changed(c)]
    changes = [_with_reason(c, day_school, day_plan.sessions, day) for c in changes]
    proven = all(level.proven_optimal for level in day_plan.levels if level_info(level.key).proven_in_day_replan)
    return AbsenceDay(helper.name, day, tuple(changes), len(affected), proven, day_plan.sessions)


def _with_reason(change: DayChange, day_school: School, day_plan: tuple[Session, ...], day: str) -> DayChange:
    if not change.lapses:
        return change
    request = day_school.request(change.planned.request_id)
    return replace(change, lapse_reason=lapse_reason(day_school, day_plan, request, day))


def _works_in(helper: str, session: Session) -> bool:
    return name_key(helper) in {name_key(name) for name in session.helpers}


def _without(helper: str, session: Session) -> Session:
    return replace(session, helpers=tuple(name for name in session.helpers if name_key(name) != name_key(helper)))


def _changed(change: DayChange) -> bool:
    if change.now is None:
        return True
    same_helpers = {name_key(n) for n in change.now.helpers} == {name_key(n) for n in change.planned.helpers}
    return change.now.start != change.planned.start or not same_helpers


def _check_plan_fits_school(school: School, sessions: list[Session]) -> None:
    """The plan's sessions of the day must still match the school's requests and helpers."""
    for session in sessions:
        request = school.request(session.request_id)
        if request is None or request.duration_min != session.duration_min:
            raise AbsenceError(_STALE_PLAN)
        if not request.window_start <= session.start <= request.window_end - request.duration_min:
            raise AbsenceError(_STALE_PLAN)
        if any(school.helper(name) is None for name in session.helpers):
            raise AbsenceError(_STALE_PLAN)


def _day_school(school: School, plan: Plan, absent: str, day: str, day_sessions: list[Session]) -> School:
    """One day of the school: the day's sessions as requests; the leader's pins of the day but the absent's."""
    return replace(
        school,
        school_days=tuple(d for d in school.school_days if d.day == day),
        helpers=tuple(_hours_left_on_day(h, plan, day) for h in school.helpers if name_key(h.name) != name_key(absent)),
        requests=tuple(_one_session_request(school.request(s.request_id), day, s) for s in day_sessions),
        pins=tuple(p for p in school.pins if _pin_stays(p, absent, day_sessions)),
    )


def _pin_stays(pin: Pin, absent: str, day_sessions: list[Session]) -> bool:
    """A pin of the leader on a planned session of the day, not of the absent helper."""
    if name_key(pin.helper) == name_key(absent):
        return False
    key = (name_key(pin.request_id), pin.day, pin.start)
    return any((name_key(s.request_id), s.day, s.start) == key for s in day_sessions)


def _one_session_request(request: Request, day: str, session: Session) -> Request:
    """The request as one session on ``day``, preferably at its planned start."""
    return replace(request, sessions_per_week=1, days=(day,), preferred_start=session.start)


def _hours_left_on_day(helper: Helper, plan: Plan, day: str) -> Helper:
    """The helper with the weekly hours the plan leaves for ``day`` (cap minus the other days)."""
    other_days = sum(s.duration_min for s in plan.sessions_of_helper(helper.name) if s.day != day)
    left_min = max(0, helper.weekly_cap_min - other_days)
    return replace(helper, hours_per_week=left_min / 60)


def _period_text(settings: Settings) -> str:
    first, last = settings.period_start, settings.period_end
    return f"{format_date(first) if first else '…'} t/m {format_date(last) if last else '…'}"
