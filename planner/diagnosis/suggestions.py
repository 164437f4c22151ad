"""Verified suggestions: change the input, re-solve, and offer the change only if it proves to help.

Per request not fully placed, candidate changes are tried cheapest first (shift the window to where
eligible helpers are free, widen it, allow another day, allow another role, give a helper extra hours).
A candidate is *verified* when a solve of the changed school (up to the honoured level of the
request's own priority, the current plan as hint) gives the request more sessions than now, is
proven optimal on every honoured level of a higher priority, honours no less than the current plan
on those levels, and on the request's own level honours the current value *plus* the request's gain
(so the gain does not replace another request's sessions of the same priority). Higher levels must
be proven: a time-out there could hide a loss. The own level needs no proof: the plan found shows
that value is reached.
Time is bounded per solve, per request and by the phase's deadline, which every verification solve
honours too; ``should_stop`` is asked before each candidate and inside each solve, and a stop keeps
the suggestions verified so far. The first verified candidate per request wins.
Requests are tried by priority (hoog first), and skipped when the plan still leaves room for them.
Verification solves leave out lower-priority requests without pins (see ``school_for_verification``).
When a candidate verifies, a control solve of the unchanged school with the same options is run: if
that verifies too, the current plan was simply not optimal and the suggestion is to plan longer.

Each suggestion states its price (extra helper-minutes a week) and who must agree to what, in the words
of the ways to fit (``change_texts``), and names the other requests that must make room: those whose
current sessions no longer fit beside the request's sessions in the verifying plan (``displaced_requests``).
Not every request whose sessions differ in that plan: it is solved only up to the request's own level,
so many sessions change there that need not. Requests of the same or a higher priority move along (the
verification proves their levels lose nothing); those of a lower priority may lose sessions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from planner.deadline import Deadline
from planner.diagnosis import candidates as make
from planner.diagnosis.change_texts import change_agreements, cost_sentence
from planner.diagnosis.plan_changes import Agreement
from planner.diagnosis.reasons import join_dutch, names_text
from planner.figures import figures_per_priority
from planner.ledger import Ledger
from planner.model import Plan, Priority, Request, School, name_key

LOGGER = logging.getLogger(__name__)
MIN_SOLVE_S = 0.2  # below this a verification solve is not worth starting
MOVED_SHOWN = 3  # requests named as making room; more are counted
REPLAN_TEXT = "Plan opnieuw met meer rekentijd: dan past dit zonder wijziging"
SOLVES_PER_REQUEST = 2  # one solve may use at most this share of a request's time, so a second candidate runs

StopCheck = Callable[[], bool]


@dataclass(frozen=True)
class VerifiedSuggestion:
    request_id: str
    text: str  # Dutch, shown to the user: the change, the price, who must agree, what moves
    school: School  # the input with the change applied
    plan: Plan  # the verifying solve of that input
    placed_before: int
    placed_after: int
    extra_minutes: int = 0  # the price: extra helper-minutes a week
    agreements: tuple[Agreement, ...] = ()
    moved: tuple[str, ...] = ()  # requests of the same or a higher priority whose sessions move to make room
    at_risk: tuple[str, ...] = ()  # requests of a lower priority whose sessions must make room: they may lose some


@dataclass(frozen=True)
class SuggestionRun:
    found: dict[str, VerifiedSuggestion] = field(default_factory=dict)
    time_s: float = 0.0
    solves: int = 0
    tried_requests: int = 0


def verified_suggestions(
    school: School,
    plan: Plan,
    diagnoses,
    *,
    deadline: Deadline,
    per_request_s: float,
    workers: int,
    should_stop: StopCheck | None = None,
) -> SuggestionRun:
    """Try candidates per diagnosed request until the deadline or a stop; see the module text."""
    started = time.monotonic()
    found: dict[str, VerifiedSuggestion] = {}
    solves = tried = 0
    for diagnosis in _most_important_first(school, diagnoses):
        if deadline.left_s() < MIN_SOLVE_S or _stopped(should_stop):
            break
        request = school.request(diagnosis.request_id)
        room_left = diagnosis.facts is not None and diagnosis.facts.room_left
        if request is None or room_left:
            continue  # with room left in the plan the advice is to re-solve longer, not to change anything
        tried += 1
        request_deadline = Deadline(min(deadline.at, time.monotonic() + per_request_s))
        verified, used = _first_verified(school, plan, request, diagnosis, request_deadline, workers, should_stop)
        solves += used
        if verified is not None:
            found[request.request_id] = verified
    took = time.monotonic() - started
    LOGGER.info("%d van %d suggesties geverifieerd in %.1f s (%d oplossingen)", len(found), tried, took, solves)
    return SuggestionRun(found, took, solves, tried)


def _most_important_first(school: School, diagnoses) -> list:
    def priority(diagnosis) -> int:
        request = school.request(diagnosis.request_id)
        return int(request.priority) if request else len(Priority) + 1

    return sorted(diagnoses, key=priority)


def _stopped(should_stop: StopCheck | None) -> bool:
    return should_stop is not None and should_stop()


def _first_verified(
    school: School,
    plan: Plan,
    request: Request,
    diagnosis,
    deadline: Deadline,
    workers: int,
    should_stop: StopCheck | None,
):
    solve = _VerificationSolve(max(deadline.left_s() / SOLVES_PER_REQUEST, MIN_SOLVE_S), deadline, workers, should_stop)
    before = figures_per_priority(school, plan)
    solves = 0
    for candidate in make.candidates(school, plan, request, diagnosis):
        if deadline.left_s() < MIN_SOLVE_S or _stopped(should_stop):
            break
        after = solve.run(candidate.school, plan, request)
        solves += 1
        if not is_verified(request, plan, before, after, candidate.school):
            continue
        # Control: does the same solve reach this without any change? Then the advice is to plan longer.
        control = solve.run(school, plan, request)
        solves += 1
        if is_verified(request, plan, before, control, school):
            candidate, after = make.Candidate(REPLAN_TEXT, school, names_helpers=False), control
        return _suggestion(school, request, plan, candidate, after), solves
    return None, solves


@dataclass(frozen=True)
class _VerificationSolve:
    """How one candidate is checked: at most ``time_limit_s``, ending by the deadline, stoppable."""

    time_limit_s: float
    deadline: Deadline
    workers: int
    should_stop: StopCheck | None

    def run(self, school: School, plan: Plan, request: Request) -> Plan:
        from planner.solver import SolveOptions, solve

        smaller = school_for_verification(school, request.priority)
        kept = {name_key(r.request_id) for r in smaller.requests}
        hint = tuple(session for session in plan.sessions if name_key(session.request_id) in kept)
        options = SolveOptions(
            time_limit_s=self.time_limit_s,
            workers=self.workers,
            seed=0,
            last_level=request.priority.label,
            hint=hint,
            deadline=self.deadline,
        )
        return solve(smaller, options, should_stop=self.should_stop)


def school_for_verification(school: School, priority: Priority) -> School:
    """The school without the requests of a lower priority that have no pins.

    The honoured levels up to ``priority`` do not count those requests, and leaving them out only
    frees capacity, so these levels have the same optimum: a smaller model, the same answer.
    Requests with pins stay, because pinned sessions hold their helpers in every plan.
    """
    pinned = {name_key(pin.request_id) for pin in school.pins}
    requests = tuple(r for r in school.requests if r.priority <= priority or name_key(r.request_id) in pinned)
    return replace(school, requests=requests)


def _suggestion(school: School, request: Request, plan: Plan, candidate, after: Plan) -> VerifiedSuggestion:
    """The verified candidate in the words a school leader reads; ``school`` is the input as it is."""
    placed = after.placed_count(request.request_id)
    text = candidate.text
    if candidate.names_helpers:
        new_sessions = set(after.sessions_of(request.request_id)) - set(plan.sessions_of(request.request_id))
        names = sorted({name for session in new_sessions for name in session.helpers})
        if names:
            text += f": dan {'kan' if len(names) == 1 else 'kunnen'} {join_dutch(names)} het doen"
    if placed < request.sessions_per_week:
        text += f" ({placed} van {request.sessions_per_week} keer)"
    agreements = change_agreements(school, request, candidate.change)
    displaced = displaced_requests(candidate.school, plan, after, request)
    moved = tuple(r for r in displaced if school.request(r).priority <= request.priority)
    at_risk = tuple(r for r in displaced if r not in moved)
    parts = (f"{text}.", cost_sentence(candidate.extra_minutes, agreements), *_making_room_sentences(moved, at_risk))
    return VerifiedSuggestion(
        request.request_id,
        " ".join(part for part in parts if part),
        candidate.school,
        after,
        placed_before=plan.placed_count(request.request_id),
        placed_after=placed,
        extra_minutes=candidate.extra_minutes,
        agreements=agreements,
        moved=moved,
        at_risk=at_risk,
    )


def _making_room_sentences(moved: tuple[str, ...], at_risk: tuple[str, ...]) -> list[str]:
    """``Andere keren schuiven mee: A003 en A017.``, ``Dit kan ten koste gaan van A040 (lagere prioriteit).``"""
    sentences = []
    if moved:
        sentences.append(f"Andere keren schuiven mee: {names_text(moved, MOVED_SHOWN)}.")
    if at_risk:
        sentences.append(f"Dit kan ten koste gaan van {names_text(at_risk, MOVED_SHOWN)} (lagere prioriteit).")
    return sentences


def displaced_requests(school: School, plan: Plan, after: Plan, request: Request) -> tuple[str, ...]:
    """The other requests whose sessions in ``plan`` cannot stay beside the request's sessions in ``after`` (in
    the changed ``school``): they must make room. The feasibility ledger holds the request's sessions
    and takes the others highest priority first, so where one of several must give way (a helper's hours),
    the least important is named."""
    key = name_key(request.request_id)
    ledger = Ledger(school, after.sessions_of(request.request_id))
    others = [session for session in plan.sessions if name_key(session.request_id) != key]
    displaced: dict[str, None] = {}
    for session in sorted(others, key=lambda session: school.request(session.request_id).priority):
        other = school.request(session.request_id)
        helpers = [school.helper(name) for name in session.helpers]
        if ledger.session_breaches(other, helpers, session.day, session.start):
            displaced[session.request_id] = None
        else:
            ledger.add(session)
    return tuple(displaced)


def is_verified(request: Request, plan: Plan, before, after: Plan, school: School | None = None) -> bool:
    """A net gain for the request, and nothing lost on a higher priority (proven); see the module text.

    Values come from the solver's levels; the own level, if the solver did not report it, is counted
    from the plan (``school`` needed).
    """
    gained = after.placed_count(request.request_id) - plan.placed_count(request.request_id)
    if gained <= 0:
        return False
    levels = {level.key: level for level in after.levels}
    honoured_before = {row.priority: row.honoured for row in before}
    for priority in Priority:
        if priority > request.priority:
            continue
        level = levels.get(priority.label)
        if priority < request.priority and (level is None or not level.proven_optimal):
            return False
        value = level.value if level is not None else _counted(school, after, priority)
        # On its own level the request's gain must come on top: not in place of another request's sessions.
        needed = honoured_before[priority] + (gained / request.sessions_per_week if priority == request.priority else 0)
        if value is None or value < needed - 1e-6:
            return False
    return True


def _counted(school: School | None, plan: Plan, priority: Priority) -> float | None:
    if school is None:
        return None
    return next(row.honoured for row in figures_per_priority(school, plan) if row.priority == priority)
