"""Why a helper's hours stay unused: for every helper with hours left in a plan, why nobody uses
the free time, per reason with its minutes, in plain Dutch (``idle_texts``). Pure, no solving.

A helper's *free time* is their availability not taken by a session of the plan. Every stretch of
it (on the time step) gets the reason of the request that comes closest to using it there; the
requests are asked in this order, and the first question a request fails is how far it got:

1. does it ask for help that day (``School.allowed_days``), and
2. at that time (a session from ``School.candidate_starts`` covers the stretch)?
3. may the helper do it (rule 5, ``School.eligibility_faults``: placement group, role, location,
   skills)? The stretch's reason is the part every such request fails, or all of them when mixed.
4. does it still miss a session that day (not fully placed, none that day already)?
5. does a whole session fit in the helper's free time (availability, other sessions, changeover)?
6. do the weekly and daily caps leave room for it?
7. for a session of more hands: may enough other helpers join?

Questions 4–6 are the feasibility ledger's (``Ledger.breaches``), 7 its ``may_take``. A request
that passes all seven could use the helper there: the plan leaves room. Apart from requests, the
helper can have fewer free minutes than hours left (availability and daily caps are the limit).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import IntEnum
from functools import cached_property

from planner.deadline import Deadline
from planner.diagnosis import idle_texts as text
from planner.diagnosis.idle_facts import FreeSpan, IdleCause, IdleHours, IdleReason
from planner.ledger import Fault, Ledger
from planner.model import EligibilityFault, Helper, Ineligible, Plan, Request, School, Session
from planner.timegrid import DAYS, merge_intervals


def explain_idle_hours(school: School, plan: Plan, deadline: Deadline | None = None) -> list[IdleHours]:
    """Every helper with hours left in the plan, in the order of the school's helpers; with a deadline, the
    helpers looked at before it passed (``deadline.passed()`` afterwards says whether some were left out)."""
    context = _Context(school, plan)
    found = []
    for helper in school.helpers:
        if deadline is not None and deadline.passed():
            break
        idle = _idle_hours(context, helper)
        if idle is not None:
            found.append(idle)
    return found


class _Stage(IntEnum):
    """How close a request comes to using a stretch of free time; the order of the questions."""

    NO_REQUEST_THAT_DAY = 0
    NO_REQUEST_THEN = 1
    NOT_ELIGIBLE = 2
    FULLY_PLACED = 3
    TOO_SHORT = 4
    HOURS_USED = 5
    NO_OTHER_HANDS = 6
    ROOM_LEFT = 7


_STAGE_OF_FAULT = {
    Fault.DAY_NOT_ALLOWED: _Stage.NO_REQUEST_THAT_DAY,
    Fault.START_OUTSIDE_WINDOW: _Stage.NO_REQUEST_THEN,
    Fault.NOT_ELIGIBLE: _Stage.NOT_ELIGIBLE,
    Fault.DAY_TAKEN: _Stage.FULLY_PLACED,
    Fault.SESSIONS_PER_WEEK_REACHED: _Stage.FULLY_PLACED,
    Fault.HANDS_COMPLETE: _Stage.FULLY_PLACED,  # that very session is placed with all its hands
    Fault.UNAVAILABLE: _Stage.TOO_SHORT,
    Fault.OVERLAP: _Stage.TOO_SHORT,
    Fault.CHANGEOVER_TOO_SHORT: _Stage.TOO_SHORT,
    Fault.ALREADY_A_HAND: _Stage.TOO_SHORT,
    Fault.WEEKLY_CAP: _Stage.HOURS_USED,
    Fault.DAILY_CAP: _Stage.HOURS_USED,
    Fault.HANDS_MISSING: _Stage.NO_OTHER_HANDS,
}
_REASON_OF_STAGE = {stage: IdleReason[stage.name] for stage in _Stage if stage != _Stage.NOT_ELIGIBLE}
# The part of rule 5 named when every request there fails it, the helper's own limits first.
_REASON_OF_KIND = {
    Ineligible.PLACEMENT: IdleReason.PLACEMENT,
    Ineligible.ROLE: IdleReason.ROLE,
    Ineligible.LOCATION: IdleReason.LOCATION,
    Ineligible.SKILLS: IdleReason.SKILLS,
}


@dataclass
class _Context:
    """The school and the plan, with what every helper's question needs computed once."""

    school: School
    plan: Plan
    _eligibility: dict[tuple[str, str], list[EligibilityFault]] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def ledger(self) -> Ledger:
        return Ledger(self.school, self.plan.sessions)

    @cached_property
    def starts(self) -> dict[Request, dict[str, list[int]]]:
        """Per request its allowed days with their candidate starts (rule 1)."""
        school = self.school
        return {
            request: {day: school.candidate_starts(request, day) for day in school.allowed_days(request)}
            for request in school.requests
        }

    @cached_property
    def request_order(self) -> dict[str, int]:
        return {request.request_id: index for index, request in enumerate(self.school.requests)}

    @cached_property
    def days_asked(self) -> frozenset[str]:
        return frozenset(day for days in self.starts.values() for day in days)

    def eligibility(self, helper: Helper, request: Request) -> list[EligibilityFault]:
        key = (helper.name, request.request_id)
        if key not in self._eligibility:
            self._eligibility[key] = self.school.eligibility_faults(helper, request)
        return self._eligibility[key]

    def stage(self, helper: Helper, request: Request, day: str, start: int) -> _Stage:
        """How far an eligible request gets with this helper at (day, start): the ledger's first rule broken."""
        breaches = self.ledger.breaches(helper, request, day, start)
        if breaches:
            return min(_STAGE_OF_FAULT[breach.fault] for breach in breaches)
        return _Stage.ROOM_LEFT if self._other_hands_free(helper, request, day, start) else _Stage.NO_OTHER_HANDS

    def _other_hands_free(self, helper: Helper, request: Request, day: str, start: int) -> bool:
        needed = request.hands - 1
        for other in self.school.helpers:
            if needed <= 0:
                break
            if other is not helper and self.ledger.may_take(other, request, day, start):
                needed -= 1
        return needed <= 0


