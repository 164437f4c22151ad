"""Who may see what: roles per URL prefix and ownership checks that abort(403/404)."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, current_app
from flask_login import current_user

from web.db import db
from web.store.models import ROLE_TEACHER, Request


def _check_role(roles: tuple[str, ...]):
    """None when allowed; otherwise the response to give (login redirect) or abort(403)."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if current_user.role not in roles:
        abort(403)
    return None


def role_required(*roles: str):
    """Decorator for a view: anonymous → login page, wrong role → 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            refusal = _check_role(roles)
            return refusal if refusal is not None else view(*args, **kwargs)

        return wrapped

    return decorator


def restrict_blueprint(blueprint: Blueprint, *roles: str) -> None:
    """Every view of the blueprint requires one of the roles (checked before the view runs)."""

    @blueprint.before_request
    def check_role():
        return _check_role(roles)


def own_request_or_abort(request_id: int) -> Request:
    """A request of the logged-in teacher: unknown → 404, another teacher's → 403."""
    row = db.session.get(Request, request_id)
    if row is None:
        abort(404)
    if (
        current_user.role != ROLE_TEACHER
        or current_user.teacher_id is None
        or row.teacher_id != current_user.teacher_id
    ):
        abort(403)
    return row
