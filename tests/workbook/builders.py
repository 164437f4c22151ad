"""A minimal valid planning workbook as rows in code; tests change one cell and read it back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from planner.model import AvailabilityBlock, Group, Helper, Pin, Priority, Request, School, SchoolDay, Task, Teacher
from planner.model import Settings as ModelSettings

Sheets = dict[str, list[list[object]]]

HELPER_HEADER = [
    "naam",
    "functie",
    "uren_per_week",
    "max_uren_per_dag",
    "vaardigheden",
    "stagegroep",
    "ook_andere_groepen",
    "locaties",
    "e-mail",
]
REQUEST_HEADER = [
    "id",
    "leerkracht",
    "groep",
    "vak",
    "taak",
    "doel",
    "keer_per_week",
    "duur_min",
    "dagen",
    "van",
    "tot",
    "voorkeur_begin",
    "prioriteit",
    "functies",
    "vaardigheden",
    "voorkeur",
    "handen",
    "toelichting",
]


def minimal_sheets() -> Sheets:
    """Rows per sheet, header first: Excel row n is list index n - 1."""
    return {
        "Instellingen": [["instelling", "waarde"], ["school", "De Regenboog"], ["tijdstap_min", 5]],
        "Schooltijden": [
            ["dag", "begin", "eind"],
            ["ma", "8:30", "14:30"],
            ["di", "8:30", "14:30"],
            ["wo", "8:30", "12:15"],
            ["do", "8:30", "14:30"],
            ["vr", "8:30", "14:30"],
        ],
        "Groepen": [["groep", "locatie"], ["5", None], ["6", "Noord"]],
        "Leerkrachten": [["naam", "e-mail", "groepen"], ["Jan", "jan@school.nl", "5"], ["Els", None, "6"]],
        "Ondersteuners": [
            list(HELPER_HEADER),
            ["Anna", "onderwijsassistent", 8, 4, "rekenen, lezen", None, None, None, None],
            ["Piet", "stagiaire", 12, None, None, "5", "nee", None, "piet@school.nl"],
        ],
        "Beschikbaarheid": [
            ["naam", "dag", "van", "tot"],
            ["Anna", "ma", "8:30", "12:00"],
            ["Anna", "di", "8:30", "12:00"],
            ["Anna", "do", "8:30", "14:30"],
            ["Piet", "di", "8:30", "14:30"],
            ["Piet", "wo", "8:30", "12:15"],
        ],
        "Aanvragen": [
            list(REQUEST_HEADER),
            [
                1,
                "Jan",
                "5",
                "rekenen",
                "basisgroep overnemen",
                "tafels",
                2,
                45,
                "di, do",
                "9:00",
                "10:30",
                "9:15",
                "hoog",
                "onderwijsassistent",
                "rekenen",
                "Anna",
                1,
                None,
            ],
            [
                2,
                "Els",
                "6",
                "taal",
                "verlengde instructie",
                None,
                1,
                30,
                None,
                "8:30",
                "12:00",
                None,
                None,
                None,
                None,
                None,
                None,
                "graag na de pauze",
            ],
        ],
        "Taken": [
            ["taak", "functies", "omschrijving"],
            ["basisgroep overnemen", "onderwijsassistent, klassenassistent, stagiaire", "de basisgroep begeleiden"],
        ],
        "Vastgezet": [["aanvraag", "ondersteuner", "dag", "begin"], [1, "Anna", "di", "9:00"]],
    }


def minimal_school() -> School:
    """The School that ``minimal_sheets`` describes, built by hand."""
    school_days = tuple(SchoolDay(day, 510, 735 if day == "wo" else 870) for day in ("ma", "di", "wo", "do", "vr"))
    anna = Helper(
        "Anna",
        "onderwijsassistent",
        8.0,
        (AvailabilityBlock("ma", 510, 720), AvailabilityBlock("di", 510, 720), AvailabilityBlock("do", 510, 870)),
        max_hours_per_day=4.0,
        skills=("rekenen", "lezen"),
    )
    piet = Helper(
        "Piet",
        "stagiaire",
        12.0,
        (AvailabilityBlock("di", 510, 870), AvailabilityBlock("wo", 510, 735)),
        placement_groups=("5",),
        email="piet@school.nl",
    )
    requests = (
        Request(
            request_id="1",
            teacher="Jan",
            group="5",
            task="basisgroep overnemen",
            sessions_per_week=2,
            duration_min=45,
            window_start=540,
            window_end=630,
            days=("di", "do"),
            subject="rekenen",
            goal="tafels",
            preferred_start=555,
            priority=Priority.HOOG,
            roles=("onderwijsassistent",),
            skills=("rekenen",),
            preferred_helper="Anna",
        ),
        Request("2", "Els", "6", "verlengde instructie", 1, 30, 510, 720, subject="taal", notes="graag na de pauze"),
    )
    return School(
        school_days=school_days,
        groups=(Group("5"), Group("6", "Noord")),
        teachers=(Teacher("Jan", ("5",), "jan@school.nl"), Teacher("Els", ("6",))),
        helpers=(anna, piet),
        requests=requests,
        tasks=(
            Task(
                "basisgroep overnemen",
                ("onderwijsassistent", "klassenassistent", "stagiaire"),
                "de basisgroep begeleiden",
            ),
        ),
        pins=(Pin("1", "Anna", "di", 540),),
        settings=ModelSettings(school_name="De Regenboog"),
    )


def set_cell(sheets: Sheets, sheet: str, excel_row: int, column: str, value: object) -> Sheets:
    """Change one cell, addressed as the user sees it: sheet, Excel row, column name."""
    rows = sheets[sheet]
    index = rows[0].index(column)
    while len(rows) < excel_row:
        rows.append([None] * len(rows[0]))
    rows[excel_row - 1][index] = value
    return sheets


def save_sheets(sheets: Sheets, path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, dt.time):
                    cell.number_format = "h:mm"
    workbook.save(path)
    return path
