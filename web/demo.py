"""The demo: a database in the instance folder filled from the sample school, with demo accounts.

The demo applies the migrations (not ``create_all``) so that they are exercised,
reuses an existing demo database, and gives the demo accounts fresh passwords on
every start (printed by ``handenplanner serve --demo``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import flask_migrate
from flask import Flask
from sqlalchemy import func, select

from planner import services
from web import MIGRATIONS_DIR, create_app
from web.db import db
from web.store.convert import replace_school
from web.store.models import ROLE_HELPER, ROLE_PLANNER, ROLE_TEACHER, Group, Helper, Request, Teacher, User
from web.store.users import create_user, generate_password, set_password

SAMPLE_WORKBOOK = Path(__file__).resolve().parent.parent / "data" / "voorbeeldschool.xlsx"
DEMO_DATABASE = "demo.sqlite"


@dataclass(frozen=True)
class DemoLogin:
    role_label: str
    email: str
    password: str
    linked_to: str = ""


def create_demo_app(instance_path: str | None = None, web_processes: int = 1) -> Flask:
    """An app on the demo database ``demo.sqlite`` in the instance folder (never on DATABASE_URL)."""
    probe = create_app({"INSTANCE_PATH": instance_path} if instance_path else None)
    database = Path(probe.instance_path) / DEMO_DATABASE
    config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "WEB_PROCESSES": web_processes}
    if instance_path:
        config["INSTANCE_PATH"] = instance_path
    return create_app(config)


def setup_demo(app: Flask, workbook: Path = SAMPLE_WORKBOOK) -> list[DemoLogin]:
    """Migrate, fill from the sample school when empty, and (re)set the demo accounts."""
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        if db.session.scalar(select(func.count(Group.id))) == 0:
            replace_school(services.read_school(workbook))
            db.session.commit()
        logins = _demo_accounts()
        db.session.commit()
    return logins


def _demo_accounts() -> list[DemoLogin]:
    teacher = _busiest_teacher()
    helper = db.session.scalars(select(Helper).order_by(Helper.id)).first()
    wanted = [
        ("planner", ROLE_PLANNER, "planner@demo.handenplanner.nl", "Demo planner", None, None),
        ("leerkracht", ROLE_TEACHER, "leerkracht@demo.handenplanner.nl", "", teacher, None),
        ("ondersteuner", ROLE_HELPER, "ondersteuner@demo.handenplanner.nl", "", None, helper),
    ]
    logins = []
    for label, role, email, name, linked_teacher, linked_helper in wanted:
        if role != ROLE_PLANNER and linked_teacher is None and linked_helper is None:
            continue
        password = generate_password()
        user = db.session.scalars(select(User).where(User.email == email)).first()
        if user is None:
            user = create_user(email, role, name, password, linked_teacher, linked_helper)
        else:
            set_password(user, password)
            user.teacher, user.helper = linked_teacher, linked_helper
        linked = linked_teacher.name if linked_teacher else (linked_helper.name if linked_helper else "")
        logins.append(DemoLogin(label, email, password, linked))
    return logins


def _busiest_teacher() -> Teacher | None:
    """The teacher with the most requests, so the demo teacher has something to see."""
    row = db.session.execute(
        select(Request.teacher_id, func.count(Request.id).label("n"))
        .group_by(Request.teacher_id)
        .order_by(func.count(Request.id).desc(), Request.teacher_id)
    ).first()
    if row is None:
        return db.session.scalars(select(Teacher).order_by(Teacher.id)).first()
    return db.session.get(Teacher, row.teacher_id)
