"""The planning workbook (.xlsx): reading with all problems reported, writing, and the blank template.

The sheet and column names live in ``planner.workbook.schema``; the contract is
``shared/spec/excel-format.md``.
"""

from planner.workbook.problems import Problem, WorkbookError
from planner.workbook.read import read_workbook
from planner.workbook.template import build_template, write_template
from planner.workbook.write import write_input_sheets, write_school

__all__ = [
    "Problem",
    "WorkbookError",
    "build_template",
    "read_workbook",
    "write_input_sheets",
    "write_school",
    "write_template",
]
