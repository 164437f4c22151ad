"""The size check streams a workbook's zip and XML and refuses it at the first limit passed, before openpyxl.

Each limit is tested with a small injected limit on the smallest file that passes it, next to the largest
file that stays within it; a few tests use the real limits where the file is cheap to build.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from planner.services import WORKBOOK_LIMITS, SizeLimits, WorkbookError, check_workbook_size, read_school
from planner.workbook.size_limits import CORRUPTED, NOT_A_WORKBOOK
from tests.workbook.builders import minimal_sheets, save_sheets

SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_XML = f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>{{}}</sheetData>'


def workbook_bytes(tmp_path, sheets: dict[str, list[list]]) -> bytes:
    return save_sheets(sheets, tmp_path / "werkmap.xlsx").read_bytes()


def replaced(data: bytes, members: dict[str, bytes]) -> bytes:
    """The workbook with some zip members replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, members.get(name, source.read(name)))
        for name in members.keys() - set(source.namelist()):
            archive.writestr(name, members[name])
    return buffer.getvalue()


def messages(data: bytes, limits: SizeLimits = WORKBOOK_LIMITS) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        check_workbook_size(data, limits)
    return [problem.message for problem in caught.value.problems]


def numbers(row_count: int, width: int = 1) -> list[list]:
    return [[value] * width for value in range(1, row_count + 1)]


def test_a_sheet_one_row_over_the_limit_is_refused_naming_the_sheet_and_the_limit(tmp_path):
    limits = SizeLimits(rows_per_sheet=5)
    check_workbook_size(workbook_bytes(tmp_path, {"Aanvragen": numbers(5)}), limits)  # 5 rows: within
    (message,) = messages(workbook_bytes(tmp_path, {"Aanvragen": numbers(6)}), limits)
    assert message.startswith("Het werkblad 'Aanvragen' loopt door tot rij 6; Handenplanner leest hoogstens 5 rijen")


def test_one_cell_far_down_counts_as_all_rows_above_it(tmp_path):
    # openpyxl would walk every empty row up to Excel's last row; the real limit of 20,000 rows refuses it
    sheets = {"Aanvragen": [["id"]]}
    data = workbook_bytes(tmp_path, sheets)
    far_down = SHEET_XML.format('<row r="1048576"><c r="A1048576"><v>1</v></c></row>') + "</worksheet>"
    (message,) = messages(replaced(data, {"xl/worksheets/sheet1.xml": far_down.encode()}))
    assert "loopt door tot rij 1.048.576; Handenplanner leest hoogstens 20.000 rijen per werkblad" in message


def test_a_sheet_one_cell_over_the_limit_is_refused(tmp_path):
    limits = SizeLimits(cells_per_sheet=6)
    check_workbook_size(workbook_bytes(tmp_path, {"Leerkrachten": numbers(2, width=3)}), limits)  # 6 cells
    (message,) = messages(workbook_bytes(tmp_path, {"Leerkrachten": numbers(7)}), limits)
    assert message.startswith("Het werkblad 'Leerkrachten' heeft meer dan 6 cellen; Handenplanner leest er hoogstens 6")


def test_the_cells_of_all_sheets_together_have_a_limit(tmp_path):
    # 3 + 3 cells pass a total of 6; one more cell in the second sheet passes it, and that sheet is named
    limits = SizeLimits(cells_total=6)
    check_workbook_size(workbook_bytes(tmp_path, {"Groepen": numbers(3), "Taken": numbers(3)}), limits)
    (message,) = messages(workbook_bytes(tmp_path, {"Groepen": numbers(3), "Taken": numbers(4)}), limits)
    assert message.startswith("De werkmap heeft meer dan 6 cellen (gezien tot in werkblad 'Taken')")


def test_a_text_one_character_over_the_limit_is_refused_naming_its_cell(tmp_path):
    # openpyxl writes each text in its cell (an inline text)
    limits = SizeLimits(text_chars=10)
    check_workbook_size(workbook_bytes(tmp_path, {"Taken": [["taak"], ["x" * 10]]}), limits)
    (message,) = messages(workbook_bytes(tmp_path, {"Taken": [["taak"], ["x" * 11]]}), limits)
    assert message.startswith("Het werkblad 'Taken', cel A2, heeft een tekst van meer dan 10 tekens")


