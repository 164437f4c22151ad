"""The planner's analysis page: heat map, capacity curve and scenario comparison, run in the background.

The small school: Anna, assistant, 1 hour a week, available Monday and Tuesday 8:30–12:00. A1 (hoog)
asks 45 minutes on Monday between 9:00 and 10:00, A2 (laag) 45 minutes on Tuesday between 9:00 and
10:00. Anna's hour fits only one: A1, as hoog goes first. One extra hour (for Anna, or an extra
helper on the curve) lets A2 fit too.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from planner import model as m
from planner import services
from tests.web.conftest import PASSWORD, make_app
from tests.web.conftest import login as login_client
from tests.web.run_worker import WorkerThread, paused_worker, wait_for_runs
from tests.web.test_planning import wait_until
from web.db import db
from web.store.convert import load_school, replace_school
from web.store.models_plan import AnalysisRun, PlanRun
from web.store.users import create_user, find_helper, find_teacher

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"
CURVE = {"tot_uren": "1", "stap_uren": "1", "functie": "onderwijsassistent", "rekentijd_s": "10"}
MORE_HOURS = {"ondersteuner": "Anna", "extra_uren": "1", "rekentijd_s": "10"}


def small_school() -> m.School:
    return m.School(
        school_days=(m.SchoolDay("ma", 510, 870), m.SchoolDay("di", 510, 870)),
        groups=(m.Group("3"), m.Group("5")),
        teachers=(m.Teacher("Els", ("3",)), m.Teacher("Piet", ("5",))),
        helpers=(
            m.Helper(
                "Anna",
                "onderwijsassistent",
                1,
                (m.AvailabilityBlock("ma", 510, 720), m.AvailabilityBlock("di", 510, 720)),
            ),
        ),
        requests=(
            m.Request(
                "A1", "Els", "3", "basisgroep overnemen", 1, 45, 540, 600, days=("ma",), priority=m.Priority.HOOG
            ),
            m.Request("A2", "Piet", "5", "leesbegeleiding", 1, 45, 540, 600, days=("di",), priority=m.Priority.LAAG),
        ),
    )


@pytest.fixture
def app(tmp_path, backend):
    application = make_app(tmp_path, backend, HANDENPLANNER_SOLVE_TIME_LIMIT=10, HANDENPLANNER_SOLVE_WORKERS=1)
    with application.app_context():
        replace_school(small_school())
        create_user("planner@school.nl", "planner", "Petra Planner", PASSWORD)
        create_user("els@school.nl", "teacher", "", PASSWORD, teacher=find_teacher("Els"))
        create_user("anna@school.nl", "helper", "", PASSWORD, helper=find_helper("Anna"))
        db.session.commit()
    worker = WorkerThread(application).start()
    yield application
    worker.stop()
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def planner(app):
    return login_client(app.test_client(), "planner@school.nl")


def finish(app, client, url: str, data: dict) -> AnalysisRun:
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert wait_for_runs(app)
    with app.app_context():
        run = db.session.query(AnalysisRun).order_by(AnalysisRun.id.desc()).first()
        db.session.expunge(run)
        return run


def analysis_runs(app) -> int:
    with app.app_context():
        return db.session.query(AnalysisRun).count()


def test_page_shows_demand_and_the_forms_before_any_analysis(planner):
    page = planner.get("/planner/analyse/").get_data(as_text=True)
    assert "Vraag en aanbod per half uur" in page and 'class="heat-' in page
    assert "Curve berekenen" in page and "Vergelijken met meer uren" in page and "Vergelijken met werkmap" in page
    assert '<option value="Anna">' in page and 'href="/planner/analyse/"' in page  # helper list; link in the nav
    # The time field starts at the app's time limit, for all steps together.
    assert 'name="rekentijd_s" type="text" inputmode="decimal" value="10"' in page


def test_the_page_is_for_planners_only(app, planner):
    for email in ("els@school.nl", "anna@school.nl"):
        other = login_client(app.test_client(), email)
        assert other.get("/planner/analyse/").status_code == 403
        assert other.get("/planner/analyse/voortgang.json").status_code == 403
        assert other.post("/planner/analyse/curve", data=CURVE).status_code == 403
        assert other.post("/planner/analyse/scenario/uren", data=MORE_HOURS).status_code == 403
        assert other.post("/planner/analyse/stop", data={"run_id": 1}).status_code == 403
    assert "/inloggen" in app.test_client().get("/planner/analyse/").location
    assert analysis_runs(app) == 0


def test_posts_without_csrf_token_are_refused(app, planner):
    app.config["WTF_CSRF_ENABLED"] = True
    assert planner.post("/planner/analyse/curve", data=CURVE).status_code == 400
    assert planner.post("/planner/analyse/scenario/uren", data=MORE_HOURS).status_code == 400
    assert analysis_runs(app) == 0


def test_curve_run_draws_the_chart_with_its_table(app, planner):
    run = finish(app, planner, "/planner/analyse/curve", CURVE)
    assert run.status == "done"
    # 0 extra hours: A1 only (laag 0 %); 1 extra hour for the extra helper: A2 too (laag 100 %).
    assert [point["shares"]["laag"] for point in run.result["points"]] == [0, 1]
    assert run.asked == {"steps_h": [0, 1], "role": "onderwijsassistent", "time_limit_s": 10}
    page = planner.get("/planner/analyse/").get_data(as_text=True)
    # Lines for hoog, laag and the total; none for middel, which has no requests (its cells say –).
    assert '<svg viewBox="0 0 640 320" role="img"' in page and page.count("<polyline") == 3
    assert "Gehonoreerd per prioriteit bij extra uren" in page and "0 %" in page and "100 %" in page
    assert "Geen prioriteit daalt" in page


def dip_school() -> m.School:
    # One Monday slot, 9:00–9:45. A1 (hoog) needs two hands, A2 (laag) one. Anna alone cannot do A1,
    # so she does A2. With the curve's extra helper, Anna and the extra helper do A1 together (hoog
    # first) and nobody is left for A2: laag falls from 100 % to 0 % because hoog gains A1.
    anna = m.Helper("Anna", "onderwijsassistent", 1, (m.AvailabilityBlock("ma", 540, 585),))
    return m.School(
        school_days=(m.SchoolDay("ma", 510, 870),),
        groups=(m.Group("3"), m.Group("5")),
        teachers=(m.Teacher("Els", ("3",)), m.Teacher("Piet", ("5",))),
        helpers=(anna,),
        requests=(
            m.Request("A1", "Els", "3", "basisgroep overnemen", 1, 45, 540, 585, hands=2, priority=m.Priority.HOOG),
            m.Request("A2", "Piet", "5", "leesbegeleiding", 1, 45, 540, 585, priority=m.Priority.LAAG),
        ),
    )


def test_a_curve_where_laag_dips_explains_it_in_dutch(app, planner):
    with app.app_context():
        replace_school(dip_school())
        db.session.commit()
    run = finish(app, planner, "/planner/analyse/curve", CURVE)
    note = "Bij +1 uur daalt laag van 100 % naar 0 %: de extra uren gaan naar hoog (+1 aanvraag)."
    assert run.result["notes"] == [note]
    page = planner.get("/planner/analyse/").get_data(as_text=True)
    assert "Waarom een prioriteit daalt" in page and note in page


def test_more_hours_for_a_helper_compared_side_by_side(app, planner):
    run = finish(app, planner, "/planner/analyse/scenario/uren", MORE_HOURS)
    assert run.status == "done" and run.asked["helper"] == "Anna" and run.asked["extra_hours"] == 1
    # With 2 hours Anna does A2 on Tuesday too: A2 goes from 0 to 1 session, Anna from 0,75 to 1,5 hours.
    assert [(c["request_id"], c["placed_a"], c["placed_b"]) for c in run.result["changes"]] == [("A2", 0, 1)]
    page = planner.get("/planner/analyse/").get_data(as_text=True)
    assert "huidige gegevens tegen Anna +1 uur" in page
    assert "0,75 van 1" in page and "1,5 van 2" in page
    assert "Aanvragen die keren winnen of verliezen" in page and "+1" in page
    with app.app_context():
        assert load_school().helper("Anna").hours_per_week == 1  # the school itself is unchanged


def test_an_uploaded_workbook_is_compared_and_not_kept(app, planner, tmp_path):
    more = services.with_more_hours(small_school(), "Anna", 1)
    data = {"rekentijd_s": "10", "werkmap": (io.BytesIO(services.school_bytes(more)), "meer-uren.xlsx")}
    run = finish(app, planner, "/planner/analyse/scenario/werkmap", data)
    assert run.asked["workbook_name"] == "meer-uren.xlsx"
    assert [c["request_id"] for c in run.result["changes"]] == ["A2"]
    assert "huidige gegevens tegen werkmap meer-uren.xlsx" in planner.get("/planner/analyse/").get_data(as_text=True)
    assert not list((tmp_path / "instance").rglob("*.xlsx"))  # read in memory, never saved as a file
    with app.app_context():  # and kept with its run only until the worker has run it
        assert db.session.get(AnalysisRun, run.id).scenario_workbook is None


def test_scenario_form_lists_every_problem_in_dutch_and_starts_nothing(app, planner):
    response = planner.post(
        "/planner/analyse/scenario/uren", data={"ondersteuner": "Niemand", "extra_uren": "-2", "rekentijd_s": "veel"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Onbekende ondersteuner &#39;Niemand&#39;" in page
    assert "Extra uren per week mag niet negatief zijn." in page
    assert "Rekentijd: &#39;veel&#39; is geen getal." in page
    assert analysis_runs(app) == 0


def test_curve_form_problems_come_all_at_once(app, planner):
    response = planner.post(
        "/planner/analyse/curve", data={"tot_uren": "30", "stap_uren": "1", "functie": "tovenaar", "rekentijd_s": ""}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Kies de functie van de extra uren uit de lijst." in page
    assert "Vul in: rekentijd." in page
    assert "Dat zijn 31 stappen; hoogstens 12." in page  # 0, 1, …, 30
    assert 'value="30"' in page  # what was typed stays
    assert analysis_runs(app) == 0


def test_a_file_that_is_no_workbook_is_reported_with_the_other_problems(app, planner):
    response = planner.post(
        "/planner/analyse/scenario/werkmap",
        data={"rekentijd_s": "0", "werkmap": (io.BytesIO(b"dit is geen werkmap"), "kapot.xlsx")},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Rekentijd: geef een getal groter dan 0 en hoogstens 3600." in page
    assert "1 probleem in de werkmap" in page and "geen Excel-werkmap (.xlsx)" in page
    assert "Traceback" not in page
    assert analysis_runs(app) == 0


def test_a_workbook_with_problems_lists_each_with_sheet_and_row(app, planner, tmp_path):
    import openpyxl

    path = tmp_path / "fouten.xlsx"
    path.write_bytes(services.school_bytes(small_school()))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Aanvragen"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value == "hoog":
                cell.value = "dringend"
    workbook.save(path)
    response = planner.post(
        "/planner/analyse/scenario/werkmap",
        data={"rekentijd_s": "10", "werkmap": (io.BytesIO(path.read_bytes()), "fouten.xlsx")},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Alle problemen" in page and "Aanvragen" in page and "dringend" in page
    assert analysis_runs(app) == 0


def test_a_file_above_the_upload_limit_is_refused(app, planner):
    huge = io.BytesIO(b"0" * (5 * 1024 * 1024 + 1))
    response = planner.post(
        "/planner/analyse/scenario/werkmap", data={"rekentijd_s": "10", "werkmap": (huge, "x.xlsx")}
    )
    assert response.status_code == 413 and "hoogstens 5 MB" in response.get_data(as_text=True)
    assert analysis_runs(app) == 0


def test_one_run_at_a_time_across_plans_and_analyses(app, planner):
    with paused_worker(app):
        assert planner.post("/planner/berekening/start").status_code == 302
        refused = planner.post("/planner/analyse/curve", data=CURVE, follow_redirects=True)
        assert "Er loopt al een berekening of analyse" in refused.get_data(as_text=True)
        assert "Er loopt een planberekening" in refused.get_data(as_text=True)
    assert wait_for_runs(app)
    with app.app_context():
        assert db.session.query(AnalysisRun).count() == 0 and db.session.query(PlanRun).count() == 1
    with paused_worker(app):
        planner.post("/planner/analyse/curve", data=CURVE)
        refused = planner.post("/planner/berekening/start", follow_redirects=True)
        assert "Er loopt al een berekening" in refused.get_data(as_text=True)
    assert wait_for_runs(app)
    with app.app_context():
        assert db.session.query(PlanRun).count() == 1


def test_stop_while_queued_keeps_nothing_and_shows_progress_meanwhile(app, planner):
    with paused_worker(app):
        planner.post("/planner/analyse/curve", data=CURVE)
        progress = planner.get("/planner/analyse/voortgang.json").get_json()
        assert progress["status"] == "queued" and progress["active"]
        page = planner.get("/planner/analyse/").get_data(as_text=True)
        assert "run-progress.js" in page and "Analyse stoppen" in page
        response = planner.post("/planner/analyse/stop", data={"run_id": progress["id"]}, follow_redirects=True)
        assert "De analyse stopt" in response.get_data(as_text=True)
    assert wait_for_runs(app)
    with app.app_context():
        run = db.session.get(AnalysisRun, progress["id"])
        assert run.status == "stopped" and run.result == {}
    assert "gestopt voordat er iets klaar was" in planner.get("/planner/analyse/").get_data(as_text=True)


def test_stop_reaches_a_running_curve_and_keeps_what_is_done(app, planner):
    from planner.workbook import read_workbook

    with app.app_context():
        replace_school(read_workbook(SAMPLE))
        db.session.commit()
    # Six steps of the sample school, each taking seconds: the stop comes while the curve is busy.
    planner.post("/planner/analyse/curve", data=CURVE | {"tot_uren": "10", "stap_uren": "2", "rekentijd_s": "60"})
    wait_until(lambda: planner.get("/planner/analyse/voortgang.json").get_json()["level_label"].startswith("Stap"))
    run_id = planner.get("/planner/analyse/voortgang.json").get_json()["id"]
    planner.post("/planner/analyse/stop", data={"run_id": run_id})
    assert wait_for_runs(app)
    with app.app_context():
        run = db.session.get(AnalysisRun, run_id)
        assert run.status == "stopped" and len(run.result.get("points", [])) < 6
    assert planner.get("/planner/analyse/voortgang.json?run=999").status_code == 404


def test_a_failing_analysis_is_shown_in_dutch_without_a_trace(app, planner):
    app.config["HANDENPLANNER_SOLVE_WORKERS"] = "twee"  # int("twee") raises inside the background run
    run = finish(app, planner, "/planner/analyse/curve", CURVE)
    assert run.status == "failed"
    page = planner.get("/planner/analyse/").get_data(as_text=True)
    assert "interne fout" in page and "Traceback" not in page
