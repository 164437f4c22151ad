"""The planner's planning pages through Flask's test client, with real solver runs in the background.

The tiny school: one assistant, Anna, 3 hours a week, available Monday and Tuesday
8:30–12:00. Request A1 (Els, group 3, high priority) asks 2 × 60 min between 9:00
and 11:00: it fits on Monday and Tuesday. Request A2 (Piet, group 5) asks 45 min
between 13:00 and 14:00, when nobody is available: it cannot be placed.
"""

from __future__ import annotations

import io
import re
import time

import openpyxl
import pytest
from sqlalchemy import select

from planner import model as m
from planner import services
from tests.web.conftest import PASSWORD, make_app
from tests.web.conftest import login as login_client
from tests.web.publishing import publish
from tests.web.run_worker import WorkerThread, live_worker_id, paused_worker, wait_for_runs
from web.db import db
from web.store import plan_store
from web.store.convert import load_school, replace_school
from web.store.export_cache import export_digest
from web.store.models_plan import ExportCache, PlannedSession, PlanPin, PlanRun
from web.store.users import create_user, find_teacher

RUN_CONFIG = {
    "HANDENPLANNER_SOLVE_TIME_LIMIT": 5,
    "HANDENPLANNER_SOLVE_WORKERS": 1,
    "HANDENPLANNER_SUGGEST_BUDGET_S": 0,
}


def tiny_school() -> m.School:
    return m.School(
        school_days=(m.SchoolDay("ma", 510, 870), m.SchoolDay("di", 510, 870)),
        groups=(m.Group("3"), m.Group("5")),
        teachers=(m.Teacher("Els", ("3",)), m.Teacher("Piet", ("5",))),
        helpers=(
            m.Helper(
                "Anna",
                "onderwijsassistent",
                3,
                (m.AvailabilityBlock("ma", 510, 720), m.AvailabilityBlock("di", 510, 720)),
            ),
        ),
        requests=(
            m.Request("A1", "Els", "3", "basisgroep overnemen", 2, 60, 540, 660, priority=m.Priority.HOOG),
            m.Request("A2", "Piet", "5", "leesbegeleiding", 1, 45, 780, 840),
        ),
        settings=m.Settings(school_name="De Kleine School"),
    )


@pytest.fixture
def app(tmp_path, backend):
    """The tiny school on SQLite and PostgreSQL (``backend`` comes from tests/web/conftest.py)."""
    application = make_app(tmp_path, backend, **RUN_CONFIG)
    with application.app_context():
        replace_school(tiny_school())
        create_user("planner@school.nl", "planner", "Petra Planner", PASSWORD)
        create_user("els@school.nl", "teacher", "", PASSWORD, teacher=find_teacher("Els"))
        db.session.commit()
    worker = WorkerThread(application).start()
    yield application
    worker.stop()
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def login(app, email="planner@school.nl"):
    return login_client(app.test_client(), email)


@pytest.fixture
def planner(app):
    return login(app)


def finish_run(app, client) -> dict:
    """Start a run through the page and wait for the worker; returns the final progress."""
    response = client.post("/planner/berekening/start")
    assert response.status_code == 302
    run_id = int(re.search(r"run=(\d+)", response.location).group(1))
    assert wait_for_runs(app)
    progress = client.get(f"/planner/berekening/voortgang.json?run={run_id}").get_json()
    assert progress["id"] == run_id
    return progress


def test_pages_open_before_any_run(planner):
    for url in ("/planner/", "/planner/berekening", "/planner/rooster", "/planner/niet-ingepland"):
        response = planner.get(url)
        assert response.status_code == 200, url
    assert "nog geen rooster berekend" in planner.get("/planner/rooster").get_data(as_text=True)
    assert planner.get("/planner/berekening/voortgang.json").get_json() == {
        "status": "none",
        "status_label": "nog geen berekening",
        "active": False,
    }
    assert planner.get("/planner/berekening/voortgang.json?run=99").status_code == 404


def test_dashboard_shows_demand_and_capacity(planner):
    page = planner.get("/planner/").get_data(as_text=True)
    # A1: 2 × 60 min, A2: 45 min → 2,75 h asked; Anna: 3 h cap, 7 h available → 3 h.
    assert "2,75" in page and "uur per week gevraagd" in page
    assert ">3<" in page and "uur per week beschikbaar" in page
    # A2 asks hands 13:00–14:00 on Monday or Tuesday, when nobody is available: a shortage.
    assert "Vraag en aanbod per half uur" in page and 'class="heat-short"' in page


