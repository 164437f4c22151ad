"""Reading the pins (``Vastgezet``); a pin that breaks a hard rule is an input problem naming the rule.

The feasibility ledger (``planner.ledger``) decides what a pin breaks, on its own and together with
the pins above it; this module says where and in the sheet's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.dutch import join_dutch, plural
from planner.hard_rules import ALL_HANDS_OR_NONE, HELPER_CAPS, ONE_THING_AT_A_TIME, SESSION_INSIDE_WINDOW
from planner.ledger import Breach, Fault, Ledger, SessionKey, place_text, session_key
from planner.model import Helper, Pin, Request, School, Session, name_key
from planner.timegrid import DAY_FULL_NAMES, format_time, gap_between
from planner.workbook import cells
from planner.workbook.loading import SheetTable
from planner.workbook.problems import ProblemList
from planner.workbook.rows import Located, NameIndex, RowReader, rows_of
from planner.workbook.schema import PINS

# Where the pin sheet reports a breach: the column of the part at fault.
COLUMN_OF_FAULT = {
    Fault.DAY_NOT_ALLOWED: "dag",
    Fault.START_OUTSIDE_WINDOW: "begin",
    Fault.UNAVAILABLE: "begin",
    Fault.NOT_ELIGIBLE: "ondersteuner",
    Fault.DAY_TAKEN: "dag",
    Fault.SESSIONS_PER_WEEK_REACHED: "aanvraag",
    Fault.OVERLAP: "begin",
    Fault.CHANGEOVER_TOO_SHORT: "begin",
    Fault.WEEKLY_CAP: "ondersteuner",
    Fault.DAILY_CAP: "ondersteuner",
    Fault.ALREADY_A_HAND: "ondersteuner",
    Fault.HANDS_COMPLETE: "ondersteuner",
}


def read_pins(
    tables: dict[str, SheetTable],
    request_ids: NameIndex,
    helpers: NameIndex,
    school: School,
    problems: ProblemList,
    school_hours_known: bool = True,
) -> list[Pin]:
    located: list[Located[Pin]] = []
    ledger = Ledger(school)  # empty: each pin on its own
    for row in rows_of(tables, PINS):
        reader = RowReader(PINS, row, problems)
        request_id = request_ids.resolve(reader, "aanvraag", reader.get("aanvraag", cells.parse_text, required=True))
        helper = helpers.resolve(reader, "ondersteuner", reader.get("ondersteuner", cells.parse_text, required=True))
        day = reader.get("dag", cells.parse_day_cell, required=True)
        start = reader.get("begin", cells.parse_time_cell, required=True)
        reader.check_on_step("begin", start, school.settings.time_step_min)
        if not reader.ok:
            continue
        pin = Pin(request_id, helper, day, start)
        request, helper_record = school.request(request_id), school.helper(helper)
        if request is None or helper_record is None:
            continue  # that request or helper has its own problem already
        _check_single_pin(reader, pin, request, helper_record, ledger, school_hours_known)
        if reader.ok:
            located.append(Located(row.number, pin))
    so_far = _check_pins_together(located, school, problems)
    _check_missing_hands(so_far, school, problems)
    return [pin.item for pin in located]


def _check_single_pin(reader: RowReader, pin: Pin, request: Request, helper: Helper, ledger: Ledger, hours_known: bool):
    """Rules 1, 3 (availability) and 5: what the pin breaks on its own."""
    breaches = ledger.candidate_breaches(helper, request, pin.day, pin.start)
    outside = [breach for breach in breaches if breach.rule == SESSION_INSIDE_WINDOW]
    if not hours_known:
        breaches = [breach for breach in breaches if breach not in outside]  # Schooltijden has its own problem
    elif outside:
        breaches = outside  # not even in its window: nothing else about it is worth saying
    for breach in breaches:
        reader.fail(COLUMN_OF_FAULT[breach.fault], breach.subject, breach.rule.broken_by(breach.what))


@dataclass
class _PinsSoFar:
    """The valid pins above the current row: booked in the ledger, with the rows to refer to."""

    ledger: Ledger
    session_rows: dict[SessionKey, int] = field(default_factory=dict)  # each session's first row
    hand_rows: dict[tuple[SessionKey, str], int] = field(default_factory=dict)  # a helper's row in a session
    last_rows: dict[str, Located[Pin]] = field(default_factory=dict)  # each helper's last pin
    over_week: list[str] = field(default_factory=list)  # helpers whose pins pass the weekly cap
    over_day: set[str] = field(default_factory=set)  # helpers already reported over a daily cap

    def add(self, item: Located[Pin], request: Request) -> None:
        pin = item.item
        key = session_key(pin.request_id, pin.day, pin.start)
        self.session_rows.setdefault(key, item.row)
        self.hand_rows.setdefault((key, name_key(pin.helper)), item.row)
        self.last_rows[name_key(pin.helper)] = item
        self.ledger.add(
            Session(request.request_id, (pin.helper,), pin.day, pin.start, pin.start + request.duration_min)
        )

    def row_of(self, session: Session, helper: str | None = None) -> int:
        key = session_key(session.request_id, session.day, session.start)
        return self.session_rows[key] if helper is None else self.hand_rows[(key, name_key(helper))]


def _check_pins_together(located: list[Located[Pin]], school: School, problems: ProblemList) -> _PinsSoFar:
    """Rules that only two or more pins together can break (2, 3, 4 and 6): each pin against the pins above it."""
    so_far = _PinsSoFar(Ledger(school))
    for item in located:
        pin = item.item
        request, helper = school.request(pin.request_id), school.helper(pin.helper)
        for breach in _worth_reporting(so_far.ledger.booking_breaches(helper, request, pin.day, pin.start), so_far):
            text = _together_text(breach, pin, request, helper, so_far)
            problems.add(PINS, item.row, COLUMN_OF_FAULT[breach.fault], breach.subject, text)
        so_far.add(item, request)
    for helper_key in so_far.over_week:
        last = so_far.last_rows[helper_key]
        helper = school.helper(last.item.helper)
        minutes, cap = so_far.ledger.week_minutes(helper), helper.weekly_cap_min
        what = f"krijgt {minutes} vastgezette minuten, meer dan de {cap} minuten per week"
        problems.add(PINS, last.row, "ondersteuner", helper.name, HELPER_CAPS.broken_by(what))
    return so_far


def _check_missing_hands(so_far: _PinsSoFar, school: School, problems: ProblemList) -> None:
    """Rule 6 for a pinned session with fewer pins than hands: the other hands must be helpers who may
    join it then, next to every pin (the ledger says who); otherwise no plan can keep the pins."""
    for (request_key, day, start), row in so_far.session_rows.items():
        session = so_far.ledger.booked(request_key, day, start)
        request = school.request(session.request_id)
        missing = request.hands - len(session.helpers)
        if missing <= 0:
            continue
        pinned = {name_key(name) for name in session.helpers}
        others = [
            helper.name
            for helper in school.helpers
            if name_key(helper.name) not in pinned and so_far.ledger.may_take(helper, request, day, start)
        ]
        if len(others) < missing:
            who = f"alleen {join_dutch(others)}" if others else "niemand anders"
            what = (
                f"vraagt {plural(request.hands, 'hand', 'handen')}, maar naast {join_dutch(session.helpers)} kan op "
                f"{DAY_FULL_NAMES[day]} {format_time(start)}–{format_time(session.end)} {who} meedoen "
                "(mag het doen, is beschikbaar en heeft tijd en uren)"
            )
            problems.add(PINS, row, "aanvraag", request.request_id, ALL_HANDS_OR_NONE.broken_by(what))


def _worth_reporting(breaches: list[Breach], so_far: _PinsSoFar) -> list[Breach]:
    """One clash per pin and one daily cap per helper; the weekly cap waits for the helper's last pin."""
    kept: list[Breach] = []
    for breach in breaches:
        helper_key = name_key(breach.subject)
        if breach.fault == Fault.WEEKLY_CAP:
            so_far.over_week += [] if helper_key in so_far.over_week else [helper_key]
            continue
        if breach.fault == Fault.DAILY_CAP and helper_key in so_far.over_day:
            continue
        if breach.rule == ONE_THING_AT_A_TIME and any(k.rule == ONE_THING_AT_A_TIME for k in kept):
            continue
        if breach.fault == Fault.DAILY_CAP:
            so_far.over_day.add(helper_key)
        kept.append(breach)
    return kept


