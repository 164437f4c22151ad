"""Words and numbers a school team reads: plurals, decimal commas, a plan's outcome in words."""

from __future__ import annotations

from planner.dutch import decimal, plural
from planner.figures import PriorityFigures
from planner.levels import level_figure
from planner.model import LevelResult, Priority, SolveStatus
from planner.outcome_words import level_rows, priority_lines, proof_sentence, proof_words


def test_plural_fits_the_count():
    assert plural(1, "aanvraag", "aanvragen") == "1 aanvraag"
    assert plural(0, "aanvraag", "aanvragen") == "0 aanvragen"
    assert plural(72, "aanvraag", "aanvragen") == "72 aanvragen"
    assert plural(1250, "aanvraag", "aanvragen") == "1.250 aanvragen"  # Dutch thousands dots, as elsewhere


def test_decimal_uses_a_comma_and_drops_trailing_zeros():
    assert decimal(57.24) == "57,2"
    assert decimal(4545.0, 2) == "4545"
    assert decimal(0.5, 2) == "0,5"
    assert decimal(-0.001, 2) == "0"  # no "-0" after rounding


def _level(key: str, value: float, bound: float, proven: bool, proven_by: str = "") -> LevelResult:
    return LevelResult(key, key, value, bound, proven, proven_by=proven_by)


def test_a_priority_line_says_what_was_honoured_and_whether_better_is_possible():
    # 26 high requests, 24 fully and 2 partly placed, the hoog level proven: better cannot be.
    hoog = PriorityFigures(Priority.HOOG, 26, 24, 2, 0, 25.0)
    middel = PriorityFigures(Priority.MIDDEL, 3, 1, 0, 2, 1.0)
    laag = PriorityFigures(Priority.LAAG, 0, 0, 0, 0, 0.0)  # no requests: no line
    levels = (_level("hoog", 25, 25, True), _level("middel", 1, 2, False))
    assert priority_lines([hoog, middel, laag], levels) == [
        "hoog: 24 van 26 aanvragen volledig, 2 deels — beter kan niet (bewezen)",
        "middel: 1 van 3 aanvragen volledig, 2 niet ingepland — misschien kan het beter",
    ]


def test_proof_sentence_counts_the_leading_proven_levels_not_the_solver_status():
    # The solver stopped on its time limit in level 6, yet levels 1-5 are proven.
    levels = tuple(_level(f"l{i}", 1, 1, i < 5) for i in range(7))
    text = proof_sentence(SolveStatus.TIME_LIMIT, levels)
    assert text.startswith("De eerste 5 doelen zijn bewezen optimaal")
    assert "tijdslimiet" not in text
    assert proof_sentence(SolveStatus.OPTIMAL, levels[:2]).startswith("Alle doelen")
    assert proof_sentence(SolveStatus.FEASIBLE, (_level("a", 1, 2, False),)).startswith("Geen doel")


def test_level_rows_have_units_and_no_negative_bounds():
    # A minimised count's solver bound can be below 0 (−19 tussenuren); a count of gaps cannot.
    gaps, help_minutes = level_rows((_level("gaps", 3, -19, False), _level("help_minutes", 4545, 4545, True)))
    assert (gaps.value, gaps.bound, gaps.unit, gaps.proven) == ("3", "0", "aantal", "nee")
    assert (help_minutes.value, help_minutes.unit) == ("4545", "minuten")
    assert level_figure("fairness", 0.857) == "86"  # a share read as a percentage


def test_proof_words_name_the_engine_that_proved_the_level():
    # The proof column says which engine proved a level; an older stored plan has no engine and just says "ja".
    assert proof_words(_level("hoog", 25, 25, True, "cp-sat")) == "ja (CP-SAT)"
    assert proof_words(_level("hoog", 25, 25, True, "highs")) == "ja (HiGHS)"
    assert proof_words(_level("laag", 0, 0, True, "model")) == "ja (niets te kiezen)"
    assert proof_words(_level("hoog", 25, 25, True)) == "ja"
    assert proof_words(_level("middel", 1, 2, False)) == "nee"
