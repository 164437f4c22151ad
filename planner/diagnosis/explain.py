"""The cause of every request that does not (fully) fit, with a Dutch reason, and verified suggestions.

``diagnose`` is fast and solves nothing: for each request that is not fully placed it names the
most specific true cause, from the facts of the school and the plan:

1. no eligible helper: fewer than ``handen`` helpers pass rule 5 (role, skills, location, placement);
2. nobody available: on too few of the remaining allowed days are enough eligible helpers available
   for a whole session inside the window;
3. hours used up: enough are available there, but their weekly or daily caps are spent in this plan;
4. taken by others: enough have hours left, but they are busy with other sessions at those times.

A request missing n sessions needs n more distinct days; the cause is what stops the n-th best day
(see ``planner.diagnosis.slots``). ``add_verified_suggestions`` re-solves changed schools to find a
change proven to help (``planner.diagnosis.suggestions``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from planner.deadline import Deadline
from planner.diagnosis import reasons as text
from planner.diagnosis.plan_changes import WayToFit
from planner.diagnosis.slots import (
    DayFacts,
    PlanIndex,
    SlotRank,
    binding_rank,
    day_facts,
    remaining_days,
)
from planner.diagnosis.suggestions import verified_suggestions
from planner.dutch import plural
from planner.ledger import Fault
from planner.model import Plan, Request, School, name_key
from planner.timegrid import format_time

DEFAULT_SUGGESTION_S = 60.0


class Cause(Enum):
    """Why a request is not (fully) placed; most specific first. ``.value`` is a short Dutch label."""

    NO_ELIGIBLE_HELPER = "geen geschikte ondersteuner"
    NOBODY_AVAILABLE = "niemand beschikbaar"
    HOURS_USED_UP = "uren op"
    TAKEN_BY_OTHERS = "bezet door andere aanvragen"
    NOT_EXAMINED = "niet uitgezocht"  # the job's time ran out before this request's turn (``diagnose``'s deadline)


@dataclass(frozen=True)
class HelperFact:
    """One helper's relation to a request that does not fit."""

    helper: str
    problems: tuple[str, ...] = ()  # why not eligible (rule 5); empty = eligible
    availability: str = ""  # when this helper is available at all, e.g. "ma 8:30–12:00; wo 8:30–14:00"
    planned_min: int = 0  # minutes planned this week
    weekly_cap_min: int = 0
    busy_with: tuple[str, ...] = ()  # request ids holding this helper at the request's times


@dataclass(frozen=True)
class BlockingRequest:
    request_id: str
    group: str
    teacher: str
    priority: str  # "hoog" / "middel" / "laag"
    helpers: tuple[str, ...]  # the helpers it holds


@dataclass(frozen=True)
class DiagnosisFacts:
    placed: int
    asked: int
    hands: int
    days: tuple[str, ...]  # the allowed days still open to this request
    helpers: tuple[HelperFact, ...] = ()  # every helper, eligible or not
    blocking: tuple[BlockingRequest, ...] = ()
    room_left: bool = False  # the plan leaves room for the missing sessions: re-solve longer, change nothing

    @property
    def eligible_helpers(self) -> tuple[str, ...]:
        return tuple(fact.helper for fact in self.helpers if not fact.problems)


@dataclass(frozen=True)
class Diagnosis:
    request_id: str
    cause: Cause
    reason: str  # plain Dutch sentence a teacher understands
    facts: DiagnosisFacts | None  # None when read back from storage, which keeps only what is shown
    suggestion: str | None = None  # a VERIFIED suggestion (Dutch), or None
    way_to_fit: WayToFit | None = None  # the change behind the suggestion when it keeps the plan; None when stored


def diagnose(school: School, plan: Plan, deadline: Deadline | None = None) -> list[Diagnosis]:
    """One diagnosis per request not fully placed, in the order of the requests; no solving. Requests are
    examined by priority (hoog first) until ``deadline`` (None: all); the rest say their cause was not examined.
    It takes time in proportion to those requests times the helpers: long on a very large school."""
    index = PlanIndex(school, plan)
    missing = [r for r in school.requests if plan.placed_count(r.request_id) < r.sessions_per_week]
    found: dict[str, Diagnosis] = {}
    for request in sorted(missing, key=lambda r: r.priority):
        if deadline is not None and deadline.passed():
            break
        found[request.request_id] = diagnose_request(index, request)
    return [found.get(request.request_id) or _not_examined(plan, request) for request in missing]


def _not_examined(plan: Plan, request: Request) -> Diagnosis:
    lead = text.prefix(plan.placed_count(request.request_id), request.sessions_per_week)
    return Diagnosis(request.request_id, Cause.NOT_EXAMINED, lead + text.NOT_EXAMINED, facts=None)


