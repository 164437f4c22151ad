"""The school generator: deterministic, the promised sizes, valid and realistic input."""

from __future__ import annotations

from collections import Counter

import pytest

from planner.generate import SIZES, demand_ratio_of, generate_school
from planner.model import Priority, School, name_key
from planner.workbook import read_workbook, write_school

# (groups, locations, helpers range, requests range) per size; "~" in the brief, so ranges.
EXPECTED_SIZES = {
    "small": (8, 1, (5, 8), (35, 80)),
    "typical": (16, 1, (7, 10), (55, 100)),
    "large": (32, 2, (13, 22), (120, 240)),
    "board": (100, 6, (38, 62), (380, 720)),
}


def test_same_seed_gives_an_equal_school_and_another_seed_another_school() -> None:
    assert generate_school("typical", seed=7) == generate_school("typical", seed=7)
    assert generate_school("typical", seed=7) != generate_school("typical", seed=8)


@pytest.mark.parametrize("size", list(SIZES))
def test_sizes_are_as_promised(size: str) -> None:
    groups, locations, (least_helpers, most_helpers), (least_requests, most_requests) = EXPECTED_SIZES[size]
    school = generate_school(size, seed=1)
    assert len(school.groups) == groups
    assert len({group.location for group in school.groups}) == locations
    assert least_helpers <= len(school.helpers) <= most_helpers
    assert least_requests <= len(school.requests) <= most_requests
    if locations > 1:
        assert school.settings.changeover_min > 0


@pytest.mark.parametrize("seed", range(5))
def test_default_demand_is_a_real_puzzle(seed: int) -> None:
    assert 1.3 <= demand_ratio_of(generate_school("typical", seed=seed)) <= 1.6


@pytest.mark.parametrize("ratio", [0.8, 1.0, 2.0])
def test_demand_ratio_can_be_chosen(ratio: float) -> None:
    # Requests are whole units of ~2 helper-hours against ~100 hours: within 5%.
    assert demand_ratio_of(generate_school("typical", seed=3, demand_ratio=ratio)) == pytest.approx(ratio, rel=0.05)


def test_unknown_size_is_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match="onbekende schoolgrootte"):
        generate_school("enorm")


@pytest.mark.parametrize(("size", "seed"), [("small", 0), ("small", 5), ("typical", 0), ("typical", 9), ("large", 2)])
def test_every_generated_school_keeps_the_input_rules(size: str, seed: int) -> None:
    school = generate_school(size, seed=seed)
    assert _input_problems(school) == []


def _input_problems(school: School) -> list[str]:
    """What the workbook reader would refuse, re-checked here from the raw data."""
    problems = []
    hours = {day.day: day for day in school.school_days}
    step = school.settings.time_step_min
    for name_list in (
        [g.name for g in school.groups],
        [t.name for t in school.teachers],
        [h.name for h in school.helpers],
    ):
        if len({name_key(name) for name in name_list}) != len(name_list):
            problems.append(f"duplicate names in {name_list}")
    for helper in school.helpers:
        for block in helper.availability:
            day = hours[block.day]
            if not (day.start <= block.start < block.end <= day.end) or block.start % step or block.end % step:
                problems.append(f"{helper.name}: availability {block} outside school hours or off the step")
        for group in helper.placement_groups:
            if school.group(group) is None:
                problems.append(f"{helper.name}: unknown placement group {group}")
    for request in school.requests:
        problems += _request_problems(school, request, step)
    return problems


