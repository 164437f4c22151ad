"""The planner's accounts page (``/planner/accounts``): create accounts linked to the school's names."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from web.access import restrict_blueprint
from web.db import db
from web.form_values import record_id
from web.store.models import ROLE_HELPER, ROLE_PLANNER, ROLE_TEACHER, USER_ROLE_LABELS, Helper, Teacher, User
from web.store.users import AccountError, create_user, generate_password, set_password

accounts_bp = Blueprint("accounts", __name__, template_folder="templates", url_prefix="/planner")
restrict_blueprint(accounts_bp, ROLE_PLANNER)


@accounts_bp.route("/accounts", methods=["GET", "POST"])
def accounts():
    new_account = None
    if request.method == "POST":
        new_account = _create_from_form()
    return _render(new_account), (200 if new_account or request.method == "GET" else 422)


def _create_from_form() -> tuple[User, str] | None:
    form = request.form
    password = form.get("wachtwoord", "") or generate_password()
    teacher = _linked(Teacher, form.get("leerkracht", ""))
    helper = _linked(Helper, form.get("ondersteuner", ""))
    try:
        user = create_user(form.get("email", ""), form.get("rol", ""), form.get("naam", ""), password, teacher, helper)
    except AccountError as problem:
        flash(str(problem), "error")
        return None
    db.session.commit()
    return user, password


def _linked(model: type, text: str):
    """The teacher or helper a new account is linked to, or None (also for an id the database cannot hold)."""
    number = record_id(text)
    return db.session.get(model, number) if number is not None else None


@accounts_bp.route("/accounts/iedereen", methods=["POST"])
def create_for_everyone():
    """An account for every teacher and helper with an e-mail address and no account yet."""
    created = list(_accounts_for_school_emails())
    db.session.commit()
    if not created:
        flash("Iedereen met een e-mailadres heeft al een account.", "info")
    return _render(None, created)


def _accounts_for_school_emails():
    existing = {email.lower() for email in db.session.scalars(select(User.email))}
    linked_teachers = set(db.session.scalars(select(User.teacher_id).where(User.teacher_id.is_not(None))))
    linked_helpers = set(db.session.scalars(select(User.helper_id).where(User.helper_id.is_not(None))))
    people = [(t, None) for t in db.session.scalars(select(Teacher)) if t.id not in linked_teachers] + [
        (None, h) for h in db.session.scalars(select(Helper)) if h.id not in linked_helpers
    ]
    for teacher, helper in people:
        email = (teacher or helper).email.strip()
        if not email or email.lower() in existing:
            continue
        password = generate_password()
        role = ROLE_TEACHER if teacher else ROLE_HELPER
        try:
            user = create_user(email, role, (teacher or helper).name, password, teacher, helper)
        except AccountError:
            continue  # e.g. an invalid e-mail address: the planner makes that account by hand
        existing.add(email.lower())
        yield user, password


@accounts_bp.route("/accounts/<int:user_id>", methods=["POST"])
def update_account(user_id: int):
    user = db.get_or_404(User, user_id)
    if request.form.get("actie") == "verwijderen":
        if user.id == current_user.id:
            flash("U kunt uw eigen account niet verwijderen.", "error")
        else:
            db.session.delete(user)
            db.session.commit()
            flash(f"Het account {user.email} is verwijderd.", "success")
        return redirect(url_for("accounts.accounts"))
    password = request.form.get("wachtwoord", "") or generate_password()
    try:
        set_password(user, password)
    except AccountError as problem:
        flash(str(problem), "error")
        return redirect(url_for("accounts.accounts"))
    db.session.commit()
    return _render((user, password))


def _render(new_account: tuple[User, str] | None, created: list | None = None):
    return render_template(
        "school/accounts.html",
        users=db.session.scalars(select(User).order_by(User.role, User.name)).all(),
        teachers=db.session.scalars(select(Teacher).order_by(Teacher.name)).all(),
        helpers=db.session.scalars(select(Helper).order_by(Helper.name)).all(),
        role_labels=USER_ROLE_LABELS,
        new_account=new_account,
        created=created or [],
        form=request.form if request.method == "POST" and not new_account else {},
    )