def test_a_text_in_a_column_without_a_header_is_refused_too(tmp_path):
    data = workbook_bytes(tmp_path, {"Taken": [["taak"]]})
    inline = SHEET_XML.format('<row r="1"><c r="B1" t="inlineStr"><is><t>' + "y" * 11 + "</t></is></c></row>")
    data = replaced(data, {"xl/worksheets/sheet1.xml": (inline + "</worksheet>").encode()})
    (message,) = messages(data, SizeLimits(text_chars=10))
    assert message.startswith("Het werkblad 'Taken', cel B1, heeft een tekst van meer dan 10 tekens")


def test_a_text_of_excels_maximum_length_is_refused_by_the_real_limit(tmp_path):
    # 32,767 characters (Excel's cap) in a description passed the reader and then failed in the database
    sheets = minimal_sheets()
    sheets["Taken"][1][-1] = "o" * 32_767
    with pytest.raises(WorkbookError) as caught:
        read_school(workbook_bytes(tmp_path, sheets))
    (problem,) = caught.value.problems
    assert "heeft een tekst van meer dan 5.000 tekens; Handenplanner leest hoogstens 5.000 tekens" in problem.message


def with_shared_texts(data: bytes, texts: list[str]) -> bytes:
    """The workbook's first sheet as Excel writes texts: one cell per text in column A, each text in the shared list."""
    shared = "".join(f"<si><t>{text}</t></si>" for text in texts)
    rows = "".join(
        f'<row r="{index + 1}"><c r="A{index + 1}" t="s"><v>{index}</v></c></row>' for index in range(len(texts))
    )
    members = {
        "xl/sharedStrings.xml": f'<sst xmlns="{SPREADSHEET_NS}">{shared}</sst>'.encode(),
        "xl/worksheets/sheet1.xml": (SHEET_XML.format(rows) + "</worksheet>").encode(),
    }
    return replaced(data, members)


def test_a_shared_text_over_the_limit_is_refused_naming_the_cell_that_uses_it(tmp_path):
    data = workbook_bytes(tmp_path, {"Taken": [["taak"]]})
    check_workbook_size(with_shared_texts(data, ["kort", "x" * 10]), SizeLimits(text_chars=10))
    (message,) = messages(with_shared_texts(data, ["kort", "x" * 11]), SizeLimits(text_chars=10))
    assert message.startswith("Het werkblad 'Taken', cel A2, heeft een tekst van meer dan 10 tekens")


def test_too_many_shared_texts_are_refused(tmp_path):
    # three different texts where the workbook may hold two cells: refused before any sheet is read
    data = workbook_bytes(tmp_path, {"Taken": [["taak"]]})
    check_workbook_size(with_shared_texts(data, ["a", "b"]), SizeLimits(cells_total=2))
    (message,) = messages(with_shared_texts(data, ["a", "b", "c"]), SizeLimits(cells_total=2))
    assert message.startswith("De werkmap heeft meer dan 2 verschillende teksten")


def test_every_sheet_past_its_limit_is_reported(tmp_path):
    data = workbook_bytes(tmp_path, {"Groepen": numbers(3), "Taken": numbers(2), "Aanvragen": numbers(4)})
    found = messages(data, SizeLimits(rows_per_sheet=2))
    assert [message.split(";")[0] for message in found] == [
        "Het werkblad 'Groepen' loopt door tot rij 3",
        "Het werkblad 'Aanvragen' loopt door tot rij 3",
    ]


def test_a_sheet_is_read_no_further_than_its_first_limit_passed(tmp_path):
    # garbage after the third row would make the file "damaged" if it were read; the row limit answers first
    data = workbook_bytes(tmp_path, {"Aanvragen": [["id"]]})
    rows = "".join(f'<row r="{number}"><c r="A{number}"><v>1</v></c></row>' for number in range(1, 4))
    cut_off = SHEET_XML.format(rows + "<row><c><v>1</v></c></niet-gesloten>")
    (message,) = messages(replaced(data, {"xl/worksheets/sheet1.xml": cut_off.encode()}), SizeLimits(rows_per_sheet=2))
    assert message.startswith("Het werkblad 'Aanvragen' loopt door tot rij 3")


