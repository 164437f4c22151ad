"""The value conventions of the workbook contract: one parser per kind of cell.

Each parser takes a raw cell value (what openpyxl gives) and returns the model's
value, or raises ``CellError`` whose text is the Dutch phrase that follows the
value found, e.g. ``is geen geldige tijd; verwacht een tijd zoals 8:30``.
Blank cells never reach a parser: the caller applies the column's default.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from planner import value_rules
from planner.model import ROLES, Priority
from planner.timegrid import parse_day, parse_day_list, parse_time
from planner.value_rules import NumberRule, TextRule


class CellError(ValueError):
    """A cell value that does not follow the contract; the text is Dutch."""


@dataclass(frozen=True)
class FormulaCell:
    """A formula whose result was never calculated (openpyxl gives no value)."""

    formula: str

    def __str__(self) -> str:
        return self.formula


FORMULA_EXPECTED = "is een formule zonder berekende uitkomst; vul de waarde zelf in (geen formule)"

_TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x"})
_FALSE_WORDS = frozenset({"nee", "n", "no", "false", "onwaar", "0"})
_PRIORITY_WORDS = {"hoog": Priority.HOOG, "middel": Priority.MIDDEL, "laag": Priority.LAAG}
_PRIORITY_NUMBERS = {1: Priority.HOOG, 2: Priority.MIDDEL, 3: Priority.LAAG}
_LIST_SEPARATORS = re.compile(r"[,;]")
_MINUTES_TEXT = re.compile(r"^(\d+)\s*(?:min(?:uten|uut)?\.?)?$")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y", "%d/%m/%y")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _reject_formula(value: object) -> None:
    if isinstance(value, FormulaCell):
        raise CellError(FORMULA_EXPECTED)


def parse_text(value: object) -> str:
    """Free text or a name; a number typed in a name cell (group ``5``) becomes ``"5"``.

    Any text fits the longest text the database keeps; ``text_within`` sets a column's own limit.
    """
    return _checked(_plain_text(value), value_rules.LONG_TEXT)


def text_within(rule: TextRule) -> Callable[[object], str]:
    """A parser for a text column whose database column holds at most ``rule.max_length`` characters."""

    def parse_limited_text(value: object) -> str:
        return _checked(_plain_text(value), rule)

    return parse_limited_text


def _plain_text(value: object) -> str:
    _reject_formula(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise CellError("is een datum of tijd; verwacht tekst")
    return str(value).strip()


def _checked(text: str, rule: TextRule) -> str:
    fault = rule.fault(text)
    if fault is not None:
        raise CellError(fault)
    return text


def parse_text_list(value: object) -> tuple[str, ...]:
    """Comma or semicolon separated items, surrounding spaces ignored."""
    text = parse_text(value)
    return tuple(item.strip() for item in _LIST_SEPARATORS.split(text) if item.strip())


def parse_day_cell(value: object) -> str:
    _reject_formula(value)
    try:
        return parse_day(value)
    except ValueError as error:
        raise CellError(f"is geen geldige dag; {error}") from None


def parse_day_list_cell(value: object) -> tuple[str, ...]:
    _reject_formula(value)
    try:
        return parse_day_list(parse_text(value))
    except ValueError as error:
        raise CellError(f"is geen geldige lijst dagen; {error}") from None


TIME_NUMBER_EXPECTED = "is een getal, geen tijd; typ de tijd met een dubbele punt, zoals 8:30"


def parse_time_cell(value: object) -> int:
    """A time; a number counts only as Excel's fraction of a day (0,375 is 9:00), as a time cell holds it."""
    _reject_formula(value)
    if isinstance(value, str):
        value = value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool) and not (0 <= value < 1):
        raise CellError(TIME_NUMBER_EXPECTED)
    try:
        return parse_time(value)
    except ValueError as error:
        raise CellError(f"is geen geldige tijd; {error}") from None


def parse_minutes(value: object) -> int:
    """A duration in whole minutes, as a number or text (``45``, ``45 min``), greater than 0."""
    _reject_formula(value)
    minutes = _whole_minutes(value)
    if minutes is None:
        raise CellError("is geen geheel aantal minuten; verwacht bijv. 45")
    if minutes <= 0:
        raise CellError("moet groter dan 0 minuten zijn")
    return minutes


def _whole_minutes(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.time):
        # 0:45 typed in a duration cell becomes an Excel time
        return value.hour * 60 + value.minute
    if isinstance(value, int | float):
        number = _finite_float(value)
        return int(number) if number is not None and number.is_integer() else None
    match = _MINUTES_TEXT.match(str(value).strip().lower())
    return int(match.group(1)) if match else None


def parse_whole_number(value: object) -> int:
    _reject_formula(value)
    number = _number(value)
    if number is None or not number.is_integer():
        raise CellError("is geen geheel getal; verwacht bijv. 2")
    return int(number)


def parse_decimal(value: object) -> float:
    """A number with a decimal point or comma, e.g. ``30`` or ``12,5``."""
    _reject_formula(value)
    number = _number(value)
    if number is None:
        raise CellError("is geen getal; verwacht bijv. 30 of 12,5")
    return number


def parse_hours(value: object) -> float:
    """Hours with a decimal point or comma (``7,5``), not negative."""
    _reject_formula(value)
    number = _number(value)
    if number is None:
        raise CellError("is geen getal; verwacht een aantal uren, bijv. 7,5")
    if number < 0:
        raise CellError("mag niet negatief zijn")
    return number


def within(parse: Callable[[object], float], rule: NumberRule) -> Callable[[object], float]:
    """``parse``, then the value rule: a finite number in the rule's range."""

    def parse_within(value: object) -> float:
        number = parse(value)
        fault = rule.fault(number)
        if fault is not None:
            raise CellError(fault)
        return number

    return parse_within


def _finite_float(value: int | float) -> float | None:
    """``None`` for nan, infinity and whole numbers too large for a float (a cell may hold ``10**400``)."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _number(value: object) -> float | None:
    """A finite number from a number cell or plain digits in a text cell."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _finite_float(value)
    if not isinstance(value, str):
        return None
    return value_rules.parse_number(value)


def parse_boolean(value: object) -> bool:
    _reject_formula(value)
    if isinstance(value, bool):
        return value
    word = parse_text(value).lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise CellError("is geen ja/nee; verwacht ja of nee (of j/n, yes/no, true/false, 1/0, x)")


def parse_priority(value: object) -> Priority:
    _reject_formula(value)
    number = None if isinstance(value, str) and not value.strip().isdigit() else _number(value)
    if number is not None and number in _PRIORITY_NUMBERS:
        return _PRIORITY_NUMBERS[int(number)]
    word = parse_text(value).lower()
    if word in _PRIORITY_WORDS:
        return _PRIORITY_WORDS[word]
    raise CellError("is geen geldige prioriteit; verwacht hoog, middel of laag (of 1, 2, 3)")


def parse_role(value: object) -> str:
    word = parse_text(value).lower()
    if word in ROLES:
        return word
    raise CellError("is geen bekende functie; verwacht " + ", ".join(ROLES))


def parse_role_list(value: object) -> tuple[str, ...]:
    roles = []
    for item in parse_text_list(value):
        word = item.lower()
        if word not in ROLES:
            raise CellError(f"bevat een onbekende functie '{item}'; verwacht " + ", ".join(ROLES))
        if word not in roles:
            roles.append(word)
    return tuple(roles)


def parse_date(value: object) -> dt.date:
    _reject_formula(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = parse_text(value)
    for date_format in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise CellError("is geen geldige datum; verwacht bijv. 31-01-2027 of 2027-01-31")