def test_run_places_what_fits_and_explains_the_rest(app, planner):
    progress = finish_run(app, planner)
    assert progress["status"] == "done" and not progress["active"]
    with app.app_context():
        stored = plan_store.latest_plan()
        assert stored is not None
        # A1 gets both sessions (Monday and Tuesday, with Anna); A2 cannot be placed.
        assert sorted(s.day for s in stored.plan.sessions_of("A1")) == ["di", "ma"]
        assert all(s.helpers == ("Anna",) for s in stored.plan.sessions)
        assert [d.request_id for d in stored.diagnoses] == ["A2"]
    unmet = planner.get("/planner/niet-ingepland").get_data(as_text=True)
    assert "A2" in unmet and "niet ingepland" in unmet and "A1:" not in unmet
    dashboard = planner.get("/planner/").get_data(as_text=True)
    assert "100%" in dashboard  # high priority fully honoured
    assert "Uren per ondersteuner" in dashboard and 'class="hours-left">1<' in dashboard  # 3 h − 2 h planned


def test_a_run_keeps_the_key_figures_of_solve_json(app, planner):
    # One JSON shape for `solve --json` and a stored run, plus the run's own facts.
    progress = finish_run(app, planner)
    with app.app_context():
        run = db.session.get(PlanRun, progress["id"])
        stored = plan_store.to_stored_plan(run)
        outcome = services.SolveOutcome(load_school(), stored.plan, stored.diagnoses)
        facts = {"skipped_pins": 0, "base_run_id": None, "time_split": run.time_split, "method": ""}
        assert run.figures == services.key_figures(outcome) | facts
        assert run.time_split.startswith("Tijdsverdeling: ") and "rekenen" in run.time_split
    page = planner.get(f"/planner/berekening?run={progress['id']}").get_data(as_text=True)
    # A1 gets both sessions, A2 none: (1 + 0) / 2 requests = 50%; 2 of the 2,75 hours asked (shown 2,8).
    assert "50% van de aanvragen gehonoreerd" in page and "(2,0 van 2,8 gevraagde uren per week)" in page


def test_week_grids_per_helper_and_group(app, planner):
    finish_run(app, planner)
    helper_page = planner.get("/planner/rooster?toon=ondersteuner:anna").get_data(as_text=True)
    assert "Ondersteuner Anna" in helper_page
    assert helper_page.count('class="session group-c') >= 4  # 2 sessions in the table + 2 in the phone list
    with app.app_context():
        starts = [s.start for s in plan_store.latest_plan().plan.sessions]
    # 60 minutes span 4 quarter-hour rows, or 12 five-minute rows when a start is off the quarter.
    rows = 4 if all(start % 15 == 0 for start in starts) else 12
    assert helper_page.count(f'rowspan="{rows}"') == 2
    assert "2 van 3 uur" in helper_page  # A1's two hours of Anna's three
    group_page = planner.get("/planner/rooster?toon=groep:5").get_data(as_text=True)
    assert "Groep 5" in group_page and 'class="session' not in group_page  # A2 was not placed


def test_run_is_visible_from_a_second_session_and_after_reload(app, planner):
    finish_run(app, planner)
    other = login(app)
    progress = other.get("/planner/berekening/voortgang.json").get_json()
    assert progress["status"] == "done"
    page = other.get("/planner/berekening").get_data(as_text=True)
    assert "Uitkomst" in page and "2 sessies ingepland" in page


def test_second_start_while_running_is_refused_in_dutch(app, planner):
    with paused_worker(app):
        first = planner.post("/planner/berekening/start")
        second = planner.post("/planner/berekening/start", follow_redirects=True)
        assert first.status_code == 302
        assert "Er loopt al een berekening" in second.get_data(as_text=True)
        queued = planner.get("/planner/berekening/voortgang.json").get_json()
        assert queued["status"] == "queued" and queued["active"]
        assert "Wacht op de worker" in queued["level_label"]  # no worker takes it meanwhile: the page says so
        running_page = planner.get("/planner/berekening").get_data(as_text=True)
        assert "run-progress.js" in running_page and 'http-equiv="refresh"' in running_page
    assert wait_for_runs(app)
    with app.app_context():
        assert db.session.query(PlanRun).count() == 1


