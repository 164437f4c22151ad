"""From desirable to feasible: demand vs capacity, the capacity curve and scenario comparison.

Demand vs capacity (before anything is solved), per school day and slot of ``slot_min`` minutes:

* **demand** — hands requested. Each request contributes on each of its allowed days
  ``sessions_per_week / len(allowed_days)`` (a request for 2 sessions on ``di, do`` counts fully on
  both days; 1 session on any of 5 days counts 0.2 on each). Within a day a fixed-time request counts
  its ``hands`` over its time; a flexible one spreads them evenly over its window, i.e.
  ``hands * duration / window_length`` per minute of window. A slot's value is the average over its
  minutes, so a request covering half a slot counts half.
* **capacity** — helpers available, averaged the same way over the slot's minutes. Weekly and daily
  caps are not applied here (they limit totals, not a moment); eligibility is not applied either.

The capacity curve lives in ``planner.curve`` and the comparison in ``planner.compare``; they solve.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model import Helper, School


@dataclass(frozen=True)
class DemandCell:
    day: str
    start: int
    end: int
    demand: float  # hands requested (expected)
    capacity: float  # helpers available

    @property
    def balance(self) -> float:
        """Capacity minus demand: negative means more hands asked than there are people."""
        return self.capacity - self.demand


@dataclass(frozen=True)
class DemandGrid:
    slot_min: int
    days: tuple[str, ...]
    starts: tuple[int, ...]  # slot starts over the union of school hours
    cells: tuple[DemandCell, ...]  # only slots inside that day's school hours

    def cell(self, day: str, start: int) -> DemandCell | None:
        for cell in self.cells:
            if cell.day == day and cell.start == start:
                return cell
        return None

    def rows(self) -> tuple[tuple[int, tuple[DemandCell | None, ...]], ...]:
        """Per slot start, the cell of each day (None outside that day's school hours): a table to show."""
        by_key = {(cell.day, cell.start): cell for cell in self.cells}
        return tuple((start, tuple(by_key.get((day, start)) for day in self.days)) for start in self.starts)

    @property
    def max_demand(self) -> float:
        return max((cell.demand for cell in self.cells), default=0.0)

    @property
    def max_capacity(self) -> float:
        return max((cell.capacity for cell in self.cells), default=0.0)


def demand_vs_capacity(school: School, slot_min: int = 15) -> DemandGrid:
    """Hands requested against helpers available, per school day and slot (see the module text)."""
    if slot_min <= 0:
        raise ValueError("slot_min moet groter dan 0 zijn")
    days = school.school_day_codes
    if not days:
        return DemandGrid(slot_min, (), (), ())
    first = min(school.school_day(day).start for day in days) // slot_min * slot_min
    last = max(school.school_day(day).end for day in days)
    starts = tuple(range(first, last, slot_min))
    demand = _demand_per_cell(school, slot_min, starts)
    cells = []
    for day in days:
        school_day = school.school_day(day)
        for start in starts:
            end = start + slot_min
            if end <= school_day.start or start >= school_day.end:
                continue
            capacity = sum(_helper_presence(helper, day, start, end) for helper in school.helpers)
            cells.append(DemandCell(day, start, end, round(demand.get((day, start), 0.0), 3), round(capacity, 3)))
    return DemandGrid(slot_min, days, starts, tuple(cells))


def _overlap(start_a: int, end_a: int, start_b: int, end_b: int) -> int:
    return max(0, min(end_a, end_b) - max(start_a, start_b))


def _demand_per_cell(school: School, slot_min: int, starts: tuple[int, ...]) -> dict[tuple[str, int], float]:
    """Per (day, slot start): the hands requested, added request by request (in the school's order) to the
    slots its window touches on its allowed days; each request is looked at once, not once per slot."""
    demand: dict[tuple[str, int], float] = {}
    for request in school.requests:
        allowed = school.allowed_days(request)
        for day in allowed:
            school_day = school.school_day(day)
            window_start = max(request.window_start, school_day.start)
            window_end = min(request.window_end, school_day.end)
            day_weight = request.sessions_per_week / len(allowed)
            density = request.hands * min(1.0, request.duration_min / (window_end - window_start))  # per minute
            touched = slice((window_start - starts[0]) // slot_min, -(-(window_end - starts[0]) // slot_min))
            for start in starts[touched]:
                overlap = _overlap(start, start + slot_min, window_start, window_end)
                if overlap > 0:
                    demand[(day, start)] = demand.get((day, start), 0.0) + day_weight * density * overlap / slot_min
    return demand


def _helper_presence(helper: Helper, day: str, start: int, end: int) -> float:
    covered = sum(_overlap(start, end, block_start, block_end) for block_start, block_end in helper.blocks_on(day))
    return covered / (end - start)
