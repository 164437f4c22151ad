"""The Handenplanner web app's factory, ``create_app`` (also reachable as ``web.create_app``).

Nothing happens at import time; extensions are created unbound in their modules
and bound here. One school per database.

Environment:
- ``DATABASE_URL``: e.g. ``postgresql://user:pw@host/db`` (the psycopg 3 driver is
  filled in); without it SQLite ``handenplanner.sqlite`` in the instance folder.
- ``SECRET_KEY``: signs sessions; without it a key is generated once into the
  instance folder (``secret_key``).
- ``HANDENPLANNER_INSTANCE``: where the instance folder is (database, secret key,
  uploads waiting for confirmation); default Flask's ``instance/`` next to the package.
- ``RATELIMIT_STORAGE_URI``: where failed logins are counted (``web.auth.login_limits``);
  default ``memory://``, one count per process. Several processes need a shared store,
  e.g. ``redis://host:6379`` (with the ``redis`` package installed).
- ``HANDENPLANNER_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``, ``_FROM``, ``_STARTTLS``:
  the mail server for the e-mails on publishing and on a passed-on absence (``web.mail``);
  without a host nothing is mailed.
"""

from __future__ import annotations

import importlib
import os
import secrets
from pathlib import Path

from flask import Flask, redirect, request, url_for
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import event

from web import BLUEPRINTS, CONTENT_SECURITY_POLICY, MAX_UPLOAD_BYTES, MIGRATIONS_DIR
from web.db import db
from web.form_values import IdConverter, record_id
from web.mail.smtp import SMTP_KEYS
from web.store.sqlite_writes import BUSY_TIMEOUT_S  # also: on SQLite, a process's threads take turns to write


def create_app(test_config: dict | None = None) -> Flask:
    test_config = dict(test_config or {})
    instance_path = test_config.pop("INSTANCE_PATH", None) or os.environ.get("HANDENPLANNER_INSTANCE")
    app = Flask("web", instance_relative_config=True, instance_path=instance_path)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=database_url(app.instance_path),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        WTF_CSRF_TIME_LIMIT=None,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    for name in ("SECRET_KEY", "RATELIMIT_STORAGE_URI", *SMTP_KEYS):
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": BUSY_TIMEOUT_S}})
    _init_extensions(app)
    app.url_map.converters["int"] = IdConverter
    _register_blueprints(app)
    _register_templating(app)
    _register_response_defaults(app)
    from web.errors import register_error_handlers

    register_error_handlers(app)
    return app


def database_url(instance_path: str) -> str:
    """``DATABASE_URL`` (postgres URLs get the psycopg 3 driver) or SQLite in the instance folder."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{Path(instance_path) / 'handenplanner.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret(instance: Path) -> str:
    """A secret key generated once and kept in the instance folder, so sessions survive a restart."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _init_extensions(app: Flask) -> None:
    from web.auth.login_limits import init_login_limits
    from web.store import models, models_plan, models_reach, models_runs, school_version  # noqa: F401 - every table

    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _tune_sqlite)
    Migrate(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    CSRFProtect(app)
    init_login_limits(app)
    login_manager = LoginManager(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in om deze pagina te zien."
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str):
        number = record_id(user_id)
        return db.session.get(models.User, number) if number is not None else None


def _tune_sqlite(connection, _record) -> None:
    """SQLite checks foreign keys only when asked; PostgreSQL always does. Write-ahead logging lets pages read
    while the worker or a teacher's submit writes, and a commit needs one sync instead of several; the file
    keeps ``-wal`` and ``-shm`` files beside it (a backup with ``sqlite3 .backup`` takes them along). With
    ``synchronous=NORMAL`` a commit waits for no disk sync at all (the log is synced at checkpoints): the
    database stays whole after a crash; only a power cut can lose the last commits."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _register_blueprints(app: Flask) -> None:
    for module_name, attribute in BLUEPRINTS:
        module = importlib.import_module(module_name)
        app.register_blueprint(getattr(module, attribute))


def _register_templating(app: Flask) -> None:
    from web.templating import TEMPLATE_FILTERS, template_globals

    app.jinja_env.filters.update(TEMPLATE_FILTERS)
    app.context_processor(template_globals)


def _register_response_defaults(app: Flask) -> None:
    @app.route("/favicon.ico")
    def favicon():
        return redirect(url_for("static", filename="favicon.svg"))

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint and not request.endpoint.startswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
