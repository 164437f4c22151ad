"""The school's version: a number the database itself draws anew on every change to the school's data.

Pages at a thousand requests spend most of their time turning the same rows into the same ``School``
and working out the same figures from it. A number that changes whenever the school does lets a web
process keep what it worked out (``web.store.kept``) and know, with one small query, when it is stale.

The number is changed by triggers in the database, not by the application: every way a row changes
counts, from any process (the web, the worker, a command, a SQL session by hand), bulk statements and
imports included. PostgreSQL changes it once per transaction, at its commit; SQLite, which has neither
deferred nor statement triggers, once per row (its writers take turns anyway). Each change draws a
random number rather than counting up, so a number never comes back with other rows behind it: not
after a rolled-back change, not in another database, not after a backup is put back. Tables whose
rows are not the school (accounts, runs and their progress, kept workbooks) have no trigger, so a
run's progress does not make the pages work everything out again.

There are two numbers. ``SCHOOL`` changes with every school table; ``SETUP`` with every school table
but the requests: what a teacher's request is checked against (helpers, tasks, school days, settings)
stays kept while twenty teachers submit at once.

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

SCHOOL = 1  # the version of everything in SCHOOL_TABLES
SETUP = 2  # the version of SCHOOL_TABLES but the requests
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
REQUESTS_TABLE = "requests"
_SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")
_NEW_VERSION = {
    "postgresql": "UPDATE school_version SET version = floor(random() * 4e18)::bigint",
    "sqlite": "UPDATE school_version SET version = random() / 4",
}
_ONLY_SCHOOL = f" WHERE id = {SCHOOL}"  # a request changes the school, not its setup
_CHANGED_SETTING = "handenplanner.school_version_changed"  # what this transaction changed already


class SchoolVersion(Base):
    """A version (``SCHOOL`` or ``SETUP``): a random number, drawn anew on every change."""

    __tablename__ = "school_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, nullable=False)


def read_versions(session: Session) -> dict[int, int]:
    """Both versions as this transaction sees them, by id (a missing row: nothing of it may be kept)."""
    return {row.id: row.version for row in session.execute(select(SchoolVersion.id, SchoolVersion.version))}


def install_version_triggers(connection: Connection) -> None:
    """The version rows and a trigger on every school table (again: each statement replaces what was there)."""
    ensure_version_rows(connection)
    if connection.dialect.name == "postgresql":
        _install_postgresql_triggers(connection)
    else:
        _install_sqlite_triggers(connection)


def ensure_version_rows(connection: Connection) -> None:
    """Both version rows, each with a new random number when it was missing."""
    connection.execute(text(f"DELETE FROM school_version WHERE id NOT IN ({SCHOOL}, {SETUP})"))
    present = set(connection.scalars(text("SELECT id FROM school_version")))
    for version_id in {SCHOOL, SETUP} - present:
        connection.execute(
            text("INSERT INTO school_version (id, version) VALUES (:id, :version)"),
            {"id": version_id, "version": secrets.randbits(62)},
        )


def _install_postgresql_triggers(connection: Connection) -> None:
    """Deferred row triggers: the versions change at commit, once per transaction, so the row lock that the
    change takes is held for the commit alone, not for the whole transaction of a teacher's submit (every
    submit would wait for the one before). TRUNCATE has statement triggers only."""
    new_version = _NEW_VERSION["postgresql"]
    connection.execute(
        text(
            "CREATE OR REPLACE FUNCTION change_school_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"DECLARE scope text := CASE WHEN TG_TABLE_NAME = '{REQUESTS_TABLE}' THEN 'school' ELSE 'all' END; "
            f"done text := coalesce(current_setting('{_CHANGED_SETTING}', true), ''); "
            "BEGIN IF done = 'all' OR done = scope THEN RETURN NULL; END IF; "
            f"IF scope = 'school' THEN {new_version}{_ONLY_SCHOOL}; ELSE {new_version}; END IF; "
            f"PERFORM set_config('{_CHANGED_SETTING}', scope, true); RETURN NULL; END $$"
        )
    )
    for table in SCHOOL_TABLES:
        _drop_postgresql_triggers(connection, table)
        connection.execute(
            text(
                f'CREATE CONSTRAINT TRIGGER change_school_version AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_school_version()"
            )
        )
        connection.execute(
            text(
                f'CREATE TRIGGER change_school_version_truncate AFTER TRUNCATE ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION change_school_version()"
            )
        )


def _drop_postgresql_triggers(connection: Connection, table: str) -> None:
    for name in ("change_school_version", "change_school_version_truncate"):
        connection.execute(text(f'DROP TRIGGER IF EXISTS {name} ON "{table}"'))


def _install_sqlite_triggers(connection: Connection) -> None:
    for table in SCHOOL_TABLES:
        new_version = _NEW_VERSION["sqlite"] + (_ONLY_SCHOOL if table == REQUESTS_TABLE else "")
        for change in _SQLITE_EVENTS:
            name = _sqlite_trigger_name(table, change)
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
            connection.execute(text(f'CREATE TRIGGER {name} AFTER {change} ON "{table}" BEGIN {new_version}; END'))


def remove_version_triggers(connection: Connection) -> None:
    """The triggers gone (the version row goes with its table)."""
    if connection.dialect.name == "postgresql":
        for table in SCHOOL_TABLES:
            _drop_postgresql_triggers(connection, table)
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
