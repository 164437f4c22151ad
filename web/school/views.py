"""The school's set-up pages (``/planner/...``): school hours and settings, groups, teachers, tasks,
all requests with filters, and opening/closing the request round."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from planner import services
from planner.model import ROLES, Priority, name_key
from planner.timegrid import DAYS
from web.access import restrict_blueprint
from web.db import db
from web.form_values import column_size, local_path, record_id
from web.list_page import ListPage
from web.school.forms import FormError, form_text, parse_settings, parse_time_field, required_text
from web.store import outcomes
from web.store.convert import kept_request_form_school, settings_row
from web.store.models import ROLE_PLANNER, Group, Helper, Request, SchoolDay, Task, Teacher, join_list, split_list
from web.teacher.request_form import parse_request_form, render_request_form, values_from_form, values_from_row

school_bp = Blueprint("school", __name__, template_folder="templates", url_prefix="/planner")
restrict_blueprint(school_bp, ROLE_PLANNER)

STATUS_FILTERS = ("ingediend", "ingetrokken", "gehonoreerd", "deels", "niet ingepland")


@school_bp.route("/school", methods=["GET", "POST"])
def settings():
    settings = settings_row()
    days = {row.day: row for row in db.session.scalars(select(SchoolDay))}
    if request.method == "POST":
        try:
            parse_settings(request.form, settings)
            _update_school_days(days)
        except FormError as problem:
            db.session.rollback()
            flash(str(problem), "error")
            return redirect(url_for("school.settings"))
        db.session.commit()
        flash("De schoolgegevens zijn opgeslagen.", "success")
        return redirect(url_for("school.settings"))
    return render_template("school/settings.html", settings=settings, days=days, all_days=DAYS)


def _update_school_days(days: dict[str, SchoolDay]) -> None:
    for day in DAYS:
        if request.form.get(f"dag_{day}") != "ja":
            if day in days:
                db.session.delete(days[day])
            continue
        start = parse_time_field(request.form, f"begin_{day}", f"begin op {day}")
        end = parse_time_field(request.form, f"eind_{day}", f"eind op {day}")
        if end <= start:
            raise FormError(f"Op {day} moet het eind na het begin liggen.")
        row = days.get(day) or SchoolDay(day=day)
        row.start, row.end = start, end
        db.session.add(row)


@school_bp.route("/aanvraagronde", methods=["POST"])
def toggle_round():
    settings = settings_row()
    settings.request_round_open = request.form.get("open") == "ja"
    db.session.commit()
    state = "geopend" if settings.request_round_open else "gesloten"
    flash(f"De aanvraagronde is {state}.", "success")
    return redirect(local_path(request.form.get("terug"), url_for("school.requests")))


@school_bp.route("/groepen", methods=["GET", "POST"])
def groups():
    if request.method == "POST":
        try:
            name, location = _group_fields(request.form)
        except FormError as problem:
            flash(str(problem), "error")
            return redirect(url_for("school.groups"))
        if _name_taken(Group, name):
            flash(f"Er is al een groep '{name}'.", "error")
        else:
            db.session.add(Group(name=name, location=location))
            db.session.commit()
            flash(f"Groep {name} is toegevoegd.", "success")
        return redirect(url_for("school.groups"))
    rows = db.session.scalars(select(Group).order_by(Group.id)).all()
    return render_template("school/groups.html", groups=rows)


@school_bp.route("/groepen/<int:group_id>", methods=["POST"])
def update_group(group_id: int):
    group = db.get_or_404(Group, group_id)
    if request.form.get("actie") == "verwijderen":
        used = db.session.scalar(select(func.count(Request.id)).where(Request.group_id == group.id))
        if used:
            still = services.plural(used, "aanvraag", "aanvragen")
            flash(f"Groep {group.name} heeft nog {still} en kan niet weg.", "error")
        else:
            rename_placement_group(group.name, None)
            db.session.delete(group)
            db.session.commit()
            flash(f"Groep {group.name} is verwijderd.", "success")
        return redirect(url_for("school.groups"))
    try:
        name, location = _group_fields(request.form)
    except FormError as problem:
        flash(str(problem), "error")
        return redirect(url_for("school.groups"))
    if _name_taken(Group, name, group.id):
        flash("Vul een naam in die nog niet bestaat.", "error")
    else:
        rename_placement_group(group.name, name)
        group.name, group.location = name, location
        db.session.commit()
        flash(f"Groep {name} is opgeslagen.", "success")
    return redirect(url_for("school.groups"))


def _group_fields(form) -> tuple[str, str]:
    """A group's name and location, each fitting its column."""
    name = required_text(form, "naam", "de naam van de groep", column_size(Group, "name"))
    return name, form_text(form, "locatie", "de locatie", column_size(Group, "location"))


