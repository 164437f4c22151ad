"""The calendar feed behind a secret address (no login: a calendar app cannot log in), and the
subscription page that helpers and teachers reach from their own pages."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from planner import services
from planner.model import Session, name_key
from web.calendar.feed import build_feed, calendar_range
from web.store import outcomes, plan_store
from web.store.absences import passed_on_changes_by_date
from web.store.calendar_feeds import feed_of, renew_feed, revoke_feed, user_of_token
from web.store.convert import kept_school
from web.store.kept import kept
from web.store.models import ROLE_HELPER, ROLE_TEACHER, User

calendar_bp = Blueprint("calendar", __name__, template_folder="templates")


@calendar_bp.get("/agenda/<token>.ics")
def feed(token: str):
    user = user_of_token(token)
    if user is None or user.role not in (ROLE_HELPER, ROLE_TEACHER):
        abort(404)
    response = Response(person_feed(user), mimetype="text/calendar")
    response.headers["Cache-Control"] = "no-store"
    return response


def person_feed(user: User) -> bytes:
    """The published plan of the user's helper or teacher, on the calendar; kept by this process until the
    school, the published plan, the person or the day changes (a calendar app asks for it again and again)."""
    today = dt.date.today()
    run = plan_store.published_plan_run()
    person = user.helper.name if user.helper else user.teacher.name if user.teacher else user.name
    published = (run.id, run.published_at) if run else None
    return kept(("calendar", user.id, user.role, person, published, today), lambda: _person_feed(user, today))


def _person_feed(user: User, today: dt.date) -> bytes:
    school = kept_school()
    stored = outcomes.published_plan()
    first, last = calendar_range(school, today)
    dated = services.dated_sessions(school, stored.plan, first, last, passed_on_changes_by_date()) if stored else ()
    if user.role == ROLE_HELPER and user.helper is not None:
        key = name_key(user.helper.name)
        return build_feed(user.helper.name, school, dated, _of_helper(key), _for_helper(school))
    if user.role == ROLE_TEACHER and user.teacher is not None:
        key = name_key(user.teacher.name)
        return build_feed(user.teacher.name, school, dated, _of_teacher(school, key), _for_teacher(school))
    return build_feed(user.name, school, (), lambda _: False, str)


def _of_helper(helper_key: str):
    return lambda session: helper_key in {name_key(name) for name in session.helpers}


def _of_teacher(school, teacher_key: str):
    def keep(session: Session) -> bool:
        request_ = school.request(session.request_id)
        return request_ is not None and name_key(request_.teacher) == teacher_key

    return keep


def _for_helper(school):
    def summary(session: Session) -> str:
        request_ = school.request(session.request_id)
        return f"{request_.task} – groep {request_.group}" if request_ else f"Aanvraag {session.request_id}"

    return summary


def _for_teacher(school):
    def summary(session: Session) -> str:
        request_ = school.request(session.request_id)
        what = request_.task if request_ else f"aanvraag {session.request_id}"
        return f"{', '.join(session.helpers)}: {what}"

    return summary


def subscription_page(back_endpoint: str, back_label: str):
    """The user's subscription: its address right after making or renewing it, or that one exists."""
    token = request.args.get("nieuw", "")
    address = url_for("calendar.feed", token=token, _external=True) if token and user_of_token(token) else ""
    return render_template(
        "calendar/subscription.html",
        address=address,
        feed=feed_of(current_user),
        back_endpoint=back_endpoint,
        back_label=back_label,
    )


def change_subscription(page_endpoint: str):
    """Make or renew (``actie=vernieuwen``) or revoke (``actie=intrekken``) the user's subscription."""
    if request.form.get("actie") == "intrekken":
        revoke_feed(current_user)
        flash("Het agenda-abonnement is ingetrokken: het oude adres werkt niet meer.", "success")
        return redirect(url_for(page_endpoint))
    token = renew_feed(current_user)
    flash("Er is een nieuw agenda-adres gemaakt; een eerder adres werkt niet meer.", "success")
    return redirect(url_for(page_endpoint, nieuw=token))
