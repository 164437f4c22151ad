"""Real-browser fixtures: the app served in-process on a free port, and Debian's Chromium via Playwright.

Chromium missing → the browser tests skip locally and fail in CI (``tests.tools.require``).
Screenshots go to ``test-artifacts/screenshots/`` (git-ignored) for people to look at.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.tools import CHROMIUM, require

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright Python package")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class LiveServer:
    """A threaded WSGI server for one app in a daemon thread; port 0 picks a free port."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def serve(app):
    """Serve ``app`` for one test with its run worker beside it (yields the app and its URL), then stop both."""
    from tests.web.run_worker import WorkerThread
    from web.db import db

    worker = WorkerThread(app).start()
    with LiveServer(app) as server:
        yield app, server.url
    worker.stop()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def seeded_live(tmp_path):
    """The small seeded school of ``tests.web.conftest`` served for one test: (app, URL)."""
    from tests.web.conftest import make_app, seed

    app = make_app(tmp_path, "sqlite")
    seed(app)
    yield from serve(app)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/inloggen")
    page.fill("#email", email)
    page.fill("#password", password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/inloggen" not in page.url, page.content()


def choose_and_follow(page, selector: str, **option) -> None:
    """Choose an option in a select that applies at once, and wait for the page it loads.

    The change handler comes from the deferred app.js: a choice made before the page finished
    loading fires no handler and loads nothing, so wait for the load first.
    """
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.select_option(selector, **option)
    page.wait_for_load_state("load")


def fits_viewport_width(page) -> bool:
    """No horizontal page scroll: wide tables scroll inside their own box."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


UNLABELLED_FIELDS_JS = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(field => !['hidden', 'submit', 'button'].includes(field.type))
  .filter(field => field.labels.length === 0 && !field.getAttribute('aria-label'))
  .map(field => field.name || field.id)
"""


def unlabelled_fields(page) -> list[str]:
    """Form fields a screen reader could not name (every field needs a <label>)."""
    return page.evaluate(UNLABELLED_FIELDS_JS)
