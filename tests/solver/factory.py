"""Tiny schools for solver tests, built in code so every test shows its whole instance."""

from __future__ import annotations

from planner.model import AvailabilityBlock, Group, Helper, Pin, Request, School, SchoolDay, Settings, Task, Teacher
from planner.solver import SolveOptions

MORNING = (8 * 60 + 30, 12 * 60)
FAST = SolveOptions(time_limit_s=10.0, workers=1, seed=0)


def helper(name: str, hours: float = 10.0, days: tuple[str, ...] = ("ma",), **fields) -> Helper:
    """A klassenassistent available the whole morning on ``days`` unless ``availability`` is given."""
    fields.setdefault("availability", tuple(AvailabilityBlock(day, *MORNING) for day in days))
    fields.setdefault("role", "klassenassistent")
    return Helper(name=name, hours_per_week=hours, **fields)


def request(request_id: str, start: int, end: int, duration: int | None = None, **fields) -> Request:
    """A request of teacher T for group 5 once a week, window start–end (fixed time by default)."""
    fields.setdefault("teacher", "T")
    fields.setdefault("group", "5")
    fields.setdefault("task", "basisgroep overnemen")
    fields.setdefault("sessions_per_week", 1)
    return Request(
        request_id=request_id,
        duration_min=duration if duration is not None else end - start,
        window_start=start,
        window_end=end,
        **fields,
    )


def school(
    helpers: tuple[Helper, ...],
    requests: tuple[Request, ...],
    days: tuple[str, ...] = ("ma",),
    step: int = 15,
    changeover: int = 0,
    pins: tuple[Pin, ...] = (),
    groups: tuple[Group, ...] = (),
    tasks: tuple[Task, ...] = (),
) -> School:
    group_names = sorted({r.group for r in requests} - {g.name for g in groups})
    teacher_groups: dict[str, set[str]] = {}
    for r in requests:
        teacher_groups.setdefault(r.teacher, set()).add(r.group)
    return School(
        school_days=tuple(SchoolDay(day, *MORNING) for day in days),
        groups=groups + tuple(Group(name) for name in group_names),
        teachers=tuple(Teacher(name, tuple(sorted(g))) for name, g in teacher_groups.items()),
        helpers=helpers,
        requests=requests,
        tasks=tasks,
        pins=pins,
        settings=Settings(time_step_min=step, changeover_min=changeover),
    )


def at(hours: int, minutes: int = 0) -> int:
    return hours * 60 + minutes
