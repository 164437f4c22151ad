"""Input problems of a workbook: where they are, what was found, what was expected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.timegrid import format_time
from planner.value_rules import quoted


@dataclass(frozen=True)
class Problem:
    """One input problem, located as the user sees it in Excel.

    ``sheet`` is empty for a problem with the file as a whole; ``row`` is the
    row number as Excel shows it (the header is row 1), ``None`` for a problem
    with a whole sheet or column.
    """

    sheet: str
    row: int | None
    column: str | None
    value: object
    expected: str

    @property
    def location(self) -> str:
        text = self.sheet
        if self.row is not None:
            text += f" rij {self.row}"
        if self.column is not None:
            text += f", kolom '{self.column}'" if text else f"kolom '{self.column}'"
        return text

    @property
    def message(self) -> str:
        found = "" if self.value is None else f"'{quoted(display_value(self.value))}' "
        location = self.location
        if not location:
            return f"{found}{self.expected}"
        return f"{location}: {found}{self.expected}"

    def __str__(self) -> str:
        return self.message


class WorkbookError(Exception):
    """A workbook that cannot be used; ``problems`` holds all its problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problem.message for problem in self.problems))


def display_value(value: object) -> str:
    """A cell value as the user typed or sees it (``9:07``, ``7,5``)."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d-%m-%Y")
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.time):
        return format_time(value.hour * 60 + value.minute)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value).replace(".", ",")  # 1e+20, not twenty-one digits
    return str(value).strip()


@dataclass
class ProblemList:
    """Collects the problems of one workbook while it is read."""

    items: list[Problem] = field(default_factory=list)

    def add(self, sheet: str, row: int | None, column: str | None, value: object, expected: str) -> None:
        # a long text is kept only as far as a message repeats it, wherever the problem is shown
        shown = quoted(value) if isinstance(value, str) else value
        self.items.append(Problem(sheet, row, column, shown, expected))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise WorkbookError(self.items)
