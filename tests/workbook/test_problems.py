"""Every input problem with its exact Dutch message: sheet, Excel row, column, value, what is wrong.

Each case changes one or a few cells of the minimal valid workbook (see builders.py):
requests 1 (Jan, group 5, di/do 9:00–10:30, 45 min, only an onderwijsassistent with
'rekenen') and 2 (Els, group 6, every day 8:30–12:00, 30 min); Anna (onderwijsassistent,
max 4 h a day, ma/di 8:30–12:00, do 8:30–14:30); Piet (stagiaire for group 5);
one pin: request 1, Anna, di 9:00.
"""

from __future__ import annotations

import pytest

from planner import hard_rules
from planner.model import ROLES
from planner.workbook import WorkbookError, read_workbook
from tests.workbook.builders import minimal_sheets, save_sheets, set_cell

ROLE_LIST = ", ".join(ROLES)
RULES = {rule.number: rule.dutch for rule in hard_rules.RULES}  # how a pin problem names the rule it breaks


def row(sheet: str, excel_row: int, **values: object) -> list[tuple[str, int, str, object]]:
    """Changes to several cells of one row."""
    return [(sheet, excel_row, column, value) for column, value in values.items()]


CASES = [
    (
        "tijd buiten de tijdstap",
        [("Aanvragen", 2, "van", "9:07")],
        "Aanvragen rij 2, kolom 'van': '9:07' valt niet op de tijdstap van 5 minuten",
    ),
    (
        "duur geen veelvoud van de tijdstap",
        [("Aanvragen", 2, "duur_min", 44)],
        "Aanvragen rij 2, kolom 'duur_min': '44' is geen veelvoud van de tijdstap van 5 minuten",
    ),
    (
        "onbekende leerkracht",
        [("Aanvragen", 2, "leerkracht", "Kees")],
        "Aanvragen rij 2, kolom 'leerkracht': 'Kees' is geen bekende leerkracht; verwacht een naam uit Leerkrachten",
    ),
    (
        "onbekende groep",
        [("Aanvragen", 2, "groep", "7")],
        "Aanvragen rij 2, kolom 'groep': '7' is geen bekende groep; verwacht een groep uit Groepen",
    ),
    (
        "leerkracht geeft de groep niet",
        [("Aanvragen", 2, "groep", "6")],
        "Aanvragen rij 2, kolom 'groep': '6' is geen groep van leerkracht Jan (volgens Leerkrachten)",
    ),
    (
        "onbekende ondersteuner in voorkeur",
        [("Aanvragen", 2, "voorkeur", "Bob")],
        "Aanvragen rij 2, kolom 'voorkeur': 'Bob' is geen bekende ondersteuner; verwacht een naam uit Ondersteuners",
    ),
    (
        "onbekende functie",
        [("Ondersteuners", 2, "functie", "juf")],
        f"Ondersteuners rij 2, kolom 'functie': 'juf' is geen bekende functie; verwacht {ROLE_LIST}",
    ),
    (
        "onbekende functie in een aanvraag",
        [("Aanvragen", 2, "functies", "onderwijsassistent, hulpje")],
        "Aanvragen rij 2, kolom 'functies': 'onderwijsassistent, hulpje' bevat een onbekende functie 'hulpje'; "
        f"verwacht {ROLE_LIST}",
    ),
    (
        "onbekende functie in Taken",
        [("Taken", 2, "functies", "conciërge")],
        f"Taken rij 2, kolom 'functies': 'conciërge' bevat een onbekende functie 'conciërge'; verwacht {ROLE_LIST}",
    ),
    (
        "dubbele ondersteuner",
        row("Ondersteuners", 4, naam=" ANNA", functie="anders", uren_per_week=2),
        "Ondersteuners rij 4, kolom 'naam': 'ANNA' komt dubbel voor (ook in rij 2); namen moeten uniek zijn",
    ),
    (
        "dubbele groep",
        [("Groepen", 4, "groep", "5")],
        "Groepen rij 4, kolom 'groep': '5' komt dubbel voor (ook in rij 2); namen moeten uniek zijn",
    ),
    (
        "dubbel aanvraag-id",
        [("Aanvragen", 3, "id", "1")],
        "Aanvragen rij 3, kolom 'id': '1' komt dubbel voor (ook in rij 2); ids moeten uniek zijn",
    ),
    (
        "dubbele taak",
        [("Taken", 3, "taak", "Basisgroep overnemen")],
        "Taken rij 3, kolom 'taak': 'Basisgroep overnemen' komt dubbel voor (ook in rij 2); taken moeten uniek zijn",
    ),
    (
        "dubbele schooldag",
        [
            ("Schooltijden", 7, "dag", "maandag"),
            ("Schooltijden", 7, "begin", "8:30"),
            ("Schooltijden", 7, "eind", "12:00"),
        ],
        "Schooltijden rij 7, kolom 'dag': 'maandag' komt dubbel voor (ook in rij 2); één rij per dag",
    ),
    (
        "keer_per_week boven het aantal toegestane dagen",
        [("Aanvragen", 2, "keer_per_week", 3)],
        "Aanvragen rij 2, kolom 'keer_per_week': '3' is meer dan het aantal toegestane dagen (2: di, do)",
    ),
    (
        # wo ends at 12:15, so a window 12:30–13:30 on wo and vr fits only on vr
        "keer_per_week boven de dagen waarop het venster past",
        row("Aanvragen", 3, dagen="wo, vr", van="12:30", tot="13:30", keer_per_week=2),
        "Aanvragen rij 3, kolom 'keer_per_week': '2' is meer dan het aantal toegestane dagen (1: vr)",
    ),
    (
        "venster korter dan de duur",
        [("Aanvragen", 3, "tot", "8:45")],
        "Aanvragen rij 3, kolom 'duur_min': '30' is langer dan het venster 8:30–8:45 (15 minuten)",
    ),
    (
        "venster past op geen enkele dag",
        [("Aanvragen", 3, "van", "7:00"), ("Aanvragen", 3, "tot", "8:00")],
        "Aanvragen rij 3, kolom 'van': '7:00–8:00' past op geen van de dagen (ma, di, wo, do, vr) "
        "binnen de schooltijden",
    ),
    (
        "venster past niet op de gevraagde dag",
        [("Aanvragen", 3, "dagen", "wo"), ("Aanvragen", 3, "van", "12:30"), ("Aanvragen", 3, "tot", "13:30")],
        "Aanvragen rij 3, kolom 'van': '12:30–13:30' past op geen van de dagen (wo) binnen de schooltijden",
    ),
    (
        "tot niet na van",
        [("Aanvragen", 3, "tot", "8:00")],
        "Aanvragen rij 3, kolom 'tot': '8:00' ligt niet na 'van' (8:30)",
    ),
    (
        "voorkeur_begin buiten het venster",
        [("Aanvragen", 2, "voorkeur_begin", "10:00")],
        "Aanvragen rij 2, kolom 'voorkeur_begin': '10:00' ligt niet in het venster 9:00–10:30; "
        "een keer van 45 minuten begint tussen 9:00 en 9:45",
    ),
    (
        "verplichte waarde leeg",
        [("Aanvragen", 2, "taak", None)],
        "Aanvragen rij 2, kolom 'taak': is leeg; dit veld is verplicht",
    ),
    (
        "geen tijd",
        [("Aanvragen", 2, "van", "negen uur")],
        "Aanvragen rij 2, kolom 'van': 'negen uur' is geen geldige tijd; "
        "verwacht een tijd zoals 8:30, 08:30, 8.30 of 0830",
    ),
    (
        "geen dag",
        [("Beschikbaarheid", 2, "dag", "maan")],
        "Beschikbaarheid rij 2, kolom 'dag': 'maan' is geen geldige dag; "
        "verwacht een dag (ma, di, wo, do, vr, za, zo of voluit, bijv. dinsdag)",
    ),
    (
        "geen ja/nee",
        [("Ondersteuners", 3, "ook_andere_groepen", "misschien")],
        "Ondersteuners rij 3, kolom 'ook_andere_groepen': 'misschien' is geen ja/nee; "
        "verwacht ja of nee (of j/n, yes/no, true/false, 1/0, x)",
    ),
    (
        "geen prioriteit",
        [("Aanvragen", 2, "prioriteit", "urgent")],
        "Aanvragen rij 2, kolom 'prioriteit': 'urgent' is geen geldige prioriteit; "
        "verwacht hoog, middel of laag (of 1, 2, 3)",
    ),
    (
        "prioriteit buiten 1-3",
        [("Aanvragen", 2, "prioriteit", 4)],
        "Aanvragen rij 2, kolom 'prioriteit': '4' is geen geldige prioriteit; "
        "verwacht hoog, middel of laag (of 1, 2, 3)",
    ),
    (
        "negatieve uren",
        [("Ondersteuners", 2, "uren_per_week", "-2")],
        "Ondersteuners rij 2, kolom 'uren_per_week': '-2' mag niet negatief zijn",
    ),
    (
        "uren geen getal",
        [("Ondersteuners", 2, "max_uren_per_dag", "veel")],
        "Ondersteuners rij 2, kolom 'max_uren_per_dag': 'veel' is geen getal; verwacht een aantal uren, bijv. 7,5",
    ),
    (
        "keer_per_week nul",
        [("Aanvragen", 2, "keer_per_week", 0)],
        "Aanvragen rij 2, kolom 'keer_per_week': '0' valt buiten het bereik; "
        "verwacht een geheel getal van 1 tot en met 7 keer per week",
    ),
    (
        "handen geen getal",
        [("Aanvragen", 2, "handen", "twee")],
        "Aanvragen rij 2, kolom 'handen': 'twee' is geen geheel getal; verwacht bijv. 2",
    ),
    (
        "duur geen minuten",
        [("Aanvragen", 2, "duur_min", "drie kwartier")],
        "Aanvragen rij 2, kolom 'duur_min': 'drie kwartier' is geen geheel aantal minuten; verwacht bijv. 45",
    ),
    (
        "formule zonder uitkomst",
        [("Aanvragen", 2, "duur_min", "=40+5")],
        "Aanvragen rij 2, kolom 'duur_min': '=40+5' is een formule zonder berekende uitkomst; "
        "vul de waarde zelf in (geen formule)",
    ),
    (
        "onbekende groep bij een leerkracht",
        [("Leerkrachten", 2, "groepen", "5; 9")],
        "Leerkrachten rij 2, kolom 'groepen': '9' is geen bekende groep; verwacht een groep uit Groepen",
    ),
    (
        "onbekende stagegroep",
        [("Ondersteuners", 3, "stagegroep", "8")],
        "Ondersteuners rij 3, kolom 'stagegroep': '8' is geen bekende groep; verwacht een groep uit Groepen",
    ),
    (
        "beschikbaarheid van een onbekende ondersteuner",
        [("Beschikbaarheid", 2, "naam", "Bob")],
        "Beschikbaarheid rij 2, kolom 'naam': 'Bob' is geen bekende ondersteuner; verwacht een naam uit Ondersteuners",
    ),
    (
        "beschikbaarheid voor schooltijd",
        [("Beschikbaarheid", 2, "van", "8:00")],
        "Beschikbaarheid rij 2, kolom 'van': '8:00' ligt buiten de schooltijden van ma (8:30–14:30)",
    ),
    (
        "beschikbaarheid na schooltijd",
        [("Beschikbaarheid", 6, "tot", "13:00")],
        "Beschikbaarheid rij 6, kolom 'tot': '13:00' ligt buiten de schooltijden van wo (8:30–12:15)",
    ),
    (
        "beschikbaarheid op een niet-schooldag",
        [("Beschikbaarheid", 2, "dag", "zaterdag")],
        "Beschikbaarheid rij 2, kolom 'dag': 'zaterdag' is geen schooldag (staat niet in Schooltijden)",
    ),
    (
        "beschikbaarheid tot voor van",
        [("Beschikbaarheid", 2, "tot", "8:30")],
        "Beschikbaarheid rij 2, kolom 'tot': '8:30' ligt niet na 'van' (8:30)",
    ),
    (
        "schooltijd buiten de tijdstap",
        [("Schooltijden", 6, "eind", "14:31")],
        "Schooltijden rij 6, kolom 'eind': '14:31' valt niet op de tijdstap van 5 minuten",
    ),
    (
        "tijdstap geen deler van 60",
        [("Instellingen", 3, "waarde", 7)],
        "Instellingen rij 3, kolom 'waarde': '7' moet een deler van 60 zijn tussen 1 en 60 (bijv. 5, 10 of 15)",
    ),
    (
        "onbekende instelling",
        [("Instellingen", 4, "instelling", "kleur"), ("Instellingen", 4, "waarde", "blauw")],
        "Instellingen rij 4, kolom 'instelling': 'kleur' is geen bekende instelling; verwacht een van: "
        "school, tijdstap_min, wisseltijd_min, periode_van, periode_tot, tijdslimiet_s",
    ),
    (
        "periode eindigt voor het begin",
        [
            *row("Instellingen", 4, instelling="periode_van", waarde="01-02-2027"),
            *row("Instellingen", 5, instelling="periode_tot", waarde="31-01-2027"),
        ],
        "Instellingen rij 5, kolom 'waarde': '31-01-2027' ligt vóór periode_van",
    ),
    (
        "geen datum",
        [("Instellingen", 4, "instelling", "periode_van"), ("Instellingen", 4, "waarde", "na de herfstvakantie")],
        "Instellingen rij 4, kolom 'waarde': 'na de herfstvakantie' is geen geldige datum; "
        "verwacht bijv. 31-01-2027 of 2027-01-31",
    ),
    (
        "vastgezet: onbekende aanvraag",
        [("Vastgezet", 2, "aanvraag", 9)],
        "Vastgezet rij 2, kolom 'aanvraag': '9' is geen bekende aanvraag; verwacht een id uit Aanvragen",
    ),
    (
        "vastgezet: onbekende ondersteuner",
        [("Vastgezet", 2, "ondersteuner", "Bob")],
        "Vastgezet rij 2, kolom 'ondersteuner': 'Bob' is geen bekende ondersteuner; "
        "verwacht een naam uit Ondersteuners",
    ),
    (
        "vastgezet: geen toegestane dag",
        [("Vastgezet", 2, "dag", "ma")],
        "Vastgezet rij 2, kolom 'dag': 'ma' is geen toegestane dag van aanvraag 1 (toegestaan: di, do); "
        f"breekt {RULES[1]}",
    ),
    (
        "vastgezet: buiten het venster",
        [("Vastgezet", 2, "begin", "10:00")],
        "Vastgezet rij 2, kolom 'begin': '10:00' tot 10:45 valt buiten het venster 9:00–10:30 of de schooltijden "
        f"op di; breekt {RULES[1]}",
    ),
    (
        "vastgezet: buiten de beschikbaarheid",
        [("Beschikbaarheid", 3, "tot", "9:30")],
        "Vastgezet rij 2, kolom 'begin': '9:00' tot 9:45 valt buiten de beschikbaarheid van Anna op di; "
        f"breekt {RULES[3]}",
    ),
    (
        "vastgezet: ondersteuner mag de aanvraag niet doen",
        [("Vastgezet", 2, "ondersteuner", "piet")],
        "Vastgezet rij 2, kolom 'ondersteuner': 'Piet' mag aanvraag 1 niet doen (functie stagiaire niet toegestaan, "
        f"mist vaardigheid 'rekenen'); breekt {RULES[5]}",
    ),
    (
        "vastgezet: twee keren op één dag",
        row("Vastgezet", 3, aanvraag=1, ondersteuner="Anna", dag="di", begin="9:45"),
        f"Vastgezet rij 3, kolom 'dag': 'di' heeft al een vastgezette keer van aanvraag 1 (rij 2); breekt {RULES[2]}",
    ),
    (
        "vastgezet: overlap bij één ondersteuner",
        row("Vastgezet", 3, aanvraag=2, ondersteuner="Anna", dag="di", begin="9:30"),
        f"Vastgezet rij 3, kolom 'begin': '9:30' overlapt met de vastgezette keer van Anna in rij 2; breekt {RULES[3]}",
    ),
    (
        # Anna may work 60 minutes a day here; the two pins on di take 45 + 30 minutes
        "vastgezet: boven de daggrens",
        [
            *row("Ondersteuners", 2, max_uren_per_dag=1),
            *row("Vastgezet", 3, aanvraag=2, ondersteuner="Anna", dag="di", begin="10:00"),
        ],
        "Vastgezet rij 3, kolom 'ondersteuner': 'Anna' krijgt op di 75 vastgezette minuten, meer dan de 60 minuten "
        f"per dag; breekt {RULES[4]}",
    ),
    (
        "vastgezet: meer handen dan gevraagd",
        [
            *row("Ondersteuners", 3, functie="onderwijsassistent", vaardigheden="rekenen"),
            *row("Vastgezet", 3, aanvraag=1, ondersteuner="Piet", dag="di", begin="9:00"),
        ],
        "Vastgezet rij 3, kolom 'ondersteuner': 'Piet' is een extra ondersteuner; aanvraag 1 vraagt 1 hand; "
        f"breekt {RULES[6]}",
    ),
    (
        # group 5 has no location, group 6 is at Noord; 9:45 to 10:00 leaves 15 of the 20 minutes needed
        "vastgezet: te weinig wisseltijd tussen locaties",
        [
            *row("Instellingen", 4, instelling="wisseltijd_min", waarde=20),
            *row("Vastgezet", 3, aanvraag=2, ondersteuner="Anna", dag="di", begin="10:00"),
        ],
        "Vastgezet rij 3, kolom 'begin': '10:00' laat 15 minuten tussen de hoofdlocatie (rij 2) en locatie Noord; "
        f"de wisseltijd is 20 minuten; breekt {RULES[3]}",
    ),
    (
        # request 1 is pinned on Anna and asks two hands; the only other helper, Piet, is an intern
        # whose role the request does not allow: no plan can keep this pin
        "vastgezet: de andere handen kan niemand geven",
        [("Aanvragen", 2, "handen", 2)],
        "Vastgezet rij 2, kolom 'aanvraag': '1' vraagt 2 handen, maar naast Anna kan op dinsdag 9:00–9:45 niemand "
        f"anders meedoen (mag het doen, is beschikbaar en heeft tijd en uren); breekt {RULES[6]}",
    ),
    (
        "vastgezet: vaker dan keer_per_week",
        [
            *row("Vastgezet", 3, aanvraag=2, ondersteuner="Anna", dag="ma", begin="9:00"),
            *row("Vastgezet", 4, aanvraag=2, ondersteuner="Anna", dag="do", begin="9:00"),
        ],
        "Vastgezet rij 4, kolom 'aanvraag': '2' is meer keren vastgezet dan keer_per_week (1) van aanvraag 2",
    ),
]


