"""The planner's page of the e-mails sent on publishing and on passed-on absences, per recipient."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from web.access import restrict_blueprint
from web.mail.deliveries import NOT_CONFIGURED, recent_deliveries
from web.mail.smtp import smtp_settings
from web.store.models import ROLE_PLANNER
from web.store.models_reach import MAIL_ABSENCE, MAIL_PUBLISH

mail_bp = Blueprint("mail", __name__, template_folder="templates", url_prefix="/planner")
restrict_blueprint(mail_bp, ROLE_PLANNER)

OCCASION_LABELS = {MAIL_PUBLISH: "publicatie", MAIL_ABSENCE: "afwezigheid"}


@mail_bp.get("/e-mail")
def deliveries():
    configured = smtp_settings(current_app.config) is not None
    return render_template(
        "mail/deliveries.html",
        rows=recent_deliveries(),
        not_configured=None if configured else NOT_CONFIGURED,
        occasion_labels=OCCASION_LABELS,
    )
