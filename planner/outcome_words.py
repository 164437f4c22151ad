"""A plan's outcome in the school's words: per priority what was honoured and whether better is possible,
and the objective's levels as a table with units (behind "Details" on the web)."""

from __future__ import annotations

from dataclasses import dataclass

from planner.dutch import decimal, join_dutch, plural
from planner.figures import PriorityFigures
from planner.levels import LEVEL_INFOS, level_figure
from planner.model import LevelResult, SolveStatus


@dataclass(frozen=True)
class LevelRow:
    """One level as the details table shows it."""

    label: str
    value: str
    bound: str
    unit: str
    proven: str  # ja (CP-SAT) / nee: ``proof_words``


ENGINE_NAMES = {"cp-sat": "CP-SAT", "highs": "HiGHS", "model": "niets te kiezen"}  # LevelResult.proven_by


def proof_words(level: LevelResult) -> str:
    """Whether a level is proven optimal, and by what: ``ja (CP-SAT)``, ``nee``; ``ja`` when unknown (an older
    stored plan)."""
    if not level.proven_optimal:
        return "nee"
    engine = ENGINE_NAMES.get(level.proven_by, level.proven_by)
    return f"ja ({engine})" if engine else "ja"


def priority_lines(figures: list[PriorityFigures], levels: tuple[LevelResult, ...]) -> list[str]:
    """``hoog: 24 van 26 aanvragen volledig, 2 deels — beter kan niet (bewezen)``, per priority with requests."""
    proven = {level.key: level.proven_optimal for level in levels}
    lines = []
    for row in figures:
        if not row.requests:
            continue
        parts = [f"{row.fully} van {plural(row.requests, 'aanvraag', 'aanvragen')} volledig"]
        if row.partly:
            parts.append(f"{row.partly} deels")
        if row.not_placed:
            parts.append(f"{row.not_placed} niet ingepland")
        line = f"{row.priority.label}: {', '.join(parts)}"
        if row.priority.label in proven:
            line += " — beter kan niet (bewezen)" if proven[row.priority.label] else " — misschien kan het beter"
        lines.append(line)
    return lines


def proof_sentence(status: SolveStatus, levels: tuple[LevelResult, ...]) -> str:
    """What the calculation proved, in words that match the levels (not the solver's last status)."""
    if status == SolveStatus.NO_REQUESTS:
        return "Er waren geen aanvragen om in te plannen."
    if status == SolveStatus.INFEASIBLE:
        return "Met deze vastgezette sessies is geen rooster mogelijk."
    if status == SolveStatus.QUICK:
        return quick_sentence(levels)
    stopped = "De berekening is gestopt. " if status == SolveStatus.STOPPED else ""
    leading = 0
    for level in levels:
        if not level.proven_optimal:
            break
        leading += 1
    if levels and leading == len(levels):
        return stopped + "Alle doelen zijn bewezen optimaal: een beter rooster bestaat niet."
    if leading == 0:
        return stopped + "Geen doel is bewezen optimaal: dit is het beste rooster dat binnen de rekentijd is gevonden."
    first = "Het eerste doel is" if leading == 1 else f"De eerste {leading} doelen zijn"
    return (
        f"{stopped}{first} bewezen optimaal; voor de volgende doelen is dit het beste "
        "dat binnen de rekentijd is gevonden."
    )


def quick_sentence(levels: tuple[LevelResult, ...]) -> str:
    """The greedy plan of a school too large to optimise in its time, and what optimising could win at most."""
    gaps = [f"{level.key} {decimal(level.bound - level.value, 2)}" for level in levels if level.bound > level.value]
    sentence = (
        "De rekentijd was te kort of de werkmap te groot om het rooster te optimaliseren: dit is het snelle "
        "startrooster (hoge prioriteit eerst, elke aanvraag op het eerste moment dat past)."
    )
    if not gaps:
        return sentence + " Toch haalt het per prioriteit het hoogst mogelijke aantal aanvragen."
    return (
        f"{sentence} Hoogstens te winnen met meer rekentijd (gehonoreerde aanvragen): {join_dutch(gaps)}. "
        "Geef meer rekentijd of splits een grote werkmap per locatie."
    )


def level_rows(levels: tuple[LevelResult, ...]) -> list[LevelRow]:
    units = {info.key: info.unit for info in LEVEL_INFOS}
    return [
        LevelRow(
            label=level.label,
            value=level_figure(level.key, level.value),
            bound=level_figure(level.key, level.bound),
            unit=units.get(level.key, "aantal"),
            proven=proof_words(level),
        )
        for level in levels
    ]
