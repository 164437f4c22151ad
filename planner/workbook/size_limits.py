"""The file and its size, checked while streaming its zip and XML, before openpyxl loads anything.

openpyxl keeps every cell of every sheet in memory (a few hundred bytes each): a 3.8 MB file with
2.2 million cells took 30–40 s and over 800 MB before it was refused. Here the zip's directory is
checked first (a zip bomb declares its unpacked sizes), then each worksheet's XML and the shared
texts are read in small chunks by expat, counting rows, cells and text lengths, and a sheet is read
no further than its first limit passed. No XML part may declare a DOCTYPE: Excel never writes one,
and it is how entity expansion ("billion laughs") gets in.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.parsers import expat

from planner.value_rules import TEXT_LIMITS
from planner.workbook.problems import Problem, WorkbookError

CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MEGABYTE = 1024 * 1024
CHUNK_BYTES = 64 * 1024
MAX_LONG_TEXTS_NOTED = 20  # shared texts over the limit remembered by index, so the cells using them can be named


@dataclass(frozen=True)
class SizeLimits:
    """What Handenplanner reads of a workbook at most.

    The result workbook of a generated board pool (100 groups, 51 helpers, 492 requests), which must
    import again, has 2,551 rows and 33,139 cells in its largest sheet and 62,230 cells in all; the
    limits leave room for about four times that school. Reading stays fast at the limits: streaming
    150,000 cells takes about half a second, where openpyxl would take seconds and hundreds of MB.
    """

    zip_entries: int = 1_000  # Excel writes a few dozen parts
    entry_bytes: int = 25 * MEGABYTE  # one unpacked part
    total_bytes: int = 50 * MEGABYTE  # all unpacked parts together
    rows_per_sheet: int = 20_000
    cells_per_sheet: int = 150_000
    cells_total: int = 300_000
    text_chars: int = max(TEXT_LIMITS.values())  # the longest text any column takes (a description, notes)


WORKBOOK_LIMITS = SizeLimits()

NOT_A_WORKBOOK = "Het bestand is geen Excel-werkmap (.xlsx); sla het in Excel op als 'Excel-werkmap (.xlsx)'."
ENCRYPTED = (
    "Het bestand is met een wachtwoord beveiligd of is een oud Excel-bestand (.xls); "
    "sla het op als 'Excel-werkmap (.xlsx)' zonder wachtwoord."
)
EMPTY_FILE = "Het bestand is leeg (0 bytes); verwacht een Excel-werkmap (.xlsx)."
CORRUPTED = "Het bestand is beschadigd en kan niet als Excel-werkmap gelezen worden; sla het opnieuw op in Excel."
ROOMY = "ruim meer dan een planningswerkmap nodig heeft"


def file_problem(text: str) -> WorkbookError:
    return WorkbookError([Problem("", None, None, None, text)])


def thousands(count: int) -> str:
    """``20000`` → ``20.000``: a count with Dutch thousands separators."""
    return f"{count:,}".replace(",", ".")


def too_large(total_bytes: int) -> str:
    return (
        f"Het bestand is te groot (meer dan {thousands(total_bytes // MEGABYTE)} MB uitgepakt); "
        "een planningswerkmap is veel kleiner."
    )


TOO_LARGE = too_large(WORKBOOK_LIMITS.total_bytes)


def check_workbook_size(data: bytes, limits: SizeLimits = WORKBOOK_LIMITS) -> None:
    """Refuse, with every problem that is cheap to find, a file that is no .xlsx or is larger than ``limits``.

    Raises ``WorkbookError``; reads each worksheet no further than its first limit passed.
    """
    archive = _open_archive(data)
    with archive:
        _check_entries(archive, limits)
        try:
            problems = _WorkbookScan(archive, limits).problems()
        except _UnreadablePartError:
            raise file_problem(CORRUPTED) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError):
            # a damaged member, or one packed in a way (encrypted, an unknown method) no reader here unpacks
            raise file_problem(CORRUPTED) from None
    if problems:
        raise WorkbookError(problems)


def _open_archive(data: bytes) -> zipfile.ZipFile:
    if not data:
        raise file_problem(EMPTY_FILE)
    if data.startswith(CFB_MAGIC):
        raise file_problem(ENCRYPTED)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        # a zip (and so an .xlsx) starts with "PK"; one that cannot be opened is damaged or cut off
        raise file_problem(CORRUPTED if data.startswith(b"PK") else NOT_A_WORKBOOK)
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise file_problem(CORRUPTED) from None


def _check_entries(archive: zipfile.ZipFile, limits: SizeLimits) -> None:
    """The zip's directory against the limits: the declared sizes bound what any reader unpacks."""
    members = archive.infolist()
    if len(members) > limits.zip_entries:
        raise file_problem(
            f"Het bestand bestaat uit {thousands(len(members))} onderdelen; Handenplanner leest een werkmap "
            f"van hoogstens {thousands(limits.zip_entries)} onderdelen, {ROOMY}."
        )
    largest = max(members, key=lambda member: member.file_size, default=None)
    if largest is not None and largest.file_size > limits.entry_bytes:
        raise file_problem(
            f"Het onderdeel '{largest.filename}' van het bestand is uitgepakt meer dan "
            f"{thousands(limits.entry_bytes // MEGABYTE)} MB; Handenplanner pakt per onderdeel hoogstens "
            f"{thousands(limits.entry_bytes // MEGABYTE)} MB uit, {ROOMY}."
        )
    if sum(member.file_size for member in members) > limits.total_bytes:
        raise file_problem(too_large(limits.total_bytes))
    if "[Content_Types].xml" not in {member.filename for member in members}:
        raise file_problem(NOT_A_WORKBOOK)


