"""Calendar subscriptions: a secret token per user, of which only the SHA-256 is kept."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, select

from web.db import db
from web.store.models import User
from web.store.models_reach import CalendarFeed


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def renew_feed(user: User) -> str:
    """A new secret token for the user; the old address stops working."""
    token = secrets.token_urlsafe(32)
    db.session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == user.id))
    db.session.add(CalendarFeed(user_id=user.id, token_hash=_hash(token)))
    db.session.commit()
    return token


def revoke_feed(user: User) -> None:
    db.session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == user.id))
    db.session.commit()


def feed_of(user: User) -> CalendarFeed | None:
    return db.session.scalars(select(CalendarFeed).where(CalendarFeed.user_id == user.id)).first()


def user_of_token(token: str) -> User | None:
    feed = db.session.scalars(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token))).first()
    return db.session.get(User, feed.user_id) if feed else None
