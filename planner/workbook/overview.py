"""The ``Overzicht`` sheet: the plan's key figures for the school leader."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from planner import figures
from planner.deadline import Deadline
from planner.diagnosis.idle_hours import explain_idle_hours
from planner.levels import level_explanation
from planner.model import Plan, School, name_key
from planner.outcome_words import proof_words
from planner.workbook import result_style as look

LAST_COLUMN = 9  # column I: the widest table ends here
IDLE_WHY_WIDTH = 6 * 13  # columns D–I, where "waarom uren over blijven" wraps

IDLE_CUT_SHORT = "Niet voor elke ondersteuner uitgezocht: de tijdslimiet was bereikt (geef meer rekentijd)."
STATUS_EXPLANATIONS: dict[str, str] = {
    "optimaal": "Bewezen de beste planning op alle niveaus.",
    "toelaatbaar": "Een geldige planning; niet op alle niveaus bewezen de beste.",
    "tijdslimiet": "De tijd was op; dit is de beste planning die binnen de tijd gevonden is.",
    "gestopt": "Het plannen is gestopt; dit is de beste planning tot dan toe.",
    "geen aanvragen": "Er waren geen aanvragen om in te plannen.",
    "onhaalbaar": "Vastgezette keren spreken elkaar of de harde regels tegen; er is geen planning.",
    "snel rooster": (
        "De rekentijd was te kort of de werkmap te groot om te optimaliseren; dit is het snelle startrooster "
        "(hoge prioriteit eerst). Bij de doelen staat per prioriteit de grens: wat hoogstens kan."
    ),
}
METHOD_EXPLANATION = (
    "Elke locatie apart gepland; ondersteuners op meer locaties houden hun uren over alle locaties. "
    "De grens telt de grenzen per locatie op."
)


def write_overview_sheet(
    sheet: Worksheet, school: School, plan: Plan, plan_status: str | None = None, deadline: Deadline | None = None
) -> None:
    """``plan_status`` (e.g. "Concept — niet gepubliceerd") goes under the title; the command line gives none.
    Why hours stay unused is looked up until ``deadline`` (None: for every helper)."""
    title = "Overzicht van de planning" + (f" – {school.settings.school_name}" if school.settings.school_name else "")
    sheet.cell(row=1, column=1, value=title).font = look.TITLE_FONT
    if plan_status:
        sheet.cell(row=2, column=1, value=plan_status).font = look.BLOCK_TITLE_FONT
    row = _solver_status(sheet, 3, plan)
    row = _priority_table(sheet, row + 1, school, plan)
    row = _hours_table(sheet, row + 1, school, plan)
    row = _levels_table(sheet, row + 1, plan)
    row = _helper_table(sheet, row + 1, school, plan)
    row = _teacher_table(sheet, row + 1, school, plan)
    _idle_hours_table(sheet, row + 1, school, plan, deadline)
    look.set_column_widths(sheet, {"A": 44, "B": 18, "C": 13, "D": 13, "E": 13, "F": 13, "G": 13, "H": 13, "I": 13})
    look.setup_print(sheet)


def _section(sheet: Worksheet, row: int, text: str) -> int:
    sheet.cell(row=row, column=1, value=text).font = look.BLOCK_TITLE_FONT
    return row + 1


def _table(
    sheet: Worksheet, row: int, headers: Sequence[str], rows: Sequence[Sequence[object]], formats: Sequence[str | None]
) -> int:
    """Write a header row and data rows; returns the first free row after it."""
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=row, column=column, value=header)
    look.style_header_row(sheet, row, 1, len(headers))
    sheet.row_dimensions[row].height = 27  # room for a header on two lines
    for values in rows:
        row += 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=look.clean(value))
            cell.font = look.TEXT_FONT
            cell.border = look.BOX
            number_format = formats[column - 1] if column - 1 < len(formats) else None
            if number_format:
                cell.number_format = number_format
            if isinstance(value, str) and len(value) > 40:
                cell.alignment = look.WRAP_TOP
    return row + 1


def _solver_status(sheet: Worksheet, row: int, plan: Plan) -> int:
    row = _section(sheet, row, "Status van de planner")
    status = plan.status.value
    rows = [
        ("Status", status, STATUS_EXPLANATIONS.get(status, "")),
        ("Rekentijd (seconden)", round(plan.wall_time_s, 1), ""),
    ]
    if plan.method:
        rows.append(("Werkwijze", plan.method, METHOD_EXPLANATION))
    for label, value, explanation in rows:
        sheet.cell(row=row, column=1, value=label).font = look.BOLD_FONT
        value_cell = sheet.cell(row=row, column=2, value=value)
        value_cell.font = look.TEXT_FONT
        value_cell.number_format = "0.0" if isinstance(value, float) else "General"
        sheet.cell(row=row, column=3, value=explanation).font = look.TEXT_FONT
        row += 1
    return row


def _priority_table(sheet: Worksheet, row: int, school: School, plan: Plan) -> int:
    row = _section(sheet, row, "Aanvragen per prioriteit")
    headers = (
        "prioriteit",
        "aanvragen",
        "gehonoreerd",
        "%",
        "deels",
        "%",
        "niet ingepland",
        "%",
        "gehonoreerd aandeel",
    )
    rows = []
    per_priority = figures.figures_per_priority(school, plan)
    for item in per_priority:
        rows.append(_priority_row(item.priority.label, item.requests, item.fully, item.partly, item.not_placed))
        rows[-1].append(item.honoured_share)
    total = _priority_row(
        "totaal",
        sum(item.requests for item in per_priority),
        sum(item.fully for item in per_priority),
        sum(item.partly for item in per_priority),
        sum(item.not_placed for item in per_priority),
    )
    rows.append([*total, figures.total_honoured_share(school, plan)])
    pct = look.PERCENT_FORMAT
    next_row = _table(sheet, row, headers, rows, (None, None, None, pct, None, pct, None, pct, pct))
    for column in range(1, len(headers) + 1):
        sheet.cell(row=next_row - 1, column=column).font = look.BOLD_FONT
    sheet.cell(row=next_row, column=1, value=_share_note()).font = look.SMALL_FONT
    return next_row + 1


def _share_note() -> str:
    return "Gehonoreerd aandeel: een deels gehonoreerde aanvraag telt naar rato (2 van 3 keer = 0,67)."


def _priority_row(label: str, count: int, fully: int, partly: int, not_placed: int) -> list[object]:
    def share(part: int) -> float:
        return part / count if count else 0.0

    return [label, count, fully, share(fully), partly, share(partly), not_placed, share(not_placed)]


def _hours_table(sheet: Worksheet, row: int, school: School, plan: Plan) -> int:
    row = _section(sheet, row, "Uren per week")
    rows = [
        ("gevraagd door leerkrachten", figures.requested_minutes(school) / 60),
        ("ingepland", figures.planned_minutes(plan) / 60),
        ("beschikbaar bij ondersteuners", figures.available_minutes(school) / 60),
    ]
    return _table(sheet, row, ("", "uren"), rows, (None, look.HOURS_FORMAT))


def _levels_table(sheet: Worksheet, row: int, plan: Plan) -> int:
    row = _section(sheet, row, "Doelen van de planner (in volgorde van belang)")
    headers = ("niveau", "bereikt", "grens", "bewezen optimaal", "tijd (s)", "uitleg")
    rows = [
        (
            level.label,
            round(level.value, 2),
            round(level.bound, 2),
            proof_words(level),
            round(level.time_s, 1),
            level_explanation(level.key),
        )
        for level in plan.levels
    ]
    next_row = _table(sheet, row, headers, rows, (None, "0.##", "0.##", None, "0.0", None))
    for table_row in range(row, next_row):
        sheet.merge_cells(start_row=table_row, start_column=len(headers), end_row=table_row, end_column=LAST_COLUMN)
        if table_row > row:
            sheet.row_dimensions[table_row].height = 27
    note = "Grens: wat hoogstens haalbaar is; is 'bereikt' gelijk aan de grens, dan is dit niveau bewezen optimaal."
    sheet.cell(row=next_row, column=1, value=note).font = look.SMALL_FONT
    return next_row + 1


def _helper_table(sheet: Worksheet, row: int, school: School, plan: Plan) -> int:
    row = _section(sheet, row, "Per ondersteuner")
    planned = figures.planned_minutes_per_helper(school, plan)
    headers = ("ondersteuner", "functie", "uren per week", "beschikbaar (uur)", "ingepland (uur)", "benut")
    rows = []
    for helper in school.helpers:
        capacity = min(helper.weekly_cap_min, helper.available_minutes())
        minutes = planned.get(helper.name, 0)
        used = minutes / capacity if capacity else 0.0
        rows.append((helper.name, helper.role, helper.hours_per_week, capacity / 60, minutes / 60, used))
    hours = look.HOURS_FORMAT
    return _table(sheet, row, headers, rows, (None, None, hours, hours, hours, look.PERCENT_FORMAT))


def _teacher_table(sheet: Worksheet, row: int, school: School, plan: Plan) -> int:
    row = _section(sheet, row, "Per leerkracht")
    shares = figures.honoured_share_per_teacher(school, plan)
    headers = ("leerkracht", "aanvragen", "gehonoreerd aandeel")
    rows = []
    for teacher in school.teachers:
        if teacher.name in shares:
            count = sum(1 for r in school.requests if name_key(r.teacher) == name_key(teacher.name))
            rows.append((teacher.name, count, shares[teacher.name]))
    return _table(sheet, row, headers, rows, (None, None, look.PERCENT_FORMAT))


def _idle_hours_table(sheet: Worksheet, row: int, school: School, plan: Plan, deadline: Deadline | None) -> int:
    """Per helper with hours left: why nobody uses them, one sentence per reason."""
    row = _section(sheet, row, "Waarom uren over blijven")
    idle = explain_idle_hours(school, plan, deadline)
    if deadline is not None and deadline.passed():
        sheet.cell(row=row, column=1, value=IDLE_CUT_SHORT).font = look.TEXT_FONT
        row += 1
    if not idle:
        sheet.cell(row=row, column=1, value="Geen ondersteuner heeft uren over.").font = look.TEXT_FONT
        return row + 1
    headers = ("ondersteuner", "uren over", "vrij (uur)", "waarom niemand die uren gebruikt")
    rows = [
        (item.helper, item.left_min / 60, item.free_min / 60, "\n".join(cause.text for cause in item.causes))
        for item in idle
    ]
    next_row = _table(sheet, row, headers, rows, (None, look.HOURS_FORMAT, look.HOURS_FORMAT, None))
    why_column = len(headers)
    for table_row in range(row, next_row):
        sheet.merge_cells(start_row=table_row, start_column=why_column, end_row=table_row, end_column=LAST_COLUMN)
        if table_row > row:
            for column in range(1, why_column + 1):
                sheet.cell(row=table_row, column=column).alignment = look.WRAP_TOP
            lines = look.estimated_lines(sheet.cell(row=table_row, column=why_column).value, IDLE_WHY_WIDTH)
            sheet.row_dimensions[table_row].height = look.LINE_HEIGHT * lines + 2
    note = "Vrij: beschikbaar en niet ingepland. Per reden staan de uren van die vrije tijd en wanneer dat is."
    sheet.cell(row=next_row, column=1, value=note).font = look.SMALL_FONT
    return next_row + 1
