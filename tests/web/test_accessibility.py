"""Every form field on every page has a label, and every page has a skip link and one <h1>."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from .conftest import publish_plan

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


@pytest.fixture
def backend() -> str:
    return "sqlite"  # markup does not depend on the database


class FieldCollector(HTMLParser):
    """Collects form fields with their ids, label targets, and whether a field sits inside a <label>."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str | None, bool]] = []  # (tag/type, id, wrapped in label)
        self.label_targets: set[str] = set()
        self.label_depth = 0
        self.h1_count = 0
        self.has_skip_link = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "label":
            self.label_depth += 1
            if attributes.get("for"):
                self.label_targets.add(attributes["for"])
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "a" and attributes.get("href") == "#inhoud":
            self.has_skip_link = True
        elif tag in ("input", "select", "textarea"):
            kind = attributes.get("type", "text") if tag == "input" else tag
            if kind not in UNLABELLED_TYPES:
                self.fields.append((kind, attributes.get("id"), self.label_depth > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_depth -= 1


def _pages(app, seeded) -> dict[str, list[str]]:
    pages: dict[str, list[str]] = {"teacher": [], "helper": [], "planner": []}
    prefixes = {"/leerkracht/": "teacher", "/ondersteuner/": "helper", "/planner/": "planner"}
    values = {"request_id": seeded.request_a_id, "teacher_id": seeded.teacher_a_id, "helper_id": seeded.helper_id}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments - set(values) or rule.rule.endswith((".json", ".ics")):
            continue
        role = next((r for prefix, r in prefixes.items() if rule.rule.startswith(prefix)), None)
        if role and rule.endpoint != "imports.export_workbook":
            pages[role].append(rule.build(values)[1] if rule.arguments else rule.rule)
    return pages


def test_every_field_has_a_label_on_every_page(app, seeded, clients):
    publish_plan(app, [{"request_id": "1", "helpers": ["Carla"], "day": "ma", "start": 540, "end": 585}])
    problems = []
    checked = 0
    for role, paths in _pages(app, seeded).items():
        for path in [*paths, "/inloggen", "/wachtwoord"] if role == "planner" else paths:
            response = clients[role].get(path)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            collector = FieldCollector()
            collector.feed(response.get_data(as_text=True))
            checked += 1
            for kind, field_id, wrapped in collector.fields:
                if not wrapped and (field_id is None or field_id not in collector.label_targets):
                    problems.append(f"{path}: {kind} id={field_id} has no label")
            if collector.h1_count != 1 or not collector.has_skip_link:
                problems.append(f"{path}: {collector.h1_count} <h1>, skip link {collector.has_skip_link}")
    assert checked >= 15
    assert not problems, "\n".join(problems)
