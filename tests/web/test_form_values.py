"""The web's value rules (``web.form_values``): strict digits, finite numbers, ids, texts, local paths."""

from __future__ import annotations

import pytest

from planner.services import HANDS, quoted
from web.form_values import MAX_ID, decimal_number, divides_hour, local_path, record_id, text_fault, whole_number


@pytest.mark.parametrize("text", ["²", "١", "-1", "+1", "1.0", " 1", "", "1" * 11])
def test_whole_number_takes_only_plain_ascii_digits(text):
    # str.isdigit() says True for "²" and "١", and int() reads "١": both would pass a lax check.
    assert whole_number(text) is None


def test_whole_number_reads_plain_digits():
    assert whole_number("045") == 45


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e30", "1_0", "7,5,0", "", "²"])
def test_decimal_number_refuses_what_is_no_finite_decimal(text):
    assert decimal_number(text) is None


def test_decimal_number_reads_the_dutch_comma_and_the_point():
    assert (decimal_number("7,5"), decimal_number("7.5"), decimal_number("-2")) == (7.5, 7.5, -2.0)


@pytest.mark.parametrize("text", ["0", str(MAX_ID + 1), str(2**63), "²", "abc"])
def test_record_id_refuses_what_no_row_can_have(text):
    assert record_id(text) is None


def test_record_id_takes_the_largest_database_integer():
    assert record_id(str(MAX_ID)) == MAX_ID


def test_ranges_include_both_ends():
    assert HANDS.holds(1) and HANDS.holds(10) and not HANDS.holds(11) and not HANDS.holds(0)


def test_time_step_must_divide_the_hour():
    assert [step for step in range(0, 61) if divides_hour(step)] == [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60]


def test_text_fault_names_length_and_nul():
    assert text_fault("a" * 100, 100) is None
    assert "101 tekens" in text_fault("a" * 101, 100)
    assert "NUL" in text_fault("a\x00b", 100)
    assert text_fault("a" * 10_000, None) is None  # a Text column has no size


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "planner/aanvragen",
        "/planner\r\nSet-Cookie: x=1",
        "",
        None,
    ],
)
def test_local_path_refuses_every_other_site(target):
    assert local_path(target, "/terug") == "/terug"


def test_local_path_keeps_a_local_path_with_its_query():
    assert local_path("/planner/aanvragen?groep=3", "/terug") == "/planner/aanvragen?groep=3"


def test_shown_quotes_at_most_eighty_characters():
    assert quoted("a" * 80) == "a" * 80
    assert quoted("a" * 40_000) == "a" * 79 + "…"
