"""Whatever file arrives, the reader answers with a Dutch WorkbookError, never another exception."""

from __future__ import annotations

import io
import random
import zipfile

import openpyxl
import pytest

from planner.model import School
from planner.workbook import WorkbookError, read_workbook
from planner.workbook.size_limits import CORRUPTED, EMPTY_FILE, ENCRYPTED, NOT_A_WORKBOOK, TOO_LARGE
from tests.workbook.builders import minimal_sheets, save_sheets

CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def messages_for(source) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(source)
    return [problem.message for problem in caught.value.problems]


def valid_bytes(tmp_path) -> bytes:
    return save_sheets(minimal_sheets(), tmp_path / "goed.xlsx").read_bytes()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_missing_file(tmp_path):
    path = tmp_path / "bestaat-niet.xlsx"
    assert messages_for(path) == [f"Het bestand '{path}' bestaat niet."]


def test_a_text_file_is_not_a_workbook(tmp_path):
    path = tmp_path / "aanvragen.xlsx"
    path.write_text("id;leerkracht\n1;Jan\n", encoding="utf-8")
    assert messages_for(path) == [NOT_A_WORKBOOK]


def test_empty_file(tmp_path):
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(b"")
    assert messages_for(path) == [EMPTY_FILE]


def test_encrypted_or_old_xls_file_is_recognised_by_its_ole2_signature():
    # Excel saves a password-protected .xlsx (and an old .xls) as an OLE2 compound file
    assert messages_for(CFB_MAGIC + bytes(504)) == [ENCRYPTED]


def test_cut_off_workbook_is_corrupted(tmp_path):
    data = valid_bytes(tmp_path)
    assert messages_for(data[: len(data) // 2]) == [CORRUPTED]


def test_workbook_with_damaged_content_is_corrupted(tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(valid_bytes(tmp_path)))
    members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/workbook.xml"] = b"<workbook><sheets><sheet name="
    assert messages_for(zip_bytes(members)) == [CORRUPTED]


def test_a_zip_that_is_no_workbook():
    assert messages_for(zip_bytes({"leesmij.txt": b"hallo"})) == [NOT_A_WORKBOOK]


def test_zip_bomb_is_refused_before_it_is_unpacked():
    # three parts of 20 MB of zeros pack into a few dozen kilobytes each; the declared sizes add up to over 50 MB
    bomb = {"[Content_Types].xml": b"", **{f"xl/bom{index}.xml": bytes(20 * 1024 * 1024) for index in range(3)}}
    assert messages_for(zip_bytes(bomb)) == [TOO_LARGE]


def test_empty_workbook_misses_every_required_sheet(tmp_path):
    path = tmp_path / "leeg.xlsx"
    openpyxl.Workbook().save(path)
    assert messages_for(path) == [
        f"{name}: dit tabblad ontbreekt; het is verplicht"
        for name in ("Schooltijden", "Groepen", "Leerkrachten", "Ondersteuners", "Beschikbaarheid", "Aanvragen")
    ]


def test_problem_with_the_whole_file_has_no_location():
    with pytest.raises(WorkbookError) as caught:
        read_workbook(b"")
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("", None, None, None)


@pytest.mark.parametrize("seed", range(12))
def test_randomly_damaged_workbooks_give_a_school_or_a_workbook_error(tmp_path, seed):
    rng = random.Random(seed)
    archive = zipfile.ZipFile(io.BytesIO(valid_bytes(tmp_path)))
    members = {name: bytearray(archive.read(name)) for name in archive.namelist()}
    name = rng.choice(sorted(members))
    for _ in range(rng.randint(1, 5)):
        position = rng.randrange(len(members[name]))
        members[name][position] = rng.randrange(256)
    try:
        result = read_workbook(zip_bytes({key: bytes(value) for key, value in members.items()}))
    except WorkbookError as error:
        assert error.problems
    else:
        assert isinstance(result, School)
