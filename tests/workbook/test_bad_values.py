"""The value rules in a workbook: each bad value is one exact Dutch message, and nothing breaks.

Each case changes one cell of the minimal valid workbook (see builders.py), so the message asserted
is the only problem: the rest of the workbook is valid. Numbers are typed as text where Excel could
not hold them (``nan``, ``inf``) and as numbers where it can (``1e20``).
"""

from __future__ import annotations

import pytest

from planner.workbook import WorkbookError, read_workbook
from tests.workbook.builders import minimal_sheets, save_sheets, set_cell

BAD_VALUES = [
    # Ondersteuners: Anna's hours per week and per day (0–60, 0–24)
    (
        ("Ondersteuners", 2, "uren_per_week", "nan"),
        "Ondersteuners rij 2, kolom 'uren_per_week': 'nan' is geen getal; verwacht een aantal uren, bijv. 7,5",
    ),
    (
        ("Ondersteuners", 2, "uren_per_week", 61),
        "Ondersteuners rij 2, kolom 'uren_per_week': '61' valt buiten het bereik; "
        "verwacht een getal van 0 tot en met 60 uur per week",
    ),
    (
        ("Ondersteuners", 2, "max_uren_per_dag", "inf"),
        "Ondersteuners rij 2, kolom 'max_uren_per_dag': 'inf' is geen getal; verwacht een aantal uren, bijv. 7,5",
    ),
    (
        ("Ondersteuners", 2, "max_uren_per_dag", 25),
        "Ondersteuners rij 2, kolom 'max_uren_per_dag': '25' valt buiten het bereik; "
        "verwacht een getal van 0 tot en met 24 uur per dag",
    ),
    # Aanvragen: hands 1–10, sessions 1–7, a duration of at most a day; digits that are digits
    (
        ("Aanvragen", 3, "handen", 1e20),
        "Aanvragen rij 3, kolom 'handen': '1e+20' valt buiten het bereik; "
        "verwacht een geheel getal van 1 tot en met 10 handen",
    ),
    (
        ("Aanvragen", 3, "keer_per_week", "²"),
        "Aanvragen rij 3, kolom 'keer_per_week': '²' is geen geheel getal; verwacht bijv. 2",
    ),
    (
        ("Aanvragen", 3, "keer_per_week", 8),
        "Aanvragen rij 3, kolom 'keer_per_week': '8' valt buiten het bereik; "
        "verwacht een geheel getal van 1 tot en met 7 keer per week",
    ),
    (
        ("Aanvragen", 3, "duur_min", 1445),
        "Aanvragen rij 3, kolom 'duur_min': '1445' valt buiten het bereik; "
        "verwacht een geheel getal van 1 tot en met 1440 minuten",
    ),
    # a number in a time cell is no time, unless it is Excel's fraction of a day
    (
        ("Aanvragen", 3, "van", 9),
        "Aanvragen rij 3, kolom 'van': '9' is een getal, geen tijd; typ de tijd met een dubbele punt, zoals 8:30",
    ),
    (
        ("Aanvragen", 3, "van", 1e308),
        "Aanvragen rij 3, kolom 'van': '1e+308' is een getal, geen tijd; typ de tijd met een dubbele punt, zoals 8:30",
    ),
    # texts: the database column's length (a NUL byte cannot be written to a workbook: tests/test_value_rules.py)
    (
        ("Groepen", 3, "locatie", "N" * 101),
        "Groepen rij 3, kolom 'locatie': '" + "N" * 79 + "…' is 101 tekens lang; verwacht hoogstens 100 tekens",
    ),
]


def problems_of(sheets, tmp_path) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(save_sheets(sheets, tmp_path / "werkmap.xlsx"))
    return [problem.message for problem in caught.value.problems]


@pytest.mark.parametrize(("change", "message"), BAD_VALUES, ids=lambda case: str(case)[:40])
def test_each_bad_value_is_one_exact_message(tmp_path, change, message):
    assert problems_of(set_cell(minimal_sheets(), *change), tmp_path) == [message]


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("tijdslimiet_s", "inf", "'inf' is geen getal; verwacht bijv. 30 of 12,5"),
        (
            "tijdslimiet_s",
            1e308,
            "'1e+308' valt buiten het bereik; verwacht een getal van 1 tot en met 3600 seconden",
        ),
        (
            "wisseltijd_min",
            1e12,
            "'1000000000000' valt buiten het bereik; verwacht een geheel getal van 0 tot en met 240 minuten",
        ),
        ("school", "R" * 201, "'" + "R" * 79 + "…' is 201 tekens lang; verwacht hoogstens 200 tekens"),
    ],
)
def test_a_bad_setting_is_one_exact_message(tmp_path, setting, value, expected):
    sheets = minimal_sheets()
    sheets["Instellingen"][1] = [setting, value]  # in place of the school's name, which is optional
    assert problems_of(sheets, tmp_path) == [f"Instellingen rij 2, kolom 'waarde': {expected}"]


def test_values_at_the_edges_of_the_rules_are_accepted(tmp_path):
    # every bound is inclusive: 60 hours a week, 24 a day, 10 hands, 3600 s; a 0,5 day fraction is 12:00
    sheets = minimal_sheets()
    set_cell(sheets, "Ondersteuners", 3, "uren_per_week", 60)
    set_cell(sheets, "Ondersteuners", 3, "max_uren_per_dag", 24)
    set_cell(sheets, "Aanvragen", 3, "handen", 1)
    set_cell(sheets, "Aanvragen", 3, "tot", 0.5)
    sheets["Instellingen"].append(["tijdslimiet_s", 3600])
    school = read_workbook(save_sheets(sheets, tmp_path / "werkmap.xlsx"))
    assert school.helper("Piet").hours_per_week == 60
    assert school.settings.time_limit_s == 3600
    assert school.requests[1].window_end == 12 * 60


def test_all_bad_values_are_reported_at_once(tmp_path):
    sheets = minimal_sheets()
    for change, _message in BAD_VALUES[:4:2]:  # uren_per_week nan and max_uren_per_dag inf, both for Anna
        set_cell(sheets, *change)
    set_cell(sheets, "Aanvragen", 3, "handen", 1e20)
    assert problems_of(sheets, tmp_path) == [BAD_VALUES[0][1], BAD_VALUES[2][1], BAD_VALUES[4][1]]


def test_a_huge_cell_is_quoted_in_at_most_80_characters(tmp_path):
    # 4,000 characters of a task (within what the size check lets through, far over the 200 a task takes):
    # the message repeats 79 of them and "…", as does the value
    sheets = set_cell(minimal_sheets(), "Aanvragen", 3, "taak", "t" * 4_000)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(save_sheets(sheets, tmp_path / "werkmap.xlsx"))
    (problem,) = caught.value.problems
    assert problem.value == "t" * 79 + "…"
    assert len(problem.message) < 200 and problem.message.endswith("tekens lang; verwacht hoogstens 200 tekens")


def test_two_tabs_whose_names_differ_only_in_spaces_are_an_error_naming_both(tmp_path):
    # "Aanvragen " (trailing space) before the real tab: reading either would silently drop the other's rows
    sheets = {"Aanvragen ": minimal_sheets()["Aanvragen"][:1], **minimal_sheets()}
    assert problems_of(sheets, tmp_path) == [
        "Aanvragen: de tabbladen 'Aanvragen ' en 'Aanvragen' hebben dezelfde naam als je spaties en "
        "hoofdletters weglaat; laat één tabblad Aanvragen over"
    ]
