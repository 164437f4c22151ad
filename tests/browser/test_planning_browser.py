"""The whole story in a real browser: import, a teacher's request, a solver run with live progress,
week grids, the unmet list, pins, publish, export, and a helper's week; on a laptop and on a phone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from planner.timegrid import day_of_date, format_date
from planner.workbook import read_workbook
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    choose_and_follow,
    fits_viewport_width,
    log_in,
    screenshot,
    serve,
    unlabelled_fields,
)
from tests.tools import pdf_page_count
from tests.web.conftest import PASSWORD, make_app
from web.db import db
from web.store import plan_store
from web.store.users import create_user, find_helper, find_teacher

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "voorbeeldschool.xlsx"
PLANNER = "planner@school.nl"
TEACHER = "leerkracht@school.nl"
HELPER = "ondersteuner@school.nl"


@pytest.fixture
def live(tmp_path):
    app = make_app(
        tmp_path,
        "sqlite",
        HANDENPLANNER_SOLVE_TIME_LIMIT=60,
        HANDENPLANNER_SOLVE_WORKERS=2,
        HANDENPLANNER_SUGGEST_BUDGET_S=2,
    )
    with app.app_context():
        create_user(PLANNER, "planner", "Petra Planner", PASSWORD)
        db.session.commit()
    yield from serve(app)


def test_plan_a_school_in_the_browser(browser, live, tmp_path):
    app, url = live
    planner = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    log_in(planner, url, PLANNER, PASSWORD)
    import_sample_school(planner)
    sample = read_workbook(SAMPLE)
    sample_teacher = sample.teachers[0]  # the sample school is generated: take whoever is first
    add_accounts(app, TEACHER, teacher=sample_teacher.name)

    teacher = browser.new_context(viewport=DESKTOP).new_page()
    submit_request(teacher, url, sample_teacher.groups[0])

    run_planner(planner, url)
    busiest = busiest_helper(app)
    check_week_grids(planner, busiest)
    check_print_per_helper(planner, url, tmp_path, helpers=len(sample.helpers))
    check_unmet_list(planner, url)
    planner.get_by_role("link", name="Overzicht").first.click()
    planner.get_by_role("link", name="Dit rooster publiceren…").click()
    planner.get_by_role("button", name="Ja, publiceren").click()
    assert planner.get_by_text("is gepubliceerd").is_visible()
    screenshot(planner, "planner-dashboard-na-berekening")
    check_absence(planner, app, busiest)
    check_export(planner, url, tmp_path, expected_requests=len(sample.requests) + 1)

    add_accounts(app, HELPER, helper=busiest)
    helper = browser.new_context(viewport=DESKTOP).new_page()
    log_in(helper, url, HELPER, PASSWORD)
    assert busiest in helper.locator("h1").inner_text()
    assert helper.locator("table tbody tr").count() >= 1
    screenshot(helper, "ondersteuner-mijn-week")

    check_phone_views(browser, url, busiest)


def import_sample_school(page) -> None:
    page.get_by_role("link", name="Importeren").click()
    page.set_input_files("#werkmap", str(SAMPLE))
    page.get_by_role("button", name="Controleren").click()
    page.get_by_role("button", name="Importeren en alles vervangen").click()
    assert page.get_by_text("Geïmporteerd:").is_visible()


def add_accounts(app, email: str, teacher: str | None = None, helper: str | None = None) -> None:
    with app.app_context():
        role = "teacher" if teacher else "helper"
        linked = {"teacher": find_teacher(teacher)} if teacher else {"helper": find_helper(helper)}
        create_user(email, role, "", PASSWORD, **linked)
        db.session.commit()


def submit_request(page, url: str, group: str) -> None:
    log_in(page, url, TEACHER, PASSWORD)
    page.goto(f"{url}/leerkracht/aanvragen/nieuw")
    page.select_option("#groep", label=group)
    page.fill("#taak", "basisgroep overnemen")
    page.fill("#doel", "Verlengde instructie spelling voor de intensieve subgroep")
    page.fill("#keer_per_week", "1")
    page.fill("#duur_min", "30")
    page.fill("#van", "9:00")
    page.fill("#tot", "11:00")
    screenshot(page, "leerkracht-nieuwe-aanvraag")
    page.get_by_role("button", name="Aanvraag indienen").click()
    assert "/leerkracht/" in page.url and page.get_by_text("Verlengde instructie spelling").first.is_visible()
    screenshot(page, "leerkracht-mijn-aanvragen")


def run_planner(page, url: str) -> None:
    page.goto(f"{url}/planner/")
    assert page.get_by_text("Vraag en aanbod per half uur").is_visible()
    screenshot(page, "planner-dashboard-voor-berekening")
    page.get_by_role("button", name="Planning berekenen").click()
    # Live progress: the JSON poller fills in the time split once the worker has read the school and divided
    # the limit, then the level the solver is working on (before that the label says the run waits for the
    # worker).
    page.wait_for_function(
        "() => { const split = document.querySelector('[data-field=time_split]');"
        " return split && split.textContent.startsWith('Tijdsverdeling: '); }",
        timeout=15000,
    )
    page.wait_for_function(
        "() => { const level = document.querySelector('[data-field=level_label]');"
        " return level && level.textContent !== '–' && !level.textContent.startsWith('Wacht op de worker'); }",
        timeout=15000,
    )
    screenshot(page, "planner-berekening-bezig")
    # Once the solver has a plan that places something, stop it from the page: the test takes
    # as long as that takes, and the stop button is exercised in a real browser.
    page.wait_for_function(
        "() => { const best = document.querySelector('[data-field=best]');"
        " return best && parseFloat(best.textContent.replace(/\\./g, '').replace(',', '.')) > 0; }",
        timeout=60000,
    )
    page.get_by_role("button", name="Stoppen en beste rooster bewaren").click()
    page.get_by_role("heading", name="Uitkomst").wait_for(timeout=60000)
    assert "gestopt" in page.locator("[data-field=status_label]").inner_text()
    screenshot(page, "planner-berekening-klaar")


def check_week_grids(page, helper_name: str) -> None:
    page.get_by_role("link", name="Weekrooster").first.click()
    # The choice applies at once: the Toon button is only there without JavaScript.
    assert page.get_by_role("button", name="Toon").count() == 0
    choose_and_follow(page, "#toon", value=f"ondersteuner:{helper_name}")
    assert helper_name in page.locator("table.week-grid caption").inner_text()
    grid = page.locator("table.week-grid")
    assert grid.locator("td.session").count() >= 1
    # The sample school has no school on Wednesday afternoon: hatched and named, not shown as free.
    assert grid.locator("td.geen-school").count() >= 1
    assert grid.locator("td.geen-school").first.inner_text() == "geen schooltijd"
    assert grid.locator("td.geen-school").first.evaluate("c => getComputedStyle(c).backgroundImage") != "none"
    screenshot(page, "planner-rooster-ondersteuner")
    # Unpin the first session and pin it again (the sample school's pins guarantee a session here,
    # however far the solver got in its short time limit).
    first_session = page.locator("td.session").first
    request_id = first_session.locator(".s-id").inner_text().split(" ")[0]
    if first_session.get_by_role("button", name="Losmaken").count():
        first_session.get_by_role("button", name="Losmaken").click()
        assert page.get_by_text(f"Losgemaakt: {request_id}").is_visible()
    page.locator("td.session").first.get_by_role("button", name="Vastzetten").click()
    assert page.get_by_text(f"Vastgezet: {request_id}").is_visible()
    assert "#sessie-" in page.url  # back at the pinned session, not at the top of the page
    assert "vastgezet" in page.locator("td.session").first.inner_text()
    group = page.locator("td.session .s-main").first.inner_text().removeprefix("Groep ")
    choose_and_follow(page, "#toon", value=f"groep:{group}")
    assert f"Groep {group}" in page.locator("table.week-grid caption").inner_text()
    assert page.locator("td.session").count() >= 1
    screenshot(page, "planner-rooster-groep")


def check_print_per_helper(page, url: str, tmp_path: Path, helpers: int) -> None:
    # "Alle ondersteuners (om af te drukken)": Chromium prints the page as the planner would, and
    # every helper's week lands on a page of its own: as many pages as helpers.
    page.goto(f"{url}/planner/rooster?toon=ondersteuner:*")
    page.emulate_media(media="print")
    pdf = tmp_path / "weekroosters.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=True, prefer_css_page_size=True)
    page.emulate_media(media="screen")
    assert pdf_page_count(pdf) == helpers


def check_unmet_list(page, url: str) -> None:
    page.get_by_role("link", name="Niet ingepland").first.click()
    items = page.locator(".unmet-list > li")
    if items.count():
        reason = items.first.locator(".unmet-reason")
        assert reason.is_visible() and len(reason.inner_text()) > 20  # a cause and a sentence why
    screenshot(page, "planner-niet-ingepland")
    if not items.count():
        return
    # Filtering on the first item's teacher applies at once and keeps only that teacher's requests.
    teacher = items.first.locator(".unmet-facts").inner_text().split(" · ")[0]
    total = items.count()
    choose_and_follow(page, "#f-leerkracht", label=teacher)
    assert 1 <= items.count() <= total
    assert all(text.startswith(f"{teacher} · ") for text in items.locator(".unmet-facts").all_inner_texts())
    # A search for a request number finds that request, and the ones whose reason names it: not all.
    request_id = items.last.locator("h2").inner_text().split(":")[0]
    page.get_by_role("link", name="Wis filters").click()
    page.get_by_role("searchbox", name="Zoek").fill(request_id)
    with page.expect_navigation():
        page.get_by_role("searchbox", name="Zoek").press("Enter")
    found = [heading.split(":")[0] for heading in items.locator("h2").all_inner_texts()]
    assert request_id in found and len(found) < total


def check_absence(page, app, helper_name: str) -> None:
    """The busiest helper is absent on the first date of the period on which they work."""
    with app.app_context():
        plan = plan_store.to_plan(plan_store.published_plan_run())
        sample = read_workbook(SAMPLE)
        period_start, period_end = sample.settings.period_start, sample.settings.period_end
        school_days = set(sample.school_day_codes)
    working_days = {session.day for session in plan.sessions_of_helper(helper_name)}
    week = (period_start + dt.timedelta(days=n) for n in range(7))
    date = next(day for day in week if day_of_date(day) in working_days)
    page.get_by_role("link", name="Afwezigheid").first.click()
    page.select_option("#ondersteuner", label=helper_name)
    # Only the period's school dates can be picked (no weekend, no day off).
    assert page.locator("#datum option[value='" + date.isoformat() + "']").count() == 1
    period = (period_start + dt.timedelta(days=n) for n in range((period_end - period_start).days + 1))
    school_dates = [day for day in period if day_of_date(day) in school_days]  # the sample has no days off
    assert page.locator("#datum option").count() - 1 == len(school_dates)
    page.select_option("#datum", value=date.isoformat())
    page.get_by_role("button", name="Dag opnieuw plannen").click()
    heading = page.get_by_role("heading", name=f"{helper_name} afwezig op {format_date(date)}")
    heading.wait_for(timeout=30000)
    assert page.locator(".absence-summary").inner_text().startswith(f"{helper_name} had die dag")
    screenshot(page, "planner-afwezigheid")
    page.get_by_role("button", name="Wijzigingen doorgeven").click()
    assert page.get_by_text("Doorgegeven: de collega's en leerkrachten zien de wijzigingen").is_visible()
    assert page.get_by_role("link", name=f"{helper_name}, {format_date(date)}").is_visible()


def check_export(page, url: str, tmp_path, expected_requests: int) -> None:
    page.goto(f"{url}/planner/importeren")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Werkmap downloaden").click()
    target = tmp_path / "export.xlsx"
    download_info.value.save_as(target)
    school = read_workbook(target)
    assert len(school.requests) == expected_requests  # the sample requests and the teacher's new one
    assert len(school.pins) >= 1  # the session pinned in the grid


def busiest_helper(app) -> str:
    with app.app_context():
        plan = plan_store.latest_plan().plan
        counts = Counter(helper for session in plan.sessions for helper in session.helpers)
        return counts.most_common(1)[0][0]


NOTHING_SCROLLS_SIDEWAYS_JS = """
() => Array.from(document.querySelectorAll('.table-wrap')).every(box => box.scrollWidth <= box.clientWidth + 1)
"""


def check_phone_views(browser, url: str, helper_name: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(phone, url, PLANNER, PASSWORD)
    for path, name in (
        ("/planner/", "telefoon-planner-dashboard"),
        ("/planner/berekening", "telefoon-planner-berekening"),
        (f"/planner/rooster?toon=ondersteuner:{helper_name}", "telefoon-planner-rooster"),
        ("/planner/niet-ingepland", "telefoon-planner-niet-ingepland"),
    ):
        phone.goto(url + path)
        screenshot(phone, name)
        assert fits_viewport_width(phone), f"{path} is wider than a phone screen"
        assert unlabelled_fields(phone) == [], path
    # On a phone the week is a list per day instead of the wide table.
    phone.goto(f"{url}/planner/rooster?toon=ondersteuner:{helper_name}")
    assert phone.locator(".week-list").is_visible() and not phone.locator("table.week-grid").is_visible()
    helper = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(helper, url, HELPER, PASSWORD)
    screenshot(helper, "telefoon-ondersteuner-mijn-week")
    assert fits_viewport_width(helper)
    # Each session is one card with its own labels; nothing in the week scrolls sideways.
    assert helper.evaluate(NOTHING_SCROLLS_SIDEWAYS_JS), "a table in 'Mijn week' scrolls sideways on a phone"
    first_row = helper.locator("table.stack-on-phone tbody tr").first
    assert first_row.locator("td[data-label='Wat ik doe']").is_visible()
    label = first_row.locator("td[data-label='Groep']").evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Groep"'  # the column name is shown next to the value
