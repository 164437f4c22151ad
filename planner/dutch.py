"""Dutch words a user reads: a count with the right noun form, a number with a decimal comma, a list with "en"."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str) -> str:
    """``1 aanvraag``, ``0 aanvragen``, ``1.250 aanvragen``: the count (with thousands dots) and the noun that fits
    it."""
    return f"{thousands(count)} {singular if count == 1 else plural_form}"


def decimal(value: float, digits: int = 1) -> str:
    """A number with a Dutch decimal comma and at most ``digits`` decimals: ``57.24`` → ``57,2``, ``4.0`` → ``4``."""
    text = f"{value:.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", ",")


def thousands(number: int) -> str:
    """A whole number with Dutch thousands dots: ``19990`` → ``19.990``."""
    return f"{number:,}".replace(",", ".")


def join_dutch(items: list[str] | tuple[str, ...]) -> str:
    """``a``, ``a en b``, ``a, b en c`` (each item once)."""
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
