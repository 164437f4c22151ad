"""The school's planning data as frozen dataclasses, free of any framework.

Every class checks its own invariants in ``__post_init__`` and raises
``ModelError`` (a ``ValueError``) with a Dutch text. Cross-references between
objects (a request's teacher exists, …) are checked by ``School`` and, with
sheet/row/column detail, by the workbook reader.

Times are minutes since midnight; days are codes ``ma`` … ``zo``; names are
kept as written in their defining sheet and matched case-insensitively via
``name_key``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from functools import cached_property, lru_cache

from planner.request_checks import window_fault
from planner.timegrid import DAYS, format_time, intervals_overlap, merge_intervals, next_on_step

ROLES: tuple[str, ...] = (
    "klassenassistent",
    "onderwijsassistent",
    "leraarondersteuner",
    "stagiaire",
    "vrijwilliger",
    "anders",
)
# The usual answers to "which part of the class does the teacher teach meanwhile"; free text is allowed too.
SUBGROUPS: tuple[str, ...] = ("basisgroep", "intensieve subgroep", "verrijkingsgroep")


NAME_KEYS_CACHED = 1 << 16


class ModelError(ValueError):
    """An invariant of the planning data is broken; the text is Dutch."""


@lru_cache(maxsize=NAME_KEYS_CACHED)
def name_key(name: str) -> str:
    """How names are matched: case-insensitive, surrounding spaces ignored. Cached: a large school's
    diagnosis matches the same few thousand names millions of times."""
    return " ".join(name.split()).casefold()


class Priority(IntEnum):
    HOOG = 1
    MIDDEL = 2
    LAAG = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> Priority:
        return cls[label.strip().upper()]


@dataclass(frozen=True)
class Settings:
    school_name: str = ""
    time_step_min: int = 5
    changeover_min: int = 0
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    time_limit_s: float = 30.0

    def __post_init__(self) -> None:
        if not (1 <= self.time_step_min <= 60 and 60 % self.time_step_min == 0):
            raise ModelError("tijdstap_min moet een deler van 60 zijn (1–60)")
        if self.changeover_min < 0:
            raise ModelError("wisseltijd_min mag niet negatief zijn")
        if self.time_limit_s <= 0:
            raise ModelError("tijdslimiet_s moet groter dan 0 zijn")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ModelError("periode_tot ligt vóór periode_van")


@dataclass(frozen=True)
class DaysOff:
    """Dates without school (a holiday or a study day): ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date
    description: str = ""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ModelError("de laatste vrije dag ligt vóór de eerste")

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(self.first + dt.timedelta(days=offset) for offset in range((self.last - self.first).days + 1))


@dataclass(frozen=True)
class SchoolDay:
    day: str
    start: int
    end: int

    def __post_init__(self) -> None:
        _check_day(self.day)
        _check_interval(self.start, self.end, "schooltijd")


@dataclass(frozen=True)
class Group:
    name: str
    location: str = ""

    def __post_init__(self) -> None:
        _check_name(self.name, "groep")


@dataclass(frozen=True)
class Teacher:
    name: str
    groups: tuple[str, ...]
    email: str = ""

    def __post_init__(self) -> None:
        _check_name(self.name, "leerkracht")


@dataclass(frozen=True)
class AvailabilityBlock:
    day: str
    start: int
    end: int

    def __post_init__(self) -> None:
        _check_day(self.day)
        _check_interval(self.start, self.end, "beschikbaarheid")


