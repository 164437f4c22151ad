"""Sheet and column names of the planning workbook: the single source.

Follows ``shared/spec/excel-format.md`` exactly. Readers match names
case-insensitively, ignoring surrounding spaces, with spaces and underscores
interchangeable (see ``header_key``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    explanation: str


@dataclass(frozen=True)
class SheetSpec:
    name: str
    required: bool
    columns: tuple[Column, ...]
    explanation: str

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def header_key(text: object) -> str:
    """Normalised sheet or column name: lower case, trimmed, ``_`` for spaces."""
    return "_".join(str(text).strip().lower().replace("_", " ").split())


SETTINGS = "Instellingen"
SCHOOL_HOURS = "Schooltijden"
GROUPS = "Groepen"
TEACHERS = "Leerkrachten"
HELPERS = "Ondersteuners"
AVAILABILITY = "Beschikbaarheid"
REQUESTS = "Aanvragen"
TASKS = "Taken"
PINS = "Vastgezet"
DAYS_OFF = "Vrije dagen"

SCHEDULE = "Rooster"
UNPLACED = "Niet ingepland"
OVERVIEW = "Overzicht"
PER_HELPER = "Per ondersteuner"
PER_GROUP = "Per groep"
DEMAND = "Vraag en aanbod"
HOURS_OFFERS = "Wat meer uren opleveren"
EXPLANATION = "Uitleg"

SETTING_KEYS = {
    "school": "school_name",
    "tijdstap_min": "time_step_min",
    "wisseltijd_min": "changeover_min",
    "periode_van": "period_start",
    "periode_tot": "period_end",
    "tijdslimiet_s": "time_limit_s",
}

INPUT_SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        SETTINGS,
        False,
        (
            Column("instelling", True, "Naam van de instelling (zie de lijst hieronder)."),
            Column("waarde", True, "De waarde van de instelling."),
        ),
        "Algemene instellingen. Mag ontbreken; dan gelden de standaardwaarden: "
        "tijdstap_min 5, wisseltijd_min 0, tijdslimiet_s 30.",
    ),
    SheetSpec(
        SCHOOL_HOURS,
        True,
        (
            Column("dag", True, "Schooldag: ma, di, wo, do, vr (of voluit)."),
            Column("begin", True, "Begin van de schooldag, bijv. 8:30."),
            Column("eind", True, "Eind van de schooldag, bijv. 14:30."),
        ),
        "Eén rij per schooldag. Buiten deze tijden wordt niets ingepland; "
        "een dag die hier niet staat is geen schooldag.",
    ),
    SheetSpec(
        GROUPS,
        True,
        (
            Column("groep", True, "Naam van de groep, bijv. 1/2a, 5 of 7/8."),
            Column("locatie", False, "Gebouw of locatie; leeg = de enige locatie van de school."),
        ),
        "Alle groepen (klassen) van de school.",
    ),
    SheetSpec(
        TEACHERS,
        True,
        (
            Column("naam", True, "Naam van de leerkracht (uniek)."),
            Column("e-mail", False, "E-mailadres, voor het account in de webapp."),
            Column("groepen", True, "De groepen waar deze leerkracht lesgeeft, gescheiden door komma's."),
        ),
        "Alle leerkrachten en hun groepen. Een duo staat als twee leerkrachten met dezelfde groep.",
    ),
    SheetSpec(
        HELPERS,
        True,
        (
            Column("naam", True, "Naam van de ondersteuner (uniek)."),
            Column(
                "functie",
                True,
                "klassenassistent, onderwijsassistent, leraarondersteuner, stagiaire, vrijwilliger of anders.",
            ),
            Column("uren_per_week", True, "Maximaal aantal uren ondersteuning per week, bijv. 7,5."),
            Column("max_uren_per_dag", False, "Maximaal aantal uren per dag; leeg = geen daggrens."),
            Column("vaardigheden", False, "Vaardigheden, gescheiden door komma's (bijv. rekenen, lezen, gedrag)."),
            Column("stagegroep", False, "Voor stagiaires: de groep(en) van de stageplek."),
            Column(
                "ook_andere_groepen", False, "ja/nee: mag een stagiaire ook buiten de stagegroep werken? Standaard nee."
            ),
            Column("locaties", False, "Locaties waar deze ondersteuner werkt; leeg = alle."),
            Column("e-mail", False, "E-mailadres, voor het account in de webapp."),
        ),
        "De mensen die de extra handen kunnen zijn: assistenten, stagiaires en vrijwilligers.",
    ),
    SheetSpec(
        AVAILABILITY,
        True,
        (
            Column("naam", True, "Naam van de ondersteuner."),
            Column("dag", True, "Dag waarop deze ondersteuner er is."),
            Column("van", True, "Begin van het blok, bijv. 8:30."),
            Column("tot", True, "Eind van het blok, bijv. 12:00."),
        ),
        "Eén rij per beschikbaar blok. Buiten deze blokken is de ondersteuner niet beschikbaar.",
    ),
    SheetSpec(
        REQUESTS,
        True,
        (
            Column("id", True, "Uniek nummer of code van de aanvraag."),
            Column("leerkracht", True, "Naam van de leerkracht (uit Leerkrachten)."),
            Column("groep", True, "Groep (uit Groepen); de leerkracht moet deze groep lesgeven."),
            Column("vak", False, "Vak, bijv. rekenen, taal, lezen, spelling."),
            Column("taak", True, "Wat de extra handen doen, bijv. basisgroep overnemen, verlengde instructie."),
            Column("doel", False, "Het doel uit het groepsplan waar deze hulp bij hoort."),
            Column(
                "subgroep",
                False,
                "Met welk deel van de klas de leerkracht intussen zelf werkt: basisgroep, intensieve subgroep, "
                "verrijkingsgroep of vrije tekst.",
            ),
            Column("keer_per_week", True, "Aantal keer per week; elke keer op een andere dag."),
            Column("duur_min", True, "Duur van één keer in minuten."),
            Column("dagen", False, "Toegestane dagen, bijv. di, do of ma-vr; leeg = elke schooldag."),
            Column("van", True, "Begin van het tijdvenster."),
            Column("tot", True, "Eind van het tijdvenster; tot - van = duur betekent een vaste tijd."),
            Column("voorkeur_begin", False, "Gewenste begintijd binnen het venster (wens, geen eis)."),
            Column("prioriteit", False, "hoog, middel of laag (of 1, 2, 3); standaard middel."),
            Column("functies", False, "Toegestane functies, gescheiden door komma's; leeg = alle."),
            Column("vaardigheden", False, "Vaardigheden die elke ondersteuner moet hebben."),
            Column("voorkeur", False, "Naam van een gewenste ondersteuner (wens, geen eis)."),
            Column("handen", False, "Aantal ondersteuners tegelijk; standaard 1."),
            Column("toelichting", False, "Vrije toelichting."),
        ),
        "Eén rij per aanvraag voor extra handen in de klas.",
    ),
    SheetSpec(
        TASKS,
        False,
        (
            Column("taak", True, "Naam van de taak, bijv. basisgroep overnemen."),
            Column("functies", False, "Functies die deze taak mogen doen; leeg = alle."),
            Column("omschrijving", False, "Korte omschrijving van de taak."),
        ),
        "De takenlijst van de school: welke functies welke taak mogen doen.",
    ),
    SheetSpec(
        PINS,
        False,
        (
            Column("aanvraag", True, "Id van de aanvraag."),
            Column("ondersteuner", True, "Naam van de ondersteuner."),
            Column("dag", True, "Dag van de vastgezette keer."),
            Column("begin", True, "Begintijd van de vastgezette keer."),
        ),
        "Keren die de schoolleider heeft vastgezet; de planner houdt ze precies zo aan.",
    ),
    SheetSpec(
        DAYS_OFF,
        False,
        (
            Column("van", True, "Eerste vrije dag, bijv. 21-12-2026."),
            Column("tot", False, "Laatste vrije dag (die dag is ook vrij); leeg = alleen de dag bij 'van'."),
            Column("omschrijving", False, "Bijv. kerstvakantie of studiedag."),
        ),
        "Schoolvakanties en studiedagen: dagen zonder school. De agenda's en de afwezigheidspagina "
        "slaan ze over; het weekrooster blijft gelijk.",
    ),
)

SCHEDULE_COLUMNS = (
    "aanvraag",
    "leerkracht",
    "groep",
    "vak",
    "taak",
    "ondersteuner",
    "functie",
    "dag",
    "begin",
    "eind",
    "locatie",
    "vastgezet",
)

UNPLACED_COLUMNS = (
    "aanvraag",
    "leerkracht",
    "groep",
    "prioriteit",
    "gevraagd_keer",
    "ingepland_keer",
    "reden",
    "suggestie",
)

HOURS_OFFER_COLUMNS = (
    "nr",
    "ondersteuner",
    "dag",
    "erbij",
    "extra_uren",
    "aanvragen",
    "hoog",
    "middel",
    "laag",
    "per_extra_uur",
    "keren",
    "akkoord_van",
)


def input_sheet(name: str) -> SheetSpec:
    for spec in INPUT_SHEETS:
        if spec.name == name:
            return spec
    raise KeyError(name)
