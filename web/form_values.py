"""What a value from a web form or URL may be before the database sees it: one place for the web.

Numbers are finite and within the core's ranges, whole numbers are ASCII digits only
(``str.isdigit`` accepts "²"), ids fit the database's integer column, texts fit their column
(the sizes come from the ``String(N)`` columns in ``web.store.models``) and hold no NUL byte.
The number ranges and the quoting of a bad value are the core's value rules (``planner.value_rules``,
through ``planner.services``), the same for workbook and web.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1
WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")  # 2^31−1 has 10 digits
DECIMAL_NUMBER = re.compile(r"-?[0-9]{1,9}([.,][0-9]{1,6})?")


def whole_number(text: str) -> int | None:
    """The number when ``text`` is plain ASCII digits (no sign, no "²", no "١"); otherwise None."""
    return int(text) if WHOLE_NUMBER.fullmatch(text) else None


def decimal_number(text: str) -> float | None:
    """A finite decimal written the Dutch way (``7,5``) or with a point; no nan, inf or exponent."""
    if not DECIMAL_NUMBER.fullmatch(text):
        return None
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) else None


def record_id(text: str) -> int | None:
    """An id from a form field: whole and within 1..2^31−1, else None (nothing to look up)."""
    number = whole_number(text)
    return number if number is not None and 1 <= number <= MAX_ID else None


def divides_hour(step: int) -> bool:
    """A time step must divide the hour, so every hour starts on the grid."""
    return step >= 1 and 60 % step == 0


def column_size(model: type, attribute: str) -> int | None:
    """The ``String(N)`` size of a model's column: the longest text it takes (None for ``Text``: no limit)."""
    return model.__table__.columns[attribute].type.length


def text_fault(text: str, size: int | None) -> str | None:
    """Why ``text`` cannot go into a column of ``size`` characters (Dutch), or None."""
    if "\x00" in text:
        return "bevat een ongeldig teken (NUL)"
    if size is not None and len(text) > size:
        return f"is {len(text)} tekens lang; hoogstens {size}"
    return None


def local_path(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site; otherwise ``fallback`` (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(char) < 32 for char in target):
        return fallback
    return target


class IdConverter(IntegerConverter):
    """``<int:...>`` in URLs: 1..2^31−1, so an id the database cannot hold is a 404, not a 500."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)