def _request_problems(school: School, request, step: int) -> list[str]:
    problems = []
    teacher = school.teacher(request.teacher)
    if teacher is None or name_key(request.group) not in {name_key(g) for g in teacher.groups}:
        problems.append(f"{request.request_id}: teacher does not teach {request.group}")
    times = [request.window_start, request.window_end, request.duration_min, request.preferred_start or 0]
    if any(value % step for value in times):
        problems.append(f"{request.request_id}: a time off the {step}-minute step")
    if request.sessions_per_week > len(school.allowed_days(request)):
        problems.append(f"{request.request_id}: more sessions than allowed days")
    eligible = school.eligible_helpers(request)
    if len(eligible) < 1:
        problems.append(f"{request.request_id}: no eligible helper")
    if request.preferred_helper and school.helper(request.preferred_helper) not in eligible:
        problems.append(f"{request.request_id}: preferred helper is not eligible")
    if school.task(request.task) is None:
        problems.append(f"{request.request_id}: task not in the Taken list")
    return problems


def test_a_typical_school_looks_like_a_dutch_primary_school() -> None:
    school = generate_school("typical", seed=4)
    names = [group.name for group in school.groups]
    assert any(name.startswith("1/2") for name in names)
    assert any("/" in name and not name.startswith("1/2") for name in names)  # a combination group
    teachers_per_group = Counter(group for teacher in school.teachers for group in teacher.groups)
    assert max(teachers_per_group.values()) >= 2  # a duo
    roles = Counter(helper.role for helper in school.helpers)
    assert roles["onderwijsassistent"] >= 2 and roles["klassenassistent"] >= 1 and roles["vrijwilliger"] >= 1
    interns = [helper for helper in school.helpers if helper.role == "stagiaire"]
    assert interns and all(h.placement_groups and not h.may_work_elsewhere for h in interns)
    assert all(len({block.day for block in h.availability}) == 2 for h in interns)  # fixed internship days
    assert {task.name for task in school.tasks} >= {"basisgroep overnemen", "leesbegeleiding"}
    volunteer_tasks = {task.name for task in school.tasks if not task.roles or "vrijwilliger" in task.roles}
    assert volunteer_tasks == {"leesbegeleiding"}


def test_requests_are_mostly_maths_and_reading_in_the_morning_with_mixed_priorities() -> None:
    requests = generate_school("large", seed=0).requests
    count = len(requests)
    assert sum(r.subject in ("rekenen", "lezen", "taal", "spelling") for r in requests) > 0.7 * count
    assert sum(r.window_end <= 12 * 60 for r in requests) > 0.7 * count
    shares = Counter(r.priority for r in requests)
    assert 0.25 < shares[Priority.HOOG] / count < 0.45 and 0.15 < shares[Priority.LAAG] / count < 0.35
    assert any(r.is_fixed_time for r in requests) and any(not r.is_fixed_time for r in requests)
    assert any(r.preferred_start is not None for r in requests)
    assert any(r.hands == 2 for r in requests) and any(r.skills for r in requests)
    assert any(r.preferred_helper for r in requests) and any(r.roles for r in requests)
    assert all(r.goal for r in requests) and any(r.notes for r in requests)
    assert {r.duration_min for r in requests} == {30, 45, 60}


def test_a_request_says_which_subgroup_the_teacher_teaches_meanwhile_where_the_task_implies_it() -> None:
    # The helper takes the basisgroep, so the teacher instructs the intensive subgroup; the helper guides
    # a subgroup, so the teacher keeps the basisgroep; reading with pupils or observing implies neither.
    subgroups = {(r.task, r.subgroup) for r in generate_school("large", seed=0).requests}
    assert ("basisgroep overnemen", "intensieve subgroep") in subgroups
    assert ("subgroep begeleiden", "basisgroep") in subgroups
    assert ("leesbegeleiding", "") in subgroups
    assert len({task for task, _subgroup in subgroups}) == len(subgroups)  # one subgroup per task


@pytest.mark.parametrize(("size", "seed"), [("small", 0), ("typical", 0), ("typical", 3), ("large", 1), ("board", 0)])
def test_written_and_read_back_through_the_workbook_it_is_the_same_school(size: str, seed: int, tmp_path) -> None:
    # The workbook reader checks every input rule and reports all problems; it must find none.
    school = generate_school(size, seed=seed)
    path = tmp_path / f"{size}.xlsx"
    write_school(school, path)
    assert read_workbook(path) == school
