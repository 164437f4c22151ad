"""The school of the load and fault script (``scripts/load_and_fault.py``): a generated board school with
about the asked number of requests, accounts for a planner, teachers and helpers, and a published plan.

The plan is the by-hand baseline (``planner.baseline``) with its diagnoses, stored as a run stores its
outcome (``plan_store.store_results``), so the pages show what they show after a real run.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, select, text

from planner.baseline import plan_by_hand
from planner.diagnosis import diagnose
from planner.generate import generate_school
from planner.model import School
from planner.services import SolveOutcome

PASSWORD = "lasttest-wachtwoord-1"
BOARD_REQUESTS_PER_RATIO = 345  # a board school has about this many requests per unit of demand ratio
HELPER_ACCOUNTS = 5


@dataclass(frozen=True)
class Accounts:
    planner: str
    teachers: tuple[str, ...]
    helpers: tuple[str, ...]
    any_request_id: int
    own_request_id: int  # a request of the first teacher account
    summary: str


def app_for(environment: dict[str, str]):
    """The web app on the script's instance folder and database, as the server will see them."""
    from web import create_app

    url = environment.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    instance = environment["HANDENPLANNER_INSTANCE"]
    return create_app({"INSTANCE_PATH": instance, "SQLALCHEMY_DATABASE_URI": url or sqlite_url(instance)})


def run_command(environment: dict[str, str], *arguments: str) -> None:
    """``handenplanner <arguments>`` in a child process with the script's environment."""
    command = [sys.executable, "-m", "handenplanner", *arguments]
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL)


def sqlite_url(instance: str) -> str:
    return f"sqlite:///{Path(instance) / 'handenplanner.sqlite'}"


def fill_school(environment: dict[str, str], requests: int, teachers: int, *, wipe: bool) -> Accounts:
    """Migrate the database with ``handenplanner db upgrade`` and fill it (see the module text)."""
    from web.db import db

    app = app_for(environment)
    with app.app_context():
        if inspect(db.engine).get_table_names():
            if not wipe:
                raise SystemExit("De database is niet leeg; geef --wipe om hem eerst leeg te maken.")
            db.drop_all()
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.engine.dispose()
    run_command(environment, "db", "upgrade")
    school = generate_school("board", seed=1, demand_ratio=requests / BOARD_REQUESTS_PER_RATIO)
    with app.app_context():
        accounts = _fill(school, teachers)
        db.session.remove()
        db.engine.dispose()
    return accounts


def _fill(school: School, teacher_count: int) -> Accounts:
    from web.db import db
    from web.store import plan_store
    from web.store.convert import replace_school
    from web.store.models import Request
    from web.store.models_plan import RUN_RUNNING, PlanRun, utc_now
    from web.store.users import create_user, find_helper, find_teacher

    replace_school(school)
    create_user("planner@lasttest.nl", "planner", "Planner", PASSWORD)
    asking = {request.teacher for request in school.requests}
    chosen = [teacher for teacher in school.teachers if teacher.name in asking][:teacher_count]
    teachers = tuple(f"leerkracht{index}@lasttest.nl" for index in range(len(chosen)))
    for email, teacher in zip(teachers, chosen, strict=True):
        create_user(email, "teacher", "", PASSWORD, teacher=find_teacher(teacher.name))
    helpers = tuple(f"ondersteuner{index}@lasttest.nl" for index in range(HELPER_ACCOUNTS))
    for email, helper in zip(helpers, school.helpers, strict=False):
        create_user(email, "helper", "", PASSWORD, helper=find_helper(helper.name))
    db.session.commit()
    plan = plan_by_hand(school)
    run = PlanRun(status=RUN_RUNNING, started_at=utc_now(), time_limit_s=school.settings.time_limit_s)
    db.session.add(run)
    db.session.commit()
    plan_store.store_results(run.id, SolveOutcome(school, plan, tuple(diagnose(school, plan))), stopped=False)
    plan_store.publish_run(db.session.get(PlanRun, run.id), "planner@lasttest.nl")
    own = find_teacher(chosen[0].name)
    return Accounts(
        planner="planner@lasttest.nl",
        teachers=teachers,
        helpers=helpers[: len(school.helpers)],
        any_request_id=db.session.scalars(select(Request.id).order_by(Request.id)).first(),
        own_request_id=db.session.scalars(select(Request.id).where(Request.teacher_id == own.id)).first(),
        summary=(
            f"{len(school.requests)} aanvragen, {len(school.teachers)} leerkrachten, {len(school.helpers)} "
            f"ondersteuners; gepubliceerd rooster met {len(plan.sessions)} keer"
        ),
    )


def marked_goals(environment: dict[str, str], mark: str) -> list[str]:
    """The ``doel`` of every request whose goal starts with ``mark``."""
    from web.db import db
    from web.store.models import Request

    app = app_for(environment)
    with app.app_context():
        goals = list(db.session.scalars(select(Request.goal).where(Request.goal.startswith(mark))))
        db.session.remove()
        db.engine.dispose()
    return goals


def export_kept_for_school(environment: dict[str, str]) -> bool:
    """Whether the planner's plan has a kept result workbook. Nothing changes the filled school while the
    script waits, so a kept workbook is one for the school as it is now; asked twice a second, it reads one
    row with one app, not the whole school with a new app each time."""
    from sqlalchemy import exists

    from web.db import db
    from web.store.models_plan import ExportCache
    from web.store.plan_store import planner_default_run

    app = _reader_app(environment["HANDENPLANNER_INSTANCE"], environment.get("DATABASE_URL", ""))
    with app.app_context():
        run = planner_default_run()
        kept = run is not None and bool(db.session.scalar(select(exists().where(ExportCache.run_id == run.id))))
        db.session.remove()
    return kept


@functools.cache
def _reader_app(instance: str, database_url: str):
    return app_for({"HANDENPLANNER_INSTANCE": instance, "DATABASE_URL": database_url})
