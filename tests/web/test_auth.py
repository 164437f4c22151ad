"""Logging in and out, and the home page per role."""

from __future__ import annotations

import pytest

from .conftest import login


@pytest.fixture
def backend() -> str:
    """These pages hold no backend-specific SQL: SQLite only keeps the suite fast (see conftest)."""
    return "sqlite"


def test_root_sends_each_role_to_its_home(clients):
    expected = {
        "anonymous": "/inloggen",
        "planner": "/planner/",
        "teacher": "/leerkracht/",
        "other_teacher": "/leerkracht/",
        "helper": "/ondersteuner/",
    }
    for role, target in expected.items():
        response = clients[role].get("/")
        assert response.status_code == 302 and response.headers["Location"].endswith(target), role


def test_login_follows_a_local_next_but_never_another_site(app, seeded):
    client = app.test_client()
    response = client.post(
        "/inloggen?next=/planner/groepen", data={"email": "planner@school.nl", "password": "geheim-wachtwoord-1"}
    )
    assert response.headers["Location"].endswith("/planner/groepen")
    other = app.test_client()
    response = other.post(
        "/inloggen?next=https://evil.example/", data={"email": "planner@school.nl", "password": "geheim-wachtwoord-1"}
    )
    assert "evil.example" not in response.headers["Location"]


def test_logout_is_a_post_and_ends_the_session(clients):
    client = clients["teacher"]
    assert client.get("/uitloggen").status_code == 405
    response = client.post("/uitloggen")
    assert response.status_code == 302 and response.headers["Location"].endswith("/inloggen")
    assert client.get("/leerkracht/").status_code == 302


def test_anonymous_is_sent_to_login_with_next(app, seeded):
    response = app.test_client().get("/planner/groepen")
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"] and "next=" in response.headers["Location"]


def test_login_page_when_already_logged_in_redirects_home(app, seeded):
    client = login(app.test_client(), "carla@school.nl")
    assert client.get("/inloggen").headers["Location"].endswith("/")


def test_user_changes_own_password(app, clients):
    client = clients["helper"]
    refused = client.post(
        "/wachtwoord", data={"huidig": "fout", "nieuw": "nieuw-wachtwoord", "herhaal": "nieuw-wachtwoord"}
    )
    assert refused.status_code == 422 and "klopt niet" in refused.get_data(as_text=True)
    short = client.post("/wachtwoord", data={"huidig": "geheim-wachtwoord-1", "nieuw": "kort", "herhaal": "kort"})
    assert "minstens 8 tekens" in short.get_data(as_text=True)
    done = client.post(
        "/wachtwoord",
        data={"huidig": "geheim-wachtwoord-1", "nieuw": "nieuw-wachtwoord", "herhaal": "nieuw-wachtwoord"},
    )
    assert done.status_code == 302
    login(app.test_client(), "carla@school.nl", "nieuw-wachtwoord")


def test_role_required_decorator_for_single_views(app, clients):
    from web.access import role_required

    @app.route("/proef-alleen-planner")
    @role_required("planner")
    def planner_only():
        return "ok"

    assert clients["anonymous"].get("/proef-alleen-planner").status_code == 302
    assert clients["teacher"].get("/proef-alleen-planner").status_code == 403
    assert clients["planner"].get("/proef-alleen-planner").get_data(as_text=True) == "ok"
