"""E-mail on publishing and on a passed-on absence, against a real SMTP server (aiosmtpd) started here.

Seeded school: Anna teaches 5 (request 1), Bram teaches 6 (request 2); helpers Carla and Daan. Daan has no
e-mail address of his own and no account, so he is never mailed.
"""

from __future__ import annotations

import datetime as dt
import socket
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from web.db import db
from web.store.models import Helper
from web.store.models_plan import AbsenceRecord, PlanRun
from web.store.models_reach import MAIL_QUEUED, MailDelivery

from .conftest import publish_plan
from .publishing import publish

REFUSED = "bram@school.nl"
CARLA_MONDAY = {"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585}
CARLA_TUESDAY = {"request_id": "2", "helpers": ["Carla"], "day": "di", "start": 600, "end": 630}


@pytest.fixture
def backend() -> str:
    """No backend-specific SQL here: SQLite only keeps the suite fast (see conftest)."""
    return "sqlite"


class Mailbox:
    """An aiosmtpd handler: keeps every message per recipient and refuses one address."""

    def __init__(self) -> None:
        self.messages: dict[str, list[EmailMessage]] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        if address == REFUSED:
            return "550 5.1.1 unknown mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        for address in envelope.rcpt_tos:
            self.messages.setdefault(address, []).append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox(app):
    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(
        HANDENPLANNER_SMTP_HOST="127.0.0.1",
        HANDENPLANNER_SMTP_PORT=str(controller.port),
        HANDENPLANNER_SMTP_STARTTLS="nee",
        HANDENPLANNER_SMTP_FROM="planner@school.nl",
    )
    yield handler
    controller.stop()


def outcomes(app) -> dict[str, tuple[str, str]]:
    """(status, subject) per recipient once the background thread is done."""
    deadline = time.monotonic() + 20
    with app.app_context():
        while True:
            rows = list(db.session.scalars(db.select(MailDelivery)))
            if all(row.status != MAIL_QUEUED for row in rows) or time.monotonic() > deadline:
                return {row.recipient: (row.status, row.subject) for row in rows}
            db.session.expire_all()
            time.sleep(0.05)


def body(mailbox: Mailbox, address: str) -> str:
    [message] = mailbox.messages[address]
    return message.get_content()


def test_publishing_mails_each_person_only_their_changes_and_week(app, clients, seeded, mailbox):
    old = publish_plan(app, [CARLA_MONDAY])
    with app.app_context():
        db.session.get(Helper, seeded.helper_id).email = ""  # Carla: her account's address is used
        db.session.commit()
    new = publish_plan(app, [CARLA_MONDAY, CARLA_TUESDAY])
    with app.app_context():  # the newest run is not published yet: the planner publishes it
        db.session.get(PlanRun, new).published_at = None
        db.session.commit()
    response = publish(clients["planner"], new)
    assert "2 e-mails worden verstuurd" in response.get_data(as_text=True)
    # request 2 (Bram's, Tuesday) is new: Carla and Bram are concerned, Anna's week is unchanged
    assert outcomes(app) == {
        "Carla": ("verzonden", "Nieuw rooster: uw wijzigingen"),
        "Bram Jansen": ("geweigerd", "Nieuw rooster: uw wijzigingen"),
    }
    carla = body(mailbox, "carla@school.nl")
    assert "- nieuw: dinsdag 10:00–10:30: 2 (leesbegeleiding, groep 6)" in carla
    assert "- maandag 9:00–9:45: 1 (basisgroep overnemen, groep 5)" in carla  # her week, not a change
    assert "anna@school.nl" not in mailbox.messages and old != new
    page = clients["planner"].get("/planner/e-mail").get_data(as_text=True)
    assert "niet verzonden" in page and "De mailserver weigerde dit adres." in page


def test_a_passed_on_absence_mails_the_helpers_and_teachers_concerned(app, clients, seeded, mailbox):
    run_id = publish_plan(app, [CARLA_MONDAY, CARLA_TUESDAY])
    with app.app_context():
        # Carla is absent on Monday 7 December: nobody takes request 1 over (it lapses)
        planned = {"helpers": ["Carla"], "start": 540, "end": 585}
        changes = [{"request_id": "1", "planned": planned, "now": None}]
        record = AbsenceRecord(helper="Carla", date=dt.date(2026, 12, 7), run_id=run_id, changes=changes)
        record.absent_sessions = 1
        db.session.add(record)
        db.session.commit()
        record_id = record.id
    clients["planner"].post("/planner/afwezigheid/doorgeven", data={"id": record_id})
    # Carla (absent) and Anna (her request 1 lapses) are concerned; Bram's request 2 is on Tuesday
    assert outcomes(app) == {
        "Carla": ("verzonden", "Wijziging op maandag 7 december 2026"),
        "Anna de Vries": ("verzonden", "Wijziging op maandag 7 december 2026"),
    }
    assert "9:00–9:45: 1 (basisgroep overnemen, groep 5) gaat niet door" in body(mailbox, "anna@school.nl")
    assert "U bent afgemeld." in body(mailbox, "carla@school.nl")


def test_without_smtp_settings_the_page_says_nothing_was_mailed(app, clients, seeded):
    run_id = publish_plan(app, [CARLA_MONDAY])
    with app.app_context():  # stored as a concept, then published by the planner through the confirmation
        db.session.get(PlanRun, run_id).published_at = None
        db.session.commit()
    response = publish(clients["planner"], run_id)
    assert "Er is niets gemaild" in response.get_data(as_text=True)
    assert "Er is niets gemaild" in clients["planner"].get("/planner/e-mail").get_data(as_text=True)
    assert outcomes(app) == {}
