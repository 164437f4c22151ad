"""Publishing in a real browser: the planner sees the changes and confirms; a helper sees only the published plan."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, log_in, screenshot
from tests.web.conftest import PASSWORD, publish_plan
from tests.web.test_publish import MONDAY, TUESDAY, WEDNESDAY_DAAN, store_run

pytestmark = pytest.mark.browser


def test_publish_shows_the_changes_and_asks_to_confirm(browser, seeded_live):
    app, url = seeded_live
    publish_plan(app, [MONDAY])  # Carla on Monday is what people have now
    concept = store_run(app, [TUESDAY, WEDNESDAY_DAAN])  # a newer run, not published

    helper = browser.new_context(viewport=DESKTOP).new_page()
    log_in(helper, url, "carla@school.nl", PASSWORD)
    week = helper.locator("main").inner_text().lower()
    assert "maandag" in week and "dinsdag" not in week  # the concept is not hers yet

    planner = browser.new_context(viewport=DESKTOP).new_page()
    log_in(planner, url, "planner@school.nl", PASSWORD)
    assert planner.locator("[data-plan-status]").get_attribute("data-plan-status") == "gepubliceerd"
    planner.goto(f"{url}/planner/berekening?run={concept}")
    assert "niet gepubliceerd" in planner.locator("[data-plan-status]").inner_text()
    planner.get_by_role("link", name="Dit rooster publiceren…").click()
    assert planner.locator("[data-diff-total]").get_attribute("data-diff-total") == "2"
    carla = planner.locator("table", has_text="Ondersteuner Carla")
    assert "verplaatst" in carla.inner_text() and "dinsdag 9:00–9:45" in carla.inner_text()
    screenshot(planner, "planner-publiceren-bevestigen")
    planner.get_by_role("button", name="Ja, publiceren").click()
    assert planner.get_by_text(f"Berekening {concept} is gepubliceerd").is_visible()

    helper.reload()
    assert "dinsdag" in helper.locator("main").inner_text().lower()
