"""Dutch error pages: a user never sees a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException

ERROR_TEXTS = {
    400: ("Ongeldig verzoek", "Het formulier of verzoek klopt niet. Ga terug en probeer het opnieuw."),
    403: ("Geen toegang", "U heeft geen toegang tot deze pagina."),
    404: ("Niet gevonden", "Deze pagina bestaat niet (meer)."),
    405: ("Niet toegestaan", "Deze handeling is hier niet mogelijk."),
    413: (
        "Bestand te groot",
        "Het bestand is te groot. Een werkmap mag hoogstens 5 MB zijn; er is niets gewijzigd.",
    ),
    500: (
        "Er ging iets mis",
        "Er ging intern iets mis. Probeer het opnieuw; blijft het misgaan, meld het dan bij de beheerder.",
    ),
}


def render_error(status: int, message: str | None = None):
    title, text = ERROR_TEXTS.get(status, ERROR_TEXTS[500])
    try:
        return render_template("errors/error.html", status=status, title=title, message=message or text), status
    except Exception:  # e.g. the database is down while rendering the menu: still no trace
        logging.getLogger(__name__).exception("foutpagina kon niet worden opgebouwd")
        title, text = escape(title), escape(message or text)
        body = f"<!doctype html><html lang=nl><title>{title}</title><h1>{title}</h1><p>{text}</p>"
        return body, status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400, "Het formulier is verlopen of ongeldig (beveiligingscode ontbreekt). Laad de pagina opnieuw."
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        return render_error(status if status in ERROR_TEXTS else 500)

    @app.errorhandler(Exception)
    def internal_error(error: Exception):
        logging.getLogger(__name__).exception("interne fout")
        return render_error(500)
