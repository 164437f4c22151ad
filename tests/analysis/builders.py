"""Tiny schools for the analysis tests, built in code so every test shows its whole instance."""

from __future__ import annotations

from planner.model import (
    AvailabilityBlock,
    Group,
    Helper,
    Plan,
    Request,
    School,
    SchoolDay,
    Session,
    Teacher,
)

DAYS = ("ma", "di", "wo", "do", "vr")


def helper(name: str, days=DAYS, start=510, end=870, hours=20.0, **extra) -> Helper:
    blocks = tuple(AvailabilityBlock(day, start, end) for day in days)
    return Helper(
        name=name, role=extra.pop("role", "onderwijsassistent"), hours_per_week=hours, availability=blocks, **extra
    )


def request(request_id: str, group: str = "5", start: int = 540, end: int = 585, **extra) -> Request:
    defaults = dict(teacher=f"juf {group}", task="basisgroep overnemen", sessions_per_week=1, duration_min=45)
    defaults.update(extra)
    return Request(request_id=request_id, group=group, window_start=start, window_end=end, **defaults)


def school(helpers, requests, school_days=DAYS, **extra) -> School:
    groups = sorted({r.group for r in requests} | {"5"})
    return School(
        school_days=tuple(SchoolDay(day, 510, 870) for day in school_days),
        groups=tuple(Group(g) for g in groups),
        teachers=tuple(Teacher(f"juf {g}", (g,)) for g in groups),
        helpers=tuple(helpers),
        requests=tuple(requests),
        **extra,
    )


def plan(*sessions: tuple) -> Plan:
    """``plan(("A", ("Anna",), "di", 540, 585), …)``: a hand-made plan."""
    return Plan(sessions=tuple(Session(rid, tuple(names), day, start, end) for rid, names, day, start, end in sessions))
