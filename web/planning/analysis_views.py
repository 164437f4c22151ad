"""The planner's analysis page: demand vs capacity, the capacity curve and two scenarios side by side.

Curves and comparisons are queued and run by the worker like a plan run (``web.planning.analysis_runner``);
the page shows their progress, a stop button, and the latest result of each.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for

from web.access import restrict_blueprint
from web.db import db
from web.form_values import record_id
from web.planning.analysis_forms import parse_curve_form, parse_hours_form, parse_upload_form
from web.planning.analysis_page import FormState, analysis_context, upload_state
from web.planning.analysis_runner import start_comparison, start_curve
from web.planning.page_data import current_school, progress_payload
from web.runs.queue import RunAlreadyActiveError, request_stop
from web.store import analysis_store
from web.store.models import ROLE_PLANNER
from web.store.models_plan import AnalysisRun

analysis_bp = Blueprint("analysis", __name__, template_folder="templates", url_prefix="/planner/analyse")
restrict_blueprint(analysis_bp, ROLE_PLANNER)
PAGE = "planning/analysis.html"


@analysis_bp.get("/")
def page():
    return render_template(PAGE, **analysis_context())


@analysis_bp.post("/curve")
def start_curve_run():
    asked, errors = parse_curve_form(request.form)
    if errors:
        return render_template(
            PAGE, **analysis_context(curve_form=FormState(request.form.to_dict(), tuple(errors)))
        ), 422
    return _started(lambda: start_curve(asked))


@analysis_bp.post("/scenario/uren")
def start_hours_comparison():
    asked, errors = parse_hours_form(request.form, current_school())
    if errors:
        return render_template(
            PAGE, **analysis_context(hours_form=FormState(request.form.to_dict(), tuple(errors)))
        ), 422
    return _started(lambda: start_comparison(asked))


@analysis_bp.post("/scenario/werkmap")
def start_workbook_comparison():
    asked, problems = parse_upload_form(request.form, request.files.get("werkmap"))
    if asked is None:
        form = upload_state(request.form.to_dict(), problems)
        return render_template(PAGE, **analysis_context(upload_form=form)), 422
    return _started(lambda: start_comparison(asked))


@analysis_bp.get("/voortgang.json")
def run_progress():
    run_id = request.args.get("run", type=record_id)
    run = db.session.get(AnalysisRun, run_id) if run_id is not None else analysis_store.active_run()
    if run_id is not None and run is None:
        abort(404)
    if run is None:
        return jsonify({"status": "none", "status_label": "geen analyse bezig", "active": False})
    return jsonify(progress_payload(run))


@analysis_bp.post("/stop")
def stop_run():
    run_id = request.form.get("run_id", type=record_id)
    if run_id is None or db.session.get(AnalysisRun, run_id) is None:
        abort(404)
    if request_stop(run_id, AnalysisRun):
        flash("De analyse stopt; wat al berekend is, blijft bewaard.", "info")
    else:
        flash("Deze analyse loopt niet meer.", "info")
    return redirect(url_for("analysis.page", _anchor="voortgang"))


def _started(start: Callable[[], int]):
    try:
        start()
    except RunAlreadyActiveError:
        flash("Er loopt al een berekening of analyse. Wacht tot die klaar is of stop hem eerst.", "warning")
        return redirect(url_for("analysis.page"))
    return redirect(url_for("analysis.page", _anchor="voortgang"))
