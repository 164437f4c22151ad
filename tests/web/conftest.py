"""Shared web fixtures: an app per database backend, a small seeded school, logged-in clients per role.

Every test that uses ``app`` runs on SQLite (a file in tmp_path) and on
PostgreSQL when ``TEST_DATABASE_URL`` is set (CI sets it); without it the
PostgreSQL variant skips locally and fails in CI (``tests.tools.require``).
Each test starts from an empty database with the seeded school.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass

import pytest
from sqlalchemy import text

from planner import model
from planner.model import AvailabilityBlock, Priority
from tests.tools import require
from web import create_app
from web.db import db
from web.store.convert import replace_school
from web.store.school_version import ensure_version_rows
from web.store.users import create_user, find_helper, find_teacher

PASSWORD = "geheim-wachtwoord-1"
BACKENDS = ("sqlite", "postgresql")


def seed_school() -> model.School:
    """Two teachers (A teaches 5, B teaches 6), two helpers, one request each, a task list."""
    return model.School(
        school_days=(model.SchoolDay("ma", 510, 870), model.SchoolDay("di", 510, 870), model.SchoolDay("wo", 510, 735)),
        groups=(model.Group("5"), model.Group("6", "Dependance")),
        teachers=(
            model.Teacher("Anna de Vries", ("5",), "anna@school.nl"),
            model.Teacher("Bram Jansen", ("6",), "bram@school.nl"),
        ),
        helpers=(
            model.Helper(
                "Carla",
                "onderwijsassistent",
                8.0,
                (AvailabilityBlock("ma", 510, 720), AvailabilityBlock("di", 510, 720)),
                skills=("rekenen",),
            ),
            model.Helper("Daan", "stagiaire", 4.0, (AvailabilityBlock("wo", 510, 735),), placement_groups=("6",)),
        ),
        requests=(
            model.Request(
                "1",
                "Anna de Vries",
                "5",
                "basisgroep overnemen",
                2,
                45,
                540,
                660,
                subject="rekenen",
                goal="Tafels 1-10 automatiseren",
                priority=Priority.HOOG,
            ),
            model.Request("2", "Bram Jansen", "6", "leesbegeleiding", 1, 30, 540, 570, subject="lezen"),
        ),
        tasks=(model.Task("basisgroep overnemen", ("onderwijsassistent", "klassenassistent")),),
        settings=model.Settings(school_name="De Proefschool"),
    )


@dataclass(frozen=True)
class Seeded:
    """Ids of the seeded objects, for URL parameters."""

    request_a_id: int
    request_b_id: int
    teacher_a_id: int
    helper_id: int


def _database_url(backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    url = os.environ.get("TEST_DATABASE_URL", "")
    require(bool(url), "a PostgreSQL server (env TEST_DATABASE_URL)")
    return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url


def make_app(tmp_path, backend: str = "sqlite", template=None, **config):
    """An app on an empty database; ``template`` is an empty SQLite file with the schema, copied (fast)."""
    url = _database_url(backend, tmp_path)
    if backend == "sqlite" and template is not None:
        shutil.copyfile(template, tmp_path / "test.sqlite")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast; production keeps scrypt
            **config,
        }
    )
    if template is None or backend != "sqlite":
        with app.app_context():
            reset_database(full=template is None)
    return app


def reset_database(full: bool = True) -> None:
    """Empty every table: TRUNCATE on PostgreSQL (fast), or drop and create the whole schema."""
    if not full and db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            ensure_version_rows(connection)
        return
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.create_all()


def seed(app) -> Seeded:
    from web.store.models import Request

    with app.app_context():
        replace_school(seed_school())
        create_user("planner@school.nl", "planner", "Petra Planner", PASSWORD)
        create_user("anna@school.nl", "teacher", "", PASSWORD, teacher=find_teacher("Anna de Vries"))
        create_user("bram@school.nl", "teacher", "", PASSWORD, teacher=find_teacher("Bram Jansen"))
        create_user("carla@school.nl", "helper", "", PASSWORD, helper=find_helper("Carla"))
        db.session.commit()
        request_a = db.session.scalars(db.select(Request).where(Request.code == "1")).one()
        request_b = db.session.scalars(db.select(Request).where(Request.code == "2")).one()
        return Seeded(request_a.id, request_b.id, request_a.teacher_id, find_helper("Carla").id)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def schema_templates(tmp_path_factory) -> dict[str, object]:
    """Per backend, made once per session: an SQLite file with the schema, or a fresh PostgreSQL schema."""
    return {"folder": tmp_path_factory.mktemp("schema")}


def _template_for(backend: str, templates: dict, tmp_path):
    """The first test of a session builds the schema in full; later tests only copy or truncate."""
    if backend not in templates:
        folder = templates["folder"] / backend
        folder.mkdir(exist_ok=True)  # a skipped (no PostgreSQL) first try may have made it
        application = make_app(folder, backend)
        with application.app_context():
            db.engine.dispose()
        templates[backend] = folder / "test.sqlite"
    return templates[backend]


@pytest.fixture
def app(tmp_path, backend, schema_templates):
    application = make_app(tmp_path, backend, template=_template_for(backend, schema_templates, tmp_path))
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def seeded(app) -> Seeded:
    return seed(app)


def login(client, email: str, password: str = PASSWORD):
    """Log in through the real form, with the CSRF token from the page (works whether CSRF is on or off)."""
    page = client.get("/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]*)"', page)
    data = {"email": email, "password": password, "csrf_token": token.group(1) if token else ""}
    response = client.post("/inloggen", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


EMAILS = {
    "planner": "planner@school.nl",
    "teacher": "anna@school.nl",
    "other_teacher": "bram@school.nl",
    "helper": "carla@school.nl",
}


class RoleClients:
    """A logged-in test client per role name of ``EMAILS`` (plus ``anonymous``), logged in on first use."""

    def __init__(self, app) -> None:
        self._app = app
        self._clients: dict[str, object] = {}

    def __getitem__(self, role: str):
        if role not in self._clients:
            client = self._app.test_client()
            self._clients[role] = client if role == "anonymous" else login(client, EMAILS[role])
        return self._clients[role]


@pytest.fixture
def clients(app, seeded) -> RoleClients:
    return RoleClients(app)


def publish_plan(app, sessions: list[dict], diagnoses: list[dict] = ()) -> int:
    """Store a finished, published run directly in the planning tables (no solver needed)."""
    from web.store.models_plan import RUN_DONE, PlanDiagnosis, PlannedSession, PlanRun, utc_now

    with app.app_context():
        run = PlanRun(status=RUN_DONE, solve_status="optimaal", published_at=utc_now(), finished_at=utc_now())
        run.sessions = [PlannedSession(pinned_helpers=[], **session) for session in sessions]
        run.diagnoses = [PlanDiagnosis(**diagnosis) for diagnosis in diagnoses]
        db.session.add(run)
        db.session.commit()
        return run.id
