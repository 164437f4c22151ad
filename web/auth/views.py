"""Logging in and out; ``/`` sends everyone to the home page of their role."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_limiter import RateLimitExceeded
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from web.auth.login_limits import FAILED_LOGIN_STATUS, forget_failed_logins_for_email
from web.db import db
from web.form_values import local_path
from web.store.models import ROLE_HELPER, ROLE_PLANNER, ROLE_TEACHER, User
from web.store.users import AccountError, set_password

auth_bp = Blueprint("auth", __name__, template_folder="templates")

HOME_BY_ROLE = {ROLE_PLANNER: "planning.dashboard", ROLE_TEACHER: "teacher.index", ROLE_HELPER: "helper.week"}
# The same words whether the e-mail address has an account or not.
TOO_MANY_FAILED_LOGINS = "Te veel mislukte pogingen om in te loggen. Probeer het over 15 minuten opnieuw."


@auth_bp.route("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(url_for(HOME_BY_ROLE.get(current_user.role, "auth.login")))


@auth_bp.route("/inloggen", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("auth.index"))
    email = request.form.get("email", "").strip()
    if request.method == "POST":
        user = find_user(email)
        if user is not None and check_password_hash(user.password_hash, request.form.get("password", "")):
            login_user(user)
            forget_failed_logins_for_email()
            return redirect(local_path(request.args.get("next"), url_for("auth.index")))
        flash("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw.", "error")
    # web.auth.login_limits counts exactly these answers as failed logins.
    return render_template("auth/login.html", email=email), 200 if request.method == "GET" else FAILED_LOGIN_STATUS


@auth_bp.errorhandler(RateLimitExceeded)
def too_many_failed_logins(_error: RateLimitExceeded):
    """web.auth.login_limits refused the login before the password was checked."""
    flash(TOO_MANY_FAILED_LOGINS, "error")
    return render_template("auth/login.html", email=request.form.get("email", "").strip()), 429


@auth_bp.route("/uitloggen", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash("U bent uitgelogd.", "info")
    return redirect(url_for("auth.login"))


@auth_bp.route("/wachtwoord", methods=["GET", "POST"])
@login_required
def change_password():
    """Everyone changes their own password (e.g. the one-time password from the planner)."""
    if request.method == "POST":
        form = request.form
        if not check_password_hash(current_user.password_hash, form.get("huidig", "")):
            flash("Het huidige wachtwoord klopt niet.", "error")
        elif form.get("nieuw", "") != form.get("herhaal", ""):
            flash("De twee nieuwe wachtwoorden zijn niet gelijk.", "error")
        else:
            try:
                set_password(current_user, form.get("nieuw", ""))
            except AccountError as problem:
                flash(str(problem), "error")
            else:
                db.session.commit()
                flash("Uw wachtwoord is gewijzigd.", "success")
                return redirect(url_for("auth.index"))
        return render_template("auth/password.html"), 422
    return render_template("auth/password.html")


def find_user(email: str) -> User | None:
    if not email:
        return None
    return db.session.scalars(select(User).where(func.lower(User.email) == email.lower())).first()
