"""The value conventions of the workbook contract: one parser per kind of cell.

Each parser takes a raw cell value (what openpyxl gives) and returns the model's
value, or raises ``CellError`` whose text is the Dutch phrase that follows the
value found, e.g. ``is geen geldige tijd; verwacht een tijd zoals 8:30``.
Blank cells never reach a parser: the caller applies the column's default.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from planner.model import ROLES, Priority
from planner.timegrid import parse_day, parse_day_list, parse_time


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
    """Free text or a name; a number typed in a name cell (group ``5``) becomes ``"5"``."""
    _reject_formula(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise CellError("is een datum of tijd; verwacht tekst")
    return str(value).strip()


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


def parse_time_cell(value: object) -> int:
    _reject_formula(value)
    if isinstance(value, str):
        value = value.strip()
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
        return int(value) if float(value).is_integer() else None
    match = _MINUTES_TEXT.match(str(value).strip().lower())
    return int(match.group(1)) if match else None


def parse_whole_number(value: object) -> int:
    _reject_formula(value)
    number = _number(value)
    if number is None or not number.is_integer():
        raise CellError("is geen geheel getal; verwacht bijv. 2")
    return int(number)


def parse_positive_whole_number(value: object) -> int:
    number = parse_whole_number(value)
    if number < 1:
        raise CellError("moet minstens 1 zijn")
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


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


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
