"""Teacher pages (``/leerkracht``): own requests, submit/edit/withdraw while the round is open, outcomes."""

from __future__ import annotations

import uuid

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from web.access import own_request_or_abort, restrict_blueprint
from web.calendar.views import change_subscription, subscription_page
from web.db import db
from web.planning.grids import grid_for_group, grid_sessions
from web.store import outcomes
from web.store.absences import notices_for_requests
from web.store.convert import kept_request_form_school, kept_school, settings_row
from web.store.models import ROLE_TEACHER, Request, Teacher, TeacherGroup
from web.teacher.request_form import (
    default_values,
    parse_request_form,
    render_request_form,
    values_from_form,
    values_from_row,
)

teacher_bp = Blueprint("teacher", __name__, template_folder="templates", url_prefix="/leerkracht")
restrict_blueprint(teacher_bp, ROLE_TEACHER)

ROUND_CLOSED_MESSAGE = "De aanvraagronde is gesloten: aanvragen kunnen nu niet worden ingediend of gewijzigd."


def _own_teacher() -> Teacher | None:
    """The user's teacher with their groups, in one query (a submit checks the group against them)."""
    if not current_user.teacher_id:
        return None
    with_groups = joinedload(Teacher.group_links).joinedload(TeacherGroup.group)
    return db.session.get(Teacher, current_user.teacher_id, options=[with_groups])


def _round_open() -> bool:
    return settings_row().request_round_open


@teacher_bp.route("/")
def index():
    teacher = _own_teacher()
    rows = []
    if teacher is not None:
        rows = db.session.scalars(
            select(Request).where(Request.teacher_id == teacher.id).order_by(Request.withdrawn, Request.id)
        ).all()
    stored = outcomes.published_plan()
    items = [(row, None if row.withdrawn else outcomes.request_outcome(stored, row)) for row in rows]
    notices = notices_for_requests({row.code for row in rows if not row.withdrawn})
    return render_template(
        "teacher/index.html",
        teacher=teacher,
        items=items,
        round_open=_round_open(),
        published=stored is not None,
        notices=notices,
        new_label=outcomes.NEW_LABEL,
    )


@teacher_bp.get("/groep")
def group_week():
    """Who comes to my groups when, for which request: the published plan's week per group."""
    teacher = _own_teacher()
    stored = outcomes.published_plan()
    grids = []
    if teacher is not None and stored is not None:
        school = kept_school()
        sessions = grid_sessions(school, stored.plan.sessions)
        grids = [grid_for_group(school, sessions, group.name) for group in teacher.groups]
    return render_template("teacher/group_week.html", teacher=teacher, stored=stored, grids=grids)


@teacher_bp.get("/agenda")
def subscription():
    return subscription_page("teacher.index", "mijn aanvragen")


@teacher_bp.post("/agenda")
def change_calendar():
    return change_subscription("teacher.subscription")


@teacher_bp.route("/aanvragen/<int:request_id>")
def show_request(request_id: int):
    row = own_request_or_abort(request_id)
    stored = outcomes.published_plan()
    outcome = None if row.withdrawn else outcomes.request_outcome(stored, row)
    return render_template("teacher/show.html", row=row, outcome=outcome, round_open=_round_open())


@teacher_bp.route("/aanvragen/nieuw", methods=["GET", "POST"])
def new_request():
    teacher = _own_teacher()
    if teacher is None:
        flash("Uw account is nog niet gekoppeld aan een leerkracht. Vraag de planner dit te doen.", "error")
        return redirect(url_for("teacher.index"))
    if not _round_open():
        flash(ROUND_CLOSED_MESSAGE, "warning")
        return redirect(url_for("teacher.index"))
    if request.method == "POST":
        checked, errors = parse_request_form(request.form, kept_request_form_school(), teacher.groups)
        if checked is not None:
            row = Request(teacher=teacher, task=checked.task)
            checked.apply_to(row)
            code, request_id = save_new_request(row)
            flash(f"Uw aanvraag {code} is ingediend.", "success")
            return redirect(url_for("teacher.show_request", request_id=request_id))
        return _render_form(teacher, values_from_form(request.form), errors, None), 422
    return _render_form(teacher, default_values(), {}, None)


@teacher_bp.route("/aanvragen/<int:request_id>/bewerken", methods=["GET", "POST"])
def edit_request(request_id: int):
    row = own_request_or_abort(request_id)
    if not _round_open() or row.withdrawn:
        flash(
            ROUND_CLOSED_MESSAGE if not _round_open() else "Een ingetrokken aanvraag kan niet worden gewijzigd.",
            "warning",
        )
        return redirect(url_for("teacher.show_request", request_id=row.id))
    teacher = row.teacher
    if request.method == "POST":
        checked, errors = parse_request_form(request.form, kept_request_form_school(), teacher.groups)
        if checked is not None:
            checked.apply_to(row)
            db.session.commit()
            flash(f"Aanvraag {row.code} is bijgewerkt.", "success")
            return redirect(url_for("teacher.show_request", request_id=row.id))
        return _render_form(teacher, values_from_form(request.form), errors, row), 422
    return _render_form(teacher, values_from_row(row), {}, row)


@teacher_bp.route("/aanvragen/<int:request_id>/intrekken", methods=["POST"])
def withdraw_request(request_id: int):
    row = own_request_or_abort(request_id)
    if not _round_open():
        flash(ROUND_CLOSED_MESSAGE, "warning")
    else:
        row.withdrawn = True
        db.session.commit()
        flash(f"Aanvraag {row.code} is ingetrokken.", "success")
    return redirect(url_for("teacher.index"))


def save_new_request(row: Request) -> tuple[str, int]:
    """Store a new request; its code is its database id in the workbook's form, ``A073`` (made unique).
    Gives the code and the id, read before the commit (after it, reading them would load the row again)."""
    row.code = f"tmp-{uuid.uuid4().hex}"  # unique until the id is known
    db.session.add(row)
    db.session.flush()
    row.code = _free_code(f"A{row.id:03d}", row.id)
    stored = row.code, row.id
    db.session.commit()
    return stored


def _free_code(candidate: str, row_id: int) -> str:
    code, suffix = candidate, 1
    while db.session.scalars(
        select(Request.id).where(func.lower(Request.code) == code.lower(), Request.id != row_id)
    ).first():
        suffix += 1
        code = f"{candidate}-{suffix}"
    return code


def _render_form(teacher: Teacher, values: dict, errors: dict, row: Request | None):
    return render_request_form(teacher, values, errors, row, url_for("teacher.index"), "Mijn aanvragen")
