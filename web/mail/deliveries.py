"""Recording each e-mail and sending them in a background thread; the outcome per recipient is kept.

A refused recipient (or an unreachable server) is recorded on that message; the others are still sent.
"""

from __future__ import annotations

import logging
import smtplib
import threading

from flask import Flask, current_app
from sqlalchemy import select

from planner.model import name_key
from web.db import db
from web.mail.messages import Message, Person
from web.mail.smtp import SmtpSettings, send_message, smtp_settings
from web.store.models import Helper, Teacher, User
from web.store.models_reach import MAIL_QUEUED, MAIL_REFUSED, MAIL_SENT, MailDelivery, utc_now

logger = logging.getLogger(__name__)

NOT_CONFIGURED = "Er is niets gemaild: er is geen mailserver ingesteld (HANDENPLANNER_SMTP_HOST)."


def people_with_address() -> list[Person]:
    """Every helper and teacher with an e-mail address: their own, else their account's."""
    accounts = list(db.session.scalars(select(User)))
    helper_accounts = {user.helper_id: user.email for user in accounts if user.helper_id}
    teacher_accounts = {user.teacher_id: user.email for user in accounts if user.teacher_id}
    people = [
        Person(row.name, row.email or helper_accounts.get(row.id, ""), True)
        for row in db.session.scalars(select(Helper).order_by(Helper.id))
    ]
    people += [
        Person(row.name, row.email or teacher_accounts.get(row.id, ""), False)
        for row in db.session.scalars(select(Teacher).order_by(Teacher.id))
    ]
    return sorted((p for p in people if p.address), key=lambda p: (not p.is_helper, name_key(p.name)))


def mail_in_background(messages: list[Message], occasion: str, run_id=None, absence_id=None) -> str:
    """Record the messages and send them in a background thread; a Dutch note for the planner."""
    settings = smtp_settings(current_app.config)
    if settings is None:
        return NOT_CONFIGURED
    if not messages:
        return "Er is niemand te mailen: dit verandert voor niemand met een e-mailadres iets."
    rows = [
        MailDelivery(
            occasion=occasion,
            run_id=run_id,
            absence_id=absence_id,
            recipient=message.person.name,
            address=message.person.address,
            subject=message.subject,
            body=message.body,
        )
        for message in messages
    ]
    db.session.add_all(rows)
    db.session.commit()
    app = current_app._get_current_object()
    ids = [row.id for row in rows]
    threading.Thread(target=_send_all, args=(app, settings, ids), name="handenplanner-mail", daemon=True).start()
    count = len(rows)
    return f"{count} {'e-mail wordt' if count == 1 else 'e-mails worden'} verstuurd; zie E-mail voor het resultaat."


def _send_all(app: Flask, settings: SmtpSettings, ids: list[int]) -> None:
    with app.app_context():
        for delivery_id in ids:
            row = db.session.get(MailDelivery, delivery_id)
            try:
                send_message(settings, row.address, row.subject, row.body)
                row.status, row.sent_at = MAIL_SENT, utc_now()
            except (smtplib.SMTPException, OSError) as error:
                logger.warning("mail to %s failed: %s", row.address, error)
                row.status, row.error_text = MAIL_REFUSED, _reason(error)
            db.session.commit()
        db.session.remove()


def _reason(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "De mailserver weigerde dit adres."
    if isinstance(error, smtplib.SMTPException):
        return f"De mailserver gaf een fout: {error}"
    return f"De mailserver was niet bereikbaar: {error}"


def recent_deliveries(limit: int = 200) -> list[MailDelivery]:
    return list(db.session.scalars(select(MailDelivery).order_by(MailDelivery.id.desc()).limit(limit)))


def waiting_count() -> int:
    return len(list(db.session.scalars(select(MailDelivery.id).where(MailDelivery.status == MAIL_QUEUED))))