def diagnose_request(index: PlanIndex, request: Request) -> Diagnosis:
    school, plan = index.school, index.plan
    placed = plan.placed_count(request.request_id)
    days = remaining_days(school, plan, request)
    eligible = school.eligible_helpers(request)
    per_day = [day_facts(index, request, day, eligible) for day in days]
    blocking = _blocking_requests(index, request, per_day)
    facts = DiagnosisFacts(
        placed=placed,
        asked=request.sessions_per_week,
        hands=request.hands,
        days=days,
        helpers=_helper_facts(index, request, blocking),
        blocking=blocking,
    )
    lead = text.prefix(placed, request.sessions_per_week)
    if len(eligible) < request.hands:
        return Diagnosis(request.request_id, Cause.NO_ELIGIBLE_HELPER, lead + _no_eligible_text(school, request), facts)
    rank = binding_rank(per_day, request.sessions_per_week - placed)
    facts = replace(facts, room_left=rank == SlotRank.FREE)
    if rank == SlotRank.UNAVAILABLE:
        body = _nobody_available_text(school, request, per_day) + _better_days_text(per_day, rank)
        return Diagnosis(request.request_id, Cause.NOBODY_AVAILABLE, lead + body, facts)
    if rank == SlotRank.NO_HOURS:
        body = _hours_used_up_text(index, request, per_day) + _better_days_text(per_day, rank)
        return Diagnosis(request.request_id, Cause.HOURS_USED_UP, lead + body, facts)
    body = _taken_text(school, request, per_day, blocking)
    return Diagnosis(request.request_id, Cause.TAKEN_BY_OTHERS, lead + body, facts)


def add_verified_suggestions(
    school: School,
    plan: Plan,
    diagnoses: list[Diagnosis],
    *,
    deadline: Deadline | None = None,
    per_request_s: float = 5.0,
    workers: int = 2,
    should_stop: Callable[[], bool] | None = None,
) -> list[Diagnosis]:
    """The same diagnoses, each without a suggestion yet given one proven (by re-solving) to help, where
    one was found by the deadline (None: a minute from now) or before ``should_stop`` said so.

    ``planner.diagnosis.suggestions.verified_suggestions`` gives the same with the time spent and the
    changed schools."""
    open_ = [diagnosis for diagnosis in diagnoses if diagnosis.suggestion is None]
    run = verified_suggestions(
        school,
        plan,
        open_,
        deadline=deadline or Deadline.after(DEFAULT_SUGGESTION_S),
        per_request_s=per_request_s,
        workers=workers,
        should_stop=should_stop,
    )
    return [replace(d, suggestion=run.found[d.request_id].text) if d.request_id in run.found else d for d in diagnoses]


def _helper_facts(index: PlanIndex, request: Request, blocking) -> tuple[HelperFact, ...]:
    school = index.school
    facts = []
    for helper in school.helpers:
        holders = tuple(b.request_id for b in blocking if name_key(helper.name) in {name_key(h) for h in b.helpers})
        facts.append(
            HelperFact(
                helper=helper.name,
                problems=tuple(school.eligibility_problems(helper, request)),
                availability=index.availability_texts[helper.name],
                planned_min=index.ledger.week_minutes(helper),
                weekly_cap_min=helper.weekly_cap_min,
                busy_with=holders,
            )
        )
    return tuple(facts)


def _no_eligible_text(school: School, request: Request) -> str:
    names_by_problem: dict[str, list[str]] = {}
    for helper in school.helpers:
        for problem in school.eligibility_problems(helper, request):
            names_by_problem.setdefault(problem, []).append(helper.name)
    details = "; ".join(f"{problem} ({text.join_dutch(names)})" for problem, names in names_by_problem.items())
    eligible = [helper.name for helper in school.eligible_helpers(request)]
    if not school.helpers:
        return "er zijn nog geen ondersteuners ingevoerd."
    if eligible:
        head = (
            f"er zijn {request.hands} handen tegelijk nodig, maar alleen {text.join_dutch(eligible)} "
            f"{'mag' if len(eligible) == 1 else 'mogen'} dit doen"
        )
    else:
        head = "geen enkele ondersteuner mag of kan dit doen"
    return text.sentence(f"{head}: {details}" if details else head)


def _nobody_available_text(school: School, request: Request, per_day: list[DayFacts]) -> str:
    eligible = school.eligible_helpers(request)
    names = text.names_text([h.name for h in eligible])
    blocked_days = [d.day for d in per_day if d.rank == SlotRank.UNAVAILABLE]
    when = f"op {text.day_names(blocked_days)} {text.times_text(request)}" if blocked_days else text.times_text(request)
    if request.hands > 1:
        head = f"{names} kunnen dit, maar {when} zijn er nooit {request.hands} van hen tegelijk beschikbaar"
    elif len(eligible) == 1:
        head = f"{names} kan dit, maar is {when} niet beschikbaar"
    else:
        head = f"{names} kunnen dit, maar zijn {when} niet beschikbaar"
    shown = eligible[:3]
    allowed = school.allowed_days(request)
    available = "; ".join(f"{h.name} {text.availability_text(h, allowed)}" for h in shown)
    more = f" (en nog {plural(len(eligible) - len(shown), 'andere', 'anderen')})" if len(eligible) > len(shown) else ""
    return text.sentence(f"{head}. Wel beschikbaar: {available}{more}")