@school_bp.route("/leerkrachten", methods=["GET", "POST"])
def teachers():
    all_groups = db.session.scalars(select(Group).order_by(Group.id)).all()
    if request.method == "POST" and _save_teacher(Teacher(), all_groups):
        return redirect(url_for("school.teachers"))
    rows = db.session.scalars(select(Teacher).options(selectinload(Teacher.group_links)).order_by(Teacher.name)).all()
    return render_template("school/teachers.html", teachers=rows, groups=all_groups)


@school_bp.route("/leerkrachten/<int:teacher_id>", methods=["GET", "POST"])
def edit_teacher(teacher_id: int):
    teacher = db.get_or_404(Teacher, teacher_id)
    all_groups = db.session.scalars(select(Group).order_by(Group.id)).all()
    if request.method == "POST":
        if request.form.get("actie") == "verwijderen":
            return _delete_teacher(teacher)
        if _save_teacher(teacher, all_groups):
            return redirect(url_for("school.teachers"))
    return render_template("school/teacher_edit.html", teacher=teacher, groups=all_groups)


def _save_teacher(teacher: Teacher, all_groups: list[Group]) -> bool:
    try:
        name = form_text(request.form, "naam", "de naam", column_size(Teacher, "name"))
        email = form_text(request.form, "email", "het e-mailadres", column_size(Teacher, "email"))
    except FormError as problem:
        flash(str(problem), "error")
        return False
    if not name or _name_taken(Teacher, name, teacher.id):
        flash("Vul een naam in die nog niet bestaat.", "error")
        return False
    chosen = set(request.form.getlist("groepen"))
    teacher.name, teacher.email = name, email
    teacher.set_groups([group for group in all_groups if str(group.id) in chosen])
    db.session.add(teacher)
    db.session.commit()
    flash(f"Leerkracht {name} is opgeslagen.", "success")
    return True


def _delete_teacher(teacher: Teacher):
    used = db.session.scalar(select(func.count(Request.id)).where(Request.teacher_id == teacher.id))
    if used:
        flash(f"{teacher.name} heeft nog {services.plural(used, 'aanvraag', 'aanvragen')} en kan niet weg.", "error")
        return redirect(url_for("school.edit_teacher", teacher_id=teacher.id))
    db.session.delete(teacher)
    db.session.commit()
    flash(f"Leerkracht {teacher.name} is verwijderd.", "success")
    return redirect(url_for("school.teachers"))


@school_bp.route("/taken", methods=["GET", "POST"])
def tasks():
    if request.method == "POST":
        _save_task()
        return redirect(url_for("school.tasks"))
    rows = db.session.scalars(select(Task).order_by(Task.id)).all()
    return render_template("school/tasks.html", tasks=rows, roles=ROLES)


def _save_task() -> None:
    task = _task_from_form(request.form.get("id", ""))
    if task is None:
        flash("Deze taak bestaat niet meer.", "error")
        return
    if request.form.get("actie") == "verwijderen":
        db.session.delete(task)
        db.session.commit()
        flash(f"Taak {task.name} is verwijderd.", "success")
        return
    try:
        name = form_text(request.form, "naam", "de taak", column_size(Task, "name"))
        description = form_text(request.form, "omschrijving", "de omschrijving", column_size(Task, "description"))
    except FormError as problem:
        flash(str(problem), "error")
        return
    if not name or _name_taken(Task, name, task.id):
        flash("Vul een taak in die nog niet bestaat.", "error")
        return
    task.name = name
    task.roles = join_list([role for role in request.form.getlist("functies") if role in ROLES])
    task.description = description
    db.session.add(task)
    db.session.commit()
    flash(f"Taak {name} is opgeslagen.", "success")


def _task_from_form(task_id: str) -> Task | None:
    """A new task for an empty id, the stored one for a valid id, None otherwise."""
    if not task_id:
        return Task()
    number = record_id(task_id)
    return db.session.get(Task, number) if number is not None else None


