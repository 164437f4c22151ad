"""The result workbook: the input sheets (re-importable unchanged) plus the plan.

Output sheets come first so a school leader opening the file sees the plan:
``Overzicht``, ``Rooster``, ``Niet ingepland``, ``Per ondersteuner``, ``Per groep``,
then, when given, ``Wat meer uren opleveren`` (the hours offers) and ``Vraag en aanbod`` (a
demand grid). The reader ignores them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

from planner.analysis import DemandGrid
from planner.deadline import Deadline
from planner.model import Plan, School
from planner.workbook import result_style as look
from planner.workbook import schema
from planner.workbook.analysis_sheets import write_demand_sheet
from planner.workbook.grid_blocks import group_blocks, helper_blocks
from planner.workbook.grids import write_grid_sheet
from planner.workbook.hours_sheet import write_hours_sheet
from planner.workbook.overview import write_overview_sheet
from planner.workbook.schedule_sheets import write_schedule_sheet, write_unplaced_sheet
from planner.workbook.write import write_input_sheets

if TYPE_CHECKING:
    from planner.diagnosis import Diagnosis
    from planner.diagnosis.hours_offers import HoursOffer

READABLE = 0o644
OUTPUT_SHEETS = (schema.OVERVIEW, schema.SCHEDULE, schema.UNPLACED, schema.PER_HELPER, schema.PER_GROUP)


def build_result_workbook(
    school: School,
    plan: Plan,
    diagnoses: Sequence[Diagnosis] = (),
    demand: DemandGrid | None = None,
    offers: Sequence[HoursOffer] | None = None,
    plan_status: str | None = None,
    deadline: Deadline | None = None,
) -> Workbook:
    """The result workbook; what explains the plan (why hours stay unused, the week grids) is written until
    ``deadline`` (None: all), so a large school's result is written in its time."""
    workbook = Workbook()
    default_sheet = workbook.active
    write_input_sheets(workbook, school)
    if default_sheet in workbook.worksheets and default_sheet.title not in _input_sheet_names():
        workbook.remove(default_sheet)
    _add_output_sheets(workbook, school, plan, diagnoses, plan_status, deadline)
    if offers is not None:
        sheet = workbook.create_sheet(schema.HOURS_OFFERS, len(OUTPUT_SHEETS))
        write_hours_sheet(sheet, offers)
        look.keep_formula_like_text(sheet)
    if demand is not None:
        _add_demand_sheet(workbook, demand)
    workbook.active = workbook.sheetnames.index(schema.OVERVIEW)
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == schema.OVERVIEW
    return workbook


def write_result(
    school: School,
    plan: Plan,
    path: str | os.PathLike[str],
    diagnoses: Sequence[Diagnosis] = (),
    demand: DemandGrid | None = None,
    offers: Sequence[HoursOffer] | None = None,
    deadline: Deadline | None = None,
) -> Path:
    """Write the result workbook (see ``build_result_workbook``); the file appears whole or not at all."""
    target = Path(path)
    workbook = build_result_workbook(school, plan, diagnoses, demand, offers, deadline=deadline)
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=target.parent)
    os.close(handle)
    try:
        workbook.save(temporary)
        os.chmod(temporary, READABLE)  # mkstemp makes it private; a plan is meant to be shared
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return target


def _add_output_sheets(
    workbook: Workbook,
    school: School,
    plan: Plan,
    diagnoses: Sequence[Diagnosis],
    plan_status: str | None,
    deadline: Deadline | None,
) -> None:
    sheets = {name: workbook.create_sheet(name, index) for index, name in enumerate(OUTPUT_SHEETS)}
    write_overview_sheet(sheets[schema.OVERVIEW], school, plan, plan_status, deadline)
    write_schedule_sheet(sheets[schema.SCHEDULE], school, plan)
    write_unplaced_sheet(sheets[schema.UNPLACED], school, plan, diagnoses)
    title = "Weekrooster per ondersteuner" + _school_suffix(school)
    legend = "Kleur per groep. Lichtgrijs: niet beschikbaar; donkergrijs: geen schooltijd."
    write_grid_sheet(sheets[schema.PER_HELPER], school, title, helper_blocks(school, plan), legend, deadline)
    title = "Weekrooster per groep" + _school_suffix(school)
    legend = "Kleur per ondersteuner. Donkergrijs: geen schooltijd."
    write_grid_sheet(sheets[schema.PER_GROUP], school, title, group_blocks(school, plan), legend, deadline)
    for sheet in sheets.values():
        look.keep_formula_like_text(sheet)


def _add_demand_sheet(workbook: Workbook, demand: DemandGrid) -> None:
    before = set(workbook.sheetnames)
    write_demand_sheet(workbook, demand)
    after_outputs = len(OUTPUT_SHEETS) + (schema.HOURS_OFFERS in workbook.sheetnames)
    for name in set(workbook.sheetnames) - before:
        workbook.move_sheet(name, offset=after_outputs - workbook.sheetnames.index(name))


def _school_suffix(school: School) -> str:
    return f" – {school.settings.school_name}" if school.settings.school_name else ""


def _input_sheet_names() -> set[str]:
    return {spec.name for spec in schema.INPUT_SHEETS}