def _hours_used_up_text(index: PlanIndex, request: Request, per_day: list[DayFacts]) -> str:
    days = [d for d in per_day if d.rank == SlotRank.NO_HOURS]
    spent: dict[str, str] = {}
    for day in days:
        for slot in day.best_slots:
            for name in slot.available:
                if name not in slot.with_hours and name not in spent:
                    spent[name] = _spent_text(index, name, day.day, request.duration_min)
    names = text.names_text(list(spent))
    head = f"{names} {'is' if len(spent) == 1 else 'zijn'} op {text.day_names([d.day for d in days])} "
    head += f"{text.times_text(request)} beschikbaar, maar de uren zijn op"
    details = list(spent.values())
    more = f"; en nog {plural(len(details) - 3, 'andere', 'anderen')}" if len(details) > 3 else ""
    return text.sentence(f"{head}: {'; '.join(details[:3])}{more}")


def _spent_text(index: PlanIndex, name: str, day: str, duration_min: int) -> str:
    helper = index.school.helper(name)
    ledger = index.ledger
    if ledger.cap_breaches(helper, day, duration_min)[0].fault is Fault.WEEKLY_CAP:
        cap = text.hours_text(helper.weekly_cap_min)
        return f"{name} heeft al {text.hours_text(ledger.week_minutes(helper))} van {cap} per week ingepland"
    used = ledger.day_minutes(helper, day)
    cap = text.hours_text(helper.daily_cap_min or 0)
    return f"{name} heeft op {text.day_names([day])} al {text.hours_text(used)} van {cap} per dag ingepland"


def _blocking_requests(index: PlanIndex, request: Request, per_day: list[DayFacts]) -> tuple[BlockingRequest, ...]:
    """Sessions of other requests that hold eligible helpers with hours left at this request's slots."""
    school = index.school
    held: dict[str, set[str]] = {}
    for day in per_day:
        if day.rank != SlotRank.TAKEN:
            continue
        for slot in day.best_slots:
            for name in slot.with_hours:
                if name in slot.free:
                    continue
                helper = school.helper(name)
                for session in index.ledger.conflicts(helper, request, slot.day, slot.start):
                    held.setdefault(session.request_id, set()).add(helper.name)
    result = []
    for request_id, names in held.items():
        other = school.request(request_id)
        if other is None:
            continue
        result.append(
            BlockingRequest(request_id, other.group, other.teacher, other.priority.label, tuple(sorted(names)))
        )
    return tuple(sorted(result, key=lambda b: (b.priority != "hoog", b.priority != "middel", b.request_id)))


BETTER_DAY_TEXTS = {
    SlotRank.NO_HOURS: "is er wel iemand, maar zijn de uren op",
    SlotRank.TAKEN: "is iedereen die het kan al ingezet",
    SlotRank.FREE: "lijkt nog plek te zijn",
}


def _better_days_text(per_day: list[DayFacts], binding: SlotRank) -> str:
    """`` Op dinsdag is er wel iemand, maar zijn de uren op.``: the days that are not the binding cause."""
    parts = []
    for rank, phrase in BETTER_DAY_TEXTS.items():
        days = [day.day for day in per_day if day.rank == rank and rank > binding]
        if days:
            parts.append(f"op {text.day_names(days)} {phrase}")
    if not parts:
        return ""
    joined = "; ".join(parts)
    return " " + text.sentence(joined[0].upper() + joined[1:])


def _taken_text(school: School, request: Request, per_day: list[DayFacts], blocking) -> str:
    taken_days = [d for d in per_day if d.rank == SlotRank.TAKEN]
    free_days = [d for d in per_day if d.rank == SlotRank.FREE]
    if not taken_days:
        slot = free_days[0].best_slots[0]
        return text.sentence(
            f"op {text.day_names([slot.day])} om {format_time(slot.start)} lijkt nog plek te zijn "
            f"({text.join_dutch(slot.free)}); de planner had te weinig tijd. Plan opnieuw met een langere tijdslimiet"
        )
    busy = text.names_text(sorted({name for b in blocking for name in b.helpers}))
    holders = text.names_text([f"groep {b.group} ({b.priority}, aanvraag {b.request_id})" for b in blocking], 3)
    verb = "is" if len({name for b in blocking for name in b.helpers}) == 1 else "zijn"
    head = f"op {text.day_names([d.day for d in taken_days])} {text.times_text(request)} {verb} {busy} al ingezet"
    head += f" bij {holders}" if holders else ""
    unavailable = _unavailable_names(school, request, taken_days)
    if unavailable:
        head += f"; {text.names_text(unavailable)} {'is' if len(unavailable) == 1 else 'zijn'} dan niet beschikbaar"
    if request.hands > 1:
        head += f" (er zijn {request.hands} handen tegelijk nodig)"
    return text.sentence(head)


def _unavailable_names(school: School, request: Request, days: list[DayFacts]) -> list[str]:
    seen_available = {name for day in days for slot in day.best_slots for name in slot.available}
    return [h.name for h in school.eligible_helpers(request) if h.name not in seen_available]
