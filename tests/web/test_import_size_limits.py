"""An uploaded workbook past a size limit is refused by the streaming check, in Dutch, and changes nothing.

Runs on SQLite and on PostgreSQL (where a 32,767-character text used to pass the upload check and then fail
the import with only "De import is mislukt").
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from .test_imports import _snapshot, _upload, _workbook_bytes, other_school


def _changed_workbook(tmp_path: Path, sheet: str, cell: str, value: object) -> bytes:
    path = tmp_path / "groot.xlsx"
    path.write_bytes(_workbook_bytes(other_school(), tmp_path))
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)
    return path.read_bytes()


def _assert_refused_and_nothing_changed(app, response, before, expected: str) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Er is niets gewijzigd" in page
    assert expected in page
    assert _snapshot(app) == before
    assert not list((Path(app.instance_path) / "uploads").glob("*.xlsx"))


def test_an_upload_with_a_text_of_excels_maximum_length_is_refused_at_the_upload(app, clients, tmp_path):
    # no column takes over 5,000 characters; 32,767 in a request are refused while streaming,
    # before openpyxl or the database sees them
    data = _changed_workbook(tmp_path, "Aanvragen", "A2", "d" * 32_767)
    before = _snapshot(app)
    response = _upload(clients["planner"], data)
    expected = "Het werkblad &#39;Aanvragen&#39;, cel A2, heeft een tekst van meer dan 5.000 tekens"
    _assert_refused_and_nothing_changed(app, response, before, expected)


def test_an_upload_with_a_row_past_the_limit_is_refused(app, clients, tmp_path):
    # one value in row 20,001 makes the sheet that long for openpyxl; the limit is 20,000 rows per sheet
    data = _changed_workbook(tmp_path, "Taken", "A20001", "x")
    before = _snapshot(app)
    response = _upload(clients["planner"], data)
    expected = "Het werkblad &#39;Taken&#39; loopt door tot rij 20.001; Handenplanner leest hoogstens 20.000 rijen"
    _assert_refused_and_nothing_changed(app, response, before, expected)


def test_a_file_grown_past_a_limit_between_upload_and_confirm_changes_nothing(app, clients, tmp_path):
    response = _upload(clients["planner"], _workbook_bytes(other_school(), tmp_path))
    token = re.search(r'/planner/importeren/([A-Za-z0-9_-]+)"', response.get_data(as_text=True)).group(1)
    upload = Path(app.instance_path) / "uploads" / f"{token}.xlsx"
    upload.write_bytes(_changed_workbook(tmp_path, "Taken", "A20001", "x"))
    before = _snapshot(app)
    confirmed = clients["planner"].post(f"/planner/importeren/{token}", data={"actie": "bevestigen"})
    _assert_refused_and_nothing_changed(app, confirmed, before, "loopt door tot rij 20.001")
