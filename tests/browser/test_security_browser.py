"""The Content-Security-Policy in a real browser: pages load their own scripts and styles, break none of its rules."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, log_in
from tests.web.conftest import PASSWORD, publish_plan
from tests.web.test_publish import MONDAY

pytestmark = pytest.mark.browser


def test_pages_break_no_rule_of_the_content_security_policy(browser, seeded_live):
    app, url = seeded_live
    publish_plan(app, [MONDAY])  # the dashboard then shows the honoured share per priority as bars
    page = browser.new_context(viewport=DESKTOP).new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    log_in(page, url, "planner@school.nl", PASSWORD)
    for path in ("/planner/", "/planner/analyse", "/planner/rooster", "/planner/school"):
        page.goto(f"{url}{path}")
        page.wait_for_load_state()
    assert not [text for text in messages if "Content Security Policy" in text], messages
    # The share bar is drawn without a style attribute: its width is the SVG rect's own attribute.
    page.goto(f"{url}/planner/")
    assert page.locator("svg.share-bar rect").count() >= 1
    # The stylesheet applied (an inline style would have been refused): the bar has its CSS width of 5rem.
    assert page.locator("svg.share-bar").first.evaluate("bar => bar.getBoundingClientRect().width") == 80

    teacher = browser.new_context(viewport=DESKTOP).new_page()
    log_in(teacher, url, "anna@school.nl", PASSWORD)
    teacher.goto(f"{url}/leerkracht/aanvragen/nieuw")
    teacher.check("input[name='tijdtype'][value='vast']")
    # app.js ran (a script from this site is allowed): choosing a fixed time hides the window fields.
    assert teacher.locator("[data-time-mode='venster']").is_hidden()
