"""The progress display of ``handenplanner solve`` (the parts that do not depend on the clock)."""

from __future__ import annotations

import io

from planner.commands.solve_progress import ProgressPrinter, describe, format_number
from planner.services import TIME_SPLIT_KEY
from planner.solver import Progress

HOOG = "Gehonoreerde aanvragen, prioriteit hoog"
MIDDEL = "Gehonoreerde aanvragen, prioriteit middel"


def test_numbers_are_shown_with_a_dutch_decimal_comma():
    assert format_number(12.5) == "12,5"
    assert format_number(17.0) == "17"
    assert format_number(2 / 3) == "0,67"
    assert format_number(None) == "–"


def test_a_line_shows_elapsed_time_level_best_and_bound():
    line = describe(Progress(3.25, "hoog", HOOG, 12.67, 14.0))
    assert line == f"   3,2 s  {HOOG}  beste: 12,67  grens: 14"


def test_every_new_level_is_shown_even_right_after_another_line():
    stream = io.StringIO()  # not a terminal: plain lines
    printer = ProgressPrinter(stream)
    printer(Progress(0.1, "hoog", HOOG, None, 17.0))
    printer(Progress(0.2, "middel", MIDDEL, 3.0, 35.0))
    printer.stop()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert HOOG in lines[0] and MIDDEL in lines[1]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_time_split_stays_on_its_own_line():
    # Levels rewrite one line in place ("\r"); the split is a line that the next level does not overwrite.
    stream = FakeTerminal()
    printer = ProgressPrinter(stream)
    split = "Tijdsverdeling: 21 s rekenen, 6 s suggesties, 3 s wegschrijven"
    printer(Progress(0.1, "hoog", HOOG, None, 17.0))
    printer(Progress(0.4, TIME_SPLIT_KEY, split, None, None))
    printer(Progress(0.5, "middel", MIDDEL, 3.0, 35.0))
    printer.stop()
    visible = [line.split("\r")[-1] for line in stream.getvalue().split("\n")]  # what "\r" leaves
    assert visible[0].strip() == f"0,4 s  {split}"
    assert MIDDEL in visible[1] and HOOG not in "".join(visible)
