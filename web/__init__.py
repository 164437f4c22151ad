"""The Handenplanner web app (Flask). ``create_app`` (in ``web.app``) is the application factory.

Importing this package is light: Flask, SQLAlchemy and Alembic load only when ``create_app`` or
``database_url`` is first asked for, so the command line's planning commands (which register the web's
subcommands too) start without them. The environment the app reads is described in ``web.app``.
"""

from __future__ import annotations

from pathlib import Path

# (module, blueprint attribute): one blueprint per area, imported lazily in create_app.
BLUEPRINTS: tuple[tuple[str, str], ...] = (
    ("web.auth.views", "auth_bp"),
    ("web.teacher.views", "teacher_bp"),
    ("web.helper.views", "helper_bp"),
    ("web.school.views", "school_bp"),
    ("web.school.helper_views", "school_helpers_bp"),
    ("web.school.account_views", "accounts_bp"),
    ("web.school.days_off_views", "days_off_bp"),
    ("web.imports.views", "imports_bp"),
    ("web.planning.views", "planning_bp"),
    ("web.planning.analysis_views", "analysis_bp"),
    ("web.calendar.views", "calendar_bp"),
    ("web.mail.views", "mail_bp"),
    ("web.planning.publish_views", "publish_bp"),
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Only this site's own files: no inline scripts or style attributes, no other origins.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
MIGRATIONS_DIR = str(Path(__file__).parent / "migrations")

LAZY_FROM_APP = ("create_app", "database_url")


def __getattr__(name: str):
    """``web.create_app`` and ``web.database_url``, loaded from ``web.app`` when first asked for."""
    if name in LAZY_FROM_APP:
        from web import app

        return getattr(app, name)
    raise AttributeError(f"module 'web' has no attribute {name!r}")
