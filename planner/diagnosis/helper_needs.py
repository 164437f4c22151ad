"""What a helper needs to take one more session: availability added that day, and caps raised.

Shared by the ways to fit (one session) and the hours offers (several sessions of one helper on one
day, the needs merged). Caps grow in quarter hours; a short gap between added time and time the
helper is there anyway is added too (``bridged``): nobody leaves for a quarter of an hour.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from planner.diagnosis.plan_changes import HelperChange, round_up_quarter
from planner.ledger import Ledger
from planner.model import Helper
from planner.timegrid import intervals_overlap, merge_intervals

BRIDGED_GAP_MIN = 30  # a helper does not leave for a gap this short between added time and other time there


def helper_change_for(ledger: Ledger, helper: Helper, day: str, start: int, end: int) -> HelperChange:
    """What the helper needs to take a session ``day start–end`` next to what the ledger has booked:
    the availability not there yet, and the weekly and daily minutes over the caps (in quarter hours)."""
    minutes = end - start
    added = uncovered(helper.blocks_on(day), start, end)
    extra_week = round_up_quarter(ledger.week_minutes(helper) + minutes - helper.weekly_cap_min)
    daily_cap = helper.daily_cap_min
    extra_day = 0 if daily_cap is None else round_up_quarter(ledger.day_minutes(helper, day) + minutes - daily_cap)
    return bridged(helper, HelperChange(helper.name, day if added else "", tuple(added), extra_week, extra_day))


def merged_change(helper: Helper, first: HelperChange, second: HelperChange) -> HelperChange:
    """One helper's two needs as one change on the same day: the availability of both, the larger caps."""
    merged = HelperChange(
        helper.name,
        first.day or second.day,
        tuple(merge_intervals([*first.added, *second.added])),
        max(first.extra_week_min, second.extra_week_min),
        max(first.extra_day_min, second.extra_day_min),
    )
    return bridged(helper, merged)


def bridged(helper: Helper, change: HelperChange) -> HelperChange:
    """Short gaps next to added time are added too: nobody leaves for a quarter of an hour and comes back."""
    if not change.added:
        return change
    there = merge_intervals([*helper.blocks_on(change.day), *change.added])
    gaps = [
        (end, next_start)
        for (start, end), (next_start, next_end) in pairwise(there)
        if next_start - end <= BRIDGED_GAP_MIN
        and any(
            intervals_overlap(*part, start, end) or intervals_overlap(*part, next_start, next_end)
            for part in change.added
        )
    ]
    return replace(change, added=tuple(merge_intervals([*change.added, *gaps])))


def uncovered(blocks: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of ``start–end`` outside the (merged, sorted) blocks."""
    parts, cursor = [], start
    for block_start, block_end in blocks:
        if block_end <= cursor or block_start >= end:
            continue
        if block_start > cursor:
            parts.append((cursor, block_start))
        cursor = max(cursor, block_end)
    if cursor < end:
        parts.append((cursor, end))
    return parts
