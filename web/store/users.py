"""Creating accounts: used by the planner's accounts page, the ``create-user`` command and the demo."""

from __future__ import annotations

import secrets

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from planner.model import name_key
from planner.services import quoted
from web.db import db
from web.form_values import column_size, text_fault
from web.store.models import ROLE_HELPER, ROLE_TEACHER, USER_ROLES, Helper, Teacher, User

MIN_PASSWORD_LENGTH = 8


class AccountError(ValueError):
    """The account cannot be created as asked; the text is Dutch."""


def generate_password() -> str:
    """A one-time initial password, readable aloud (no 0/O, 1/l confusion)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def find_teacher(name: str) -> Teacher | None:
    return next((t for t in db.session.scalars(select(Teacher)) if name_key(t.name) == name_key(name)), None)


def find_helper(name: str) -> Helper | None:
    return next((h for h in db.session.scalars(select(Helper)) if name_key(h.name) == name_key(name)), None)


def create_user(
    email: str,
    role: str,
    name: str,
    password: str,
    teacher: Teacher | None = None,
    helper: Helper | None = None,
) -> User:
    """Add a user to the session (the caller commits); raises AccountError with a Dutch text."""
    email = email.strip()
    if "@" not in email or len(email) < 3 or text_fault(email, column_size(User, "email")):
        raise AccountError(f"'{quoted(email)}' is geen geldig e-mailadres.")
    name_fault = text_fault(name, column_size(User, "name"))
    if name_fault:
        raise AccountError(f"De naam {name_fault}.")
    if role not in USER_ROLES:
        raise AccountError("De rol moet planner, teacher (leerkracht) of helper (ondersteuner) zijn.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn.")
    if db.session.scalars(select(User.id).where(func.lower(User.email) == email.lower())).first():
        raise AccountError(f"Er is al een account met e-mailadres {email}.")
    if role == ROLE_TEACHER and teacher is None:
        raise AccountError("Koppel een leerkrachtaccount aan een leerkracht van de school.")
    if role == ROLE_HELPER and helper is None:
        raise AccountError("Koppel een ondersteunersaccount aan een ondersteuner van de school.")
    user = User(
        email=email,
        role=role,
        name=name.strip() or (teacher.name if teacher else helper.name if helper else email),
        password_hash=hash_password(password),
        teacher=teacher if role == ROLE_TEACHER else None,
        helper=helper if role == ROLE_HELPER else None,
    )
    db.session.add(user)
    return user


def set_password(user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn.")
    user.password_hash = hash_password(password)


def hash_password(password: str) -> str:
    """werkzeug's default (scrypt) unless the app sets ``PASSWORD_HASH_METHOD`` (tests use a cheap one)."""
    return generate_password_hash(password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))
