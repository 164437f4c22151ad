"""Database rows ↔ ``planner.model.School``: the database adapter of the pure core.

``load_school`` builds the School the planner solves (withdrawn requests left
out, pins from the planning tables); ``replace_school`` replaces all school data
in the current transaction (used by the workbook import; the caller commits).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Row, delete, select, update
from sqlalchemy.orm import Session, selectinload

from planner import model
from planner.model import name_key
from web.db import db
from web.store import models, plan_store
from web.store.kept import kept
from web.store.models_plan import PlanPin
from web.store.models_reach import DaysOffRow
from web.store.school_version import SETUP


def settings_row(session: Session | None = None) -> models.SchoolSettings:
    """The single settings row, created with defaults when missing."""
    session = session or db.session
    row = session.scalars(select(models.SchoolSettings).order_by(models.SchoolSettings.id)).first()
    if row is None:
        row = models.SchoolSettings(
            school_name="", time_step_min=5, changeover_min=0, time_limit_s=30.0, request_round_open=True
        )
        session.add(row)
        session.flush()
    return row


def load_request_form_school(session: Session | None = None) -> model.School:
    """What the request form checks one request against: school days, settings, days off, helpers and tasks.
    Groups, teachers, requests and pins are left out, so a submit's cost does not grow with the school."""
    session = session or db.session
    return model.School(
        school_days=_school_days(session),
        groups=(),
        teachers=(),
        helpers=_helpers(session),
        requests=(),
        tasks=_tasks(session),
        settings=_settings(settings_row(session)),
        days_off=load_days_off(session),
    )


def kept_request_form_school() -> model.School:
    """What the request form checks against, kept while only requests change (``web.store.kept``)."""
    return kept("request_form_school", lambda: load_request_form_school(db.session), of=SETUP)


def kept_school() -> model.School:
    """The school as the planner sees it, kept by this process until it changes (``web.store.kept``)."""
    return kept("school", lambda: load_school(db.session))


def load_school(session: Session | None = None) -> model.School:
    """The school as the planner sees it."""
    session = session or db.session
    groups = {row.id: row for row in session.scalars(select(models.Group))}
    teachers = {
        row.id: row for row in session.scalars(select(models.Teacher).options(selectinload(models.Teacher.group_links)))
    }
    return model.School(
        school_days=_school_days(session),
        groups=tuple(model.Group(row.name, row.location or "") for row in _ordered(groups)),
        teachers=tuple(_teacher(row) for row in _ordered(teachers)),
        helpers=_helpers(session),
        requests=_requests(session, teachers, groups),
        tasks=_tasks(session),
        pins=_current_pins(),
        settings=_settings(settings_row(session)),
        days_off=load_days_off(session),
    )


def _school_days(session: Session) -> tuple[model.SchoolDay, ...]:
    return tuple(_school_day(row) for row in session.scalars(select(models.SchoolDay).order_by(models.SchoolDay.id)))


def _tasks(session: Session) -> tuple[model.Task, ...]:
    rows = session.scalars(select(models.Task).order_by(models.Task.id))
    return tuple(model.Task(row.name, models.split_list(row.roles), row.description or "") for row in rows)


def _requests(session: Session, teachers: dict, groups: dict) -> tuple[model.Request, ...]:
    """Plain rows, not ORM objects: reading a thousand requests stays a small part of a page."""
    columns = models.Request.__table__.columns
    query = select(*columns).where(columns.withdrawn.is_(False)).order_by(columns.id)
    return tuple(
        to_model_request(row, teachers[row.teacher_id].name, groups[row.group_id].name)
        for row in session.execute(query)
    )


def _helpers(session: Session) -> tuple[model.Helper, ...]:
    """The helpers with their availability, in two queries of plain rows: a submit reads them every time."""
    availability = models.Availability.__table__.columns
    blocks: dict[int, list[model.AvailabilityBlock]] = defaultdict(list)
    for row in session.execute(select(availability).order_by(availability.id)):
        blocks[row.helper_id].append(model.AvailabilityBlock(row.day, row.start, row.end))
    helpers = models.Helper.__table__.columns
    return tuple(_helper(row, blocks[row.id]) for row in session.execute(select(helpers).order_by(helpers.id)))


def load_days_off(session: Session | None = None) -> tuple[model.DaysOff, ...]:
    rows = (session or db.session).scalars(select(DaysOffRow).order_by(DaysOffRow.first, DaysOffRow.id))
    return tuple(model.DaysOff(row.first, row.last, row.description or "") for row in rows)


def _ordered(rows_by_id: dict) -> list:
    return [rows_by_id[key] for key in sorted(rows_by_id)]


def _school_day(row: models.SchoolDay) -> model.SchoolDay:
    return model.SchoolDay(row.day, row.start, row.end)


def _settings(row: models.SchoolSettings) -> model.Settings:
    return model.Settings(
        school_name=row.school_name or "",
        time_step_min=row.time_step_min,
        changeover_min=row.changeover_min,
        period_start=row.period_start,
        period_end=row.period_end,
        time_limit_s=row.time_limit_s,
    )


def _teacher(row: models.Teacher) -> model.Teacher:
    return model.Teacher(row.name, tuple(group.name for group in row.groups), row.email or "")


def _helper(row: Row, blocks: list[model.AvailabilityBlock]) -> model.Helper:
    return model.Helper(
        name=row.name,
        role=row.role,
        hours_per_week=row.hours_per_week,
        availability=tuple(blocks),
        max_hours_per_day=row.max_hours_per_day,
        skills=models.split_list(row.skills),
        placement_groups=models.split_list(row.placement_groups),
        may_work_elsewhere=row.may_work_elsewhere,
        locations=models.split_list(row.locations),
        email=row.email or "",
    )