def _together_text(breach: Breach, pin: Pin, request: Request, helper: Helper, so_far: _PinsSoFar) -> str:
    """The problem text of a breach, naming the rows of the pins it clashes with."""
    fault, other = breach.fault, breach.other
    if fault == Fault.ALREADY_A_HAND:
        return "staat dubbel vastgezet op deze keer"
    if fault == Fault.SESSIONS_PER_WEEK_REACHED:
        return (
            f"is meer keren vastgezet dan keer_per_week ({request.sessions_per_week}) van aanvraag {request.request_id}"
        )
    if fault == Fault.DAY_TAKEN:
        what = f"heeft al een vastgezette keer van aanvraag {request.request_id} (rij {so_far.row_of(other)})"
    elif fault == Fault.OVERLAP:
        what = f"overlapt met de vastgezette keer van {helper.name} in rij {so_far.row_of(other, helper.name)}"
    elif fault == Fault.CHANGEOVER_TOO_SHORT:
        what = _changeover_text(pin, request, helper, other, so_far)
    elif fault == Fault.DAILY_CAP:
        minutes = so_far.ledger.day_minutes(helper, pin.day) + request.duration_min
        what = f"krijgt op {pin.day} {minutes} vastgezette minuten, meer dan de {helper.daily_cap_min} minuten per dag"
    else:
        what = breach.what
    return breach.rule.broken_by(what)


def _changeover_text(pin: Pin, request: Request, helper: Helper, other: Session, so_far: _PinsSoFar) -> str:
    school = so_far.ledger.school
    gap = gap_between(pin.start, pin.start + request.duration_min, other.start, other.end)
    there = school.location_of(school.request(other.request_id))
    return (
        f"laat {gap} minuten tussen {place_text(there)} (rij {so_far.row_of(other, helper.name)}) en "
        f"{place_text(school.location_of(request))}; de wisseltijd is {school.settings.changeover_min} minuten"
    )
