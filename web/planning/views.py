"""The planner's planning pages: dashboard, solver runs, week grids, pins (publishing: ``publish_views``).

GET pages take no URL parameters (a run or a grid is chosen with query
parameters), so every page opens for a freshly seeded school.
"""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for

from planner.model import name_key
from planner.timegrid import DAY_FULL_NAMES, format_date, format_time
from web.access import restrict_blueprint
from web.db import db
from web.form_values import local_path, record_id
from web.mail.notify import mail_absence
from web.planning.absence_page import absence_context, absence_record_or_404, record_absence
from web.planning.grids import grid_for_group, grid_for_helper, grid_sessions
from web.planning.page_data import (
    RUN_STATUS_LABELS,
    UnmetFilter,
    current_school,
    dashboard_context,
    helper_hours,
    keep_base_run,
    outcome_words,
    pinned_keys,
    progress_payload,
    recent_runs,
    run_or_latest,
    shown_elapsed_s,
    unmet_choices,
    unmet_rows,
)
from web.planning.plan_choice import choice_of, plan_choice
from web.planning.runner import start_plan_run
from web.runs.queue import RunAlreadyActiveError, request_stop
from web.store import plan_store
from web.store.absences import publish_absence
from web.store.models import ROLE_PLANNER
from web.store.models_plan import FINISHED_STATUSES, PlannedSession, PlanPin, PlanRun

planning_bp = Blueprint("planning", __name__, template_folder="templates", url_prefix="/planner")
restrict_blueprint(planning_bp, ROLE_PLANNER)


@planning_bp.app_template_filter("nl_number")
def nl_number(value: float | None, digits: int = 1) -> str:
    """A number with a Dutch decimal comma: ``4.75`` → ``4,8`` (digits=1); None → ``–``."""
    if value is None:
        return "–"
    return f"{float(value):.{digits}f}".replace(".", ",")


@planning_bp.get("/")
def dashboard():
    return render_template("planning/dashboard.html", **dashboard_context(request.args.get("run", type=record_id)))


@planning_bp.post("/berekening/start")
def start_run():
    base = keep_base_run() if request.form.get("behouden") == "ja" else None
    try:
        run_id = start_plan_run(base_run_id=base.id if base else None)
    except RunAlreadyActiveError:
        flash("Er loopt al een berekening. Wacht tot die klaar is of stop hem eerst.", "warning")
        return redirect(url_for("planning.run_page"))
    return redirect(url_for("planning.run_page", run=run_id))


@planning_bp.get("/berekening")
def run_page():
    run = run_or_latest(request.args.get("run", type=record_id))
    return render_template(
        "planning/run.html",
        run=run,
        choice=choice_of(run),
        shown_elapsed_s=shown_elapsed_s,
        status_labels=RUN_STATUS_LABELS,
        recent=recent_runs(),
        base_run=keep_base_run(),
        outcome_words=outcome_words(run) if run is not None and run.status in FINISHED_STATUSES else None,
    )


@planning_bp.get("/berekening/voortgang.json")
def run_progress():
    run = run_or_latest(request.args.get("run", type=record_id))
    if run is None:
        return jsonify({"status": "none", "status_label": "nog geen berekening", "active": False})
    return jsonify(progress_payload(run))


@planning_bp.post("/berekening/stop")
def stop_run():
    run_id = request.form.get("run_id", type=record_id)
    if run_id is None or db.session.get(PlanRun, run_id) is None:
        abort(404)
    if request_stop(run_id, PlanRun):
        flash("De berekening stopt; het beste rooster tot nu toe wordt bewaard.", "info")
    else:
        flash("Deze berekening loopt niet meer.", "info")
    return redirect(url_for("planning.run_page", run=run_id))


@planning_bp.get("/rooster")
def schedule():
    choice = plan_choice(request.args.get("run", type=record_id))
    run = choice.run
    school = current_school()
    helper_names = [h.name for h in school.helpers]
    group_names = [g.name for g in school.groups]
    view, chosen = _chosen_grid(request.args.get("toon", ""), helper_names, group_names)
    grids, hours = [], None
    if run is not None and chosen:
        plan = plan_store.to_plan(run)
        ids = {(name_key(row.request_id), row.day, row.start): row.id for row in run.sessions}
        sessions = grid_sessions(school, plan.sessions, ids, pinned_keys())
        build = grid_for_group if view == "groep" else grid_for_helper
        names = (group_names if view == "groep" else helper_names) if chosen == ALL else [chosen]
        grids = [build(school, sessions, name) for name in names]
        hours = next((row for row in helper_hours(school, plan) if row.name == chosen), None)
    return render_template(
        "planning/schedule.html",
        run=run,
        choice=choice,
        view=view,
        chosen=chosen,
        grids=grids,
        all_choice=ALL,
        hours=hours if view == "ondersteuner" else None,
        helper_names=helper_names,
        group_names=group_names,
    )


