"""The time limit is the whole job: how a job's time is divided up front.

A job (``handenplanner solve``, a web run, a curve, a comparison) starts its clock when it starts.
Its time limit covers everything: reading, building the model, solving, reasons, suggestions and
writing the result. Once the input is read, what is left is split (``split_time``):

1. a reserve for writing the result, estimated from the school's size (``write_reserve_s``);
2. a share for checking suggestions: as the caller asks, else ``SUGGESTION_SHARE`` of the rest, at
   most ``MAX_SUGGESTION_S``, and never more than half the rest (solving comes first);
3. the rest for solving.

The phases end at fixed moments counted back from the job's end (``TimeSplit.solve_deadline``,
``TimeSplit.suggestions_deadline``), so time a phase does not use goes to the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.deadline import Deadline
from planner.model import School

# Measured (2 cores, the result workbook): 0.3 s for 50 requests, 0.9 s for 175, 2.6 s for 436,
# about 0.1 s + 5.5 ms per request. The reserve adds room for a busy machine, the summary and the
# process ending, and CP-SAT returning a little after its limit.
WRITE_BASE_S = 0.6
WRITE_PER_REQUEST_S = 0.008
# Saving the workbook (openpyxl) once its sheets are built, measured at 1,000 requests under load: 3.6 s.
SAVE_BASE_S = 0.2
SAVE_PER_REQUEST_S = 0.004
OFFERS_SHARE = 0.3  # of the writing time before saving: what more hours buy; the rest explains the plan
# Measured (scripts/suggestion_coverage.py, 10 s, the sample and typical seeds 0-2): with a fifth of the rest the
# share of requests not fully placed that carry a suggestion was 94/95/94/94 %, with a tenth the same; nearly all
# are ways that keep the plan, and re-solving added 0-2 requests per school. The tenth saved goes to the solver.
SUGGESTION_SHARE = 0.1
MAX_SUGGESTION_SHARE = 0.5
MAX_SUGGESTION_S = 60.0
TIME_SPLIT_KEY = "tijdsverdeling"  # the progress step that announces the split


@dataclass(frozen=True)
class TimeSplit:
    """What is left of a job's time limit after reading, divided: seconds per phase."""

    solve_s: float
    suggestions_s: float
    write_s: float

    def solve_deadline(self, end: Deadline) -> Deadline:
        """Solving ends by then: the job's end less the suggestions' share and the reserve."""
        return Deadline(end.at - self.suggestions_s - self.write_s)

    def suggestions_deadline(self, end: Deadline) -> Deadline:
        """Suggestions end by then, also when solving finished early: the job's end less the reserve."""
        return Deadline(end.at - self.write_s)

    def text(self) -> str:
        """Dutch, for the progress: ``Tijdsverdeling: 21 s rekenen, 6 s suggesties, 3 s wegschrijven``."""
        parts = [f"{seconds_text(self.solve_s)} rekenen"]
        if self.suggestions_s > 0:
            parts.append(f"{seconds_text(self.suggestions_s)} suggesties")
        parts.append(f"{seconds_text(self.write_s)} wegschrijven")
        return "Tijdsverdeling: " + ", ".join(parts)


def split_time(left_s: float, write_s: float, suggestions_s: float | None = None) -> TimeSplit:
    """Divide ``left_s`` seconds: the reserve ``write_s`` first, then the suggestions (``suggestions_s``
    when given, else ``SUGGESTION_SHARE`` of the rest, at most ``MAX_SUGGESTION_S``; never more than
    ``MAX_SUGGESTION_SHARE`` of the rest), then solving.

    No share is negative: with less left than the reserve, solving and suggestions get nothing (the
    solver then gives its greedy plan) and the result is still written."""
    rest_s = max(0.0, left_s - write_s)
    wanted_s = min(MAX_SUGGESTION_S, SUGGESTION_SHARE * rest_s) if suggestions_s is None else suggestions_s
    suggestions = min(MAX_SUGGESTION_SHARE * rest_s, max(0.0, wanted_s))
    return TimeSplit(solve_s=rest_s - suggestions, suggestions_s=suggestions, write_s=write_s)


def write_reserve_s(school: School) -> float:
    """The time to keep for writing this school's result (see ``WRITE_PER_REQUEST_S``)."""
    return WRITE_BASE_S + WRITE_PER_REQUEST_S * len(school.requests)


def save_reserve_s(school: School) -> float:
    """The time to keep for saving this school's result workbook once its sheets are built."""
    return SAVE_BASE_S + SAVE_PER_REQUEST_S * len(school.requests)


def seconds_text(seconds: float) -> str:
    """Seconds for a person: whole from 10 on, else one decimal with a comma (``20.6`` → ``21 s``,
    ``2.46`` → ``2,5 s``)."""
    if seconds >= 10:
        return f"{round(seconds)} s"
    return f"{seconds:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " s"