def test_a_prefixed_worksheet_is_counted_like_a_plain_one(tmp_path):
    data = workbook_bytes(tmp_path, {"Aanvragen": [["id"]]})
    prefixed = (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    (message,) = messages(replaced(data, {"xl/worksheets/sheet1.xml": prefixed.encode()}), SizeLimits(rows_per_sheet=1))
    assert message.startswith("Het werkblad 'Aanvragen' loopt door tot rij 2")


def test_a_zip_with_more_parts_than_the_limit_is_refused(tmp_path):
    data = workbook_bytes(tmp_path, {"Taken": [["taak"]]})
    parts = len(zipfile.ZipFile(io.BytesIO(data)).namelist())
    check_workbook_size(data, SizeLimits(zip_entries=parts))
    (message,) = messages(data, SizeLimits(zip_entries=parts - 1))
    assert message == (
        f"Het bestand bestaat uit {parts} onderdelen; Handenplanner leest een werkmap van hoogstens {parts - 1} "
        "onderdelen, ruim meer dan een planningswerkmap nodig heeft."
    )


def test_a_zip_bomb_part_is_refused_by_its_declared_size_before_it_is_unpacked(tmp_path):
    # 30 MB of zeros packs into about 30 kB; the zip's directory declares 30 MB, over the 25 MB a part may unpack to
    data = replaced(workbook_bytes(tmp_path, {"Taken": [["taak"]]}), {"xl/media/bom.bin": bytes(30 * 1024 * 1024)})
    assert len(data) < 100_000
    assert messages(data) == [
        "Het onderdeel 'xl/media/bom.bin' van het bestand is uitgepakt meer dan 25 MB; Handenplanner pakt per "
        "onderdeel hoogstens 25 MB uit, ruim meer dan een planningswerkmap nodig heeft."
    ]


def test_a_sheet_whose_part_unpacks_past_the_limit_is_named(tmp_path):
    # 26 MB of spaces inside the sheet's XML pack into some 25 kB; the sheet is named, not its zip member
    data = workbook_bytes(tmp_path, {"Aanvragen": [["id"]]})
    padded = SHEET_XML.format(" " * (26 * 1024 * 1024)) + "</worksheet>"
    (message,) = messages(replaced(data, {"xl/worksheets/sheet1.xml": padded.encode()}))
    assert message.startswith(
        "Het werkblad 'Aanvragen' is uitgepakt meer dan 25 MB; Handenplanner leest hoogstens 25 MB per werkblad"
    )


def test_entity_expansion_is_refused_as_a_damaged_file(tmp_path):
    # a "billion laughs" DOCTYPE in the shared texts: Excel never writes one, so it is refused before it expands
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>'
    )
    data = replaced(workbook_bytes(tmp_path, {"Taken": [["taak"]]}), {"xl/sharedStrings.xml": laughs.encode()})
    assert messages(data) == [CORRUPTED]


def test_a_doctype_in_a_part_openpyxl_reads_besides_the_sheets_is_refused(tmp_path):
    data = workbook_bytes(tmp_path, {"Taken": [["taak"]]})
    styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml").decode()
    with_doctype = '<!DOCTYPE styleSheet [<!ENTITY x "x">]>' + styles
    assert messages(replaced(data, {"xl/styles.xml": with_doctype.encode()})) == [CORRUPTED]


def test_a_file_that_is_no_zip_or_a_damaged_zip_or_a_zip_without_a_workbook(tmp_path):
    data = workbook_bytes(tmp_path, {"Taken": [["taak"]]})
    assert messages(b"id;naam\n1;Anna\n") == [NOT_A_WORKBOOK]
    assert messages(data[: len(data) // 2]) == [CORRUPTED]
    no_workbook = io.BytesIO()
    with zipfile.ZipFile(no_workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert messages(no_workbook.getvalue()) == [NOT_A_WORKBOOK]


def test_a_damaged_sheet_is_reported_as_a_damaged_file(tmp_path):
    data = workbook_bytes(tmp_path, {"Taken": [["taak"]]})
    assert messages(replaced(data, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"})) == [CORRUPTED]


def test_the_sample_school_is_well_within_the_real_limits():
    check_workbook_size("data/voorbeeldschool.xlsx")
