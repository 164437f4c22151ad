"""What the planning views call after publishing a plan or passing on an absence: mail those concerned."""

from __future__ import annotations

from web.db import db
from web.mail.deliveries import mail_in_background, people_with_address
from web.mail.messages import absence_messages, publication_messages
from web.store import plan_store
from web.store.convert import load_school
from web.store.models_plan import AbsenceRecord, PlanRun
from web.store.models_reach import MAIL_ABSENCE, MAIL_PUBLISH


def mail_publication(run: PlanRun, previous: PlanRun | None) -> str:
    """Mail everyone whose week differs from the plan published before; a Dutch note for the planner."""
    before = plan_store.to_plan(previous) if previous is not None else None
    messages = publication_messages(load_school(), people_with_address(), before, plan_store.to_plan(run))
    return mail_in_background(messages, MAIL_PUBLISH, run_id=run.id)


def mail_absence(record: AbsenceRecord) -> str:
    """Mail each helper and teacher the passed-on absence concerns; a Dutch note for the planner."""
    published = plan_store.published_plan()
    week = published.plan if published is not None else plan_store.to_plan(db.session.get(PlanRun, record.run_id))
    messages = absence_messages(load_school(), people_with_address(), record, week)
    return mail_in_background(messages, MAIL_ABSENCE, absence_id=record.id)
