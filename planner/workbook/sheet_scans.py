"""Streaming one XML part of a workbook through expat, and counting a worksheet's rows, cells and texts.

A part is fed in small chunks and a handler stops the reading (``StopReadingError``) as soon as a limit
is passed, so nothing past a limit is read. No part may declare a DOCTYPE: Excel never writes one, and it
is how entity expansion ("billion laughs") gets in. Namespaces are not resolved (for speed); a prefixed
tag (``x:row``) is taken by its local name.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.parsers import expat

from planner.workbook.problems import Problem

if TYPE_CHECKING:
    from planner.workbook.size_limits import SizeLimits

CHUNK_BYTES = 64 * 1024
MAX_LONG_TEXTS_NOTED = 20  # shared texts over the limit remembered by index, so the cells using them can be named
ROOMY = "ruim meer dan een planningswerkmap nodig heeft"


def thousands(count: int) -> str:
    """``20000`` → ``20.000``: a count with Dutch thousands separators."""
    return f"{count:,}".replace(",", ".")


class UnreadablePartError(Exception):
    """An XML part that is not well-formed, or declares a DOCTYPE."""


class DoctypeFoundError(UnreadablePartError):
    """An XML part that declares a DOCTYPE (and so could expand entities)."""


class StopReadingError(Exception):
    """Raised by a handler: this part has been read far enough."""


def local_name(name: str) -> str:
    """``x:row`` → ``row``: Excel writes no prefixes, other producers may (namespaces are not resolved, for speed)."""
    return name.rpartition(":")[2]


def stream_part(
    archive: zipfile.ZipFile,
    name: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Feed one zip member to expat in small chunks; a handler raises ``StopReadingError`` to stop early."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except StopReadingError:
        return
    except expat.ExpatError:
        raise UnreadablePartError(name) from None


def refuse_doctype(*_args: object) -> None:
    raise DoctypeFoundError


def stop_at_root(_tag: str, _attributes: dict[str, str]) -> None:
    raise StopReadingError


@dataclass
class SharedStringsScan:
    """The shared texts (``<si>``): how many, and which are longer than a cell may hold."""

    limits: SizeLimits
    count: int = 0
    length: int = 0
    in_text: bool = False
    too_many: bool = False
    long_texts: set[int] = field(default_factory=set)

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "si":
            self.count += 1
            self.length = 0
            if self.count > self.limits.cells_total:
                self.too_many = True
                raise StopReadingError
        elif tag == "t":
            self.in_text = True
        elif ":" in tag:
            self.start(local_name(tag), attributes)

    def end(self, tag: str) -> None:
        if tag == "t":
            self.in_text = False
        elif tag == "si" and self.length > self.limits.text_chars and len(self.long_texts) < MAX_LONG_TEXTS_NOTED:
            self.long_texts.add(self.count - 1)
        elif ":" in tag:
            self.end(local_name(tag))

    def text(self, data: str) -> None:
        if self.in_text:
            self.length += len(data)


class SheetScan:
    """One worksheet's rows, cells and text lengths, up to its first limit passed."""

    def __init__(self, title: str, limits: SizeLimits, cells_before: int, long_texts: set[int]) -> None:
        self.title = title
        self.limits = limits
        self.cells_total = cells_before
        self.long_texts = long_texts
        self.problems: list[Problem] = []
        self.cells = 0
        self.row_number = 0
        self.cell_ref = ""
        self.shared_index = ""
        self.is_shared = False
        self.in_value = False
        self.length = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "c":
            self._start_cell(attributes)
        elif tag == "row":
            self._start_row(attributes)
        elif tag in ("v", "t"):
            self.in_value = True
        elif ":" in tag:
            self.start(local_name(tag), attributes)

    def end(self, tag: str) -> None:
        if tag in ("v", "t"):
            self.in_value = False
        elif tag == "c":
            if self.is_shared and self._shared_text_is_long():
                self._stop(self._long_text())
        elif ":" in tag:
            self.end(local_name(tag))

    def text(self, data: str) -> None:
        if not self.in_value:
            return
        if self.is_shared:
            self.shared_index += data[:20]  # an index; anything longer is no index anyway
            return
        self.length += len(data)
        if self.length > self.limits.text_chars:
            self._stop(self._long_text())

    def _shared_text_is_long(self) -> bool:
        index = self.shared_index.strip()
        return index.isascii() and index.isdigit() and int(index) in self.long_texts

    def _start_row(self, attributes: dict[str, str]) -> None:
        number = attributes.get("r", "")
        self.row_number = int(number) if number.isascii() and number.isdigit() else self.row_number + 1
        if self.row_number > self.limits.rows_per_sheet:
            self._stop(
                f"Het werkblad '{self.title}' loopt door tot rij {thousands(self.row_number)}; Handenplanner leest "
                f"hoogstens {thousands(self.limits.rows_per_sheet)} rijen per werkblad, {ROOMY}. "
                "Verwijder de overbodige rijen (ook lege rijen met opmaak tellen mee)."
            )

    def _start_cell(self, attributes: dict[str, str]) -> None:
        self.cells += 1
        self.cells_total += 1
        self.cell_ref = attributes.get("r", "")
        self.is_shared = attributes.get("t") == "s"
        self.shared_index = ""
        self.length = 0
        if self.cells > self.limits.cells_per_sheet:
            self._stop(
                f"Het werkblad '{self.title}' heeft meer dan {thousands(self.limits.cells_per_sheet)} cellen; "
                f"Handenplanner leest er hoogstens {thousands(self.limits.cells_per_sheet)} per werkblad, {ROOMY}. "
                "Verwijder de overbodige rijen en kolommen (ook lege cellen met opmaak tellen mee)."
            )
        if self.cells_total > self.limits.cells_total:
            self._stop(
                f"De werkmap heeft meer dan {thousands(self.limits.cells_total)} cellen (gezien tot in werkblad "
                f"'{self.title}'); Handenplanner leest er hoogstens {thousands(self.limits.cells_total)} in alle "
                f"werkbladen samen, {ROOMY}."
            )

    def _long_text(self) -> str:
        where = f"cel {self.cell_ref}" if self.cell_ref else f"rij {thousands(self.row_number)}"
        return (
            f"Het werkblad '{self.title}', {where}, heeft een tekst van meer dan "
            f"{thousands(self.limits.text_chars)} tekens; Handenplanner leest hoogstens "
            f"{thousands(self.limits.text_chars)} tekens per cel (de langste tekst die een kolom neemt, zoals een "
            "omschrijving). Maak de tekst korter."
        )

    def _stop(self, message: str) -> None:
        self.problems.append(Problem("", None, None, None, message))
        raise StopReadingError