@dataclass(frozen=True)
class Helper:
    name: str
    role: str
    hours_per_week: float
    availability: tuple[AvailabilityBlock, ...] = ()
    max_hours_per_day: float | None = None
    skills: tuple[str, ...] = ()
    placement_groups: tuple[str, ...] = ()
    may_work_elsewhere: bool = False
    locations: tuple[str, ...] = ()
    email: str = ""

    def __post_init__(self) -> None:
        _check_name(self.name, "ondersteuner")
        if self.role not in ROLES:
            raise ModelError(f"onbekende functie '{self.role}'")
        if self.hours_per_week < 0:
            raise ModelError("uren_per_week mag niet negatief zijn")
        if self.max_hours_per_day is not None and self.max_hours_per_day < 0:
            raise ModelError("max_uren_per_dag mag niet negatief zijn")

    @property
    def weekly_cap_min(self) -> int:
        return round(self.hours_per_week * 60)

    @property
    def daily_cap_min(self) -> int | None:
        if self.max_hours_per_day is None:
            return None
        return round(self.max_hours_per_day * 60)

    def blocks_on(self, day: str) -> list[tuple[int, int]]:
        """Availability on a day; overlapping or touching blocks are one block."""
        return merge_intervals([(b.start, b.end) for b in self.availability if b.day == day])

    def is_available(self, day: str, start: int, end: int) -> bool:
        return any(block_start <= start and end <= block_end for block_start, block_end in self.blocks_on(day))

    def available_minutes(self) -> int:
        return sum(end - start for day in DAYS for start, end in self.blocks_on(day))

    @property
    def skill_keys(self) -> frozenset[str]:
        return frozenset(name_key(skill) for skill in self.skills)


@dataclass(frozen=True)
class Task:
    name: str
    roles: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        _check_name(self.name, "taak")
        for role in self.roles:
            if role not in ROLES:
                raise ModelError(f"onbekende functie '{role}'")


@dataclass(frozen=True)
class Request:
    request_id: str
    teacher: str
    group: str
    task: str
    sessions_per_week: int
    duration_min: int
    window_start: int
    window_end: int
    days: tuple[str, ...] = ()
    subject: str = ""
    goal: str = ""
    subgroup: str = ""  # the part of the class the teacher teaches meanwhile (free text)
    preferred_start: int | None = None
    priority: Priority = Priority.MIDDEL
    roles: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    preferred_helper: str | None = None
    hands: int = 1
    notes: str = ""

    def __post_init__(self) -> None:
        _check_name(self.request_id, "aanvraag-id")
        if self.sessions_per_week < 1:
            raise ModelError("keer_per_week moet minstens 1 zijn")
        if self.duration_min <= 0:
            raise ModelError("duur_min moet groter dan 0 zijn")
        if self.hands < 1:
            raise ModelError("handen moet minstens 1 zijn")
        _check_interval(self.window_start, self.window_end, "venster")
        fault = window_fault(self.window_start, self.window_end, self.duration_min, self.preferred_start)
        if fault is not None:
            raise ModelError(fault.value)
        for day in self.days:
            _check_day(day)
        for role in self.roles:
            if role not in ROLES:
                raise ModelError(f"onbekende functie '{role}'")

    @property
    def is_fixed_time(self) -> bool:
        return self.window_end - self.window_start == self.duration_min

    @property
    def requested_minutes(self) -> int:
        """Helper-minutes a week when fully honoured (two hands count twice)."""
        return self.sessions_per_week * self.duration_min * self.hands


@dataclass(frozen=True)
class Pin:
    request_id: str
    helper: str
    day: str
    start: int

    def __post_init__(self) -> None:
        _check_day(self.day)


class Ineligible(Enum):
    """The parts of rule 5 a helper can fail for a request."""

    ROLE = "functie"
    SKILLS = "vaardigheid"
    LOCATION = "locatie"
    PLACEMENT = "stagegroep"


@dataclass(frozen=True)
class EligibilityFault:
    kind: Ineligible
    text: str  # short Dutch phrase, e.g. "mist vaardigheid 'gedrag'"


