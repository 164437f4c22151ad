"""Who may GET which page: every GET route of the app (also helper D2's), per role.

Convention (web design): ``/leerkracht/`` teacher only, ``/ondersteuner/`` helper
only, ``/planner/`` planner only; anonymous → login redirect; wrong role → 403;
another teacher on teacher A's request → 403 or 404.
"""

from __future__ import annotations

import re

from .conftest import publish_plan

ROLES = ("anonymous", "teacher", "other_teacher", "helper", "planner")
PUBLIC = {"/inloggen"}
EVERY_ROLE = {"/wachtwoord"}  # own account: anyone logged in
# GET routes that answer with a redirect or a download by design, not a page.
REDIRECTING = {"/", "/favicon.ico"}
SECRET_ADDRESS = "/agenda/"  # a calendar feed: no login, an unknown token is 404 for everyone


def _owner_role(path: str) -> str | None:
    for prefix, role in (("/leerkracht/", "teacher"), ("/ondersteuner/", "helper"), ("/planner/", "planner")):
        if path.startswith(prefix):
            return role
    return None


def _fill(rule, values: dict[str, int]) -> str:
    """Fill URL parameters: ids of the seeded objects by parameter name, else 1."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: str(values.get(m.group(1), 1)), rule.rule)


def _get_routes(app, values):
    routes = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        routes.append((rule.endpoint, _fill(rule, values)))
    return sorted(set(routes))


def test_access_matrix(app, seeded, clients):
    run_id = publish_plan(app, [{"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585}])
    values = {
        "request_id": seeded.request_a_id,
        "teacher_id": seeded.teacher_a_id,
        "helper_id": seeded.helper_id,
        "run_id": run_id,
        "user_id": 1,
    }
    routes = _get_routes(app, values)
    assert len(routes) >= 15, routes
    failures = []
    for endpoint, path in routes:
        for role in ROLES:
            status = clients[role].get(path).status_code
            if not _allowed(path, role, status, f"/leerkracht/aanvragen/{seeded.request_a_id}"):
                failures.append(f"{role:14} GET {path} ({endpoint}) → {status}")
    assert not failures, "\n".join(failures)


def _allowed(path: str, role: str, status: int, request_a_path: str) -> bool:
    if path in PUBLIC:
        return status == 200 or (role != "anonymous" and status == 302)
    if path in REDIRECTING:
        return status == 302
    if path.startswith(SECRET_ADDRESS):
        return status == 404
    if path in EVERY_ROLE:
        return status == (302 if role == "anonymous" else 200)
    owner = _owner_role(path)
    assert owner is not None, f"route {path} is outside the role prefixes"
    if role == "anonymous":
        return status == 302
    if role == "other_teacher" and (path == request_a_path or path.startswith(request_a_path + "/")):
        return status in (403, 404)  # teacher A's request, seen by teacher B
    if role.removeprefix("other_") != owner:
        return status == 403
    return status == 200


def test_other_teacher_cannot_change_or_withdraw_teacher_a_request(clients, seeded):
    base = f"/leerkracht/aanvragen/{seeded.request_a_id}"
    assert clients["other_teacher"].post(base + "/intrekken").status_code in (403, 404)
    assert clients["other_teacher"].post(base + "/bewerken", data={"taak": "x"}).status_code in (403, 404)
    assert clients["helper"].post(base + "/intrekken").status_code == 403
    page = clients["teacher"].get(base).get_data(as_text=True)
    assert "ingetrokken" not in page


def test_wrong_role_posts_are_refused(clients):
    assert clients["teacher"].post("/planner/groepen", data={"naam": "x"}).status_code == 403
    assert clients["helper"].post("/planner/aanvraagronde", data={"open": "nee"}).status_code == 403
    assert clients["anonymous"].post("/planner/groepen", data={"naam": "x"}).status_code == 302


def test_every_post_route_refuses_anonymous_and_wrong_roles(app, seeded, clients):
    """Before any form handling: anonymous → login redirect, another role → 403 (D2's routes included)."""
    values = {"request_id": seeded.request_a_id, "teacher_id": seeded.teacher_a_id, "helper_id": seeded.helper_id}
    failures = []
    for rule in app.url_map.iter_rules():
        owner = _owner_role(rule.rule)
        if "POST" not in rule.methods or owner is None:
            continue
        path = _fill(rule, values)
        for role in ("anonymous", "teacher", "helper", "planner"):
            if role == owner:
                continue
            status = clients[role].post(path, data={}).status_code
            expected = 302 if role == "anonymous" else 403
            if status != expected:
                failures.append(f"{role:10} POST {path} → {status}, expected {expected}")
    assert not failures, "\n".join(failures)