@dataclass
class _Closest:
    """The requests that come closest to using one stretch of free time."""

    stage: _Stage
    request_ids: list[str] = field(default_factory=list)
    kinds: frozenset[Ineligible] | None = None  # for NOT_ELIGIBLE: the parts of rule 5 they all fail
    faults: list[EligibilityFault] = field(default_factory=list)

    def add(self, request_id: str, faults: list[EligibilityFault]) -> None:
        self.request_ids.append(request_id)
        if self.stage == _Stage.NOT_ELIGIBLE:
            kinds = frozenset(fault.kind for fault in faults)
            self.kinds = kinds if self.kinds is None else self.kinds & kinds
            self.faults.extend(faults)

    def reason(self) -> tuple[IdleReason, tuple[str, ...]]:
        """The reason and, for rule 5, the phrases of the failing part (all parts when mixed)."""
        if self.stage != _Stage.NOT_ELIGIBLE:
            return _REASON_OF_STAGE[self.stage], ()
        kind = next((kind for kind in _REASON_OF_KIND if kind in (self.kinds or ())), None)
        shown = [fault.text for fault in self.faults if kind is None or fault.kind is kind]
        return (_REASON_OF_KIND[kind] if kind else IdleReason.NOT_ELIGIBLE), tuple(dict.fromkeys(shown))


def _idle_hours(context: _Context, helper: Helper) -> IdleHours | None:
    left = helper.weekly_cap_min - context.ledger.week_minutes(helper)
    if left <= 0:
        return None
    sessions = context.plan.sessions_of_helper(helper.name)
    free = {day: blocks for day in DAYS if (blocks := _free_time(helper, sessions, day))}
    stretches = [item for day, blocks in free.items() for item in _classify_day(context, helper, day, blocks)]
    causes = _causes(helper, stretches, free, context.request_order)
    free_min = sum(end - start for blocks in free.values() for start, end in blocks)
    usable = sum(_usable_minutes(context.ledger, helper, day, blocks) for day, blocks in free.items())
    if usable < left:
        sentence = text.availability(helper, left - usable, usable, capped=usable < free_min)
        causes.append(IdleCause(IdleReason.AVAILABILITY, left - usable, text=sentence))
    causes.sort(key=lambda cause: (-cause.minutes, list(IdleReason).index(cause.reason)))
    return IdleHours(helper.name, left, free_min, tuple(causes), text.head(left, free_min))


def _free_time(helper: Helper, sessions: Iterable[Session], day: str) -> list[tuple[int, int]]:
    """The helper's availability on a day minus their sessions."""
    busy = merge_intervals([(session.start, session.end) for session in sessions if session.day == day])
    free = []
    for block_start, block_end in helper.blocks_on(day):
        cursor = block_start
        for busy_start, busy_end in busy:
            if busy_end <= cursor or busy_start >= block_end:
                continue
            if busy_start > cursor:
                free.append((cursor, busy_start))
            cursor = busy_end
        if cursor < block_end:
            free.append((cursor, block_end))
    return free


def _usable_minutes(ledger: Ledger, helper: Helper, day: str, blocks: list[tuple[int, int]]) -> int:
    """Free minutes on a day that the daily cap still allows."""
    free = sum(end - start for start, end in blocks)
    if helper.daily_cap_min is None:
        return free
    return max(0, min(free, helper.daily_cap_min - ledger.day_minutes(helper, day)))