class _UnreadablePartError(Exception):
    """An XML part that is not well-formed, or declares a DOCTYPE."""


class _DoctypeFoundError(_UnreadablePartError):
    """An XML part that declares a DOCTYPE (and so could expand entities)."""


class _StopReadingError(Exception):
    """Raised by a handler: this part has been read far enough."""


def _local(name: str) -> str:
    """``x:row`` → ``row``: Excel writes no prefixes, other producers may (namespaces are not resolved, for speed)."""
    return name.rpartition(":")[2]


def _stream_part(
    archive: zipfile.ZipFile,
    name: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Feed one zip member to expat in small chunks; a handler raises ``_StopReadingError`` to stop early."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
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
    except _StopReadingError:
        return
    except expat.ExpatError:
        raise _UnreadablePartError(name) from None


def _refuse_doctype(*_args: object) -> None:
    raise _DoctypeFoundError


def _stop_at_root(_tag: str, _attributes: dict[str, str]) -> None:
    raise _StopReadingError


@dataclass(frozen=True)
class _SheetPart:
    title: str
    part: str


class _WorkbookScan:
    """Finds the worksheets (as openpyxl does: the workbook part, its sheets and their relations) and scans them."""

    def __init__(self, archive: zipfile.ZipFile, limits: SizeLimits) -> None:
        self.archive = archive
        self.limits = limits
        self.names = set(archive.namelist())
        self.cells_total = 0

    def problems(self) -> list[Problem]:
        workbook_part = self._office_document()
        if workbook_part not in self.names:
            raise file_problem(NOT_A_WORKBOOK)
        sheets, shared_strings = self._parts_of(workbook_part)
        self._refuse_doctypes({workbook_part, shared_strings, *(sheet.part for sheet in sheets)})
        problems: list[Problem] = []
        long_texts: set[int] = set()
        if shared_strings in self.names:
            long_texts = self._scan_shared_strings(shared_strings, problems)
        for sheet in sheets:
            if self.cells_total > self.limits.cells_total:
                break  # the whole workbook is past its limit: the other sheets need no reading
            if sheet.part not in self.names:
                continue
            scan = _SheetScan(sheet.title, self.limits, self.cells_total, long_texts)
            _stream_part(self.archive, sheet.part, scan.start, scan.end, scan.text)
            self.cells_total = scan.cells_total
            problems.extend(scan.problems)
        return problems

    def _refuse_doctypes(self, scanned: set[str]) -> None:
        """Every other XML part openpyxl may parse is read up to its root element, where a DOCTYPE would stand."""
        for name in sorted(self.names - scanned):
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                _stream_part(self.archive, name, _stop_at_root)
            except _DoctypeFoundError:
                raise
            except _UnreadablePartError:
                continue  # a damaged part openpyxl does not need is no danger; one it needs, it reports

    def _office_document(self) -> str:
        targets = self._relations("_rels/.rels", "")
        found = [target for kind, target in targets.values() if kind.endswith("/officeDocument")]
        return found[0] if found else "xl/workbook.xml"

    def _parts_of(self, workbook_part: str) -> tuple[list[_SheetPart], str]:
        folder, name = posixpath.split(workbook_part)
        relations = self._relations(posixpath.join(folder, "_rels", name + ".rels"), folder)
        shared = [target for kind, target in relations.values() if kind.endswith("/sharedStrings")]
        sheets: list[_SheetPart] = []

        def start(tag: str, attributes: dict[str, str]) -> None:
            if _local(tag) != "sheet":
                return
            relation_id = next((value for key, value in attributes.items() if _local(key) == "id"), "")
            kind, target = relations.get(relation_id, ("", ""))
            if kind.endswith("/worksheet"):
                sheets.append(_SheetPart(attributes.get("name", ""), target))

        _stream_part(self.archive, workbook_part, start)
        return sheets, shared[0] if shared else posixpath.join(folder, "sharedStrings.xml")

    def _relations(self, rels_part: str, folder: str) -> dict[str, tuple[str, str]]:
        """A relations part: per id its type and its target as a member name."""
        relations: dict[str, tuple[str, str]] = {}
        if rels_part not in self.names:
            return relations

        def start(tag: str, attributes: dict[str, str]) -> None:
            if _local(tag) == "Relationship" and attributes.get("TargetMode") != "External":
                target = attributes.get("Target", "")
                member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                relations[attributes.get("Id", "")] = (attributes.get("Type", ""), posixpath.normpath(member))

        _stream_part(self.archive, rels_part, start)
        return relations

    def _scan_shared_strings(self, part: str, problems: list[Problem]) -> set[int]:
        scan = _SharedStringsScan(self.limits)
        _stream_part(self.archive, part, scan.start, scan.end, scan.text)
        if scan.too_many:
            problems.append(
                Problem(
                    "",
                    None,
                    None,
                    None,
                    f"De werkmap heeft meer dan {thousands(self.limits.cells_total)} verschillende teksten; "
                    f"Handenplanner leest er hoogstens {thousands(self.limits.cells_total)}, {ROOMY}.",
                )
            )
            self.cells_total = self.limits.cells_total + 1  # no sheet is read after this
        return scan.long_texts


@dataclass
class _SharedStringsScan:
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
                raise _StopReadingError
        elif tag == "t":
            self.in_text = True
        elif ":" in tag:
            self.start(_local(tag), attributes)

    def end(self, tag: str) -> None:
        if tag == "t":
            self.in_text = False
        elif tag == "si" and self.length > self.limits.text_chars and len(self.long_texts) < MAX_LONG_TEXTS_NOTED:
            self.long_texts.add(self.count - 1)
        elif ":" in tag:
            self.end(_local(tag))

    def text(self, data: str) -> None:
        if self.in_text:
            self.length += len(data)


class _SheetScan:
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
            self.start(_local(tag), attributes)

    def end(self, tag: str) -> None:
        if tag in ("v", "t"):
            self.in_value = False
        elif tag == "c":
            if self.is_shared and self._shared_text_is_long():
                self._stop(self._long_text())
        elif ":" in tag:
            self.end(_local(tag))

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
        return index.isdigit() and int(index) in self.long_texts

    def _start_row(self, attributes: dict[str, str]) -> None:
        number = attributes.get("r", "")
        self.row_number = int(number) if number.isdigit() else self.row_number + 1
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
        raise _StopReadingError
