"""The planner's page of holidays and study days (``Vrije dagen``): dates without school."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from planner.model import DaysOff, ModelError
from planner.timegrid import format_date
from web.access import restrict_blueprint
from web.db import db
from web.form_values import column_size, record_id
from web.school.forms import FormError, form_text, parse_date
from web.store.models import ROLE_PLANNER
from web.store.models_reach import DaysOffRow

days_off_bp = Blueprint("days_off", __name__, template_folder="templates", url_prefix="/planner")
restrict_blueprint(days_off_bp, ROLE_PLANNER)


@days_off_bp.get("/vrije-dagen")
def days_off():
    rows = db.session.scalars(select(DaysOffRow).order_by(DaysOffRow.first, DaysOffRow.id)).all()
    return render_template("school/days_off.html", rows=rows)


@days_off_bp.post("/vrije-dagen")
def add_days_off():
    try:
        checked = _checked_days_off()
    except (FormError, ModelError) as problem:
        flash(str(problem), "error")
        return redirect(url_for("days_off.days_off"))
    db.session.add(DaysOffRow(first=checked.first, last=checked.last, description=checked.description))
    db.session.commit()
    flash(f"Toegevoegd: {_period_text(checked.first, checked.last)}.", "success")
    return redirect(url_for("days_off.days_off"))


@days_off_bp.post("/vrije-dagen/verwijderen")
def remove_days_off():
    row = db.session.get(DaysOffRow, request.form.get("id", type=record_id) or 0)
    if row is None:
        abort(404)
    db.session.delete(row)
    db.session.commit()
    flash(f"Verwijderd: {_period_text(row.first, row.last)}.")
    return redirect(url_for("days_off.days_off"))


def _checked_days_off() -> DaysOff:
    first = parse_date(request.form, "van", "Van")
    if first is None:
        raise FormError("Vul bij 'Van' de eerste vrije dag in.")
    last = parse_date(request.form, "tot", "Tot") or first
    if last < first:
        raise FormError("De datum bij 'Tot' ligt vóór die bij 'Van'.")
    description = form_text(request.form, "omschrijving", "de omschrijving", column_size(DaysOffRow, "description"))
    return DaysOff(first, last, description)


def _period_text(first, last) -> str:
    return format_date(first) if first == last else f"{format_date(first)} t/m {format_date(last)}"
