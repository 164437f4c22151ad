"""The value rules: which numbers and texts the planner accepts, for workbook, forms and URLs alike.

The feasibility ledger's sibling: the ledger says whether a session fits a helper's week, these
rules say whether one value is sensible at all. Each rule answers with the Dutch phrase that
follows the value a user typed (``is geen eindig getal; verwacht ...``), or ``None`` when the
value is fine; callers add where the value was and quote it with ``quoted``.

The text lengths are the database's column sizes: ``web/store/models.py`` takes its ``String(N)``
sizes from ``TEXT_LIMITS``, so a text the reader accepts always fits the database.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from planner.dutch import decimal

QUOTE_LIMIT = 80  # characters of a bad value a message repeats
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)", re.ASCII)


@dataclass(frozen=True)
class NumberRule:
    """A finite number between ``low`` and ``high`` (both allowed), whole or not, in ``unit``."""

    low: float
    high: float
    whole: bool
    unit: str

    @property
    def expected(self) -> str:
        kind = "een geheel getal" if self.whole else "een getal"
        unit = f" {self.unit}" if self.unit else ""
        return f"verwacht {kind} van {decimal(self.low, 2)} tot en met {decimal(self.high, 2)}{unit}"

    def holds(self, number: float) -> bool:
        return self.fault(number) is None

    def fault(self, number: float) -> str | None:
        if not math.isfinite(number):
            return f"is geen eindig getal; {self.expected}"
        if self.whole and not float(number).is_integer():
            return f"is geen geheel getal; {self.expected}"
        if not self.low <= number <= self.high:
            return f"valt buiten het bereik; {self.expected}"
        return None


HOURS_PER_WEEK = NumberRule(0, 60, whole=False, unit="uur per week")
HOURS_PER_DAY = NumberRule(0, 24, whole=False, unit="uur per dag")
HANDS = NumberRule(1, 10, whole=True, unit="handen")
TIME_LIMIT_S = NumberRule(1, 3600, whole=False, unit="seconden")
CHANGEOVER_MIN = NumberRule(0, 240, whole=True, unit="minuten")
SESSIONS_PER_WEEK = NumberRule(1, 7, whole=True, unit="keer per week")
DURATION_MIN = NumberRule(1, 24 * 60, whole=True, unit="minuten")
TIME_STEP_EXPECTED = "moet een deler van 60 zijn tussen 1 en 60 (bijv. 5, 10 of 15)"


def time_step_fault(step: float) -> str | None:
    """The time step: a whole number of minutes that divides the hour."""
    if math.isfinite(step) and float(step).is_integer() and 1 <= step <= 60 and 60 % int(step) == 0:
        return None
    return TIME_STEP_EXPECTED


@dataclass(frozen=True)
class TextRule:
    """Text of at most ``max_length`` characters without NUL bytes (PostgreSQL refuses them)."""

    max_length: int

    def fault(self, text: str) -> str | None:
        if "\x00" in text:
            return "bevat een NUL-teken (een onzichtbaar teken dat niet mag); typ de tekst opnieuw"
        if len(text) > self.max_length:
            return f"is {len(text)} tekens lang; verwacht hoogstens {self.max_length} tekens"
        return None


TEXT_LIMITS = {
    "school_name": 200,
    "person_name": 200,  # teachers, helpers, users
    "email": 254,
    "role": 40,
    "group_name": 100,
    "location": 100,
    "request_id": 64,
    "subject": 100,
    "task": 200,  # a task's name and a request's taak
    "subgroup": 200,
    "long_text": 5000,  # goal, notes, descriptions and lists (Text columns)
}
SCHOOL_NAME = TextRule(TEXT_LIMITS["school_name"])
PERSON_NAME = TextRule(TEXT_LIMITS["person_name"])
EMAIL = TextRule(TEXT_LIMITS["email"])
GROUP_NAME = TextRule(TEXT_LIMITS["group_name"])
LOCATION = TextRule(TEXT_LIMITS["location"])
REQUEST_ID = TextRule(TEXT_LIMITS["request_id"])
SUBJECT = TextRule(TEXT_LIMITS["subject"])
TASK = TextRule(TEXT_LIMITS["task"])
SUBGROUP = TextRule(TEXT_LIMITS["subgroup"])
LONG_TEXT = TextRule(TEXT_LIMITS["long_text"])


def parse_number(text: str) -> float | None:
    """A number typed as plain digits with a decimal comma or point (``7,5``, ``-3``, ``.5``).

    Only ASCII digits count: ``²``, ``١٢``, ``nan``, ``inf``, ``1e308`` and ``1_000`` are no numbers
    a school types, though Python's ``float`` would take them.
    """
    compact = text.strip().replace(" ", "")
    if not _PLAIN_NUMBER.fullmatch(compact):
        return None
    return float(compact.replace(",", "."))


def quoted(value: object) -> str:
    """A value as a message repeats it: at most ``QUOTE_LIMIT`` characters, cut off with ``…``."""
    text = str(value)
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"