def _classify_day(
    context: _Context, helper: Helper, day: str, blocks: list[tuple[int, int]]
) -> list[tuple[FreeSpan, _Closest]]:
    """Each stretch of free time on the time step, with the requests that come closest to using it."""
    spans = _Stretches(_cut_on_step(day, blocks, context.school.settings.time_step_min))
    reached = []
    for request, starts in context.starts.items():
        day_starts = starts.get(day, ())
        if spans.touched_by(day_starts, request.duration_min):
            faults = context.eligibility(helper, request)
            stages = _stages_reached(context, helper, request, day, spans, day_starts, faults)
            reached.append((request.request_id, faults, stages))
    best = [_Stage.NO_REQUEST_THEN if day in context.days_asked else _Stage.NO_REQUEST_THAT_DAY] * len(spans.spans)
    for _, _, stages in reached:
        for index, stage in stages.items():
            best[index] = max(best[index], stage)
    closest = [_Closest(stage) for stage in best]
    for request_id, faults, stages in reached:
        for index, stage in stages.items():
            if stage == best[index]:
                closest[index].add(request_id, faults)
    return list(zip(spans.spans, closest, strict=True))


def _stages_reached(
    context: _Context,
    helper: Helper,
    request: Request,
    day: str,
    spans: _Stretches,
    starts: list[int],
    faults: list[EligibilityFault],
) -> dict[int, _Stage]:
    """Per stretch (by index) that a session of the request covers: how far the request gets there."""
    if faults and request.duration_min >= context.school.settings.time_step_min:
        # Rule 5 alone decides, and the starts lie a time step apart: together they cover one stretch.
        return dict.fromkeys(spans.covered(starts[0], starts[-1] + request.duration_min), _Stage.NOT_ELIGIBLE)
    reached: dict[int, _Stage] = {}
    for start in starts:
        covered = spans.covered(start, start + request.duration_min)
        if not covered:
            continue
        stage = _Stage.NOT_ELIGIBLE if faults else context.stage(helper, request, day, start)
        for index in covered:
            if reached.get(index, -1) < stage:
                reached[index] = stage
    return reached


class _Stretches:
    """A day's stretches of free time, in order, with the question which of them a session covers."""

    def __init__(self, spans: list[FreeSpan]) -> None:
        self.spans = spans
        self._starts = [span.start for span in spans]
        self._ends = [span.end for span in spans]

    def touched_by(self, starts: list[int], duration_min: int) -> bool:
        """Whether sessions from these starts can reach any stretch at all (a quick first look)."""
        if not starts or not self.spans:
            return False
        return starts[0] < self._ends[-1] and starts[-1] + duration_min > self._starts[0]

    def covered(self, start: int, end: int) -> range:
        """The indexes of the stretches inside [start, end)."""
        return range(bisect_left(self._starts, start), bisect_right(self._ends, end))


def _cut_on_step(day: str, blocks: list[tuple[int, int]], step: int) -> list[FreeSpan]:
    """Free time cut at every multiple of the time step."""
    spans = []
    for block_start, block_end in blocks:
        cursor = block_start
        while cursor < block_end:
            end = min(block_end, (cursor // step + 1) * step)
            spans.append(FreeSpan(day, cursor, end))
            cursor = end
    return spans


def _causes(
    helper: Helper,
    stretches: list[tuple[FreeSpan, _Closest]],
    free: dict[str, list[tuple[int, int]]],
    request_order: dict[str, int],
) -> list[IdleCause]:
    """The stretches grouped by reason, with their minutes, times, requests and rule 5 phrases."""
    grouped: dict[IdleReason, tuple[list[FreeSpan], dict[str, None], dict[str, None]]] = {}
    for span, closest in stretches:
        reason, faults = closest.reason()
        spans, request_ids, phrases = grouped.setdefault(reason, ([], {}, {}))
        spans.append(span)
        request_ids.update(dict.fromkeys(closest.request_ids))
        phrases.update(dict.fromkeys(faults))
    causes = []
    for reason, (spans, request_ids, phrases) in grouped.items():
        merged = _merged(spans)
        ids = tuple(sorted(request_ids, key=request_order.__getitem__))
        cause = IdleCause(reason, sum(span.minutes for span in merged), merged, ids, tuple(phrases))
        causes.append(replace(cause, text=text.cause(helper, cause, free)))
    return causes


def _merged(spans: list[FreeSpan]) -> tuple[FreeSpan, ...]:
    merged: list[FreeSpan] = []
    for span in sorted(spans, key=lambda span: (DAYS.index(span.day), span.start)):
        if merged and merged[-1].day == span.day and merged[-1].end == span.start:
            merged[-1] = FreeSpan(span.day, merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)
