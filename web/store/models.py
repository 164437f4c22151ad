"""Database rows of the one school in this database (SQLAlchemy 2 typed models).

Times are minutes since midnight and days are codes ``ma`` … ``zo``, as in
``planner.model``; lists (skills, roles, days …) are stored as comma-separated
text because they are free words that are never queried on their own.
``web.store.convert`` turns these rows into a ``planner.model.School`` and back.
"""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.services import TEXT_LIMITS
from web.db import db

ROLE_PLANNER = "planner"
ROLE_TEACHER = "teacher"
ROLE_HELPER = "helper"
USER_ROLES = (ROLE_PLANNER, ROLE_TEACHER, ROLE_HELPER)
USER_ROLE_LABELS = {ROLE_PLANNER: "planner", ROLE_TEACHER: "leerkracht", ROLE_HELPER: "ondersteuner"}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def split_list(text: str | None) -> tuple[str, ...]:
    """Comma-separated text → tuple of trimmed, non-empty words."""
    return tuple(part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip())


def join_list(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(value.strip() for value in values if value.strip())


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(TEXT_LIMITS["email"]), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(TEXT_LIMITS["person_name"]), default="")
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))
    helper_id: Mapped[int | None] = mapped_column(ForeignKey("helpers.id", ondelete="SET NULL"))

    teacher: Mapped[Teacher | None] = relationship()
    helper: Mapped[Helper | None] = relationship()

    @property
    def role_label(self) -> str:
        return USER_ROLE_LABELS.get(self.role, self.role)


class SchoolSettings(db.Model):
    """The single settings row of the school (``Instellingen``) plus the request round."""

    __tablename__ = "school_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_name: Mapped[str] = mapped_column(String(TEXT_LIMITS["school_name"]), default="")
    time_step_min: Mapped[int] = mapped_column(Integer, default=5)
    changeover_min: Mapped[int] = mapped_column(Integer, default=0)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    time_limit_s: Mapped[float] = mapped_column(Float, default=30.0)
    request_round_open: Mapped[bool] = mapped_column(Boolean, default=True)


class SchoolDay(db.Model):
    __tablename__ = "school_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[str] = mapped_column(String(2), unique=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Group(db.Model):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TEXT_LIMITS["group_name"]), unique=True)
    location: Mapped[str] = mapped_column(String(TEXT_LIMITS["location"]), default="")


class TeacherGroup(db.Model):
    """A teacher teaches a group; ``position`` keeps the order the school wrote them in."""

    __tablename__ = "teacher_groups"

    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    group: Mapped[Group] = relationship()


class Teacher(db.Model):
    __tablename__ = "teachers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TEXT_LIMITS["person_name"]), unique=True)
    email: Mapped[str] = mapped_column(String(TEXT_LIMITS["email"]), default="")

    group_links: Mapped[list[TeacherGroup]] = relationship(
        order_by=TeacherGroup.position, cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def groups(self) -> list[Group]:
        return [link.group for link in self.group_links]

    def set_groups(self, groups: list[Group]) -> None:
        self.group_links = [TeacherGroup(group=group, position=index) for index, group in enumerate(groups)]


class Helper(db.Model):
    """An *ondersteuner*: assistant, intern or volunteer who can be the extra hands."""

    __tablename__ = "helpers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TEXT_LIMITS["person_name"]), unique=True)
    role: Mapped[str] = mapped_column(String(TEXT_LIMITS["role"]))
    hours_per_week: Mapped[float] = mapped_column(Float, default=0.0)
    max_hours_per_day: Mapped[float | None] = mapped_column(Float)
    skills: Mapped[str] = mapped_column(Text, default="")
    placement_groups: Mapped[str] = mapped_column(Text, default="")
    may_work_elsewhere: Mapped[bool] = mapped_column(Boolean, default=False)
    locations: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(TEXT_LIMITS["email"]), default="")

    availability: Mapped[list[Availability]] = relationship(
        order_by="Availability.id", cascade="all, delete-orphan", passive_deletes=True, back_populates="helper"
    )


class Availability(db.Model):
    __tablename__ = "availability"

    id: Mapped[int] = mapped_column(primary_key=True)
    helper_id: Mapped[int] = mapped_column(ForeignKey("helpers.id", ondelete="CASCADE"), index=True)
    day: Mapped[str] = mapped_column(String(2))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    helper: Mapped[Helper] = relationship(back_populates="availability")


class Task(db.Model):
    """A row of the school's task list ``Taken``: which roles may do it."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TEXT_LIMITS["task"]), unique=True)
    roles: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")


class Request(db.Model):
    """A teacher's request for extra hands (``Aanvragen``); ``code`` is its ``id`` in the workbook."""

    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(TEXT_LIMITS["request_id"]), unique=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id"), index=True)  # a teacher's own requests
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    subject: Mapped[str] = mapped_column(String(TEXT_LIMITS["subject"]), default="")
    task: Mapped[str] = mapped_column(String(TEXT_LIMITS["task"]))
    goal: Mapped[str] = mapped_column(Text, default="")
    subgroup: Mapped[str] = mapped_column(String(TEXT_LIMITS["subgroup"]), default="")  # free text, as `taak`
    sessions_per_week: Mapped[int] = mapped_column(Integer, default=1)
    duration_min: Mapped[int] = mapped_column(Integer)
    days: Mapped[str] = mapped_column(String(40), default="")
    window_start: Mapped[int] = mapped_column(Integer)
    window_end: Mapped[int] = mapped_column(Integer)
    preferred_start: Mapped[int | None] = mapped_column(Integer)
    priority: Mapped[int] = mapped_column(Integer, default=2)
    roles: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(Text, default="")
    preferred_helper: Mapped[str] = mapped_column(String(TEXT_LIMITS["person_name"]), default="")
    hands: Mapped[int] = mapped_column(Integer, default=1)
    notes: Mapped[str] = mapped_column(Text, default="")
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)

    teacher: Mapped[Teacher] = relationship()
    group: Mapped[Group] = relationship()
