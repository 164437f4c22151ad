"""The application factory, error pages, CSRF, escaping and the upload limit."""

from __future__ import annotations

import re

import pytest

from web import create_app, database_url
from web.db import db
from web.store.models import Group

from .conftest import login, make_app, seed


@pytest.fixture
def backend() -> str:
    """These pages hold no backend-specific SQL: SQLite only keeps the suite fast (see conftest)."""
    return "sqlite"


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path / "inst")})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'inst' / 'handenplanner.sqlite'}"
    # The secret key is generated once and kept: a second app gets the same key.
    again = create_app({"INSTANCE_PATH": str(tmp_path / "inst")})
    assert len(app.config["SECRET_KEY"]) >= 32
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_database_url_from_environment_gets_the_psycopg_driver(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/school")
    assert database_url(str(tmp_path)) == "postgresql+psycopg://u:p@db.example:5432/school"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/s")
    assert database_url(str(tmp_path)) == "postgresql+psycopg://u@h/s"


def test_unknown_page_gives_a_dutch_404_without_trace(clients):
    response = clients["planner"].get("/bestaat-niet")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Niet gevonden" in page and "Traceback" not in page


def test_internal_error_gives_a_dutch_page_without_trace(app, seeded):
    @app.route("/kapot")
    def broken():
        raise RuntimeError("geheim detail")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/kapot")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Er ging iets mis" in page and "geheim detail" not in page and "Traceback" not in page


def test_post_without_csrf_token_is_refused(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed(app)
    client = app.test_client()
    response = client.post("/inloggen", data={"email": "planner@school.nl", "password": "x"})
    assert response.status_code == 400
    assert "beveiligingscode" in response.get_data(as_text=True)


def test_post_with_csrf_token_from_the_page_is_accepted(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed(app)
    client = app.test_client()
    token = _csrf_token(client.get("/inloggen").get_data(as_text=True))
    response = client.post(
        "/inloggen", data={"email": "planner@school.nl", "password": "geheim-wachtwoord-1", "csrf_token": token}
    )
    assert response.status_code == 302
    # A form posted without the token, while logged in, changes nothing.
    refused = client.post("/planner/groepen", data={"naam": "8"})
    assert refused.status_code == 400
    with app.app_context():
        assert db.session.scalars(db.select(Group).where(Group.name == "8")).first() is None


def _csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "page has no CSRF token"
    return match.group(1)


def test_user_text_is_escaped(clients, app):
    script = "<script>alert('x')</script>"
    clients["planner"].post("/planner/groepen", data={"naam": script, "locatie": "<b>vet</b>"})
    page = clients["planner"].get("/planner/groepen").get_data(as_text=True)
    assert script not in page and "<b>vet</b>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;vet&lt;/b&gt;" in page


def test_every_page_has_skip_link_and_labels(clients):
    page = clients["teacher"].get("/leerkracht/aanvragen/nieuw").get_data(as_text=True)
    assert 'href="#inhoud"' in page
    # Every visible input, select and textarea has a <label for=...>.
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page)
    labels = set(re.findall(r'<label[^>]*for="([^"]+)"', page))
    assert ids and set(ids) <= labels


def test_logged_in_user_is_logged_in_only_with_the_right_password(app, seeded):
    client = app.test_client()
    wrong = client.post("/inloggen", data={"email": "anna@school.nl", "password": "fout"})
    assert wrong.status_code == 401 and "horen niet bij elkaar" in wrong.get_data(as_text=True)
    assert client.get("/leerkracht/").status_code == 302
    login(client, "ANNA@school.nl")  # e-mail is matched case-insensitively
    assert client.get("/leerkracht/").status_code == 200


def test_error_page_falls_back_to_plain_dutch_when_rendering_fails(app, monkeypatch):
    """E.g. the database is down while the menu is built: still a Dutch page, never a trace."""

    def failing_render(*args, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr("web.errors.render_template", failing_render)
    response = app.test_client().get("/bestaat-niet")
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and "Niet gevonden" in page and "database weg" not in page


def test_the_sqlite_database_logs_ahead_so_pages_read_while_a_run_writes(app):
    # The worker writes a run's progress every half second while pages read and teachers submit: in
    # write-ahead-log mode a reader never waits for a committing writer, and a commit syncs once instead of
    # several times. The mode is kept in the database file itself, so every connection must find it set.
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("PostgreSQL needs no such setting")
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