@dataclass(frozen=True)
class School:
    """Everything the planner needs to know: one planning workbook."""

    school_days: tuple[SchoolDay, ...]
    groups: tuple[Group, ...]
    teachers: tuple[Teacher, ...]
    helpers: tuple[Helper, ...]
    requests: tuple[Request, ...]
    tasks: tuple[Task, ...] = ()
    pins: tuple[Pin, ...] = ()
    settings: Settings = field(default_factory=Settings)
    days_off: tuple[DaysOff, ...] = ()

    @cached_property
    def _by_key(self) -> dict[str, dict[str, object]]:
        return {
            "day": {day.day: day for day in self.school_days},
            "group": {name_key(g.name): g for g in self.groups},
            "teacher": {name_key(t.name): t for t in self.teachers},
            "helper": {name_key(h.name): h for h in self.helpers},
            "request": {name_key(r.request_id): r for r in self.requests},
            "task": {name_key(t.name): t for t in self.tasks},
        }

    @cached_property
    def dates_off(self) -> frozenset[dt.date]:
        """Every date without school (holidays, study days)."""
        return frozenset(date for days_off in self.days_off for date in days_off.dates)

    def day_off(self, date: dt.date) -> DaysOff | None:
        """The holiday or study day that ``date`` falls in, if any."""
        return next((days_off for days_off in self.days_off if days_off.first <= date <= days_off.last), None)

    def school_day(self, day: str) -> SchoolDay | None:
        return self._by_key["day"].get(day)  # type: ignore[return-value]

    def group(self, name: str) -> Group | None:
        return self._by_key["group"].get(name_key(name))  # type: ignore[return-value]

    def teacher(self, name: str) -> Teacher | None:
        return self._by_key["teacher"].get(name_key(name))  # type: ignore[return-value]

    def helper(self, name: str) -> Helper | None:
        return self._by_key["helper"].get(name_key(name))  # type: ignore[return-value]

    def request(self, request_id: str) -> Request | None:
        return self._by_key["request"].get(name_key(request_id))  # type: ignore[return-value]

    def task(self, name: str) -> Task | None:
        return self._by_key["task"].get(name_key(name))  # type: ignore[return-value]

    @cached_property
    def school_day_codes(self) -> tuple[str, ...]:
        return tuple(day.day for day in sorted(self.school_days, key=lambda d: DAYS.index(d.day)))

    def location_of(self, request: Request) -> str:
        group = self.group(request.group)
        return group.location if group else ""

    def unavailable_times(self, helper: Helper) -> tuple[tuple[str, int, int], ...]:
        """(day, start, end): school hours not covered by the helper's availability."""
        shaded = []
        for school_day in self.school_days:
            cursor = school_day.start
            for start, end in helper.blocks_on(school_day.day):
                if start > cursor:
                    shaded.append((school_day.day, cursor, min(start, school_day.end)))
                cursor = max(cursor, end)
            if cursor < school_day.end:
                shaded.append((school_day.day, cursor, school_day.end))
        return tuple(item for item in shaded if item[1] < item[2])

    def fits_on_day(self, request: Request, day: str) -> bool:
        return bool(self.candidate_starts(request, day))

    def candidate_starts(self, request: Request, day: str) -> list[int]:
        """Starts on the time step where a session lies in window and school hours."""
        school_day = self.school_day(day)
        if school_day is None:
            return []
        step = self.settings.time_step_min
        earliest = max(request.window_start, school_day.start)
        latest = min(request.window_end, school_day.end) - request.duration_min
        first = next_on_step(earliest, step)
        return list(range(first, latest + 1, step))

    def allowed_days(self, request: Request) -> tuple[str, ...]:
        """Its ``dagen`` (or every school day) on which a session fits (domain spec)."""
        asked = request.days or self.school_day_codes
        return tuple(day for day in self.school_day_codes if day in asked and self.fits_on_day(request, day))

    def allowed_roles(self, request: Request) -> frozenset[str]:
        """Roles allowed by the request's ``functies`` and the task list ``Taken``."""
        roles = set(request.roles or ROLES)
        task = self.task(request.task)
        if task is not None and task.roles:
            roles &= set(task.roles)
        return frozenset(roles)

    def eligibility_problems(self, helper: Helper, request: Request) -> list[str]:
        """Why a helper may not do a request (rule 5), as short Dutch phrases; empty = eligible."""
        return [problem.text for problem in self.eligibility_faults(helper, request)]

    def eligibility_faults(self, helper: Helper, request: Request) -> list[EligibilityFault]:
        """Rule 5, each failing part with its kind: role, skills, location, placement group."""
        problems = []
        if helper.role not in self.allowed_roles(request):
            problems.append(EligibilityFault(Ineligible.ROLE, f"functie {helper.role} niet toegestaan"))
        missing = [s for s in request.skills if name_key(s) not in helper.skill_keys]
        if missing:
            text = "mist vaardigheid " + ", ".join(f"'{s}'" for s in missing)
            problems.append(EligibilityFault(Ineligible.SKILLS, text))
        location = self.location_of(request)
        if location and helper.locations and name_key(location) not in {name_key(x) for x in helper.locations}:
            problems.append(EligibilityFault(Ineligible.LOCATION, f"werkt niet op locatie {location}"))
        placement = {name_key(g) for g in helper.placement_groups}
        if placement and not helper.may_work_elsewhere and name_key(request.group) not in placement:
            problems.append(EligibilityFault(Ineligible.PLACEMENT, "stagiaire buiten de stagegroep"))
        return problems

    def is_eligible(self, helper: Helper, request: Request) -> bool:
        return not self.eligibility_problems(helper, request)

    def eligible_helpers(self, request: Request) -> tuple[Helper, ...]:
        return tuple(helper for helper in self.helpers if self.is_eligible(helper, request))


