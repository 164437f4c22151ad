"""The request form's checks, without HTTP: each case is one rule of the workbook reader."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from werkzeug.datastructures import MultiDict

from planner.model import Priority
from web.teacher.request_form import parse_request_form

from .conftest import seed_school


@dataclass(frozen=True)
class FakeGroup:
    """Stands in for a ``web.store.models.Group`` row: the parser only reads ``id`` and ``name``."""

    id: int
    name: str


GROUP_5 = FakeGroup(5, "5")
BASE = {
    "groep": "5",
    "taak": "basisgroep overnemen",
    "keer_per_week": "1",
    "duur_min": "45",
    "tijdtype": "venster",
    "van": "9:00",
    "tot": "11:00",
    "prioriteit": "middel",
    "handen": "1",
}


def parse(**changes):
    data = MultiDict()
    for key, value in {**BASE, **changes}.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key, item)
    return parse_request_form(data, seed_school(), [GROUP_5])


def test_a_valid_window_request_is_accepted():
    checked, errors = parse(voorkeur_begin="9:30", prioriteit="laag", vaardigheden="rekenen, lezen")
    assert errors == {}
    assert (checked.window_start, checked.window_end, checked.preferred_start) == (540, 660, 570)
    assert checked.priority == Priority.LAAG and checked.skills == ("rekenen", "lezen")


def test_the_subgroup_is_one_of_the_usual_three_or_free_text_as_in_the_workbook():
    # The workbook contract allows free text in `subgroep`; the form keeps what an import brought in.
    assert parse(subgroep="intensieve subgroep")[0].subgroup == "intensieve subgroep"
    assert parse(subgroep=" groepje met verlengde instructie ")[0].subgroup == "groepje met verlengde instructie"


@pytest.mark.parametrize(
    ("changes", "field_name"),
    [
        ({"duur_min": "42"}, "duur_min"),  # not a multiple of the 5-minute step
        ({"duur_min": "0"}, "duur_min"),
        ({"keer_per_week": "nul"}, "keer_per_week"),
        ({"voorkeur_begin": "10:30"}, "voorkeur_begin"),  # 10:30 + 45 min ends after 11:00
        ({"tot": "8:00"}, "tot"),  # ends before it starts
        ({"functies": ["vrijwilliger"]}, "functies"),  # the task list allows only assistants for this task
        ({"functies": ["tovenaar"]}, "functies"),
        ({"dagen": ["zo"]}, "dagen"),  # Sunday is no school day
        ({"voorkeur": "Onbekend"}, "voorkeur"),
        ({"prioriteit": "urgent"}, "prioriteit"),
        ({"taak": ""}, "taak"),
        ({"groep": "6"}, "groep"),  # not one of the teacher's groups
        ({"handen": "0"}, "handen"),
        ({"keer_per_week": "4"}, "keer_per_week"),  # the school has three days
    ],
)
def test_each_problem_is_reported_at_its_field(changes, field_name):
    checked, errors = parse(**changes)
    assert checked is None and field_name in errors, errors


def test_fixed_time_ignores_the_window_fields():
    checked, errors = parse(tijdtype="vast", begin="13:00", van="", tot="")
    assert errors == {} and (checked.window_start, checked.window_end) == (780, 825)


def test_fixed_time_after_school_hours_fits_on_no_day():
    # School ends at 14:30 (12:15 on Wednesday): 14:00 + 45 minutes does not fit on any day.
    checked, errors = parse(tijdtype="vast", begin="14:00")
    assert checked is None and "Op geen van de gekozen dagen" in errors["dagen"]
