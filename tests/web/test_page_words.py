"""Every page as each role reads it: school time, Dutch words, decimal commas, real plurals.

The seeded school is solved for real and published, a teacher sends a request afterwards and the
planner records an absence, so the outcome, the levels' details, a new request and a lapsed
session are all on the pages walked. Each page's visible text (tags, scripts and styles left
out) may not hold "UTC", an English word of the deny-list, a number with a decimal point or a
slashed plural such as "aanvraag/aanvragen".
"""

from __future__ import annotations

import datetime as dt
import html
import re

from planner import services
from tests.web.conftest import EMAILS
from tests.web.test_access_matrix import _get_routes, _owner_role
from web.db import db
from web.store.convert import load_school
from web.store.models_plan import PlanRun, utc_now
from web.store.plan_store import store_results

ENGLISH = re.compile(
    r"\b(Submit|Cancel|Error|None|True|False|optimal|feasible|infeasible|Save|Delete|Edit|Back|Next|usage)\b"
)
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
SLASHED_PLURAL = re.compile(r"\w+/\w+en\b|\w\(s\)|\(en\)")
CHECKS = (
    ("UTC", re.compile(r"\bUTC\b")),
    ("Engels", ENGLISH),
    ("decimale punt", DECIMAL_POINT),
    ("schuine-streep-meervoud", SLASHED_PLURAL),
)
ROLE_OF_PREFIX = {"teacher": "teacher", "helper": "helper", "planner": "planner"}


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _solve_and_publish(app) -> int:
    with app.app_context():
        outcome = services.solve_school(load_school(), services.PlanOptions(time_limit_s=10, workers=1))
        run = PlanRun(status="running", started_at=utc_now(), time_limit_s=10)
        db.session.add(run)
        db.session.commit()
        store_results(run.id, outcome, stopped=False)
        run = db.session.get(PlanRun, run.id)
        run.published_at = utc_now()
        db.session.commit()
        return run.id


def _next_monday() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def test_every_page_reads_in_school_time_dutch_words_and_decimal_commas(app, seeded, clients):
    run_id = _solve_and_publish(app)
    form = clients["teacher"].get("/leerkracht/aanvragen/nieuw").get_data(as_text=True)
    assert "Nieuwe aanvraag" in form
    clients["planner"].post("/planner/afwezigheid", data={"ondersteuner": "Carla", "datum": _next_monday().isoformat()})
    values = {"request_id": seeded.request_a_id, "teacher_id": seeded.teacher_a_id, "helper_id": seeded.helper_id,
              "run_id": run_id, "user_id": 1}  # fmt: skip
    problems = []
    walked = 0
    for endpoint, path in _get_routes(app, values):
        owner = _owner_role(path)
        roles = [owner] if owner in EMAILS else list(ROLE_OF_PREFIX)
        for role in roles:
            response = clients[role].get(path)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            walked += 1
            text = visible_text(response.get_data(as_text=True))
            for name, pattern in CHECKS:
                problems += [f"{role} {path} ({endpoint}): {name} {hit!r}" for hit in pattern.findall(text)]
    assert walked >= 20
    assert not problems, "\n".join(sorted(set(problems)))
