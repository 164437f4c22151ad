"""Publishing a plan after seeing what changes, comparing any two runs, and the history of publications."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from web.access import restrict_blueprint
from web.form_values import record_id
from web.mail.notify import mail_publication
from web.planning.page_data import current_school
from web.planning.plan_choice import finished_run_or_404, plan_choice
from web.planning.plan_diff_page import diff_view
from web.store import plan_store
from web.store.models import ROLE_PLANNER

publish_bp = Blueprint("publish", __name__, template_folder="templates", url_prefix="/planner")
restrict_blueprint(publish_bp, ROLE_PLANNER)

NOTHING_PUBLISHED = "geen"


@publish_bp.get("/publiceren")
def confirm():
    """What publishing this run (default: the newest plan) changes against the published plan; the only way
    to the publish button."""
    asked = request.args.get("run", type=record_id)
    run = finished_run_or_404(asked) if asked else plan_store.latest_plan_run()
    if run is None:
        return render_template("planning/publish_confirm.html", run=None)
    published = plan_store.published_plan_run()
    return render_template(
        "planning/publish_confirm.html",
        run=run,
        published=published,
        against=str(published.id) if published else NOTHING_PUBLISHED,
        diff=diff_view(published, run, current_school()),
    )


@publish_bp.post("/publiceren")
def publish():
    run = finished_run_or_404(request.form.get("run_id", type=record_id) or 0)
    published = plan_store.published_plan_run()
    against = str(published.id) if published else NOTHING_PUBLISHED
    # The confirmation names the plan it compared with: if that changed meanwhile, the planner looks again.
    if request.form.get("bevestigd") != "ja" or request.form.get("tegen") != against:
        flash("Bekijk eerst wat er verandert en bevestig dan het publiceren.", "warning")
        return redirect(url_for("publish.confirm", run=run.id))
    plan_store.publish_run(run, current_user.email)
    flash(f"Berekening {run.id} is gepubliceerd: leerkrachten en ondersteuners zien dit rooster nu.", "success")
    flash(mail_publication(run, published), "info")
    return redirect(url_for("planning.dashboard"))


@publish_bp.get("/vergelijken")
def compare():
    """Any two runs side by side: A is the earlier plan (default: the published one), B the later."""
    choice = plan_choice(None)
    first = request.args.get("a", type=record_id)
    second = request.args.get("b", type=record_id)
    run_a = finished_run_or_404(first) if first else plan_store.published_plan_run()
    run_b = finished_run_or_404(second) if second else plan_store.latest_plan_run()
    diff = diff_view(run_a, run_b, current_school()) if run_a and run_b else None
    return render_template("planning/compare_runs.html", choice=choice, run_a=run_a, run_b=run_b, diff=diff)


@publish_bp.get("/publicaties")
def history():
    return render_template("planning/publications.html", publications=plan_store.publications())
