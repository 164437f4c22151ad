"""The blank template, and the ``handenplanner template`` / ``check`` commands."""

from __future__ import annotations

import openpyxl
import pytest

from handenplanner.cli import main
from planner.workbook import build_template, read_workbook, write_school, write_template
from planner.workbook.schema import EXPLANATION, INPUT_SHEETS
from planner.workbook.template import blank_school
from tests.tools import convert_with_libreoffice, pdf_page_count
from tests.workbook.builders import minimal_school, minimal_sheets, save_sheets, set_cell


@pytest.fixture(scope="module")
def saved_template(tmp_path_factory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("sjabloon") / "sjabloon.xlsx"
    write_template(path)
    return openpyxl.load_workbook(path)


def test_template_reads_as_a_blank_school_with_the_default_week(tmp_path):
    write_template(tmp_path / "sjabloon.xlsx")
    school = read_workbook(tmp_path / "sjabloon.xlsx")
    assert school == blank_school()
    # ma–vr 8:30–14:30, wednesday until 12:15
    assert [(d.day, d.start, d.end) for d in school.school_days] == [
        ("ma", 510, 870),
        ("di", 510, 870),
        ("wo", 510, 735),
        ("do", 510, 870),
        ("vr", 510, 870),
    ]
    assert school.groups == school.teachers == school.helpers == school.requests == ()


def test_template_has_every_input_sheet_with_headers_and_settings_prefilled():
    workbook = build_template()
    assert workbook.sheetnames == [EXPLANATION, *(spec.name for spec in INPUT_SHEETS)]
    for spec in INPUT_SHEETS:
        sheet = workbook[spec.name]
        assert [cell.value for cell in sheet[1]] == list(spec.column_names)
        assert sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].width >= 8
    settings = {row[0]: row[1] for row in workbook["Instellingen"].iter_rows(min_row=2, values_only=True)}
    assert settings == {
        "school": None,
        "tijdstap_min": 5,
        "wisseltijd_min": 0,
        "periode_van": None,
        "periode_tot": None,
        "tijdslimiet_s": 30,
    }
    assert workbook["Aanvragen"].max_row == 1  # no example rows


def test_template_explains_every_sheet_and_column_in_dutch():
    sheet = build_template()[EXPLANATION]
    text = "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value)
    for spec in INPUT_SHEETS:
        assert f"Tabblad {spec.name}" in text
        assert spec.explanation in text
        for column in spec.columns:
            assert column.explanation in text
    assert "woensdag tot 12:15" in text


@pytest.mark.parametrize(
    ("sheet", "column", "choices"),
    [
        ("Schooltijden", "A", "ma,di,wo,do,vr,za,zo"),
        ("Beschikbaarheid", "B", "ma,di,wo,do,vr,za,zo"),
        ("Vastgezet", "C", "ma,di,wo,do,vr,za,zo"),
        ("Ondersteuners", "B", "klassenassistent,onderwijsassistent,leraarondersteuner,stagiaire,vrijwilliger,anders"),
        ("Ondersteuners", "G", "ja,nee"),
        ("Aanvragen", "N", "hoog,middel,laag"),
    ],
)
def test_template_has_drop_down_lists(saved_template, sheet, column, choices):
    validations = saved_template[sheet].data_validations.dataValidation
    found = {str(v.sqref): v for v in validations}
    assert found[f"{column}2:{column}1000"].formula1 == f'"{choices}"'
    assert found[f"{column}2:{column}1000"].showErrorMessage  # nothing else is accepted


def test_template_suggests_the_usual_subgroups_and_accepts_free_text(saved_template):
    # The contract: `subgroep` is basisgroep, intensieve subgroep, verrijkingsgroep, or free text.
    validations = {str(v.sqref): v for v in saved_template["Aanvragen"].data_validations.dataValidation}
    subgroup = validations["G2:G1000"]
    assert subgroup.formula1 == '"basisgroep,intensieve subgroep,verrijkingsgroep"'
    assert not subgroup.showErrorMessage


def test_template_command_writes_the_template(tmp_path, capsys):
    path = tmp_path / "nieuw.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    assert read_workbook(path) == blank_school()
    assert "nieuw.xlsx" in capsys.readouterr().out


def test_check_on_the_template_is_clean_and_says_it_is_empty(tmp_path, capsys):
    write_template(tmp_path / "sjabloon.xlsx")
    assert main(["check", str(tmp_path / "sjabloon.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Het bestand is in orde." in out
    assert "Let op: er staan nog geen aanvragen in dit bestand." in out


def test_check_summarises_a_valid_workbook(tmp_path, capsys):
    write_school(minimal_school(), tmp_path / "school.xlsx")
    assert main(["check", str(tmp_path / "school.xlsx")]) == 0
    out = capsys.readouterr().out
    # 2 groups, 2 teachers, 2 helpers, requests of 2×45 (hoog) and 1×30 (middel) minutes = 2 hours;
    # Anna gives min(8 h cap, 13 h available) = 8 h, Piet min(12 h, 9,75 h available) = 9,75 h
    assert "Groepen: 2, leerkrachten: 2, ondersteuners: 2, aanvragen: 2 (3 keer per week)." in out
    assert "Gevraagd: 2 uur per week; beschikbaar bij de ondersteuners: 17,75 uur per week." in out
    assert "  hoog: 1 aanvraag, 2 keer per week, 1,5 uur" in out
    assert "  middel: 1 aanvraag, 1 keer per week, 0,5 uur" in out
    assert "  laag: 0 aanvragen, 0 keer per week, 0 uur" in out
    assert "Let op" not in out


def test_check_lists_every_problem_and_exits_2(tmp_path, capsys):
    sheets = set_cell(minimal_sheets(), "Aanvragen", 2, "van", "9:07")
    set_cell(sheets, "Aanvragen", 3, "leerkracht", "Kees")
    path = save_sheets(sheets, tmp_path / "fout.xlsx")
    assert main(["check", str(path)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}: 2 problemen gevonden:",
        "Aanvragen rij 2, kolom 'van': '9:07' valt niet op de tijdstap van 5 minuten",
        "Aanvragen rij 3, kolom 'leerkracht': 'Kees' is geen bekende leerkracht; verwacht een naam uit Leerkrachten",
    ]


@pytest.mark.parametrize("content", [None, b"", b"geen werkmap"])
def test_check_on_a_missing_or_bad_file_exits_2_with_a_dutch_message(tmp_path, capsys, content):
    path = tmp_path / "kapot.xlsx"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Het bestand" in captured.out
    assert "Traceback" not in captured.out + captured.err


@pytest.mark.libreoffice
def test_libreoffice_opens_the_template_and_prints_it(tmp_path):
    write_template(tmp_path / "sjabloon.xlsx")
    pdf = convert_with_libreoffice(tmp_path / "sjabloon.xlsx", tmp_path)
    assert pdf_page_count(pdf) >= len(INPUT_SHEETS)


@pytest.mark.libreoffice
def test_a_workbook_saved_again_by_libreoffice_reads_the_same(tmp_path):
    # an independent spreadsheet program re-saves our workbook; times, numbers and texts must survive
    write_school(minimal_school(), tmp_path / "school.xlsx")
    out_dir = tmp_path / "lo"
    out_dir.mkdir()
    resaved = convert_with_libreoffice(tmp_path / "school.xlsx", out_dir, target="xlsx")
    assert read_workbook(resaved) == minimal_school()
