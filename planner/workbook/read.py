"""Reading a planning workbook into a ``School``: all problems together, or no school at all."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import BinaryIO

from planner.dutch import thousands
from planner.model import School
from planner.workbook.helper_availability_sheets import read_availability, read_helpers
from planner.workbook.loading import SheetTable, load_tables, read_source_bytes
from planner.workbook.pin_sheet import read_pins
from planner.workbook.problems import ProblemList
from planner.workbook.request_sheet import References, read_requests
from planner.workbook.schema import REQUESTS, SCHOOL_HOURS
from planner.workbook.school_sheets import (
    read_days_off,
    read_groups,
    read_school_days,
    read_settings,
    read_tasks,
    read_teachers,
)

# The ceiling on requests per workbook (docs/werkmap.md): measured with scripts/benchmark_scale.py, a school of
# 2,000 requests gets its (greedy) plan, reasons and result workbook within a 30 s limit in well under 1 GB.
MAX_REQUESTS = 2_500


def read_workbook(source: str | os.PathLike | bytes | BinaryIO) -> School:
    """Read a planning workbook (a path, bytes or a binary file object).

    Raises ``WorkbookError`` with every problem found, whatever is wrong with the file.
    """
    problems = ProblemList()
    tables = load_tables(read_source_bytes(source), problems)
    check_request_count(tables, problems)
    settings = read_settings(tables, problems)
    known_before = len(problems.items)
    school_days = read_school_days(tables, settings, problems)
    hours_known = len(problems.items) == known_before and SCHOOL_HOURS in tables
    groups, group_names = read_groups(tables, problems)
    teachers, teacher_names = read_teachers(tables, group_names, problems)
    helpers, helper_names = read_helpers(tables, group_names, problems)
    helpers = read_availability(tables, helpers, helper_names, school_days if hours_known else None, settings, problems)
    tasks = read_tasks(tables, problems)
    school = School(
        school_days=tuple(school_days),
        groups=tuple(groups),
        teachers=tuple(located.item for located in teachers),
        helpers=tuple(located.item for located in helpers),
        requests=(),
        tasks=tuple(tasks),
        settings=settings,
        days_off=tuple(read_days_off(tables, problems)),
    )
    references = References(teacher_names, group_names, helper_names, school_hours_known=hours_known)
    requests, request_ids = read_requests(tables, references, school, problems)
    school = replace(school, requests=tuple(located.item for located in requests))
    pins = read_pins(tables, request_ids, helper_names, school, problems, hours_known)
    problems.raise_if_any()
    return replace(school, pins=tuple(pins))


def check_request_count(tables: dict[str, SheetTable], problems: ProblemList) -> None:
    """The ceiling: more than ``MAX_REQUESTS`` request rows is refused at once, before they are read."""
    table = tables.get(REQUESTS)
    if table is not None and len(table.rows) > MAX_REQUESTS:
        problems.add(REQUESTS, None, None, None, too_many_requests_text(len(table.rows)))
        problems.raise_if_any()


def too_many_requests_text(count: int) -> str:
    return (
        f"Handenplanner rekent met hoogstens {thousands(MAX_REQUESTS)} aanvragen per werkmap; deze heeft er "
        f"{thousands(count)}. Splits de werkmap per locatie (of per bouw) en plan elk deel apart: "
        "met meer aanvragen past een goed rooster niet meer in de rekentijd en het geheugen."
    )
