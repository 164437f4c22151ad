"""Planner pages for helpers (``/planner/ondersteuners``): role, hours, skills, placement, availability."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from planner.model import ROLES
from planner.services import HOURS_PER_DAY, HOURS_PER_WEEK
from planner.timegrid import DAYS, format_hours, merge_intervals
from web.access import restrict_blueprint
from web.db import db
from web.form_values import column_size
from web.school.forms import FormError, form_text, parse_number, parse_time_field, required_text
from web.store.models import ROLE_PLANNER, Availability, Group, Helper, Request, SchoolDay, join_list, split_list

school_helpers_bp = Blueprint("school_helpers", __name__, template_folder="templates", url_prefix="/planner")
restrict_blueprint(school_helpers_bp, ROLE_PLANNER)


@school_helpers_bp.route("/ondersteuners", methods=["GET", "POST"])
def helpers():
    if request.method == "POST":
        helper = Helper()
        if _save_helper(helper):
            return redirect(url_for("school_helpers.edit_helper", helper_id=helper.id))
    rows = db.session.scalars(select(Helper).options(selectinload(Helper.availability)).order_by(Helper.name)).all()
    return render_template("school/helpers.html", helpers=rows, roles=ROLES, available_hours=_available_hours)


@school_helpers_bp.route("/ondersteuners/<int:helper_id>", methods=["GET", "POST"])
def edit_helper(helper_id: int):
    helper = db.get_or_404(Helper, helper_id)
    if request.method == "POST":
        action = request.form.get("actie", "opslaan")
        if action == "verwijderen":
            rename_preferred_helper(helper.name, "")
            db.session.delete(helper)
            db.session.commit()
            flash(f"Ondersteuner {helper.name} is verwijderd.", "success")
            return redirect(url_for("school_helpers.helpers"))
        if action == "blok-toevoegen":
            _add_block(helper)
        elif action == "blok-verwijderen":
            _remove_block(helper)
        else:
            _save_helper(helper)
        return redirect(url_for("school_helpers.edit_helper", helper_id=helper.id))
    school_days = [row.day for row in db.session.scalars(select(SchoolDay))]
    return render_template(
        "school/helper_edit.html",
        helper=helper,
        roles=ROLES,
        days=[day for day in DAYS if day in school_days] or list(DAYS[:5]),
        groups=db.session.scalars(select(Group).order_by(Group.id)).all(),
        available_hours=_available_hours(helper),
        blocks=sorted(helper.availability, key=lambda b: (DAYS.index(b.day) if b.day in DAYS else 9, b.start)),
        split_list=split_list,
    )


def _available_hours(helper: Helper) -> str:
    minutes = sum(
        end - start
        for day in DAYS
        for start, end in merge_intervals([(b.start, b.end) for b in helper.availability if b.day == day])
    )
    return format_hours(minutes)


def _save_helper(helper: Helper) -> bool:
    try:
        name = required_text(request.form, "naam", "de naam", column_size(Helper, "name"))
        role = request.form.get("functie", "")
        if role not in ROLES:
            raise FormError("Kies een functie uit de lijst.")
        hours = parse_number(request.form, "uren_per_week", "Uren per week", allowed=HOURS_PER_WEEK)
        daily = parse_number(
            request.form, "max_uren_per_dag", "Max. uren per dag", allowed=HOURS_PER_DAY, optional=True
        )
        email = form_text(request.form, "email", "het e-mailadres", column_size(Helper, "email"))
    except FormError as problem:
        flash(str(problem), "error")
        return False
    taken = select(Helper.id).where(func.lower(Helper.name) == name.lower(), Helper.id != (helper.id or 0))
    if db.session.scalars(taken).first():
        flash(f"Er is al een ondersteuner '{name}'.", "error")
        return False
    if helper.name:
        rename_preferred_helper(helper.name, name)
    helper.name, helper.role, helper.hours_per_week, helper.max_hours_per_day = name, role, hours, daily
    helper.skills = join_list(split_list(request.form.get("vaardigheden", "")))
    helper.placement_groups = join_list(request.form.getlist("stagegroep"))
    helper.may_work_elsewhere = request.form.get("ook_andere_groepen") == "ja"
    helper.locations = join_list(split_list(request.form.get("locaties", "")))
    helper.email = email
    db.session.add(helper)
    db.session.commit()
    flash(f"Ondersteuner {name} is opgeslagen.", "success")
    return True


def rename_preferred_helper(old_name: str, new_name: str) -> None:
    """Requests name their preferred helper: follow a rename, forget a deleted helper."""
    for row in db.session.scalars(select(Request).where(func.lower(Request.preferred_helper) == old_name.lower())):
        row.preferred_helper = new_name


def _add_block(helper: Helper) -> None:
    day = request.form.get("dag", "")
    try:
        if day not in DAYS:
            raise FormError("Kies een dag.")
        start = parse_time_field(request.form, "van", "Van")
        end = parse_time_field(request.form, "tot", "Tot")
        if end <= start:
            raise FormError("Het eind van het blok moet na het begin liggen.")
    except FormError as problem:
        flash(str(problem), "error")
        return
    helper.availability.append(Availability(day=day, start=start, end=end))
    db.session.commit()
    flash("Het blok is toegevoegd.", "success")


def _remove_block(helper: Helper) -> None:
    block_id = request.form.get("blok", "")
    for block in helper.availability:
        if str(block.id) == block_id:
            helper.availability.remove(block)
            db.session.commit()
            flash("Het blok is verwijderd.", "success")
            return
    flash("Dit blok bestaat niet meer.", "error")
