"""Reading one row of a sheet: cell parsing, defaults, name references and their problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from planner.model import ModelError, name_key
from planner.timegrid import format_time, is_on_step
from planner.workbook.cells import CellError, is_blank
from planner.workbook.loading import SheetRow, SheetTable
from planner.workbook.problems import ProblemList
from planner.workbook.schema import header_key

T = TypeVar("T")

REQUIRED_EMPTY = "is leeg; dit veld is verplicht"


@dataclass(frozen=True)
class Located(Generic[T]):
    """A record read from a sheet together with its Excel row number."""

    row: int
    item: T


class RowReader:
    """Parses the cells of one row; every failure becomes a located problem."""

    def __init__(self, sheet: str, row: SheetRow, problems: ProblemList) -> None:
        self.sheet = sheet
        self.row = row
        self.problems = problems
        self.ok = True

    @property
    def number(self) -> int:
        return self.row.number

    def raw(self, column: str) -> object:
        return self.row.cells.get(header_key(column))

    def get(self, column: str, parse: Callable[[object], T], default: T | None = None, required: bool = False):
        raw = self.raw(column)
        if is_blank(raw):
            if required:
                self.fail(column, None, REQUIRED_EMPTY)
            return default
        try:
            return parse(raw)
        except CellError as error:
            self.fail(column, raw, str(error))
            return None

    def build(self, factory: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """Construct a model record; a model invariant the reader did not pre-empt still becomes a problem."""
        try:
            return factory(*args, **kwargs)
        except ModelError as error:
            self.fail(None, None, str(error))
            return None

    def fail(self, column: str | None, value: object, expected: str) -> None:
        self.ok = False
        self.problems.add(self.sheet, self.row.number, column, value, expected)

    def check_on_step(self, column: str, minutes: int | None, step: int) -> None:
        if minutes is not None and not is_on_step(minutes, step):
            self.fail(column, format_time(minutes), f"valt niet op de tijdstap van {step} minuten")


class NameIndex:
    """The names defined in one sheet: canonical spelling by ``name_key``, with their rows."""

    def __init__(self, sheet: str, what: str, source: str, readable: bool = True) -> None:
        """``readable`` is false when the defining sheet is missing or unusable: its own problem
        is reported once, and references to it are then not reported again as unknown."""
        self.sheet = sheet
        self.readable = readable
        self.what = what  # "groep", "leerkracht", ...
        self.source = source  # how to say where names come from: "een groep uit Groepen"
        self.rows: dict[str, int] = {}
        self.names: dict[str, str] = {}

    def define(self, reader: RowReader, column: str, name: str, unique_what: str = "namen") -> bool:
        key = name_key(name)
        if key in self.names:
            reader.fail(
                column, name, f"komt dubbel voor (ook in rij {self.rows[key]}); {unique_what} moeten uniek zijn"
            )
            return False
        self.names[key] = name
        self.rows[key] = reader.number
        return True

    def canonical(self, name: str) -> str | None:
        return self.names.get(name_key(name))

    def resolve(self, reader: RowReader, column: str, name: str | None) -> str | None:
        """The canonical spelling of a reference; an unknown name is a problem."""
        if name is None:
            return None
        canonical = self.canonical(name)
        if canonical is None and not self.readable:
            reader.ok = False
            return None
        if canonical is None:
            reader.fail(column, name, f"is geen bekende {self.what}; verwacht {self.source}")
        return canonical

    def resolve_all(self, reader: RowReader, column: str, names: tuple[str, ...] | None) -> tuple[str, ...]:
        resolved = [self.resolve(reader, column, name) for name in names or ()]
        return tuple(dict.fromkeys(name for name in resolved if name is not None))


def rows_of(tables: dict[str, SheetTable], sheet: str) -> tuple[SheetRow, ...]:
    table = tables.get(sheet)
    return table.rows if table else ()