def test_stop_from_another_session_stops_the_run(app, planner):
    other = login(app)
    with paused_worker(app):
        planner.post("/planner/berekening/start")
        run_id = planner.get("/planner/berekening/voortgang.json").get_json()["id"]
        response = other.post("/planner/berekening/stop", data={"run_id": run_id}, follow_redirects=True)
        assert "De berekening stopt" in response.get_data(as_text=True)
        assert planner.get("/planner/berekening/voortgang.json").get_json()["stop_requested"] is True
    assert wait_for_runs(app)
    assert planner.get("/planner/berekening/voortgang.json").get_json()["status"] == "stopped"


def test_pins_are_kept_in_the_next_run(app, planner):
    finish_run(app, planner)
    with app.app_context():
        monday = db.session.query(PlannedSession).filter_by(request_id="A1", day="ma").one()
        session_id = monday.id
        # Besides pinning the solver's own choice, pin Tuesday at 10:00 (window 9:00–11:00 allows 9:00–10:00).
        db.session.add(PlanPin(request_id="A1", helper="Anna", day="di", start=600))
        db.session.commit()
    response = planner.post("/planner/vastzetten", data={"session_id": session_id}, follow_redirects=True)
    assert "Vastgezet" in response.get_data(as_text=True)
    finish_run(app, planner)
    with app.app_context():
        plan = plan_store.latest_plan().plan
        sessions = {s.day: s for s in plan.sessions_of("A1")}
        assert sessions["di"].start == 600 and sessions["di"].end == 660
        assert sessions["di"].pinned_helpers == ("Anna",) and sessions["ma"].pinned_helpers == ("Anna",)
        assert len(plan_store.current_pins()) == 2
        new_monday = (
            db.session.query(PlannedSession)
            .filter_by(request_id="A1", day="ma")
            .order_by(PlannedSession.id.desc())
            .first()
        )
    grid = planner.get("/planner/rooster").get_data(as_text=True)
    assert "vastgezet" in grid and "Losmaken" in grid
    planner.post("/planner/losmaken", data={"session_id": new_monday.id})
    with app.app_context():
        assert [pin.day for pin in plan_store.current_pins()] == ["di"]


def test_publish_makes_the_plan_visible(app, planner):
    progress = finish_run(app, planner)
    with app.app_context():
        assert plan_store.published_plan() is None
    response = publish(planner, progress["id"])
    assert "gepubliceerd" in response.get_data(as_text=True)
    with app.app_context():
        published = plan_store.published_plan()
        assert published is not None and published.run_id == progress["id"]
        assert len(published.plan.sessions) == 2


def test_a_crashing_run_fails_with_a_dutch_message_and_no_trace(app, planner):
    app.config["HANDENPLANNER_SOLVE_WORKERS"] = "twee"  # int("twee") raises inside the background run
    progress = finish_run(app, planner)
    assert progress["status"] == "failed"
    page = planner.get("/planner/berekening").get_data(as_text=True)
    assert "interne fout" in page and "Traceback" not in page and "ValueError" not in page
    app.config["HANDENPLANNER_SOLVE_WORKERS"] = 1
    assert finish_run(app, planner)["status"] == "done"  # a failed run does not block the next


def test_planning_pages_are_for_planners_only(app):
    anonymous = app.test_client()
    response = anonymous.get("/planner/")
    assert response.status_code == 302 and "/inloggen" in response.location
    teacher = login(app, "els@school.nl")
    assert teacher.get("/planner/").status_code == 403
    assert teacher.post("/planner/berekening/start").status_code == 403
    with app.app_context():
        assert db.session.query(PlanRun).count() == 0


def test_posts_without_csrf_token_are_refused(app, planner):
    app.config["WTF_CSRF_ENABLED"] = True
    assert planner.post("/planner/berekening/start").status_code == 400
    with app.app_context():
        assert db.session.query(PlanRun).count() == 0


