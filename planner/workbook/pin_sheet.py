"""Reading the pins (``Vastgezet``); a pin that breaks a hard rule is an input problem naming the rule."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from planner.model import Helper, Pin, Request, School, name_key
from planner.timegrid import format_time
from planner.workbook import cells
from planner.workbook.loading import SheetTable
from planner.workbook.problems import ProblemList
from planner.workbook.rows import Located, NameIndex, RowReader, rows_of
from planner.workbook.schema import PINS

RULES = {
    1: "regel 1: een keer ligt binnen het venster van de aanvraag, op een toegestane dag en binnen de schooltijden",
    2: "regel 2: de keren van één aanvraag vallen op verschillende dagen",
    3: "regel 3: een ondersteuner werkt alleen binnen de eigen beschikbaarheid en aan één ding tegelijk",
    4: "regel 4: een ondersteuner blijft binnen de uren per week en per dag",
    5: "regel 5: de ondersteuner moet de aanvraag mogen doen (functie, vaardigheden, locatie, stagegroep)",
    6: "regel 6: een keer heeft precies zoveel verschillende ondersteuners als 'handen'",
}


def breaks(rule: int, what: str) -> str:
    return f"{what}; breekt {RULES[rule]}"


def read_pins(
    tables: dict[str, SheetTable],
    request_ids: NameIndex,
    helpers: NameIndex,
    school: School,
    problems: ProblemList,
    school_hours_known: bool = True,
) -> list[Pin]:
    located: list[Located[Pin]] = []
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
        _check_single_pin(reader, pin, request, helper_record, school, school_hours_known)
        if reader.ok:
            located.append(Located(row.number, pin))
    _check_pins_together(located, school, problems)
    return [pin.item for pin in located]


def _check_single_pin(
    reader: RowReader, pin: Pin, request: Request, helper: Helper, school: School, hours_known: bool
) -> None:
    allowed = school.allowed_days(request)
    if hours_known and pin.day not in allowed:
        what = f"is geen toegestane dag van aanvraag {request.request_id} (toegestaan: {', '.join(allowed)})"
        reader.fail("dag", pin.day, breaks(1, what))
        return
    end = pin.start + request.duration_min
    if hours_known and pin.start not in school.candidate_starts(request, pin.day):
        window = f"{format_time(request.window_start)}–{format_time(request.window_end)}"
        what = f"tot {format_time(end)} valt buiten het venster {window} of de schooltijden op {pin.day}"
        reader.fail("begin", format_time(pin.start), breaks(1, what))
        return
    if not helper.is_available(pin.day, pin.start, end):
        what = f"tot {format_time(end)} valt buiten de beschikbaarheid van {helper.name} op {pin.day}"
        reader.fail("begin", format_time(pin.start), breaks(3, what))
    reasons = school.eligibility_problems(helper, request)
    if reasons:
        what = f"mag aanvraag {request.request_id} niet doen ({', '.join(reasons)})"
        reader.fail("ondersteuner", helper.name, breaks(5, what))


def _check_pins_together(located: list[Located[Pin]], school: School, problems: ProblemList) -> None:
    """Rules that only two or more pins together can break: 2, 3 (overlap), 4 and 6."""
    sessions: dict[tuple[str, str, int], list[Located[Pin]]] = defaultdict(list)
    for item in located:
        pin = item.item
        sessions[(name_key(pin.request_id), pin.day, pin.start)].append(item)
    _check_sessions_of_requests(sessions, school, problems)
    _check_helpers(located, school, problems)


def _check_sessions_of_requests(sessions: dict, school: School, problems: ProblemList) -> None:
    days_used: dict[str, dict[str, int]] = defaultdict(dict)
    count: dict[str, int] = defaultdict(int)
    for (request_key, day, _start), pins in sessions.items():
        request = school.request(pins[0].item.request_id)
        first = pins[0]
        seen_helpers: set[str] = set()
        for item in pins:
            helper_key = name_key(item.item.helper)
            if helper_key in seen_helpers:
                problems.add(PINS, item.row, "ondersteuner", item.item.helper, "staat dubbel vastgezet op deze keer")
            elif len(seen_helpers) == request.hands:
                what = f"is een extra ondersteuner; aanvraag {request.request_id} vraagt {request.hands} handen"
                problems.add(PINS, item.row, "ondersteuner", item.item.helper, breaks(6, what))
            seen_helpers.add(helper_key)
        if day in days_used[request_key]:
            what = (
                f"heeft al een vastgezette keer van aanvraag {request.request_id} (rij {days_used[request_key][day]})"
            )
            problems.add(PINS, first.row, "dag", day, breaks(2, what))
            continue
        days_used[request_key][day] = first.row
        count[request_key] += 1
        if count[request_key] > request.sessions_per_week:
            what = f"is meer keren vastgezet dan keer_per_week ({request.sessions_per_week}) van aanvraag"
            problems.add(PINS, first.row, "aanvraag", request.request_id, f"{what} {request.request_id}")


@dataclass(frozen=True)
class PinSpan:
    """A pinned session of one helper: where in the sheet, when and where in the school."""

    item: Located[Pin]
    day: str
    start: int
    end: int
    location: str

    @property
    def row(self) -> int:
        return self.item.row

    def same_session(self, other: PinSpan) -> bool:
        return name_key(self.item.item.request_id) == name_key(other.item.item.request_id) and self.start == other.start

    def gap_to(self, other: PinSpan) -> int:
        """Minutes between two spans on one day; negative when they overlap."""
        return max(other.start - self.end, self.start - other.end)


def _check_helpers(located: list[Located[Pin]], school: School, problems: ProblemList) -> None:
    by_helper: dict[str, list[Located[Pin]]] = defaultdict(list)
    for item in located:
        by_helper[name_key(item.item.helper)].append(item)
    for items in by_helper.values():
        helper = school.helper(items[0].item.helper)
        spans = []
        for item in items:
            request = school.request(item.item.request_id)
            end = item.item.start + request.duration_min
            spans.append(PinSpan(item, item.item.day, item.item.start, end, school.location_of(request)))
        _check_overlaps(helper, spans, school.settings.changeover_min, problems)
        _check_caps(helper, spans, problems)


def _check_overlaps(helper: Helper, spans: list[PinSpan], changeover: int, problems: ProblemList) -> None:
    for index, span in enumerate(spans):
        for other in spans[:index]:
            if span.day != other.day or span.same_session(other):
                continue
            gap = span.gap_to(other)
            if gap < 0:
                what = f"overlapt met de vastgezette keer van {helper.name} in rij {other.row}"
                problems.add(PINS, span.row, "begin", format_time(span.start), breaks(3, what))
                break
            if gap < changeover and name_key(span.location) != name_key(other.location):
                what = (
                    f"laat {gap} minuten tussen {_place(other.location)} (rij {other.row}) en {_place(span.location)}; "
                    f"de wisseltijd is {changeover} minuten"
                )
                problems.add(PINS, span.row, "begin", format_time(span.start), breaks(3, what))
                break


def _place(location: str) -> str:
    return f"locatie {location}" if location else "de hoofdlocatie"


def _check_caps(helper: Helper, spans: list[PinSpan], problems: ProblemList) -> None:
    total = sum(span.end - span.start for span in spans)
    if total > helper.weekly_cap_min:
        what = f"krijgt {total} vastgezette minuten, meer dan de {helper.weekly_cap_min} minuten per week"
        problems.add(PINS, spans[-1].row, "ondersteuner", helper.name, breaks(4, what))
    daily_cap = helper.daily_cap_min
    if daily_cap is None:
        return
    per_day: dict[str, int] = defaultdict(int)
    for span in spans:
        per_day[span.day] += span.end - span.start
        if per_day[span.day] > daily_cap:
            what = (
                f"krijgt op {span.day} {per_day[span.day]} vastgezette minuten, meer dan de {daily_cap} minuten per dag"
            )
            problems.add(PINS, span.row, "ondersteuner", helper.name, breaks(4, what))
            break
