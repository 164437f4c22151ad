"""Database rows for what reaches people: the school's days off, calendar subscriptions and mail sent.

A calendar subscription keeps only the SHA-256 of its secret token: the address is shown once
when made or renewed, and a stolen database does not open anyone's calendar.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from web.db import Base
from web.store.models_plan import utc_now

MAIL_PUBLISH = "publicatie"
MAIL_ABSENCE = "afwezigheid"
MAIL_QUEUED = "wacht"
MAIL_SENT = "verzonden"
MAIL_REFUSED = "geweigerd"


class DaysOffRow(Base):
    """A holiday or a study day of the school (``Vrije dagen``): ``first`` to ``last``, both included."""

    __tablename__ = "days_off"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first: Mapped[dt.date] = mapped_column(Date)
    last: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(200), default="")


class CalendarFeed(Base):
    """A user's calendar subscription: the hash of its secret token; renewing replaces the row."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class MailDelivery(Base):
    """One e-mail to one person about a publication or a passed-on absence, and how it went."""

    __tablename__ = "mail_delivery"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occasion: Mapped[str] = mapped_column(String(16))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("plan_run.id", ondelete="CASCADE"), index=True)
    absence_id: Mapped[int | None] = mapped_column(ForeignKey("absence.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=MAIL_QUEUED)
    error_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