@dataclass(frozen=True)
class Session:
    """One placed session of a request: all its hands at one day and time."""

    request_id: str
    helpers: tuple[str, ...]
    day: str
    start: int
    end: int
    pinned_helpers: tuple[str, ...] = ()

    @property
    def duration_min(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Session) -> bool:
        return self.day == other.day and intervals_overlap(self.start, self.end, other.start, other.end)

    def describe(self) -> str:
        return f"{self.day} {format_time(self.start)}–{format_time(self.end)}"


class SolveStatus(Enum):
    OPTIMAL = "optimaal"
    FEASIBLE = "toelaatbaar"
    TIME_LIMIT = "tijdslimiet"
    STOPPED = "gestopt"
    NO_REQUESTS = "geen aanvragen"
    INFEASIBLE = "onhaalbaar"  # only when pins break a hard rule (the reader should catch that first)
    QUICK = "snel rooster"  # too large to build or search in time: the greedy plan, its gap in the levels


@dataclass(frozen=True)
class LevelResult:
    """One objective level: its value, the best bound, whether it is proven and which engine proved it."""

    key: str
    label: str
    value: float
    bound: float
    proven_optimal: bool
    time_s: float = 0.0
    proven_by: str = ""  # the engine that proved the level ("cp-sat", "highs"); empty while unproven

    @property
    def gap(self) -> float:
        """How far the value may still be from the best possible: |bound − value| / |bound| (0 when equal).

        The larger of bound and value is the denominator, so a minimised level with bound 0 gets a gap of
        at most 1 rather than a division by zero."""
        scale = max(abs(self.bound), abs(self.value))
        return abs(self.bound - self.value) / scale if scale else 0.0


@dataclass(frozen=True)
class Plan:
    sessions: tuple[Session, ...]
    levels: tuple[LevelResult, ...] = ()
    status: SolveStatus = SolveStatus.FEASIBLE
    wall_time_s: float = 0.0
    method: str = ""  # Dutch, shown with the status when the plan was not made in one solve (e.g. per location)

    def sessions_of(self, request_id: str) -> list[Session]:
        return list(self._sessions_per_request.get(name_key(request_id), ()))

    @cached_property
    def _sessions_per_request(self) -> dict[str, list[Session]]:
        """Looked up once per request by the diagnosis and the figures: an index instead of a scan each time."""
        index: dict[str, list[Session]] = {}
        for session in self.sessions:
            index.setdefault(name_key(session.request_id), []).append(session)
        return index

    def sessions_of_helper(self, helper: str) -> list[Session]:
        key = name_key(helper)
        return [s for s in self.sessions if key in {name_key(h) for h in s.helpers}]

    def placed_count(self, request_id: str) -> int:
        return len(self.sessions_of(request_id))


def _check_day(day: str) -> None:
    if day not in DAYS:
        raise ModelError(f"onbekende dag '{day}'")


def _check_interval(start: int, end: int, what: str) -> None:
    if not (0 <= start < end <= 24 * 60):
        raise ModelError(f"{what}: begin moet vóór eind liggen, binnen 0:00–24:00")


def _check_name(name: str, what: str) -> None:
    if not name or not name.strip():
        raise ModelError(f"{what}: naam ontbreekt")