def problems_of(sheets, tmp_path) -> list[str]:
    path = save_sheets(sheets, tmp_path / "werkmap.xlsx")
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    return [problem.message for problem in caught.value.problems]


@pytest.mark.parametrize(("changes", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_problem_has_its_exact_message_and_is_the_only_one(tmp_path, changes, message):
    sheets = minimal_sheets()
    for sheet, row, column, value in changes:
        set_cell(sheets, sheet, row, column, value)
    assert problems_of(sheets, tmp_path) == [message]


def test_missing_required_sheet_is_one_problem_without_follow_up_noise(tmp_path):
    sheets = minimal_sheets()
    del sheets["Groepen"]
    assert problems_of(sheets, tmp_path) == ["Groepen: dit tabblad ontbreekt; het is verplicht"]


def test_missing_required_column_is_one_problem(tmp_path):
    sheets = minimal_sheets()
    for row in sheets["Aanvragen"]:
        del row[REQUEST_VAN]
    assert problems_of(sheets, tmp_path) == ["Aanvragen, kolom 'van': deze kolom ontbreekt; ze is verplicht"]


REQUEST_VAN = minimal_sheets()["Aanvragen"][0].index("van")


def test_all_problems_of_a_workbook_are_reported_together_in_sheet_order(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Aanvragen", 2, "van", "9:07")
    set_cell(sheets, "Aanvragen", 3, "leerkracht", "Kees")
    set_cell(sheets, "Ondersteuners", 2, "uren_per_week", "veel")
    set_cell(sheets, "Schooltijden", 3, "eind", "25:00")
    messages = problems_of(sheets, tmp_path)
    assert messages == [
        "Schooltijden rij 3, kolom 'eind': '25:00' is geen geldige tijd; "
        "verwacht een tijd zoals 8:30, 08:30, 8.30 of 0830",
        "Ondersteuners rij 2, kolom 'uren_per_week': 'veel' is geen getal; verwacht een aantal uren, bijv. 7,5",
        "Aanvragen rij 2, kolom 'van': '9:07' valt niet op de tijdstap van 5 minuten",
        "Aanvragen rij 3, kolom 'leerkracht': 'Kees' is geen bekende leerkracht; verwacht een naam uit Leerkrachten",
    ]


def test_problem_records_carry_their_location_and_value(tmp_path):
    sheets = set_cell(minimal_sheets(), "Aanvragen", 2, "van", "9:07")
    path = save_sheets(sheets, tmp_path / "w.xlsx")
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("Aanvragen", 2, "van", "9:07")
    assert problem.expected == "valt niet op de tijdstap van 5 minuten"
    assert str(caught.value) == problem.message


def test_a_workbook_with_a_problem_yields_no_school_and_is_left_unchanged(tmp_path):
    sheets = set_cell(minimal_sheets(), "Aanvragen", 2, "leerkracht", "Kees")
    path = save_sheets(sheets, tmp_path / "w.xlsx")
    before = path.read_bytes()
    result = None
    with pytest.raises(WorkbookError):
        result = read_workbook(path)
    assert result is None
    assert path.read_bytes() == before


def test_an_empty_required_sheet_is_one_problem_and_an_empty_optional_sheet_is_fine(tmp_path):
    sheets = minimal_sheets()
    sheets["Vastgezet"] = []
    assert read_workbook(save_sheets(sheets, tmp_path / "w.xlsx")).pins == ()
    sheets["Groepen"] = []
    assert problems_of(sheets, tmp_path) == [
        "Groepen: dit tabblad is leeg; verwacht een kopregel met de kolommen groep, locatie"
    ]
