"""Database rows ↔ planner.model.School."""

from __future__ import annotations

from dataclasses import replace

from planner import model
from planner.model import AvailabilityBlock, Priority
from web.db import db
from web.store.convert import load_request_form_school, load_school, replace_school
from web.store.models import Request, User

from .conftest import seed_school


def rich_school() -> model.School:
    """Every optional field filled, to show the round trip loses nothing."""
    school = seed_school()
    return replace(
        school,
        helpers=(
            *school.helpers,
            model.Helper(
                "Eva",
                "stagiaire",
                7.5,
                (AvailabilityBlock("di", 600, 700), AvailabilityBlock("ma", 510, 600)),
                max_hours_per_day=2.5,
                skills=("lezen", "gedrag"),
                placement_groups=("5", "6"),
                may_work_elsewhere=True,
                locations=("Dependance",),
                email="eva@school.nl",
            ),
        ),
        requests=(
            *school.requests,
            model.Request(
                "X-3",
                "Anna de Vries",
                "5",
                "verlengde instructie",
                2,
                30,
                510,
                720,
                days=("ma", "di"),
                subject="spelling",
                goal="werkwoorden",
                subgroup="verrijkingsgroep",
                preferred_start=600,
                priority=Priority.LAAG,
                roles=("stagiaire", "onderwijsassistent"),
                skills=("lezen",),
                preferred_helper="Eva",
                hands=2,
                notes="graag in de gang",
            ),
        ),
        pins=(model.Pin("X-3", "Eva", "ma", 510),),
        tasks=(*school.tasks, model.Task("leesbegeleiding", (), "met een leesgroepje")),
        settings=model.Settings("De Proefschool", 5, 10, None, None, 12.0),
    )


def test_school_round_trips_through_the_database(app):
    school = rich_school()
    with app.app_context():
        replace_school(school)
        db.session.commit()
    with app.app_context():
        assert load_school() == school


def test_withdrawn_requests_are_not_planned(app):
    with app.app_context():
        replace_school(seed_school())
        db.session.commit()
        db.session.scalars(db.select(Request).where(Request.code == "2")).one().withdrawn = True
        db.session.commit()
        assert [r.request_id for r in load_school().requests] == ["1"]


def test_replacing_the_school_keeps_accounts_linked_by_name(app, seeded):
    school = seed_school()
    renamed = replace(school, teachers=(school.teachers[1], school.teachers[0]))  # new row ids, same names
    with app.app_context():
        replace_school(renamed)
        db.session.commit()
        anna = db.session.scalars(db.select(User).where(User.email == "anna@school.nl")).one()
        carla = db.session.scalars(db.select(User).where(User.email == "carla@school.nl")).one()
        assert anna.teacher.name == "Anna de Vries"
        assert carla.helper.name == "Carla"
        # A helper that disappears leaves its account unlinked, not broken.
        replace_school(replace(school, helpers=school.helpers[1:]))
        db.session.commit()
        carla = db.session.scalars(db.select(User).where(User.email == "carla@school.nl")).one()
        assert carla.helper is None


def test_reimport_keeps_the_subgroup_a_teacher_chose_on_the_web(app, seeded):
    with app.app_context():
        db.session.scalars(db.select(Request).where(Request.code == "1")).one().subgroup = "verrijkingsgroep"
        db.session.commit()
        replace_school(load_school())  # e.g. export, edit in Excel, import again
        db.session.commit()
        assert db.session.scalars(db.select(Request).where(Request.code == "1")).one().subgroup == "verrijkingsgroep"


def test_a_form_reads_only_what_it_checks_a_request_against_and_that_equals_the_full_school(app):
    # The request form checks one request against the school: days, tasks, helpers, settings, days off. Its cost
    # must not grow with the school, so requests, groups, teachers and pins are left out; what it reads is the
    # same as in the school the planner solves.
    with app.app_context():
        replace_school(rich_school())
        db.session.commit()
        full = load_school()
        assert len(full.requests) == 3 and full.groups and full.teachers
        assert load_request_form_school() == replace(full, requests=(), groups=(), teachers=(), pins=())