def test_solver_progress_is_written_to_the_run_and_shown_as_json(app, planner):
    from planner.solver import Progress
    from web.planning.runner import progress_writer

    with app.app_context():
        run = PlanRun(status="running", worker_id=live_worker_id(app))
        db.session.add(run)
        db.session.commit()
        write = progress_writer(db.engine, run.id)
        write(Progress(elapsed_s=1.25, level_key="hoog", level_label="Prioriteit hoog", best=3.0, bound=4.0))
        write(Progress(elapsed_s=1.30, level_key="hoog", level_label="te snel", best=3.5, bound=4.0))  # throttled
    progress = planner.get("/planner/berekening/voortgang.json").get_json()
    assert progress["level_label"] == "Prioriteit hoog" and progress["best"] == 3.0 and progress["bound"] == 4.0
    assert progress["active"] is True
    page = planner.get("/planner/berekening").get_data(as_text=True)
    assert "Prioriteit hoog" in page and "3,00" in page


def test_the_time_split_is_kept_with_the_run_and_shown_while_it_runs(app, planner):
    from planner.solver import Progress
    from web.planning.runner import progress_writer

    split = "Tijdsverdeling: 21 s rekenen, 6 s suggesties, 3 s wegschrijven"
    with app.app_context():
        run = PlanRun(status="running", figures={"base_run_id": None}, worker_id=live_worker_id(app))
        db.session.add(run)
        db.session.commit()
        write = progress_writer(db.engine, run.id)
        write(Progress(0.4, services.TIME_SPLIT_KEY, split, None, None))
        write(Progress(0.5, "hoog", "Prioriteit hoog", None, 4.0))
    progress = planner.get("/planner/berekening/voortgang.json").get_json()
    # The split stays beside the step being worked on, which it does not replace.
    assert progress["time_split"] == split and progress["level_label"] == "Prioriteit hoog"
    assert split in planner.get("/planner/berekening").get_data(as_text=True)


def test_a_running_run_never_shows_more_time_than_its_limit(app, planner):
    # Started 41 s ago with a 30 s limit (storing the results, say): shown as 30 of 30 s, not 41.
    import datetime as dt

    from web.store.models_plan import utc_now

    with app.app_context():
        started = utc_now() - dt.timedelta(seconds=41)
        times = {"started_at": started, "updated_at": started}
        db.session.add(PlanRun(status="running", time_limit_s=30, worker_id=live_worker_id(app), **times))
        db.session.commit()
    assert planner.get("/planner/berekening/voortgang.json").get_json()["elapsed_s"] == 30
    page = planner.get("/planner/berekening").get_data(as_text=True)
    assert ">30,0</span> van 30 s" in page and "41,0" not in page


def test_a_run_stopped_before_placing_anything_keeps_the_previous_plan(app, planner):
    first = finish_run(app, planner)
    with paused_worker(app):
        planner.post("/planner/berekening/start")
        second_id = planner.get("/planner/berekening/voortgang.json").get_json()["id"]
        planner.post("/planner/berekening/stop", data={"run_id": second_id})
    assert wait_for_runs(app)
    with app.app_context():
        stopped = db.session.get(PlanRun, second_id)
        # Stopped while still queued: nothing solved, and the earlier plan stays the current one.
        assert stopped.status == "stopped" and not stopped.sessions
        assert plan_store.latest_plan().run_id == first["id"]
    page = planner.get(f"/planner/berekening?run={second_id}").get_data(as_text=True)
    assert "gestopt" in page


def test_stop_reaches_a_running_solver(app, planner, tmp_path):
    # The sample school with a long time limit: the solver is surely still busy when the stop comes.
    from pathlib import Path

    from planner.workbook import read_workbook

    sample = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"
    app.config["HANDENPLANNER_SOLVE_TIME_LIMIT"] = 120
    with app.app_context():
        replace_school(read_workbook(sample))
        db.session.commit()
    planner.post("/planner/berekening/start")
    wait_until(lambda: solver_busy(planner.get("/planner/berekening/voortgang.json").get_json()))
    run_id = planner.get("/planner/berekening/voortgang.json").get_json()["id"]
    login(app).post("/planner/berekening/stop", data={"run_id": run_id})
    assert wait_for_runs(app)
    with app.app_context():
        run = db.session.get(PlanRun, run_id)
        assert run.status == "stopped" and run.solve_status == "gestopt"


def solver_busy(progress: dict) -> bool:
    """A worker took the run and the solver reports a step (it is past loading the school)."""
    return progress["status"] == "running" and progress["level_label"] != ""


def wait_until(condition, attempts: int = 300) -> None:
    for _ in range(attempts):
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("the condition never came true")


