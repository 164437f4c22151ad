"""``handenplanner check`` and ``solve`` on the bad values that broke them: exit 2 with the Dutch message, never 1.

Each workbook is the minimal valid one (builders.py) with one bad cell; before the value rules, ``nan``
hours gave an internal error (exit 1), ``max_uren_per_dag = nan`` crashed ``solve``, ``tijdslimiet_s = inf``
made ``solve`` run forever and ``handen = 1e20`` passed ``check``.
"""

from __future__ import annotations

import pytest

from handenplanner.cli import main
from tests.workbook.builders import minimal_sheets, save_sheets, set_cell

CELL_CASES = [
    (("Ondersteuners", 2, "uren_per_week", "nan"), "Ondersteuners rij 2, kolom 'uren_per_week': 'nan' is geen getal"),
    (("Ondersteuners", 2, "max_uren_per_dag", "nan"), "kolom 'max_uren_per_dag': 'nan' is geen getal"),
    (("Ondersteuners", 2, "uren_per_week", "inf"), "kolom 'uren_per_week': 'inf' is geen getal"),
    (("Aanvragen", 3, "handen", 1e20), "Aanvragen rij 3, kolom 'handen': '1e+20' valt buiten het bereik"),
    (("Aanvragen", 3, "van", 9), "Aanvragen rij 3, kolom 'van': '9' is een getal, geen tijd"),
]
SETTING_CASES = [
    (("tijdslimiet_s", "inf"), "Instellingen rij 2, kolom 'waarde': 'inf' is geen getal"),
    (("tijdslimiet_s", 1e308), "Instellingen rij 2, kolom 'waarde': '1e+308' valt buiten het bereik"),
    (("wisseltijd_min", 1e12), "Instellingen rij 2, kolom 'waarde': '1000000000000' valt buiten het bereik"),
]


def workbook_with_cell(tmp_path, change):
    return save_sheets(set_cell(minimal_sheets(), *change), tmp_path / "school.xlsx")


def workbook_with_setting(tmp_path, setting):
    sheets = minimal_sheets()
    sheets["Instellingen"][1] = list(setting)  # in place of the school's name, which is optional
    return save_sheets(sheets, tmp_path / "school.xlsx")


def bad_workbooks():
    cells = [pytest.param(workbook_with_cell, change, message, id=str(change)) for change, message in CELL_CASES]
    settings = [pytest.param(workbook_with_setting, item, message, id=str(item)) for item, message in SETTING_CASES]
    return cells + settings


@pytest.mark.parametrize(("build", "change", "message"), bad_workbooks())
def test_check_exits_2_with_the_message(tmp_path, capsys, build, change, message):
    assert main(["check", str(build(tmp_path, change))]) == 2
    assert message in capsys.readouterr().out


@pytest.mark.parametrize(("build", "change", "message"), bad_workbooks())
def test_solve_exits_2_with_the_message_and_writes_nothing(tmp_path, capsys, build, change, message):
    path = build(tmp_path, change)
    output = tmp_path / "uit.xlsx"
    assert main(["solve", str(path), "-o", str(output), "--workers", "1"]) == 2
    assert message in capsys.readouterr().err
    assert not output.exists()


def test_a_tab_named_like_a_contract_tab_makes_check_exit_2(tmp_path, capsys):
    # "Aanvragen " before the real Aanvragen: before, its empty rows were read and the real requests dropped
    sheets = {"Aanvragen ": minimal_sheets()["Aanvragen"][:1], **minimal_sheets()}
    assert main(["check", str(save_sheets(sheets, tmp_path / "school.xlsx"))]) == 2
    assert "de tabbladen 'Aanvragen ' en 'Aanvragen' hebben dezelfde naam" in capsys.readouterr().out


@pytest.mark.parametrize("limit", ["inf", "nan", "1e308", "0,5", "3601"])
def test_a_time_limit_outside_the_rule_is_refused_by_solve(tmp_path, capsys, limit):
    # --time-limit follows the rule of tijdslimiet_s (1–3600 s); argparse exits 2 with the Dutch reason
    path = save_sheets(minimal_sheets(), tmp_path / "school.xlsx")
    with pytest.raises(SystemExit) as caught:
        main(["solve", str(path), "--time-limit", limit])
    assert caught.value.code == 2
    assert "verwacht een getal van 1 tot en met 3600 seconden" in capsys.readouterr().err
