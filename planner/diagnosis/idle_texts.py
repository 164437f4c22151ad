"""The Dutch of ``idle_hours``: why a helper's free time stays unused, per reason, with hours and times."""

from __future__ import annotations

from planner.diagnosis.idle_facts import FreeSpan, IdleCause, IdleReason
from planner.diagnosis.reasons import day_names, hours_text, join_dutch, names_text, sentence
from planner.model import Helper
from planner.timegrid import format_time

MOST_INTERVALS = 2  # a day with more stretches for one reason reads "maandag (deels)"


def head(left_min: int, free_min: int) -> str:
    """``7,5 uur over, 12 uur beschikbaar zonder ingeplande keer.``"""
    if free_min:
        return f"{hours_text(left_min)} over, {hours_text(free_min)} beschikbaar zonder ingeplande keer."
    return f"{hours_text(left_min)} over, maar naast het rooster niet meer beschikbaar."


def cause(helper: Helper, idle: IdleCause, free: dict[str, list[tuple[int, int]]]) -> str:
    """``3,5 uur op maandag en dinsdag: geen aanvraag van groep 5 (stagegroep).``"""
    why = _why(helper, idle)
    return sentence(f"{hours_text(idle.minutes)} {when(idle.spans, free)}: {why}")


def availability(helper: Helper, minutes: int, usable_min: int, capped: bool) -> str:
    within = " binnen de uren per dag" if capped else ""
    return sentence(
        f"{hours_text(minutes)}: naast het rooster is {helper.name} nog maar {hours_text(usable_min)} beschikbaar"
        f"{within}; de beschikbaarheid, niet de aanvragen, is de grens"
    )


def when(spans: tuple[FreeSpan, ...], free: dict[str, list[tuple[int, int]]]) -> str:
    """``op maandag en dinsdag en op woensdag 8:30–9:00``: whole days of free time by name, else the times."""
    days_by_times: dict[str, list[str]] = {}
    for day, blocks in free.items():
        mine = [(span.start, span.end) for span in spans if span.day == day]
        if mine:
            days_by_times.setdefault(_times(mine, blocks), []).append(day)
    parts = []
    for times, days in days_by_times.items():
        parts.append(f"op {day_names(days)}{' ' + times if times else ''}")
    return join_dutch(parts)


def _times(mine: list[tuple[int, int]], blocks: list[tuple[int, int]]) -> str:
    if mine == blocks:
        return ""
    if len(mine) > MOST_INTERVALS:
        return "(deels)"
    return join_dutch([f"{format_time(start)}–{format_time(end)}" for start, end in mine])


def _why(helper: Helper, idle: IdleCause) -> str:
    requests = ("aanvraag " if len(idle.request_ids) == 1 else "aanvragen ") + names_text(list(idle.request_ids))
    match idle.reason:
        case IdleReason.NO_REQUEST_THAT_DAY:
            return "die dag vraagt geen enkele aanvraag hulp"
        case IdleReason.NO_REQUEST_THEN:
            return "dan vraagt geen enkele aanvraag hulp"
        case IdleReason.PLACEMENT:
            return f"geen aanvraag van groep {' of '.join(helper.placement_groups)} (stagegroep)"
        case IdleReason.ROLE | IdleReason.LOCATION | IdleReason.SKILLS | IdleReason.NOT_ELIGIBLE:
            return f"{helper.name} mag de aanvragen van dat moment niet doen ({'; '.join(idle.faults)})"
        case IdleReason.FULLY_PLACED:
            return f"wat {helper.name} dan mag doen, is al ingepland ({requests})"
        case IdleReason.TOO_SHORT:
            return f"de vrije tijd is te kort voor een hele keer van {requests}"
        case IdleReason.HOURS_USED:
            return f"te weinig uren over (per week of per dag) voor een keer van {requests}"
        case IdleReason.NO_OTHER_HANDS:
            return f"alleen {requests} past, maar vraagt meer handen tegelijk en er zijn dan te weinig anderen vrij"
        case IdleReason.ROOM_LEFT:
            return (
                f"hier past nog een keer van {requests}; de planner had te weinig tijd. "
                "Plan opnieuw met een langere tijdslimiet"
            )
    raise ValueError(idle.reason)  # AVAILABILITY has its own sentence
