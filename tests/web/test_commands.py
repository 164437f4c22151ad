"""``serve --demo``, ``db upgrade``, ``create-user`` and the migrations."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from handenplanner.cli import main
from web import MIGRATIONS_DIR
from web.db import db
from web.demo import create_demo_app, setup_demo
from web.runs.heartbeat import process_exists

from .conftest import login, reset_database

ROOT = Path(__file__).resolve().parents[2]


def test_demo_setup_gives_working_logins_for_every_role(tmp_path):
    app = create_demo_app(str(tmp_path / "inst"))
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("demo.sqlite")
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:1000"  # fast in tests; the real demo keeps scrypt
    logins = setup_demo(app)
    assert [entry.role_label for entry in logins] == ["planner", "leerkracht", "ondersteuner"]
    homes = {"planner": "/planner/", "leerkracht": "/leerkracht/", "ondersteuner": "/ondersteuner/"}
    for entry in logins:
        client = login(app.test_client(), entry.email, entry.password)
        assert client.get(homes[entry.role_label]).status_code == 200
    teacher_page = login(app.test_client(), logins[1].email, logins[1].password).get("/leerkracht/")
    assert "U heeft nog geen aanvragen" not in teacher_page.get_data(as_text=True)  # the demo teacher has requests
    # A second start reuses the database and gives new passwords.
    again = setup_demo(app)
    assert again[0].password != logins[0].password
    login(app.test_client(), again[0].email, again[0].password)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_demo_command_answers_on_a_free_port(tmp_path):
    """The real command: it prints the logins, the printed planner login works over HTTP, and its worker runs."""
    port = _free_port()
    env = {**os.environ, "HANDENPLANNER_INSTANCE": str(tmp_path / "inst"), "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "handenplanner", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
    )
    printed, landed = "", ""
    try:
        base = f"http://127.0.0.1:{port}"
        assert _wait_for(base + "/inloggen", timeout_s=60) == 200
        printed = _read_until(process.stdout, "Handenplanner draait op")
        email, password = re.search(r"(planner@\S+)\s+wachtwoord: (\S+)", printed).groups()
        landed = _http_login(base, email, password)
        printed += _read_until(process.stdout, "worker draait")
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert landed.endswith("/planner/"), printed + output
    assert "Traceback" not in printed + output
    # The server started its run worker beside it, and stopping the server stopped the worker (it says so).
    worker_pid = int(re.search(r"worker draait \(pid (\d+)\)", printed + output).group(1))
    assert f"worker (pid {worker_pid}) is gestopt" in output
    assert not process_exists(worker_pid)


def _read_until(stream, marker: str) -> str:
    lines = []
    for line in stream:
        lines.append(line)
        if marker in line:
            break
    return "".join(lines)


def _http_login(base: str, email: str, password: str) -> str:
    """Log in like a browser (cookie + CSRF token from the form); returns the URL landed on."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/inloggen", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    try:
        with opener.open(base + "/inloggen", data=data, timeout=10) as response:
            return response.geturl()
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code} at {error.url}"


def _wait_for(url: str, timeout_s: float) -> int | None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.2)
    return None


def test_db_upgrade_and_create_user_commands(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HANDENPLANNER_INSTANCE", str(tmp_path / "inst"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["create-user", "--email", "p@x.nl", "--role", "planner", "--password", "lang-genoeg"]) == 2
    assert "db upgrade" in capsys.readouterr().err
    assert main(["serve", "--port", "0"]) == 2  # refuses to serve a database without tables
    assert "db upgrade" in capsys.readouterr().err
    assert main(["db", "upgrade"]) == 0
    assert main(["create-user", "--email", "p@x.nl", "--role", "planner", "--password", "lang-genoeg"]) == 0
    assert main(["create-user", "--email", "p@x.nl", "--role", "planner", "--password", "lang-genoeg"]) == 2
    assert "al een account" in capsys.readouterr().err
    code = main(
        ["create-user", "--email", "t@x.nl", "--role", "leerkracht", "--teacher", "Niemand", "--password", "x" * 9]
    )
    assert code == 2 and "Onbekende naam" in capsys.readouterr().err
    from web import create_app

    app = create_app()
    login(app.test_client(), "p@x.nl", "lang-genoeg")


def test_migrations_create_exactly_the_models(app):
    """Upgrading an empty database gives the schema of the models (also helper D2's): nothing to autogenerate."""
    with app.app_context():
        db.drop_all()
        reset_database_tables_only()
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        reset_database()


def reset_database_tables_only() -> None:
    from sqlalchemy import text

    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