@planning_bp.get("/niet-ingepland")
def unmet():
    choice = plan_choice(request.args.get("run", type=record_id))
    all_rows = unmet_rows(choice.run, current_school()) if choice.run is not None else []
    causes = Counter(row.diagnosis.cause for row in all_rows).most_common()
    chosen = UnmetFilter.from_args(request.args)
    rows = [row for row in all_rows if chosen.matches(row)]
    return render_template(
        "planning/unmet.html",
        run=choice.run,
        choice=choice,
        rows=rows,
        total=len(all_rows),
        causes=causes,
        chosen=chosen,
        **unmet_choices(all_rows),
    )


@planning_bp.get("/afwezigheid")
def absence():
    return render_template("planning/absence.html", **absence_context(request.args.get("id", type=record_id)))


@planning_bp.post("/afwezigheid")
def record_absence_day():
    helper, date = request.form.get("ondersteuner", "").strip(), request.form.get("datum", "").strip()
    record, errors = record_absence(helper, date)
    if record is None:
        return render_template("planning/absence.html", **absence_context(None, helper, date, errors)), 400
    return redirect(url_for("planning.absence", id=record.id))


@planning_bp.post("/afwezigheid/doorgeven")
def pass_on_absence():
    record = absence_record_or_404(request.form.get("id", type=record_id))
    publish_absence(record)
    flash(f"Doorgegeven: de collega's en leerkrachten zien de wijzigingen van {format_date(record.date)}.", "success")
    flash(mail_absence(record), "info")
    return redirect(url_for("planning.absence", id=record.id))


@planning_bp.post("/afwezigheid/verwijderen")
def remove_absence():
    record = absence_record_or_404(request.form.get("id", type=record_id))
    db.session.delete(record)
    db.session.commit()
    flash(f"Verwijderd: de afwezigheid van {record.helper} op {format_date(record.date)}.")
    return redirect(url_for("planning.absence"))


@planning_bp.post("/vastzetten")
def pin_session():
    row = _planned_session_or_404()
    plan_store.pin_planned_session(row)
    flash(f"Vastgezet: {row.request_id} op {_session_text(row)}; de volgende berekening houdt dit vast.")
    return redirect(_back_to_schedule())


@planning_bp.post("/losmaken")
def unpin_session():
    row = _planned_session_or_404()
    plan_store.unpin_planned_session(row)
    flash(f"Losgemaakt: {row.request_id} op {_session_text(row)}.")
    return redirect(_back_to_schedule())


@planning_bp.post("/vastgezet/verwijderen")
def remove_pin():
    pin = db.session.get(PlanPin, request.form.get("pin_id", type=record_id) or 0)
    if pin is None:
        abort(404)
    db.session.delete(pin)
    db.session.commit()
    flash("De vastzetting is verwijderd.")
    return redirect(url_for("planning.dashboard"))


ALL = "*"


def _chosen_grid(asked: str, helper_names: list[str], group_names: list[str]) -> tuple[str, str]:
    """``ondersteuner:<name>`` or ``groep:<name>`` (``*``: all of them, to print); the first helper by default."""
    view, _, name = asked.partition(":")
    if name == ALL and (group_names if view == "groep" else helper_names):
        return ("groep" if view == "groep" else "ondersteuner"), ALL
    names = group_names if view == "groep" else helper_names
    by_key = {name_key(known): known for known in names}
    if name_key(name) in by_key:
        return ("groep" if view == "groep" else "ondersteuner"), by_key[name_key(name)]
    if helper_names:
        return "ondersteuner", helper_names[0]
    return "groep", group_names[0] if group_names else ""


def _planned_session_or_404() -> PlannedSession:
    row = db.session.get(PlannedSession, request.form.get("session_id", type=record_id) or 0)
    if row is None:
        abort(404)
    return row


def _session_text(row: PlannedSession) -> str:
    return f"{DAY_FULL_NAMES[row.day]} {format_time(row.start)}–{format_time(row.end)}"


def _back_to_schedule() -> str:
    target = local_path(request.form.get("next"), "")
    # Only our own schedule page: never redirect to an address a form could smuggle in.
    return target if target.startswith("/planner/rooster") else url_for("planning.schedule")
