"""The file and its size, checked while streaming its zip and XML, before openpyxl loads anything.

openpyxl keeps every cell of every sheet in memory (a few hundred bytes each): a 3.8 MB file with
2.2 million cells took 30–40 s and over 800 MB before it was refused. Here the zip's directory is
checked first (a zip bomb declares its unpacked sizes), then the parts that say where the sheets are,
each part's size, and each worksheet's XML and the shared texts, streamed by ``sheet_scans``: rows,
cells and text lengths are counted, and a sheet is read no further than its first limit passed.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from planner.value_rules import TEXT_LIMITS
from planner.workbook.problems import Problem, WorkbookError
from planner.workbook.sheet_scans import (
    ROOMY,
    DoctypeFoundError,
    SharedStringsScan,
    SheetScan,
    UnreadablePartError,
    local_name,
    stop_at_root,
    stream_part,
    thousands,
)

CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MEGABYTE = 1024 * 1024


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


def file_problem(text: str) -> WorkbookError:
    return WorkbookError([Problem("", None, None, None, text)])


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
        except UnreadablePartError:
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
    """The zip's directory against the limits: the declared sizes bound what any reader unpacks.

    Each part's own size is checked once the sheets are known, so a message can name the sheet.
    """
    members = archive.infolist()
    if len(members) > limits.zip_entries:
        raise file_problem(
            f"Het bestand bestaat uit {thousands(len(members))} onderdelen; Handenplanner leest een werkmap "
            f"van hoogstens {thousands(limits.zip_entries)} onderdelen, {ROOMY}."
        )
    if sum(member.file_size for member in members) > limits.total_bytes:
        raise file_problem(too_large(limits.total_bytes))
    if "[Content_Types].xml" not in {member.filename for member in members}:
        raise file_problem(NOT_A_WORKBOOK)


@dataclass(frozen=True)
class _SheetPart:
    title: str
    part: str


class _WorkbookScan:
    """Finds the worksheets (as openpyxl does: the workbook part, its sheets and their relations) and scans them."""

    def __init__(self, archive: zipfile.ZipFile, limits: SizeLimits) -> None:
        self.archive = archive
        self.limits = limits
        self.sizes = {member.filename: member.file_size for member in archive.infolist()}
        self.names = set(self.sizes)
        self.cells_total = 0

    def problems(self) -> list[Problem]:
        workbook_part = self._office_document()
        if workbook_part not in self.names:
            raise file_problem(NOT_A_WORKBOOK)
        sheets, shared_strings = self._parts_of(workbook_part)
        self._check_part_sizes({sheet.part: sheet.title for sheet in sheets})
        self._refuse_doctypes_elsewhere({workbook_part, shared_strings, *(sheet.part for sheet in sheets)})
        problems: list[Problem] = []
        long_texts: set[int] = set()
        if shared_strings in self.names:
            long_texts = self._scan_shared_strings(shared_strings, problems)
        for sheet in sheets:
            if self.cells_total > self.limits.cells_total:
                break  # the whole workbook is past its limit: the other sheets need no reading
            if sheet.part not in self.names:
                continue
            scan = SheetScan(sheet.title, self.limits, self.cells_total, long_texts)
            stream_part(self.archive, sheet.part, scan.start, scan.end, scan.text)
            self.cells_total = scan.cells_total
            problems.extend(scan.problems)
        return problems

    def _check_part_sizes(self, sheet_titles: dict[str, str]) -> None:
        for name, size in self.sizes.items():
            if size > self.limits.entry_bytes:
                raise file_problem(self._part_too_large(name, sheet_titles.get(name)))

    def _part_too_large(self, name: str, sheet_title: str | None) -> str:
        limit = f"{thousands(self.limits.entry_bytes // MEGABYTE)} MB"
        if sheet_title is None:
            return (
                f"Het onderdeel '{name}' van het bestand is uitgepakt meer dan {limit}; Handenplanner pakt per "
                f"onderdeel hoogstens {limit} uit, {ROOMY}."
            )
        return (
            f"Het werkblad '{sheet_title}' is uitgepakt meer dan {limit}; Handenplanner leest hoogstens {limit} per "
            f"werkblad, {ROOMY}. Verwijder de overbodige rijen en kolommen (ook lege cellen met opmaak tellen mee)."
        )

    def _read_structure(self, name: str, start: Callable[[str, dict[str, str]], None]) -> None:
        """Read a small part that says where the sheets are; it too must be within the size of a part."""
        if self.sizes[name] > self.limits.entry_bytes:
            raise file_problem(self._part_too_large(name, None))
        stream_part(self.archive, name, start)

    def _refuse_doctypes_elsewhere(self, scanned: set[str]) -> None:
        """Every other XML part openpyxl may parse is read up to its root element, where a DOCTYPE would stand."""
        for name in sorted(self.names - scanned):
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                stream_part(self.archive, name, stop_at_root)
            except DoctypeFoundError:
                raise
            except UnreadablePartError:
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
            if local_name(tag) != "sheet":
                return
            relation_id = next((value for key, value in attributes.items() if local_name(key) == "id"), "")
            kind, target = relations.get(relation_id, ("", ""))
            if kind.endswith("/worksheet"):
                sheets.append(_SheetPart(attributes.get("name", ""), target))

        self._read_structure(workbook_part, start)
        return sheets, shared[0] if shared else posixpath.join(folder, "sharedStrings.xml")

    def _relations(self, rels_part: str, folder: str) -> dict[str, tuple[str, str]]:
        """A relations part: per id its type and its target as a member name."""
        relations: dict[str, tuple[str, str]] = {}
        if rels_part not in self.names:
            return relations

        def start(tag: str, attributes: dict[str, str]) -> None:
            if local_name(tag) == "Relationship" and attributes.get("TargetMode") != "External":
                target = attributes.get("Target", "")
                member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                relations[attributes.get("Id", "")] = (attributes.get("Type", ""), posixpath.normpath(member))

        self._read_structure(rels_part, start)
        return relations

    def _scan_shared_strings(self, part: str, problems: list[Problem]) -> set[int]:
        scan = SharedStringsScan(self.limits)
        stream_part(self.archive, part, scan.start, scan.end, scan.text)
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
