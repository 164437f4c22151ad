"""Every value convention of the workbook contract, one cell at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.model import Priority
from planner.workbook import read_workbook
from tests.workbook.builders import minimal_school, minimal_sheets, save_sheets, set_cell


def read_with(tmp_path, sheet, row, column, value):
    sheets = set_cell(minimal_sheets(), sheet, row, column, value)
    return read_workbook(save_sheets(sheets, tmp_path / "werkmap.xlsx"))


def test_minimal_workbook_reads_as_the_hand_built_school(tmp_path):
    assert read_workbook(save_sheets(minimal_sheets(), tmp_path / "werkmap.xlsx")) == minimal_school()


def test_source_may_be_bytes_or_a_binary_file(tmp_path):
    path = save_sheets(minimal_sheets(), tmp_path / "werkmap.xlsx")
    assert read_workbook(path.read_bytes()) == minimal_school()
    with path.open("rb") as stream:
        assert read_workbook(stream) == minimal_school()
    assert read_workbook(str(path)) == minimal_school()


@pytest.mark.parametrize(
    "value",
    [dt.time(9, 0), dt.datetime(2026, 3, 2, 9, 0), "9:00", "09:00", "9.00", "0900", " 9:00 ", 0.375],
)
def test_time_forms_all_mean_nine_oclock(tmp_path, value):
    # 0.375 is 9:00 as an Excel day fraction, which is what a time cell holds
    school = read_with(tmp_path, "Aanvragen", 2, "van", value)
    assert school.requests[0].window_start == 9 * 60


@pytest.mark.parametrize("value", ["9.30", "930", dt.time(9, 30), dt.datetime(1899, 12, 30, 9, 30)])
def test_half_past_nine_typed_with_a_dot_or_as_text(tmp_path, value):
    school = read_with(tmp_path, "Aanvragen", 3, "tot", value)
    assert school.requests[1].window_end == 9 * 60 + 30


@pytest.mark.parametrize(
    ("value", "days"),
    [
        ("di, do", ("di", "do")),
        ("di do", ("di", "do")),
        ("dinsdag;donderdag", ("di", "do")),
        ("Tuesday, THURSDAY", ("di", "do")),
        ("tue,thu", ("di", "do")),
        ("do, di", ("di", "do")),
        ("di t/m do", ("di", "wo", "do")),
        ("ma-vr", ("ma", "di", "wo", "do", "vr")),
        (None, ()),
    ],
)
def test_day_lists(tmp_path, value, days):
    # request 1 runs 9:00–10:30, which fits on every school day, so every listed day is allowed
    school = read_with(tmp_path, "Aanvragen", 2, "dagen", value)
    assert school.requests[0].days == days


@pytest.mark.parametrize("value", ["ma", "MA", "maandag", "Maandag ", "mon", "Monday"])
def test_single_day_forms(tmp_path, value):
    school = read_with(tmp_path, "Beschikbaarheid", 2, "dag", value)
    assert school.helper("Anna").availability[0].day == "ma"


@pytest.mark.parametrize("value", [45, 45.0, "45", " 45 ", "45 min", dt.time(0, 45)])
def test_duration_forms(tmp_path, value):
    school = read_with(tmp_path, "Aanvragen", 2, "duur_min", value)
    assert school.requests[0].duration_min == 45


@pytest.mark.parametrize(("value", "hours"), [("7,5", 7.5), ("7.5", 7.5), (7.5, 7.5), (8, 8.0), ("8", 8.0)])
def test_hours_with_decimal_comma_or_point(tmp_path, value, hours):
    school = read_with(tmp_path, "Ondersteuners", 2, "uren_per_week", value)
    assert school.helper("Anna").hours_per_week == hours


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ja", True),
        ("J", True),
        ("yes", True),
        ("TRUE", True),
        (True, True),
        (1, True),
        ("x", True),
        ("nee", False),
        ("n", False),
        ("No", False),
        ("false", False),
        (False, False),
        (0, False),
        (None, False),  # empty = the column's default, nee
    ],
)
def test_booleans(tmp_path, value, expected):
    school = read_with(tmp_path, "Ondersteuners", 3, "ook_andere_groepen", value)
    assert school.helper("Piet").may_work_elsewhere is expected


@pytest.mark.parametrize(
    ("value", "priority"),
    [
        ("hoog", Priority.HOOG),
        ("HOOG", Priority.HOOG),
        (1, Priority.HOOG),
        ("1", Priority.HOOG),
        ("middel", Priority.MIDDEL),
        (2, Priority.MIDDEL),
        ("laag", Priority.LAAG),
        (3.0, Priority.LAAG),
        (None, Priority.MIDDEL),  # default
    ],
)
def test_priorities(tmp_path, value, priority):
    school = read_with(tmp_path, "Aanvragen", 2, "prioriteit", value)
    assert school.requests[0].priority == priority


@pytest.mark.parametrize(
    ("value", "roles"),
    [
        ("onderwijsassistent; klassenassistent", ("onderwijsassistent", "klassenassistent")),
        (" Onderwijsassistent ,KLASSENASSISTENT ", ("onderwijsassistent", "klassenassistent")),
        (None, ()),
    ],
)
def test_role_lists_with_commas_or_semicolons_any_case(tmp_path, value, roles):
    school = read_with(tmp_path, "Aanvragen", 2, "functies", value)
    assert school.requests[0].roles == roles


def test_names_match_case_insensitively_and_keep_the_defining_spelling(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Aanvragen", 2, "leerkracht", "  jAN ")
    set_cell(sheets, "Aanvragen", 2, "voorkeur", "anna")
    set_cell(sheets, "Vastgezet", 2, "ondersteuner", "ANNA")
    set_cell(sheets, "Beschikbaarheid", 2, "naam", "anna ")
    school = read_workbook(save_sheets(sheets, tmp_path / "w.xlsx"))
    assert school.requests[0].teacher == "Jan"
    assert school.requests[0].preferred_helper == "Anna"
    assert school.pins[0].helper == "Anna"
    assert school == minimal_school()


def test_sheet_and_column_names_ignore_case_spaces_and_underscores(tmp_path):
    sheets = minimal_sheets()
    sheets[" aanvragen "] = sheets.pop("Aanvragen")
    sheets[" aanvragen "][0] = [name.replace("_", " ").upper() for name in sheets[" aanvragen "][0]]
    sheets["ONDERSTEUNERS"] = sheets.pop("Ondersteuners")
    sheets["ONDERSTEUNERS"][0][2] = "Uren Per_Week "
    assert read_workbook(save_sheets(sheets, tmp_path / "w.xlsx")) == minimal_school()


def test_unknown_columns_and_sheets_and_empty_rows_are_ignored(tmp_path):
    sheets = minimal_sheets()
    for rows in sheets.values():
        rows[0].append("notities van de IB'er")
        for row in rows[1:]:
            row.append("zomaar een notitie")
    sheets["Aanvragen"].insert(2, [None] * len(sheets["Aanvragen"][0]))
    sheets["Aanvragen"].append([None] * (len(sheets["Aanvragen"][0]) - 1) + ["alleen een notitie"])
    sheets["Rooster"] = [["aanvraag", "ondersteuner"], ["1", "Anna"]]
    sheets["Uitleg"] = [["tekst"], ["dit is uitleg"]]
    assert read_workbook(save_sheets(sheets, tmp_path / "w.xlsx")) == minimal_school()


def test_optional_sheets_may_be_missing(tmp_path):
    sheets = minimal_sheets()
    for name in ("Instellingen", "Taken", "Vastgezet"):
        del sheets[name]
    school = read_workbook(save_sheets(sheets, tmp_path / "w.xlsx"))
    assert school.tasks == () and school.pins == ()
    assert school.settings.time_step_min == 5 and school.settings.school_name == ""


def test_settings_with_dates_and_a_coarser_time_step(tmp_path):
    sheets = minimal_sheets()
    sheets["Instellingen"] += [
        ["tijdstap_min", 15],
        ["Wisseltijd_min", "10"],
        ["periode_van", dt.datetime(2026, 9, 1)],
        ["periode tot", "31-01-2027"],
        ["tijdslimiet_s", "12,5"],
    ]
    del sheets["Instellingen"][2]  # the tijdstap_min 5 row; every time in the workbook is on 15 minutes
    settings = read_workbook(save_sheets(sheets, tmp_path / "w.xlsx")).settings
    assert settings.time_step_min == 15
    assert settings.changeover_min == 10
    assert settings.period_start == dt.date(2026, 9, 1)
    assert settings.period_end == dt.date(2027, 1, 31)
    assert settings.time_limit_s == 12.5


def test_request_ids_and_group_names_typed_as_numbers_become_text(tmp_path):
    school = read_with(tmp_path, "Groepen", 2, "groep", 5.0)
    assert school.groups[0].name == "5"
    assert school.requests[0].request_id == "1"


def test_formula_with_a_stored_result_uses_that_result(tmp_path):
    # openpyxl does not calculate; a file saved by Excel holds the result next to the formula.
    path = save_sheets(minimal_sheets(), tmp_path / "w.xlsx")
    _store_formula_with_result(path, tmp_path / "met-uitkomst.xlsx")
    assert read_workbook(tmp_path / "met-uitkomst.xlsx").requests[0].duration_min == 45


def _store_formula_with_result(source, target):
    """Rewrite the sheet XML so Aanvragen!H2 is the formula 40+5 with cached value 45, as Excel saves it."""
    import re
    import zipfile

    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    sheet_name = next(name for name in members if name.startswith("xl/worksheets/sheet7"))
    xml = members[sheet_name].decode()
    xml, count = re.subn(r'<c r="H2"([^>]*)><v>45</v></c>', r'<c r="H2"\1><f>40+5</f><v>45</v></c>', xml)
    assert count == 1
    members[sheet_name] = xml.encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
