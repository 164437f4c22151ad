"""The search and filters of Niet ingepland (web.planning.page_data.UnmetFilter): pure, no database."""

from __future__ import annotations

from planner import model as m
from web.planning.page_data import UnmetFilter, UnmetRow
from web.store.models_plan import PlanDiagnosis


def row(request_id: str, group: str, priority: m.Priority, cause: str, reason: str) -> UnmetRow:
    request = m.Request(request_id, "Els", group, "rekenen", 1, 30, 540, 600, priority=priority)
    diagnosis = PlanDiagnosis(request_id=request_id, cause=cause, reason=reason, suggestion="")
    return UnmetRow(diagnosis=diagnosis, request=request, placed=0)


ROWS = [
    row("A001", "3", m.Priority.HOOG, "uren op", "Anna heeft geen uren meer."),
    row("A002", "4", m.Priority.LAAG, "niemand beschikbaar", "Op maandag is niemand er; zie ook A001."),
]


def shown(**args: str) -> list[str]:
    chosen = UnmetFilter.from_args(args)
    return [r.diagnosis.request_id for r in ROWS if chosen.matches(r)]


def test_no_filter_shows_everything():
    assert shown() == ["A001", "A002"] and not UnmetFilter.from_args({}).active


def test_each_filter_keeps_only_its_rows_ignoring_case():
    assert shown(prioriteit="laag") == ["A002"]
    assert shown(oorzaak="Uren op") == ["A001"]
    assert shown(groep="3") == ["A001"]
    assert shown(leerkracht="els", groep="4") == ["A002"]
    assert shown(leerkracht="Bas") == []


def test_search_looks_in_number_and_reason():
    assert shown(zoek="anna") == ["A001"]
    assert shown(zoek="a001") == ["A001", "A002"]  # A002's reason names A001
