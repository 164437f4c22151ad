"""The Dutch a school leader reads for a way to fit: the change, what fits then, its price, who must agree.

``Als Floor Bakker op dinsdag tot 11:00 blijft, past dit: dinsdag 10:15–11:00 met Floor Bakker.
Kost 0,75 uur per week extra; akkoord nodig van Floor Bakker (dinsdag tot 11:00 blijven).``

The re-solve suggestions (``suggestions``) state their price and agreements with the same functions
(``change_agreements``, ``cost_sentence``).
"""

from __future__ import annotations

from dataclasses import replace

from planner.diagnosis.plan_changes import Agreement, ChangeKind, HelperChange, RequestChange, WayToFit
from planner.diagnosis.reasons import day_names, hours_text, join_dutch
from planner.model import Helper, Plan, Request, School, Session
from planner.timegrid import DAY_FULL_NAMES, format_time


def described(school: School, plan: Plan, way: WayToFit) -> WayToFit:
    """The way with its sentence and its agreements written."""
    request = school.request(way.request_id)
    agreements = change_agreements(school, request, way.helper_change or way.request_change)
    if way.kind is ChangeKind.ROOM_LEFT:
        which = "die keer" if way.sessions_gained == 1 else "die keren"
        text = (
            f"Er is nog plek zonder wijziging: {sessions_text(way.sessions)}. Zet {which} vast en plan opnieuw; "
            f"{price_text(0)}."
        )
    else:
        fits = f"{_fits_text(plan, request, way)}: {sessions_text(way.sessions)}"
        text = f"{_condition(school, request, way)}, {fits}. {cost_sentence(way.extra_minutes, agreements)}"
    return replace(way, text=text, agreements=agreements)


def cost_sentence(extra_minutes: int, agreements: tuple[Agreement, ...]) -> str:
    """``Kost geen extra uren; akkoord nodig van leerkracht Kim Smit (tijd 9:45–10:30).``"""
    price = price_text(extra_minutes).capitalize()
    return f"{price}; akkoord nodig van {agreements_text(agreements)}." if agreements else f"{price}."


def price_text(extra_minutes: int) -> str:
    if not extra_minutes:
        return "kost geen extra uren"
    return f"kost {hours_text(extra_minutes)} per week extra"


def agreements_text(agreements: tuple[Agreement, ...]) -> str:
    """``Floor Bakker (dinsdag tot 11:00 blijven) en leerkracht Kim Smit (venster 10:30–12:00)``."""
    return join_dutch([f"{agreement.who} ({agreement.what})" for agreement in agreements])


def sessions_text(sessions: tuple[Session, ...]) -> str:
    """``dinsdag 10:15–11:00 met Floor Bakker; donderdag …``."""
    parts = [
        f"{DAY_FULL_NAMES[s.day]} {format_time(s.start)}–{format_time(s.end)} met {join_dutch(list(s.helpers))}"
        for s in sessions
    ]
    return "; ".join(parts)


def helper_change_text(helper: Helper, change: HelperChange) -> tuple[str, str]:
    """What the helper does more, as a condition (``op dinsdag tot 11:00 blijft``) and as an agreement
    (``dinsdag tot 11:00 blijven``)."""
    conditions, asks = [], []
    if change.added:
        condition, ask = _availability_text(helper, change)
        conditions.append(condition)
        asks.append(ask)
    if change.extra_week_min:
        conditions.append(f"{hours_text(change.extra_week_min)} per week meer krijgt")
        asks.append(f"{hours_text(change.extra_week_min)} per week meer")
    if change.extra_day_min:
        conditions.append(f"per dag {hours_text(change.extra_day_min)} langer mag werken")
        asks.append(f"{hours_text(change.extra_day_min)} per dag meer")
    return join_dutch(conditions), ", ".join(asks)


def _condition(school: School, request: Request, way: WayToFit) -> str:
    if way.helper_change is not None:
        helper = school.helper(way.helper_change.helper)
        return f"Als {helper.name} {helper_change_text(helper, way.helper_change)[0]}"
    return f"Als {_request_change_text(request, way.request_change)[0]}"


def change_agreements(
    school: School, request: Request, change: HelperChange | RequestChange | None
) -> tuple[Agreement, ...]:
    """Who must agree to a change: the helper to working more, the teacher to a change of the request (its
    time, days or ``functies``, which the task list already allows); nobody when nothing changes."""
    if isinstance(change, HelperChange):
        helper = school.helper(change.helper)
        return (Agreement(helper.name, helper_change_text(helper, change)[1]),)
    if isinstance(change, RequestChange):
        return (Agreement(f"leerkracht {request.teacher}", _request_change_text(request, change)[1]),)
    return ()


def _request_change_text(request: Request, change: RequestChange) -> tuple[str, str]:
    if change.window is not None:
        start, end = change.window
        times = f"{format_time(start)}–{format_time(end)}"
        if end - start == request.duration_min:  # a fixed time moved
            return f"de tijd {times} wordt", f"tijd {times}"
        return f"het venster {times} wordt", f"venster {times}"
    if change.extra_day:
        return f"ook {day_names([change.extra_day])} mag", f"ook op {day_names([change.extra_day])}"
    return f"ook een {change.extra_role} het mag doen", f"ook een {change.extra_role}"


def _availability_text(helper: Helper, change: HelperChange) -> tuple[str, str]:
    blocks = helper.blocks_on(change.day)
    ends = {end for _, end in blocks}
    starts = {start for start, _ in blocks}
    conditions, asks = [], []
    for start, end in change.added:
        times = f"van {format_time(start)} tot {format_time(end)}"
        if not blocks:
            condition, ask = f"{times} komt", f"{times} komen"
        elif start in ends and end in starts:
            condition, ask = f"ook {times} blijft", f"ook {times} blijven"
        elif start in ends:
            condition, ask = f"tot {format_time(end)} blijft", f"tot {format_time(end)} blijven"
        elif end in starts:
            condition, ask = f"al om {format_time(start)} komt", f"al om {format_time(start)} komen"
        else:
            condition, ask = f"ook {times} komt", f"ook {times} komen"
        conditions.append(condition)
        asks.append(ask)
    day = DAY_FULL_NAMES[change.day]
    return f"op {day} {join_dutch(conditions)}", f"{day} {join_dutch(asks)}"


def _fits_text(plan: Plan, request: Request, way: WayToFit) -> str:
    placed = plan.placed_count(request.request_id)
    missing = request.sessions_per_week - placed
    if way.sessions_gained >= missing:
        return "past dit"
    return f"past er {way.sessions_gained} keer bij ({placed + way.sessions_gained} van {request.sessions_per_week})"
