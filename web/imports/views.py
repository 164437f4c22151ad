"""Import a planning workbook (upload → full check report → confirm → one transaction) and export one.

Between upload and confirm the file waits in the instance folder under a random
token; a workbook with problems, or a file that is no workbook, changes nothing.
An upload is capped by ``MAX_CONTENT_LENGTH`` (a Dutch 413), and ``services.read_school``
streams the file against the size limits (rows, cells, text lengths) before it loads it,
at the upload and again at the confirmation.
"""

from __future__ import annotations

import io
import logging
import re
import secrets
import time
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from planner import services
from planner.model import School
from web.access import restrict_blueprint
from web.db import db
from web.form_values import record_id
from web.planning.plan_choice import plan_choice
from web.store import plan_store
from web.store.convert import load_school, replace_school
from web.store.export_cache import cached_export
from web.store.models import ROLE_PLANNER

imports_bp = Blueprint("imports", __name__, template_folder="templates", url_prefix="/planner")
restrict_blueprint(imports_bp, ROLE_PLANNER)

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
STALE_UPLOAD_S = 24 * 3600
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload_folder() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_stale_uploads(max_age_s: float = STALE_UPLOAD_S) -> None:
    """Uploads never confirmed are removed after a day, so the instance folder does not fill up."""
    cutoff = time.time() - max_age_s
    for path in upload_folder().glob("*.xlsx"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def _upload_path(token: str) -> Path:
    if not TOKEN_PATTERN.match(token):
        abort(404)
    return upload_folder() / f"{token}.xlsx"


@imports_bp.route("/importeren", methods=["GET", "POST"])
def import_form():
    if request.method == "GET":
        return render_template("imports/upload.html", export_choice=plan_choice(None))
    upload = request.files.get("werkmap")
    if upload is None or not upload.filename:
        flash("Kies eerst een werkmap (.xlsx) om te importeren.", "error")
        return render_template("imports/upload.html"), 400
    remove_stale_uploads()
    token = secrets.token_urlsafe(24)
    path = _upload_path(token)
    upload.save(path)
    try:
        school = services.read_school(path)
    except services.WorkbookError as error:
        path.unlink(missing_ok=True)
        return render_template("imports/report.html", problems=error.problems, filename=upload.filename), 422
    except Exception:
        path.unlink(missing_ok=True)
        logging.getLogger(__name__).exception("werkmap onleesbaar")
        flash("Dit bestand kon niet als planningswerkmap worden gelezen; er is niets gewijzigd.", "error")
        return render_template("imports/upload.html"), 422
    return render_template("imports/confirm.html", school=school, token=token, filename=upload.filename)


@imports_bp.route("/importeren/<token>", methods=["POST"])
def confirm_import(token: str):
    path = _upload_path(token)
    if not path.exists():
        flash("Deze upload is verlopen of al verwerkt. Upload de werkmap opnieuw.", "error")
        return redirect(url_for("imports.import_form"))
    try:
        if request.form.get("actie") != "bevestigen":
            flash("De import is geannuleerd; er is niets gewijzigd.", "info")
            return redirect(url_for("imports.import_form"))
        school = services.read_school(path)
        replace_school(school)
        db.session.commit()
    except services.WorkbookError as error:
        db.session.rollback()
        return render_template("imports/report.html", problems=error.problems, filename=""), 422
    except Exception:
        db.session.rollback()
        logging.getLogger(__name__).exception("import mislukt")
        flash("De import is mislukt; er is niets gewijzigd.", "error")
        return redirect(url_for("imports.import_form"))
    finally:
        path.unlink(missing_ok=True)
    flash(_summary(school) + " Alle schoolgegevens zijn vervangen.", "success")
    return redirect(url_for("school.requests"))


def _summary(school: School) -> str:
    return (
        f"Geïmporteerd: {len(school.groups)} groepen, {len(school.teachers)} leerkrachten, "
        f"{len(school.helpers)} ondersteuners en {len(school.requests)} aanvragen."
    )


@imports_bp.route("/exporteren")
def export_workbook():
    """The result workbook of the published plan (or of ``?run=``), as ``handenplanner solve`` writes it, with
    ``Overzicht`` saying whether it is published or a concept; without a plan the school's data."""
    school = load_school()
    choice = plan_choice(request.args.get("run", type=record_id))
    if choice.run is None:
        data = services.school_bytes(school)
        name = "handenplanner-gegevens.xlsx"
    else:
        data = cached_export(
            choice.run, school, choice.export_status, lambda: plan_store.result_workbook(choice.run, school)
        )
        kind = "rooster" if choice.is_published else "concept"
        name = f"handenplanner-{kind}-berekening-{choice.run.id}.xlsx"
    logging.getLogger(__name__).info("export door %s", current_user.email)
    return send_file(io.BytesIO(data), mimetype=XLSX_MIME, as_attachment=True, download_name=name)
