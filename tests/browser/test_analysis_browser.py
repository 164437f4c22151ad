"""The analysis page in a real browser: a capacity curve drawn as a chart, a comparison of two
scenarios, and a curve run stopped from the page; on a laptop and on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.workbook import read_workbook
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    fits_viewport_width,
    log_in,
    screenshot,
    serve,
    unlabelled_fields,
)
from tests.web.conftest import PASSWORD, make_app
from tests.web.test_analysis_page import small_school
from web.db import db
from web.store.convert import replace_school
from web.store.users import create_user

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"
PLANNER = "planner@school.nl"


@pytest.fixture
def live(tmp_path):
    app = make_app(tmp_path, "sqlite", HANDENPLANNER_SOLVE_TIME_LIMIT=10, HANDENPLANNER_SOLVE_WORKERS=1)
    with app.app_context():
        replace_school(small_school())
        create_user(PLANNER, "planner", "Petra Planner", PASSWORD)
        db.session.commit()
    yield from serve(app)


def test_curve_and_comparison_on_the_analysis_page(browser, live):
    _app, url = live
    page = browser.new_context(viewport=DESKTOP).new_page()
    log_in(page, url, PLANNER, PASSWORD)
    page.get_by_role("link", name="Analyse").first.click()
    assert page.get_by_role("heading", name="Vraag en aanbod per half uur").is_visible()

    # A curve of 0, 1 and 2 extra hours on the small school (see tests/web/test_analysis_page.py).
    page.fill("#tot_uren", "2")
    page.fill("#stap_uren", "1")
    page.get_by_role("button", name="Curve berekenen").click()
    chart = page.locator("svg.curve-chart")
    chart.wait_for(timeout=60000)
    assert chart.locator("polyline").count() == 3  # hoog, laag and totaal (the school has no middel requests)
    assert chart.locator("circle").count() == 9  # 3 steps on each line
    assert page.locator("table.curve-table tbody tr").count() == 3
    # One extra hour lets A2 (laag) fit: 0 % without, 100 % with it.
    second_step = page.locator("table.curve-table tbody tr").nth(1).locator("td")
    assert [second_step.nth(n).inner_text() for n in range(3)] == ["100 %", "–", "100 %"]  # hoog, middel, laag
    screenshot(page, "planner-analyse-curve")

    page.select_option("#ondersteuner", label="Anna")
    page.fill("#extra_uren", "1")
    page.get_by_role("button", name="Vergelijken met meer uren").click()
    changes = page.locator("table.comparison-changes")
    changes.wait_for(timeout=60000)
    assert page.get_by_role("heading", name="Uitkomst: huidige gegevens tegen Anna +1 uur").is_visible()
    assert changes.locator("tbody tr").first.inner_text().split("\t")[0] == "A2"
    assert page.locator("table.comparison-priorities").is_visible()
    screenshot(page, "planner-analyse-vergelijking")

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(phone, url, PLANNER, PASSWORD)
    phone.goto(f"{url}/planner/analyse/")
    screenshot(phone, "telefoon-planner-analyse")
    assert fits_viewport_width(phone), "the analysis page is wider than a phone screen"
    assert unlabelled_fields(phone) == []


def test_stopping_a_curve_run_from_the_page(browser, live):
    app, url = live
    with app.app_context():
        replace_school(read_workbook(SAMPLE))
        db.session.commit()
    page = browser.new_context(viewport=DESKTOP).new_page()
    log_in(page, url, PLANNER, PASSWORD)
    page.goto(f"{url}/planner/analyse/")
    page.fill("#tot_uren", "10")
    page.fill("#stap_uren", "2")
    page.fill("#curve-rekentijd", "120")
    page.get_by_role("button", name="Curve berekenen").click()
    # Live progress: the poller shows which step the curve is at.
    page.wait_for_function(
        "() => { const step = document.querySelector('[data-field=level_label]');"
        " return step && step.textContent.startsWith('Stap'); }",
        timeout=30000,
    )
    screenshot(page, "planner-analyse-bezig")
    page.get_by_role("button", name="Analyse stoppen").click()
    assert page.get_by_text("De analyse stopt").is_visible()
    # When the run has stopped the page reloads: what was done is shown, and that it stopped. The stop may
    # come so fast that the reload is still loading when the progress box goes: wait for the new page.
    page.locator("#run-progress").wait_for(state="detached", timeout=60000)
    stopped = page.get_by_text("gestopt na").or_(page.get_by_text("gestopt voordat er iets klaar was"))
    stopped.first.wait_for(state="visible", timeout=10000)
    screenshot(page, "planner-analyse-gestopt")
