"""The objective's levels as plain data: what each means, and how the planner treats it.

The domain spec lists the levels ("What the planner optimises, in this order");
``LEVEL_INFOS`` holds them in that order with everything that is not CP-SAT:
the label and the sentence a school leader reads in ``Overzicht``, and the
flags the time policy and a day's re-plan go by. The solver builds each
level's expression on top of these (``planner.solver.objective.LEVELS``).
This module imports no solver, so the workbook can explain the levels
without loading OR-Tools.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.dutch import decimal


@dataclass(frozen=True)
class LevelInfo:
    key: str
    label: str  # Dutch, for display
    explanation: str  # Dutch: what the level means, in the school's words (Overzicht)
    spec_level: int  # its number in the domain spec's list
    unit: str  # Dutch, what a value counts: aanvragen, keren, minuten, %, aantal (``level_figure``)
    # The honoured levels and help minutes: a larger share of the time, and the only levels that the level
    # above may break its ties by (``Level.tie_break_with_next`` in the solver).
    main: bool = False
    # Top the plan we have up greedily before this level: adding sessions lowers no level held so far
    # (those are all maximised, and the left-shift dominance still holds).
    top_up: bool = False
    # A day's re-plan after an absence counts as proven when every such level is proven optimal.
    proven_in_day_replan: bool = False
    only_when_replanning: bool = False  # used only with a previous plan as hint
    # The value is a sum of one term per request (or per session): on a school split by location the
    # locations' values, and their bounds, add up (``planner/solver/decompose.py``).
    sums_over_requests: bool = False
    # CP-SAT's LP-led full subsolvers find this level's plans; on a large model the other levels get one thread
    # more for CP-SAT's LNS (``planner/solver/solve.py``, ``LNS_FROM_CANDIDATES``), which slowed these.
    plans_from_lp: bool = False


LEVEL_INFOS: tuple[LevelInfo, ...] = (
    LevelInfo(
        "hoog",
        "Gehonoreerde aanvragen, prioriteit hoog",
        "Aanvragen met prioriteit hoog gehonoreerd (een deels gehonoreerde aanvraag telt naar rato).",
        spec_level=1,
        unit="aanvragen",
        main=True,
        proven_in_day_replan=True,
        sums_over_requests=True,
        plans_from_lp=True,
    ),
    LevelInfo(
        "middel",
        "Gehonoreerde aanvragen, prioriteit middel",
        "Aanvragen met prioriteit middel gehonoreerd, zonder iets van hoog op te geven.",
        spec_level=1,
        unit="aanvragen",
        main=True,
        top_up=True,
        proven_in_day_replan=True,
        sums_over_requests=True,
        plans_from_lp=True,
    ),
    LevelInfo(
        "laag",
        "Gehonoreerde aanvragen, prioriteit laag",
        "Aanvragen met prioriteit laag gehonoreerd, zonder iets van hoog of middel op te geven.",
        spec_level=1,
        unit="aanvragen",
        main=True,
        top_up=True,
        proven_in_day_replan=True,
        sums_over_requests=True,
    ),
    LevelInfo(
        "kept",
        "Behouden uit het vorige plan",
        "Bij opnieuw plannen: zoveel mogelijk keren van de vorige planning behouden.",
        spec_level=1,
        unit="keren",
        main=True,
        top_up=True,
        proven_in_day_replan=True,
        only_when_replanning=True,
        sums_over_requests=True,
    ),
    LevelInfo(
        "help_minutes",
        "Geleverde hulp (minuten)",
        "Totaal ingeplande hulp in minuten per week (twee handen tellen dubbel).",
        spec_level=2,
        unit="minuten",
        main=True,
        top_up=True,
        sums_over_requests=True,
    ),
    LevelInfo(
        "fairness",
        "Eerlijke verdeling (kleinste aandeel per leerkracht)",
        "Het kleinste gehonoreerde aandeel van een leerkracht: zo groot mogelijk (eerlijke verdeling).",
        spec_level=3,
        unit="%",
    ),
    LevelInfo(
        "continuity",
        "Continuïteit (verschillende ondersteuners per aanvraag)",
        "Zo min mogelijk wisselende ondersteuners per aanvraag; de gewenste ondersteuner waar gevraagd.",
        spec_level=4,
        unit="aantal",
        sums_over_requests=True,
    ),
    LevelInfo(
        "preferred_time",
        "Voorkeurstijden (minuten afwijking)",
        "Afwijking van de gewenste begintijden: zo klein mogelijk.",
        spec_level=5,
        unit="minuten",
        sums_over_requests=True,
    ),
    LevelInfo(
        "gaps",
        "Tussenuren van ondersteuners",
        "Gaten in de dag van een ondersteuner: zo weinig mogelijk.",
        spec_level=6,
        unit="aantal",
    ),
)


def level_info(key: str) -> LevelInfo:
    """The level with this key; ``KeyError`` for a key no level has."""
    for info in LEVEL_INFOS:
        if info.key == key:
            return info
    raise KeyError(key)


def level_explanation(key: str) -> str:
    """The sentence a school leader reads about a level; empty for a key no level has (e.g. a stored old plan)."""
    return next((info.explanation for info in LEVEL_INFOS if info.key == key), "")


def level_figure(key: str, value: float) -> str:
    """A level's value in its unit, the Dutch way; never below 0 (a solver's bound can be, the quantity cannot).

    The fairness share is read as a percentage.
    """
    value = max(value, 0.0)
    unit = next((info.unit for info in LEVEL_INFOS if info.key == key), "")
    if unit == "%":
        return decimal(value * 100, 0)
    return decimal(value, 2)
