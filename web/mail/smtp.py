"""The SMTP server, from the environment (``HANDENPLANNER_SMTP_*``), and sending one message.

Without ``HANDENPLANNER_SMTP_HOST`` nothing is mailed; the planner's page says so.
"""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

SMTP_KEYS = tuple(f"HANDENPLANNER_SMTP_{name}" for name in ("HOST", "PORT", "USER", "PASSWORD", "FROM", "STARTTLS"))
SMTP_TIMEOUT_S = 30


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    sender: str
    starttls: bool


def smtp_settings(config: Mapping[str, object]) -> SmtpSettings | None:
    """The server from the app config (copied from the environment by ``create_app``), or None."""
    host = str(config.get("HANDENPLANNER_SMTP_HOST") or "").strip()
    if not host:
        return None
    starttls = str(config.get("HANDENPLANNER_SMTP_STARTTLS") or "ja").strip().lower() in ("ja", "1", "true", "yes")
    user = str(config.get("HANDENPLANNER_SMTP_USER") or "")
    return SmtpSettings(
        host=host,
        port=int(config.get("HANDENPLANNER_SMTP_PORT") or (587 if starttls else 25)),
        user=user,
        password=str(config.get("HANDENPLANNER_SMTP_PASSWORD") or ""),
        sender=str(config.get("HANDENPLANNER_SMTP_FROM") or user or f"handenplanner@{host}"),
        starttls=starttls,
    )


def send_message(settings: SmtpSettings, address: str, subject: str, body: str) -> None:
    """Send one plain-text message; an ``smtplib.SMTPException`` or ``OSError`` tells why it failed."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = address
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_S) as server:
        if settings.starttls:
            server.starttls()
        if settings.user:
            server.login(settings.user, settings.password)
        server.send_message(message)
