"""Setting a style on many cells fast, with the same result as openpyxl's ``cell.font = …``.

openpyxl finds a style's index in the workbook by hashing the style, every field of it, each time a
cell gets one: on a large school's result that was a third of the writing time. ``StyleIds`` looks
each style object up once and then sets the index on the cell itself, as openpyxl's descriptor does.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.styles import Border, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook

# The workbook's list of each kind of style, and the field of a cell's style array that points into it.
COLLECTIONS = {"font": ("_fonts", "fontId"), "border": ("_borders", "borderId"), "fill": ("_fills", "fillId")}


class StyleIds:
    """One workbook's indexes of the style objects set through it, by identity (local to one writer)."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._ids: dict[tuple[str, int], int] = {}
        self._kept: list[object] = []  # holds the objects so their ids stay theirs

    def style(
        self, cell: Cell, *, font: Font | None = None, border: Border | None = None, fill: PatternFill | None = None
    ) -> None:
        if not cell._style:  # a new cell has no style array yet; openpyxl's descriptor makes one the same way
            cell._style = StyleArray()
        for kind, value in (("font", font), ("border", border), ("fill", fill)):
            if value is not None:
                setattr(cell._style, COLLECTIONS[kind][1], self._index(kind, value))

    def _index(self, kind: str, value: object) -> int:
        key = (kind, id(value))
        if key not in self._ids:
            self._ids[key] = getattr(self._workbook, COLLECTIONS[kind][0]).add(value)
            self._kept.append(value)
        return self._ids[key]
