"""The blank planning workbook a school starts from.

All input sheets with their header rows and no example data (a blank school),
``Instellingen`` filled with the settings and their defaults, ``Schooltijden``
filled with a common Dutch week (ma–vr 8:30–14:30, wo until 12:15, as in a
*continurooster*) that the school adjusts, drop-down lists for days, roles,
priorities and ja/nee (and the usual subgroups, where free text is allowed
too), and an ``Uitleg`` sheet that explains every sheet and column in Dutch.
The reader ignores ``Uitleg``.
"""

from __future__ import annotations

import os

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planner.model import ROLES, SUBGROUPS, Priority, School, SchoolDay, Settings
from planner.timegrid import DAYS
from planner.workbook import schema
from planner.workbook.write import fit_to_page_width, write_input_sheets

DEFAULT_DAY_START = 8 * 60 + 30
DEFAULT_DAY_END = 14 * 60 + 30
DEFAULT_WEDNESDAY_END = 12 * 60 + 15
VALIDATION_LAST_ROW = 1000

VALUE_CONVENTIONS = (
    ("dag", "ma, di, wo, do, vr (ook voluit: maandag … of Engels: mon …)."),
    ("dagen", "Komma's of spaties tussen dagen, of een reeks: ma-vr, ma t/m do. Leeg = elke schooldag."),
    ("tijd", "8:30, 08:30, 8.30 of 0830, of een Excel-tijd. Altijd op de tijdstap (standaard 5 minuten)."),
    ("duur", "Hele minuten, bijv. 45; een veelvoud van de tijdstap."),
    ("ja/nee", "ja of nee (ook j/n, yes/no, true/false, 1/0, x). Leeg = de standaardwaarde."),
    ("prioriteit", "hoog, middel of laag (of 1, 2, 3; 1 = hoog)."),
    ("lijst", "Gescheiden door komma's of puntkomma's."),
    ("uren", "Met komma of punt, bijv. 7,5."),
    ("naam", "Uniek binnen het tabblad; hoofdletters en spaties rondom tellen niet mee."),
)

SETTING_EXPLANATIONS = (
    ("school", "leeg", "Naam van de school, voor de uitvoer."),
    ("tijdstap_min", "5", "Tijdstap in minuten (1–60, een deler van 60)."),
    ("wisseltijd_min", "0", "Minimale tijd tussen twee keren van één ondersteuner op verschillende locaties."),
    ("periode_van", "leeg", "Eerste dag van de planperiode (groepsplanperiode), voor agenda's."),
    ("periode_tot", "leeg", "Laatste dag van de planperiode."),
    ("tijdslimiet_s", "30", "Hoeveel seconden de planner mag rekenen."),
)


def default_school_days() -> tuple[SchoolDay, ...]:
    """ma–vr 8:30–14:30, wo until 12:15: a common Dutch school week."""
    return tuple(
        SchoolDay(day, DEFAULT_DAY_START, DEFAULT_WEDNESDAY_END if day == "wo" else DEFAULT_DAY_END) for day in DAYS[:5]
    )


def blank_school() -> School:
    return School(
        school_days=default_school_days(), groups=(), teachers=(), helpers=(), requests=(), settings=Settings()
    )


def build_template() -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    write_input_sheets(workbook, blank_school())
    add_input_validations(workbook)
    add_explanation_sheet(workbook)
    workbook.active = 0
    return workbook


def write_template(path: str | os.PathLike) -> None:
    build_template().save(path)


def _column_range(sheet: Worksheet, column_name: str) -> str:
    index = schema.input_sheet(sheet.title).column_names.index(column_name) + 1
    letter = get_column_letter(index)
    return f"{letter}2:{letter}{VALIDATION_LAST_ROW}"


def _add_list_validation(
    sheet: Worksheet, column_name: str, choices: tuple[str, ...], what: str, free_text: bool = False
) -> None:
    """A drop-down list; with ``free_text`` it only suggests, and any other text is accepted without a warning."""
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=not free_text,
        errorTitle="Ongeldige waarde",
        error=f"Kies {what} uit de lijst.",
    )
    sheet.add_data_validation(validation)
    validation.add(_column_range(sheet, column_name))


def add_input_validations(workbook: openpyxl.Workbook) -> None:
    """Drop-down lists for days, roles, priorities, ja/nee and subgroups on the input sheets."""
    priorities = tuple(priority.label for priority in Priority)
    lists = (
        (schema.SCHOOL_HOURS, "dag", DAYS, "een dag"),
        (schema.AVAILABILITY, "dag", DAYS, "een dag"),
        (schema.PINS, "dag", DAYS, "een dag"),
        (schema.HELPERS, "functie", ROLES, "een functie"),
        (schema.HELPERS, "ook_andere_groepen", ("ja", "nee"), "ja of nee"),
        (schema.REQUESTS, "prioriteit", priorities, "een prioriteit"),
    )
    for sheet_name, column_name, choices, what in lists:
        _add_list_validation(workbook[sheet_name], column_name, choices, what)
    _add_list_validation(workbook[schema.REQUESTS], "subgroep", SUBGROUPS, "een subgroep", free_text=True)


def add_explanation_sheet(workbook: openpyxl.Workbook) -> Worksheet:
    """The ``Uitleg`` sheet, placed first: what each sheet and column means, in Dutch."""
    sheet = workbook.create_sheet(schema.EXPLANATION, 0)
    bold = Font(bold=True)
    title = Font(bold=True, size=14)
    sheet.append(["Handenplanner: de planningswerkmap"])
    sheet["A1"].font = title
    sheet.append(["Vul de tabbladen in en lees het bestand in met Handenplanner. Dit tabblad wordt niet ingelezen."])
    sheet.append(
        ["Schooltijden is vooraf ingevuld met ma–vr 8:30–14:30 en woensdag tot 12:15; pas dit aan aan uw school."]
    )
    conventions = [(kind, "", text) for kind, text in VALUE_CONVENTIONS]
    _append_block(sheet, "Hoe vult u waarden in", "", ("soort", "", "zo schrijft u het"), conventions, bold)
    settings = [(key, default, text) for key, default, text in SETTING_EXPLANATIONS]
    _append_block(sheet, "Instellingen", "", ("instelling", "standaard", "betekenis"), settings, bold)
    for spec in schema.INPUT_SHEETS:
        required = "verplicht tabblad" if spec.required else "mag ontbreken"
        rows = [(column.name, "verplicht" if column.required else "", column.explanation) for column in spec.columns]
        header = ("kolom", "verplicht?", "uitleg")
        _append_block(sheet, f"Tabblad {spec.name} ({required})", spec.explanation, header, rows, bold)
    # no wrapped text: spreadsheet programs do not grow row heights for it, so lines would overlap
    for letter, width in (("A", 22), ("B", 12), ("C", 95)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(vertical="top")
    fit_to_page_width(sheet)
    return sheet


def _append_block(sheet: Worksheet, heading: str, description: str, header: tuple, rows, bold: Font) -> None:
    sheet.append([])
    sheet.append([heading])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
    if description:
        sheet.append([description])
    sheet.append(list(header))
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in rows:
        sheet.append(list(row))