def to_model_request(row: models.Request | Row, teacher_name: str, group_name: str) -> model.Request:
    return model.Request(
        request_id=row.code,
        teacher=teacher_name,
        group=group_name,
        task=row.task,
        sessions_per_week=row.sessions_per_week,
        duration_min=row.duration_min,
        window_start=row.window_start,
        window_end=row.window_end,
        days=models.split_list(row.days),
        subject=row.subject or "",
        goal=row.goal or "",
        subgroup=row.subgroup or "",
        preferred_start=row.preferred_start,
        priority=model.Priority(row.priority),
        roles=models.split_list(row.roles),
        skills=models.split_list(row.skills),
        preferred_helper=row.preferred_helper or None,
        hands=row.hands,
        notes=row.notes or "",
    )


def _current_pins() -> tuple[model.Pin, ...]:
    """Pins live in the planning tables (helper D2's ``web.plan_store``)."""
    return tuple(plan_store.current_pins())


def replace_school(school: model.School, session: Session | None = None) -> None:
    """Replace all school data by ``school`` in the current transaction; accounts stay linked by name."""
    session = session or db.session
    teacher_links, helper_links = _account_links(session)
    for table in (models.Request, models.Availability, models.TeacherGroup, models.Task, models.SchoolDay, DaysOffRow):
        session.execute(delete(table))
    session.execute(update(models.User).values(teacher_id=None, helper_id=None))
    for table in (models.Teacher, models.Helper, models.Group):
        session.execute(delete(table))
    _write_settings(settings_row(session), school.settings)
    groups = {name_key(g.name): models.Group(name=g.name, location=g.location) for g in school.groups}
    session.add_all([*groups.values(), *(_school_day_row(day) for day in school.school_days)])
    teachers = {name_key(t.name): _teacher_row(t, groups) for t in school.teachers}
    helpers = {name_key(h.name): _helper_row(h) for h in school.helpers}
    session.add_all([*teachers.values(), *helpers.values()])
    session.add_all(
        models.Task(name=t.name, roles=models.join_list(t.roles), description=t.description) for t in school.tasks
    )
    session.add_all(DaysOffRow(first=d.first, last=d.last, description=d.description) for d in school.days_off)
    session.add_all(request_row(r, teachers, groups) for r in school.requests)
    session.flush()
    _relink_accounts(session, teacher_links, teachers, helper_links, helpers)
    _replace_pins(session, school.pins)


def _account_links(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    teacher_links, helper_links = {}, {}
    for user in session.scalars(select(models.User)):
        if user.teacher is not None:
            teacher_links[user.id] = name_key(user.teacher.name)
        if user.helper is not None:
            helper_links[user.id] = name_key(user.helper.name)
    return teacher_links, helper_links


def _relink_accounts(session, teacher_links, teachers, helper_links, helpers) -> None:
    for user in session.scalars(select(models.User)):
        if user.id in teacher_links and teacher_links[user.id] in teachers:
            user.teacher_id = teachers[teacher_links[user.id]].id
        if user.id in helper_links and helper_links[user.id] in helpers:
            user.helper_id = helpers[helper_links[user.id]].id


def _replace_pins(session: Session, pins: tuple[model.Pin, ...]) -> None:
    """The school's pins (``Vastgezet``) replace the stored pins of the planning tables."""
    session.execute(delete(PlanPin))
    session.add_all(PlanPin(request_id=p.request_id, helper=p.helper, day=p.day, start=p.start) for p in pins)


def _write_settings(row: models.SchoolSettings, settings: model.Settings) -> None:
    row.school_name = settings.school_name
    row.time_step_min = settings.time_step_min
    row.changeover_min = settings.changeover_min
    row.period_start = settings.period_start
    row.period_end = settings.period_end
    row.time_limit_s = settings.time_limit_s


def _school_day_row(day: model.SchoolDay) -> models.SchoolDay:
    return models.SchoolDay(day=day.day, start=day.start, end=day.end)


def _teacher_row(teacher: model.Teacher, groups: dict[str, models.Group]) -> models.Teacher:
    row = models.Teacher(name=teacher.name, email=teacher.email)
    row.set_groups([groups[name_key(name)] for name in teacher.groups if name_key(name) in groups])
    return row


def _helper_row(helper: model.Helper) -> models.Helper:
    row = models.Helper(
        name=helper.name,
        role=helper.role,
        hours_per_week=helper.hours_per_week,
        max_hours_per_day=helper.max_hours_per_day,
        skills=models.join_list(helper.skills),
        placement_groups=models.join_list(helper.placement_groups),
        may_work_elsewhere=helper.may_work_elsewhere,
        locations=models.join_list(helper.locations),
        email=helper.email,
    )
    row.availability = [models.Availability(day=b.day, start=b.start, end=b.end) for b in helper.availability]
    return row


def request_row(request: model.Request, teachers: dict, groups: dict) -> models.Request:
    return models.Request(
        code=request.request_id,
        teacher=teachers[name_key(request.teacher)],
        group=groups[name_key(request.group)],
        subject=request.subject,
        task=request.task,
        goal=request.goal,
        subgroup=request.subgroup,
        sessions_per_week=request.sessions_per_week,
        duration_min=request.duration_min,
        days=models.join_list(request.days),
        window_start=request.window_start,
        window_end=request.window_end,
        preferred_start=request.preferred_start,
        priority=int(request.priority),
        roles=models.join_list(request.roles),
        skills=models.join_list(request.skills),
        preferred_helper=request.preferred_helper or "",
        hands=request.hands,
        notes=request.notes,
        withdrawn=False,
    )
