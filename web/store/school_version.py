"""The school's version: a number the database itself raises on every change to the school's data.

Pages at a thousand requests spend most of their time turning the same rows into the same ``School``
and working out the same figures from it. A number that changes whenever the school does lets a web
process keep what it worked out (``web.store.kept``) and know, with one small query, when it is stale.

The number is changed by triggers in the database, not by the application: every way a row changes
counts, from any process (the web, the worker, a command, a SQL session by hand), bulk statements and
imports included. PostgreSQL changes it once per statement; SQLite, which has row triggers only, once
per row. Each change draws a random number rather than counting up, so a number never comes back with
other rows behind it: not after a rolled-back change, not in another database, not after a backup is
put back. Tables whose rows are not the school (accounts, runs and their progress, kept workbooks) have
no trigger, so a run's progress does not make the pages work everything out again.

The triggers are made with the schema (``create_all``, for tests and new databases) and by the
migration that added them. A later SQLite migration that rebuilds one of these tables
(``batch_alter_table``) drops its triggers: it must call ``install_version_triggers`` again;
``tests/web/test_school_version.py`` checks a migrated database.
"""

from __future__ import annotations

import secrets

from sqlalchemy import BigInteger, Connection, Integer, event, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from web.db import Base

SCHOOL_VERSION_ID = 1
# Every table a page's figures come from, besides the runs themselves.
SCHOOL_TABLES = (
    "school_settings",
    "school_days",
    "groups",
    "teacher_groups",
    "teachers",
    "helpers",
    "availability",
    "tasks",
    "requests",
    "plan_pin",
    "days_off",
    "absence",
)
_SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")
_NEW_VERSION = {
    "postgresql": "UPDATE school_version SET version = floor(random() * 4e18)::bigint",
    "sqlite": "UPDATE school_version SET version = random() / 4",
}


class SchoolVersion(Base):
    """The single row with the school's version: a random number, drawn anew on every change."""

    __tablename__ = "school_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, nullable=False)


def read_school_version(session: Session) -> int | None:
    """The version as this transaction sees it; None when the row is missing (nothing may be kept then)."""
    return session.scalar(select(SchoolVersion.version).where(SchoolVersion.id == SCHOOL_VERSION_ID))


def install_version_triggers(connection: Connection) -> None:
    """The version row and a trigger on every school table (again: each statement replaces what was there)."""
    ensure_version_row(connection)
    if connection.dialect.name == "postgresql":
        _install_postgresql_triggers(connection)
    else:
        _install_sqlite_triggers(connection)


def ensure_version_row(connection: Connection) -> None:
    """The single version row, with a new random number when it was missing."""
    connection.execute(text(f"DELETE FROM school_version WHERE id <> {SCHOOL_VERSION_ID}"))
    if connection.scalar(text(f"SELECT count(*) FROM school_version WHERE id = {SCHOOL_VERSION_ID}")) == 0:
        connection.execute(
            text("INSERT INTO school_version (id, version) VALUES (:id, :version)"),
            {"id": SCHOOL_VERSION_ID, "version": secrets.randbits(62)},
        )


def _install_postgresql_triggers(connection: Connection) -> None:
    connection.execute(
        text(
            "CREATE OR REPLACE FUNCTION change_school_version() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {_NEW_VERSION['postgresql']}; RETURN NULL; END $$"
        )
    )
    for table in SCHOOL_TABLES:
        connection.execute(text(f'DROP TRIGGER IF EXISTS change_school_version ON "{table}"'))
        connection.execute(
            text(
                f'CREATE TRIGGER change_school_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION change_school_version()"
            )
        )


def _install_sqlite_triggers(connection: Connection) -> None:
    for table in SCHOOL_TABLES:
        for change in _SQLITE_EVENTS:
            name = _sqlite_trigger_name(table, change)
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
            new_version = _NEW_VERSION["sqlite"]
            connection.execute(text(f'CREATE TRIGGER {name} AFTER {change} ON "{table}" BEGIN {new_version}; END'))


def remove_version_triggers(connection: Connection) -> None:
    """The triggers gone (the version row goes with its table)."""
    if connection.dialect.name == "postgresql":
        for table in SCHOOL_TABLES:
            connection.execute(text(f'DROP TRIGGER IF EXISTS change_school_version ON "{table}"'))
        connection.execute(text("DROP FUNCTION IF EXISTS change_school_version()"))
        return
    for table in SCHOOL_TABLES:
        for change in _SQLITE_EVENTS:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {_sqlite_trigger_name(table, change)}"))


def _sqlite_trigger_name(table: str, change: str) -> str:
    return f"change_school_version_{table}_{change.lower()}"


@event.listens_for(Base.metadata, "after_create")
def _install_after_create(target, connection: Connection, **kw) -> None:
    if all(table in target.tables for table in (*SCHOOL_TABLES, "school_version")):
        install_version_triggers(connection)
