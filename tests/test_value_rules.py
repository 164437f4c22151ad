"""The value rules one at a time, each with a value just inside and just outside, and their texts."""

from __future__ import annotations

import math

import pytest

from planner import value_rules as rules
from web.store import models

NUMBER_RULES = [
    # rule, the highest and lowest values allowed, values just outside or not numbers at all
    (rules.HOURS_PER_WEEK, (0, 60, 7.5), (-0.5, 60.5, math.nan, math.inf)),
    (rules.HOURS_PER_DAY, (0, 24, 4.25), (-1, 24.5, math.nan, -math.inf)),
    (rules.HANDS, (1, 10), (0, 11, 1.5, 1e20, math.nan)),
    (rules.TIME_LIMIT_S, (1, 3600, 12.5), (0.5, 3600.5, math.inf, 1e308)),
    (rules.CHANGEOVER_MIN, (0, 240), (-5, 241, 2.5, 1e12)),
    (rules.SESSIONS_PER_WEEK, (1, 7), (0, 8, 1.5)),
    (rules.DURATION_MIN, (1, 1440), (0, 1441, 30.5)),
]


@pytest.mark.parametrize(("rule", "allowed", "refused"), NUMBER_RULES)
def test_each_number_rule_allows_its_range_and_refuses_the_rest(rule, allowed, refused):
    assert [rule.fault(number) for number in allowed] == [None] * len(allowed)
    assert all(rule.fault(number).endswith(rule.expected) for number in refused)


def test_a_number_rule_says_why_in_dutch():
    # a nan is no finite number, 1,5 hands is no whole number, 11 hands is out of range
    assert rules.HANDS.fault(math.nan) == "is geen eindig getal; verwacht een geheel getal van 1 tot en met 10 handen"
    assert rules.HANDS.fault(1.5).startswith("is geen geheel getal;")
    assert rules.HANDS.fault(11).startswith("valt buiten het bereik;")
    assert rules.HOURS_PER_DAY.expected == "verwacht een getal van 0 tot en met 24 uur per dag"


@pytest.mark.parametrize(("step", "fine"), [(1, True), (5, True), (15, True), (60, True), (7, False), (0, False),
                                            (120, False), (2.5, False), (math.nan, False)])  # fmt: skip
def test_the_time_step_divides_the_hour(step, fine):
    assert (rules.time_step_fault(step) is None) == fine


def test_a_text_rule_counts_characters_and_refuses_nul_bytes():
    # 100 characters fit a group name, 101 do not; a NUL byte never fits (PostgreSQL refuses it)
    assert rules.GROUP_NAME.fault("g" * 100) is None
    assert rules.GROUP_NAME.fault("g" * 101) == "is 101 tekens lang; verwacht hoogstens 100 tekens"
    assert rules.GROUP_NAME.fault("5\x00").startswith("bevat een NUL-teken")


@pytest.mark.parametrize(
    ("text", "number"),
    [("7,5", 7.5), ("7.5", 7.5), (" 12 ", 12.0), ("-3", -3.0), (",5", 0.5), ("1 000", 1000.0),
     ("²", None), ("١٢", None), ("nan", None), ("inf", None), ("1e308", None), ("1_000", None), ("", None),
     ("1.000,5", None)],
)  # fmt: skip
def test_parse_number_takes_plain_ascii_digits_only(text, number):
    assert rules.parse_number(text) == number


def test_quoted_keeps_at_most_80_characters():
    assert rules.quoted("kort") == "kort"
    assert rules.quoted("x" * 80) == "x" * 80
    assert rules.quoted("x" * 40_000) == "x" * 79 + "…"


@pytest.mark.parametrize(
    ("column", "limit"),
    [
        (models.SchoolSettings.school_name, "school_name"),
        (models.Group.name, "group_name"),
        (models.Group.location, "location"),
        (models.Teacher.name, "person_name"),
        (models.Teacher.email, "email"),
        (models.Helper.name, "person_name"),
        (models.Helper.role, "role"),
        (models.Helper.email, "email"),
        (models.User.name, "person_name"),
        (models.User.email, "email"),
        (models.Task.name, "task"),
        (models.Request.code, "request_id"),
        (models.Request.subject, "subject"),
        (models.Request.task, "task"),
        (models.Request.subgroup, "subgroup"),
        (models.Request.preferred_helper, "person_name"),
    ],
)
def test_text_limits_are_the_database_column_sizes(column, limit):
    # a text the reader accepts must fit its column, on PostgreSQL as on SQLite
    assert column.property.columns[0].type.length == rules.TEXT_LIMITS[limit]
