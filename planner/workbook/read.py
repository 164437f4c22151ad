"""Reading a planning workbook into a ``School``: all problems together, or no school at all."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import BinaryIO

from planner.model import School
from planner.workbook.helper_availability_sheets import read_availability, read_helpers
from planner.workbook.loading import load_tables, read_source_bytes
from planner.workbook.pin_sheet import read_pins
from planner.workbook.problems import ProblemList
from planner.workbook.request_sheet import References, read_requests
from planner.workbook.schema import SCHOOL_HOURS
from planner.workbook.school_sheets import (
    read_days_off,
    read_groups,
    read_school_days,
    read_settings,
    read_tasks,
    read_teachers,
)


def read_workbook(source: str | os.PathLike | bytes | BinaryIO) -> School:
    """Read a planning workbook (a path, bytes or a binary file object).

    Raises ``WorkbookError`` with every problem found, whatever is wrong with the file.
    """
    problems = ProblemList()
    tables = load_tables(read_source_bytes(source), problems)
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
