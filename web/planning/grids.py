"""A plan as week grids for the templates: time rows, day columns, sessions spanning rows.

A grid belongs to one helper or one group. Sessions of one group may overlap (two
requests at once, with different helpers); a day then gets more lanes (sub-columns)
so every session keeps its own cell.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from planner.model import School, Session, name_key
from planner.timegrid import DAY_FULL_NAMES, DAYS, assign_lanes, format_time

GRID_SLOT_MIN = 15
GROUP_COLOURS = 8


@dataclass(frozen=True)
class GridSession:
    """A placed session with what a reader of the schedule needs to know."""

    session_id: int | None
    request_id: str
    group: str
    teacher: str
    task: str
    subject: str
    goal: str
    location: str
    helpers: tuple[str, ...]
    day: str
    start: int
    end: int
    colour: int
    pinned: bool

    @property
    def time_text(self) -> str:
        return f"{format_time(self.start)}–{format_time(self.end)}"

    @property
    def day_name(self) -> str:
        return DAY_FULL_NAMES[self.day]


FREE, UNAVAILABLE, NO_SCHOOL = "vrij", "niet-beschikbaar", "geen-school"
STATE_TEXTS = {FREE: "", UNAVAILABLE: "niet beschikbaar", NO_SCHOOL: "geen schooltijd"}


@dataclass(frozen=True)
class GridCell:
    session: GridSession | None = None
    rowspan: int = 1
    state: str = FREE  # of an empty cell: free, unavailable (the helper) or no school

    @property
    def state_text(self) -> str:
        return STATE_TEXTS[self.state]


@dataclass(frozen=True)
class GridRow:
    start: int
    time_label: str
    cells: tuple[GridCell | None, ...]  # None: covered by a session cell above


@dataclass(frozen=True)
class DayHeader:
    day: str
    name: str
    lanes: int


@dataclass(frozen=True)
class WeekGrid:
    title: str
    days: tuple[DayHeader, ...]
    rows: tuple[GridRow, ...]
    sessions: tuple[GridSession, ...]
    slot_min: int

    def sessions_on(self, day: str) -> list[GridSession]:
        return sorted((s for s in self.sessions if s.day == day), key=lambda s: (s.start, s.group))


def group_colours(school: School) -> dict[str, int]:
    """A stable colour index per group (by name key), cycling through the palette."""
    names = sorted({name_key(g.name) for g in school.groups} | {name_key(r.group) for r in school.requests})
    return {key: index % GROUP_COLOURS for index, key in enumerate(names)}


def grid_sessions(
    school: School,
    sessions: Iterable[Session],
    session_ids: dict[tuple[str, str, int], int] | None = None,
    pinned_keys: frozenset[tuple[str, str, int]] = frozenset(),
) -> list[GridSession]:
    """Enrich plan sessions with request facts; keys are (request name key, day, start)."""
    colours = group_colours(school)
    result = []
    for session in sessions:
        key = (name_key(session.request_id), session.day, session.start)
        request = school.request(session.request_id)
        group = request.group if request else ""
        result.append(
            GridSession(
                session_id=(session_ids or {}).get(key),
                request_id=session.request_id,
                group=group,
                teacher=request.teacher if request else "",
                task=request.task if request else "",
                subject=request.subject if request else "",
                goal=request.goal if request else "",
                location=school.location_of(request) if request else "",
                helpers=session.helpers,
                day=session.day,
                start=session.start,
                end=session.end,
                colour=colours.get(name_key(group), 0),
                pinned=key in pinned_keys,
            )
        )
    return result


def grid_for_helper(school: School, sessions: Sequence[GridSession], helper: str) -> WeekGrid:
    key = name_key(helper)
    own = [s for s in sessions if key in {name_key(h) for h in s.helpers}]
    known = school.helper(helper)
    unavailable = school.unavailable_times(known) if known is not None else ()
    return build_week_grid(school, f"Ondersteuner {helper}", own, unavailable)


def grid_for_group(school: School, sessions: Sequence[GridSession], group: str) -> WeekGrid:
    key = name_key(group)
    own = [s for s in sessions if name_key(s.group) == key]
    return build_week_grid(school, f"Groep {group}", own)


def build_week_grid(
    school: School, title: str, sessions: Sequence[GridSession], unavailable: Iterable[tuple[str, int, int]] = ()
) -> WeekGrid:
    """``unavailable``: (day, start, end) times within school hours the grid's helper cannot work."""
    days = _grid_days(school, sessions)
    slot = _slot_min(sessions)
    first, last = _time_range(school, sessions, slot)
    lanes = {day: assign_lanes(s for s in sessions if s.day == day) for day in days}
    headers = tuple(DayHeader(day, DAY_FULL_NAMES[day], max(1, len(lanes[day]))) for day in days)
    columns = [(day, lane) for day in days for lane in range(max(1, len(lanes[day])))]
    school_hours = {d.day: (d.start, d.end) for d in school.school_days}
    unavailable = tuple(unavailable)

    def state(day: str, minute: int) -> str:
        start, end = school_hours.get(day, (0, 0))
        if not start <= minute < end:
            return NO_SCHOOL
        return UNAVAILABLE if any(d == day and s <= minute < e for d, s, e in unavailable) else FREE

    rows = tuple(_grid_row(minute, slot, columns, lanes, state) for minute in range(first, last, slot))
    return WeekGrid(title=title, days=headers, rows=rows, sessions=tuple(sessions), slot_min=slot)


def _grid_row(
    minute: int,
    slot: int,
    columns: list[tuple[str, int]],
    lanes: dict[str, list[list[GridSession]]],
    state: Callable[[str, int], str],
) -> GridRow:
    cells: list[GridCell | None] = []
    for day, lane_index in columns:
        lane = lanes[day][lane_index] if lane_index < len(lanes[day]) else []
        starting = next((s for s in lane if s.start == minute), None)
        if starting is not None:
            cells.append(GridCell(starting, rowspan=max(1, math.ceil((starting.end - starting.start) / slot))))
        elif any(s.start < minute < s.end for s in lane):
            cells.append(None)
        else:
            cells.append(GridCell(state=state(day, minute)))
    label = format_time(minute) if minute % max(slot, GRID_SLOT_MIN) == 0 else ""
    return GridRow(start=minute, time_label=label, cells=tuple(cells))


def _grid_days(school: School, sessions: Sequence[GridSession]) -> list[str]:
    wanted = set(school.school_day_codes) | {s.day for s in sessions}
    return [day for day in DAYS if day in wanted]


def _slot_min(sessions: Sequence[GridSession]) -> int:
    """15 minutes, or finer when a session starts or ends between quarter hours."""
    slot = GRID_SLOT_MIN
    for session in sessions:
        slot = math.gcd(slot, session.start, session.end)
    return max(slot, 1)


def _time_range(school: School, sessions: Sequence[GridSession], slot: int) -> tuple[int, int]:
    starts = [d.start for d in school.school_days] + [s.start for s in sessions]
    ends = [d.end for d in school.school_days] + [s.end for s in sessions]
    if not starts:
        return 8 * 60 + 30, 14 * 60 + 30
    first = min(starts) // slot * slot
    last = -(-max(ends) // slot) * slot
    return first, last
