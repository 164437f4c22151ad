"""Brute-force protection for logging in: counts of failed logins per e-mail address and per client.

Flask-Limiter keeps the counts. Both limits deduct only when the login view answers
``401`` (a failed login, see ``web.auth.views.login``); before the view runs they are
tested without deducting, so once a count is full every further login for that
e-mail address or from that client is refused with ``429`` before any password is
checked, right or wrong. The refusal is the same whether the address has an
account or not.

The counts live in ``RATELIMIT_STORAGE_URI`` (default ``memory://``: one count per
process). ``handenplanner serve`` may run several web processes (``WEB_PROCESSES``); each
then counts alone, so with the memory store each allows its share of the limit
(rounded up): together they allow about the limit, never the limit once per process.
A shared store such as ``redis://`` counts for all processes at once and keeps the
whole limit.
"""

from __future__ import annotations

import math

from flask import Flask, current_app, request
from flask.wrappers import Response
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.util import get_remote_address

LOGIN_ENDPOINT = "auth.login"
FAILED_LOGIN_STATUS = 401
FAILED_LOGINS_PER_EMAIL = 5
FAILED_LOGINS_PER_CLIENT = 20
LIMIT_WINDOW = "15 minutes"
EMAIL_SCOPE = "failed-logins-per-email"
CLIENT_SCOPE = "failed-logins-per-client"
MAX_EMAIL_LENGTH = 254  # RFC 5321; longer input must not make longer storage keys
EXTENSION_NAME = "login_limits"


def init_login_limits(app: Flask) -> None:
    """One limiter per app, so apps (and tests) never share counts."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    # A moving window never allows more than the limit within any 15 minutes (a fixed window
    # allows twice the limit around its edge); memcached lacks it and needs "fixed-window".
    app.config.setdefault("RATELIMIT_STRATEGY", "moving-window")
    processes = app.config.get("WEB_PROCESSES", 1) if app.config["RATELIMIT_STORAGE_URI"] == "memory://" else 1
    limiter = Limiter(key_func=get_remote_address, application_limits=failed_login_limits(processes))
    limiter.init_app(app)
    app.extensions[EXTENSION_NAME] = limiter


def failed_login_limits(processes: int = 1) -> list[ApplicationLimit]:
    """The limits one process keeps, when ``processes`` processes each count alone."""
    only_failed_logins = {"methods": ["POST"], "deduct_when": _login_failed}
    return [
        ApplicationLimit(
            _share(FAILED_LOGINS_PER_EMAIL, processes),
            key_function=submitted_email,
            scope=EMAIL_SCOPE,
            exempt_when=_not_a_login_with_email,
            **only_failed_logins,
        ),
        ApplicationLimit(
            _share(FAILED_LOGINS_PER_CLIENT, processes),
            key_function=get_remote_address,
            scope=CLIENT_SCOPE,
            exempt_when=_not_a_login,
            **only_failed_logins,
        ),
    ]


def submitted_email() -> str:
    """Case and surrounding spaces do not matter, as in ``web.auth.views.find_user``."""
    return request.form.get("email", "").strip().lower()[:MAX_EMAIL_LENGTH]


def forget_failed_logins_for_email() -> None:
    """After a successful login the e-mail address starts from zero again (the client's count stays)."""
    limiter: Limiter = current_app.extensions[EXTENSION_NAME]
    for checked in limiter.current_limits:
        if checked.request_args[-1] == EMAIL_SCOPE:
            limiter.limiter.clear(checked.limit, *checked.request_args)


def _not_a_login() -> bool:
    return request.endpoint != LOGIN_ENDPOINT


def _not_a_login_with_email() -> bool:
    """Without an e-mail address there is no account to protect; the client's count still applies."""
    return _not_a_login() or not submitted_email()


def _share(failed_logins: int, processes: int) -> str:
    return f"{math.ceil(failed_logins / max(1, processes))} per {LIMIT_WINDOW}"


def _login_failed(response: Response) -> bool:
    return response.status_code == FAILED_LOGIN_STATUS
