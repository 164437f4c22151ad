"""The hard rules of the domain spec: number, key and the texts, in one place.

Two implementations stand side by side and share these keys: the CP-SAT constraints in
``planner/solver/rules.py`` (``HARD_RULES``, one ``add_<key>`` per rule) and their plain-Python
twin, the feasibility ledger in ``planner/ledger.py``; a property test holds the two equal on
random schools. This module imports nothing, so the ledger, the workbook and the web can use
it without OR-Tools.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    number: int
    key: str  # the rule's name in code: ``rules.add_<key>``, the ledger's breaches
    summary: str  # the spec's line, in short
    dutch: str  # how a user reads it, e.g. after a pin that breaks it

    def broken_by(self, what: str) -> str:
        """``what`` (Dutch) followed by the rule it breaks, as the pin sheet reports it."""
        return f"{what}; breekt {self.dutch}"


SESSION_INSIDE_WINDOW = Rule(
    1,
    "session_inside_window_and_school_hours",
    "A session lies inside its window, on an allowed day, inside school hours",
    "regel 1: een keer ligt binnen het venster van de aanvraag, op een toegestane dag en binnen de schooltijden",
)
DIFFERENT_DAYS = Rule(
    2,
    "sessions_on_different_days",
    "The sessions of one request fall on different days",
    "regel 2: de keren van één aanvraag vallen op verschillende dagen",
)
ONE_THING_AT_A_TIME = Rule(
    3,
    "helper_one_thing_at_a_time",
    "A helper works inside availability, one thing at a time, with changeover time",
    "regel 3: een ondersteuner werkt alleen binnen de eigen beschikbaarheid en aan één ding tegelijk",
)
HELPER_CAPS = Rule(
    4,
    "helper_caps",
    "A helper's minutes stay within the weekly and daily cap",
    "regel 4: een ondersteuner blijft binnen de uren per week en per dag",
)
HELPER_ELIGIBLE = Rule(
    5,
    "helper_eligible",
    "A helper is eligible for the request",
    "regel 5: de ondersteuner moet de aanvraag mogen doen (functie, vaardigheden, locatie, stagegroep)",
)
ALL_HANDS_OR_NONE = Rule(
    6,
    "all_hands_or_none",
    "A session has exactly `handen` different helpers or is not placed",
    "regel 6: een keer heeft precies zoveel verschillende ondersteuners als 'handen'",
)
PINS_KEPT = Rule(
    7,
    "pins_kept",
    "Pins are kept exactly",
    "regel 7: een vastgezette keer blijft precies staan",
)

RULES: tuple[Rule, ...] = (
    SESSION_INSIDE_WINDOW,
    DIFFERENT_DAYS,
    ONE_THING_AT_A_TIME,
    HELPER_CAPS,
    HELPER_ELIGIBLE,
    ALL_HANDS_OR_NONE,
    PINS_KEPT,
)
