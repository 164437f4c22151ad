"""Week grids (web.planning.grids) and which pins a run keeps (planner.services.usable_pins): pure, no database."""

from __future__ import annotations

from planner import model as m
from planner.services import usable_pins
from web.planning.grids import (
    FREE,
    NO_SCHOOL,
    UNAVAILABLE,
    build_week_grid,
    grid_for_group,
    grid_for_helper,
    grid_sessions,
)


def school() -> m.School:
    return m.School(
        school_days=(m.SchoolDay("ma", 510, 720), m.SchoolDay("di", 510, 720)),
        groups=(m.Group("3"), m.Group("4")),
        teachers=(m.Teacher("Els", ("3", "4")),),
        helpers=(
            m.Helper("Anna", "onderwijsassistent", 10, (m.AvailabilityBlock("ma", 510, 720),)),
            m.Helper("Bas", "onderwijsassistent", 10, (m.AvailabilityBlock("ma", 510, 720),)),
        ),
        requests=(
            m.Request("R1", "Els", "3", "basisgroep overnemen", 1, 60, 540, 600),
            m.Request("R2", "Els", "3", "leesbegeleiding", 1, 30, 540, 660),
            m.Request("R3", "Els", "4", "rekenen", 1, 45, 540, 720),
        ),
    )


def sessions(*items: tuple[str, str, str, int, int]) -> list:
    plan_sessions = [m.Session(rid, (helper,), day, start, end) for rid, helper, day, start, end in items]
    return grid_sessions(school(), plan_sessions)


def test_a_session_spans_its_rows_and_covers_the_cells_below():
    grid = grid_for_helper(school(), sessions(("R1", "Anna", "ma", 540, 600)), "anna")
    # School hours 8:30–12:00 on 15-minute rows: 14 rows; 9:00 is the third row.
    assert len(grid.rows) == 14 and grid.slot_min == 15
    assert [day.lanes for day in grid.days] == [1, 1]
    start_row = grid.rows[2]
    assert start_row.time_label == "9:00" and start_row.cells[0].rowspan == 4
    assert start_row.cells[0].session.group == "3" and start_row.cells[0].session.teacher == "Els"
    assert [row.cells[0] for row in grid.rows[3:6]] == [None, None, None]
    assert grid.rows[6].cells[0].session is None  # 10:00 is free again


def test_overlapping_sessions_of_one_group_get_their_own_lane():
    both = sessions(("R1", "Anna", "ma", 540, 600), ("R2", "Bas", "ma", 555, 585))
    grid = grid_for_group(school(), both, "3")
    assert [day.lanes for day in grid.days] == [2, 1]  # Monday needs two lanes, Tuesday one
    row_900 = grid.rows[2]
    row_915 = grid.rows[3]
    assert row_900.cells[0].session.request_id == "R1" and row_900.cells[1].session is None
    assert row_915.cells[0] is None and row_915.cells[1].session.request_id == "R2"
    assert all(len(row.cells) == 3 for row in grid.rows)


def test_grid_uses_finer_rows_when_a_session_is_off_the_quarter_hour():
    grid = build_week_grid(school(), "Anna", sessions(("R3", "Anna", "ma", 545, 590)))
    # 9:05–9:50 only fits on 5-minute rows: 8:30–12:00 is 42 of them, and 45 min spans 9.
    assert grid.slot_min == 5 and len(grid.rows) == 42
    assert next(cell for row in grid.rows for cell in row.cells if cell and cell.session).rowspan == 9
    assert grid.rows[6].time_label == "9:00" and grid.rows[7].time_label == ""


def test_groups_get_stable_distinct_colours():
    both = sessions(("R1", "Anna", "ma", 540, 600), ("R3", "Bas", "ma", 600, 645))
    assert both[0].colour != both[1].colour


def test_runs_keep_only_pins_that_still_fit():
    pins = (
        m.Pin("r1", "anna", "ma", 540),  # valid (names in another case)
        m.Pin("R1", "Bas", "di", 540),  # Bas is not available on Tuesday
        m.Pin("R1", "Anna", "ma", 555),  # R1's window 9:00–10:00 allows only a 9:00 start
        m.Pin("R9", "Anna", "ma", 540),  # the request was removed
        m.Pin("R2", "Carla", "ma", 540),  # the helper left
    )
    assert usable_pins(school(), pins) == (m.Pin("R1", "Anna", "ma", 540),)


def test_helper_grid_tells_unavailable_and_no_school_time_from_free_time():
    short_day = m.School(
        school_days=(m.SchoolDay("ma", 510, 720), m.SchoolDay("wo", 510, 600)),
        groups=(m.Group("3"),),
        teachers=(m.Teacher("Els", ("3",)),),
        helpers=(m.Helper("Anna", "onderwijsassistent", 10, (m.AvailabilityBlock("ma", 510, 600),)),),
        requests=(),
    )
    grid = grid_for_helper(short_day, [], "Anna")
    states = {
        (row.start, day.day): cell.state for row in grid.rows for day, cell in zip(grid.days, row.cells, strict=True)
    }
    # Anna works Monday 8:30–10:00; school runs till 12:00 on Monday but only till 10:00 on Wednesday.
    assert states[(510, "ma")] == FREE
    assert states[(600, "ma")] == UNAVAILABLE  # school, but not Anna's time
    assert states[(510, "wo")] == UNAVAILABLE  # Anna has no Wednesday at all
    assert states[(600, "wo")] == NO_SCHOOL  # Wednesday afternoon: no school, whoever asks
    group_grid = grid_for_group(short_day, [], "3")
    # A group has no availability of its own: only school time and no school.
    assert {cell.state for row in group_grid.rows for cell in row.cells} == {FREE, NO_SCHOOL}