@school_bp.route("/aanvragen")
def requests():
    filters = {key: request.args.get(key, "") for key in ("zoek", "leerkracht", "groep", "prioriteit", "status")}
    query = select(Request).options(joinedload(Request.teacher), joinedload(Request.group)).order_by(Request.id)
    if record_id(filters["leerkracht"]):
        query = query.where(Request.teacher_id == record_id(filters["leerkracht"]))
    if record_id(filters["groep"]):
        query = query.where(Request.group_id == record_id(filters["groep"]))
    if filters["prioriteit"] in {p.label for p in Priority}:
        query = query.where(Request.priority == int(Priority.from_label(filters["prioriteit"])))
    stored = outcomes.planner_plan()
    items, page = _requests_page(query, stored, filters, request.args.get("pagina", 1, type=int))
    return render_template(
        "school/requests.html",
        items=items,
        page=page,
        filters=filters,
        teachers=db.session.scalars(select(Teacher).order_by(Teacher.name)).all(),
        groups=db.session.scalars(select(Group).order_by(Group.id)).all(),
        priorities=[p.label for p in Priority],
        statuses=STATUS_FILTERS,
        round_open=settings_row().request_round_open,
        has_plan=stored is not None,
        split_list=split_list,
    )


def _requests_page(query: Select, stored, filters: dict[str, str], asked: int) -> tuple[list, ListPage]:
    """One page of the listed requests with their outcomes. Without a status or search filter the database
    pages them, so a page of a thousand requests reads a hundred; with one, every row is read and filtered."""
    if not (filters["status"] or filters["zoek"].strip()):
        page = ListPage.of(asked, db.session.scalar(select(func.count()).select_from(query.subquery())))
        rows = db.session.scalars(query.limit(page.size).offset(page.offset))
        return [(row, _outcome(stored, row)) for row in rows], page
    items = [(row, _outcome(stored, row)) for row in db.session.scalars(query)]
    if filters["status"]:
        items = [item for item in items if _status_of(*item) == filters["status"]]
    if filters["zoek"].strip():
        items = [item for item in items if _mentions(item[0], filters["zoek"])]
    page = ListPage.of(asked, len(items))
    return items[page.offset : page.offset + page.size], page


def _outcome(stored, row: Request):
    return None if row.withdrawn else outcomes.request_outcome(stored, row)


def _mentions(row: Request, words: str) -> bool:
    """Whether the request's number, task, subject, goal or notes contain the searched words (any case)."""
    text = " ".join((row.code, row.task, row.subject, row.goal, row.subgroup, row.notes))
    return name_key(words) in name_key(text)


@school_bp.route("/aanvragen/<int:request_id>", methods=["GET", "POST"])
def edit_request(request_id: int):
    """The planner adjusts any request (e.g. widens a window as a suggestion says), or withdraws/restores it."""
    row = db.get_or_404(Request, request_id)
    if request.method == "POST" and request.form.get("actie") in ("intrekken", "herstellen"):
        row.withdrawn = request.form["actie"] == "intrekken"
        db.session.commit()
        flash(f"Aanvraag {row.code} is {'ingetrokken' if row.withdrawn else 'hersteld'}.", "success")
        return redirect(url_for("school.requests"))
    back = url_for("school.requests")
    if request.method == "POST":
        checked, errors = parse_request_form(request.form, kept_request_form_school(), row.teacher.groups)
        if checked is not None:
            checked.apply_to(row)
            db.session.commit()
            flash(f"Aanvraag {row.code} is bijgewerkt.", "success")
            return redirect(back)
        return render_request_form(row.teacher, values_from_form(request.form), errors, row, back, "Aanvragen"), 422
    return render_request_form(row.teacher, values_from_row(row), {}, row, back, "Aanvragen")


def _status_of(row: Request, outcome) -> str:
    if row.withdrawn:
        return "ingetrokken"
    return outcome.label if outcome else "ingediend"


def rename_placement_group(old_name: str, new_name: str | None) -> None:
    """Placement groups are stored by name: follow a renamed group, drop a deleted one."""
    for helper in db.session.scalars(select(Helper)):
        names = split_list(helper.placement_groups)
        if any(name_key(name) == name_key(old_name) for name in names):
            kept = [new_name if name_key(name) == name_key(old_name) else name for name in names]
            helper.placement_groups = join_list([name for name in kept if name])


def _name_taken(model_class, name: str, own_id: int | None = None) -> bool:
    query = select(model_class.id).where(func.lower(model_class.name) == name.lower())
    if own_id is not None:
        query = query.where(model_class.id != own_id)
    return db.session.scalars(query).first() is not None