def test_a_run_left_over_from_a_stopped_server_does_not_block_new_runs(app, planner):
    # Started a moment ago by a worker that is gone (no heartbeat row): failed at once, no waiting.
    from web.store.models_plan import utc_now

    with app.app_context():
        db.session.add(PlanRun(status="running", time_limit_s=30, started_at=utc_now(), worker_id="verdwenen"))
        db.session.commit()
    page = planner.get("/planner/berekening").get_data(as_text=True)
    assert "onderbroken" in page and "mislukt" in page
    assert finish_run(app, planner)["status"] == "done"


def test_pins_that_clash_fail_the_run_with_a_dutch_reason(app, planner):
    with app.app_context():
        # Each pin fits on its own, but together A1 gets two overlapping sessions on one Monday (rules 2 and 3).
        db.session.add_all(
            [
                PlanPin(request_id="A1", helper="Anna", day="ma", start=540),
                PlanPin(request_id="A1", helper="Anna", day="ma", start=570),
            ]
        )
        db.session.commit()
    progress = finish_run(app, planner)
    assert progress["status"] == "failed" and "vastgezette sessies passen niet samen" in progress["error"]
    with app.app_context():
        assert plan_store.latest_plan() is None


def test_user_text_is_escaped_on_the_planning_pages(app, planner):
    from dataclasses import replace

    school = tiny_school()
    sneaky = "<script>alert('x')</script>"
    requests = (school.requests[0], replace(school.requests[1], request_id=sneaky, task=sneaky))
    with app.app_context():
        replace_school(replace(school, requests=requests))
        db.session.commit()
    finish_run(app, planner)
    for url in ("/planner/niet-ingepland", "/planner/rooster?toon=groep:5", "/planner/"):
        page = planner.get(url).get_data(as_text=True)
        assert "<script>alert" not in page, url
    assert "&lt;script&gt;alert" in planner.get("/planner/niet-ingepland").get_data(as_text=True)


def test_replanning_keeps_the_previous_plan_where_it_can(app, planner):
    def monday_start() -> int:
        with app.app_context():
            return next(s.start for s in plan_store.latest_plan().plan.sessions_of("A1") if s.day == "ma")

    finish_run(app, planner)
    control = monday_start()
    moved = 600 if control != 600 else 540  # both fit A1's window 9:00–11:00 for 60 minutes
    with app.app_context():
        db.session.add(PlanPin(request_id="A1", helper="Anna", day="ma", start=moved))
        db.session.commit()
    base = finish_run(app, planner)
    assert monday_start() == moved
    with app.app_context():
        db.session.query(PlanPin).delete()
        db.session.commit()
    publish(planner, base["id"])
    page = planner.get("/planner/").get_data(as_text=True)
    assert f"ten opzichte van berekening {base['id']}" in page and 'name="behouden" value="ja" checked' in page
    response = planner.post("/planner/berekening/start", data={"behouden": "ja"})
    assert wait_for_runs(app)
    # Without the pin, only keeping the previous plan holds Monday at the moved time.
    assert monday_start() == moved
    run_id = int(re.search(r"run=(\d+)", response.location).group(1))
    assert "zo weinig mogelijk wijzigingen" in planner.get(f"/planner/berekening?run={run_id}").get_data(as_text=True)
    finish_run(app, planner)  # and without keeping, the solver is free again
    assert monday_start() == control


def test_a_finished_run_leaves_its_result_workbook_kept_for_a_quick_first_export(app, planner):
    # Right after storing a run (it already counts as done) the worker writes its result workbook for the
    # school as it is, so the first export sends kept bytes with the status line set, instead of writing.
    run_id = finish_run(app, planner)["id"]
    deadline = time.monotonic() + 30
    while not kept_digests(app, run_id) and time.monotonic() < deadline:
        time.sleep(0.1)
    with app.app_context():
        assert kept_digests(app, run_id) == [export_digest(load_school())]
    data = planner.get(f"/planner/exporteren?run={run_id}").data
    assert openpyxl.load_workbook(io.BytesIO(data))["Overzicht"]["A2"].value.startswith("Concept")


def kept_digests(app, run_id: int) -> list[str]:
    with app.app_context():
        digests = list(db.session.scalars(select(ExportCache.digest).where(ExportCache.run_id == run_id)))
        db.session.remove()
        return digests
