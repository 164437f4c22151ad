"""The feasibility ledger (``planner.ledger``) and the CP-SAT rules (``planner.solver.rules``) agree.

On seeded tiny random schools: (a) every plan the solver returns passes the ledger; (b) take a
solved plan (or, so that something still fits, that plan less one session) and propose one more
session (a request, a day, a start and its hands): where the ledger refuses it, the model with
the plan and that session pinned is infeasible, and where the ledger allows it, the model is
feasible; (c) the rules the ledger names are the rules the independent checker
(``tests.plan_checker``) finds broken in the plan with that session.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import partial
from itertools import combinations

import pytest

from planner.ledger import Ledger, plan_breaches
from planner.model import Helper, Pin, Plan, Request, School, Session, SolveStatus
from planner.solver import SolveOptions, solve
from tests.analysis.random_schools import random_school as random_analysis_school
from tests.plan_checker import violations
from tests.solver.random_instances import tiny_school, tiny_school_two_locations
from tests.workbook.random_schools import random_school as random_workbook_school

# Only the first levels: enough to find any plan, or to prove there is none.
OPTIONS = SolveOptions(time_limit_s=10.0, workers=1, seed=0, last_level="help_minutes")
PROBES_PER_SCHOOL = 9

SCHOOLS = [("tiny", seed) for seed in range(30)] + [("two locations", seed) for seed in range(10)]
SCHOOLS += [("analysis", seed) for seed in range(8)]
SCHOOLS += [("workbook", seed) for seed in range(12)]


def make_school(kind: str, seed: int) -> School:
    if kind == "tiny":
        return tiny_school(seed)
    if kind == "two locations":
        return tiny_school_two_locations(seed)
    if kind == "analysis":
        return random_analysis_school(seed)
    # With pins, locations, tasks and changeover. A pin on a request with more hands is left out:
    # whether the other hands can ever join it is a question for the solver, not for one booking.
    school = random_workbook_school(seed)
    return replace(school, pins=tuple(pin for pin in school.pins if school.request(pin.request_id).hands == 1))


@pytest.fixture(scope="module")
def solved() -> dict[tuple[str, int], tuple[School, Plan]]:
    """Each random school (with requests and helpers) with the plan the solver makes for it."""
    schools = {case: make_school(*case) for case in SCHOOLS}
    return {
        case: (school, solve(school, OPTIONS)) for case, school in schools.items() if school.requests and school.helpers
    }


@dataclass(frozen=True)
class Probe:
    """One more session proposed on a solved plan, from which one session may have been dropped."""

    plan: Plan
    dropped: Session | None
    request: Request
    helpers: tuple[Helper, ...]
    day: str
    start: int

    def ledger(self, school: School) -> Ledger:
        ledger = Ledger(school, self.plan.sessions)
        if self.dropped is not None:
            ledger.remove(self.dropped)
        return ledger

    def sessions(self) -> tuple[Session, ...]:
        """The plan's sessions, the dropped one left out, and the proposed one."""
        names = tuple(helper.name for helper in self.helpers)
        added = Session(self.request.request_id, names, self.day, self.start, self.start + self.request.duration_min)
        return (*(s for s in self.plan.sessions if s != self.dropped), added)

    def __str__(self) -> str:
        return f"{self.request.request_id} {self.day} {self.start} {[h.name for h in self.helpers]}"


@pytest.mark.parametrize("case", SCHOOLS, ids=[f"{kind}-{seed}" for kind, seed in SCHOOLS])
def test_ledger_and_cp_sat_rules_agree(solved, case: tuple[str, int]):
    if case not in solved:
        pytest.skip("a school without requests or helpers has nothing to propose")
    school, plan = solved[case]
    assert plan.status != SolveStatus.INFEASIBLE
    assert plan_breaches(school, plan.sessions) == []  # (a)
    for probe in _probes(random.Random(case[1]), school, plan):
        refused = probe.ledger(school).session_breaches(probe.request, probe.helpers, probe.day, probe.start)
        pins = tuple(Pin(s.request_id, helper, s.day, s.start) for s in probe.sessions() for helper in s.helpers)
        feasible = solve(replace(school, pins=pins), OPTIONS).status != SolveStatus.INFEASIBLE
        assert feasible == (not refused), f"{probe}: {[breach.text for breach in refused]}"  # (b)
        checked = {_rule_number(line) for line in violations(school, Plan(probe.sessions()))} - {7}
        assert {breach.rule.number for breach in refused} == checked, f"{probe}: {checked}"  # (c)


def test_the_proposals_are_refused_and_allowed_alike(solved):
    # The agreement above proves little if the ledger said no (or yes) to every proposal, or said no
    # only for facts of a single session (which the solver's candidate space already leaves out).
    verdicts = Counter()
    for (_kind, seed), (school, plan) in solved.items():
        for probe in _probes(random.Random(seed), school, plan):
            refused = probe.ledger(school).session_breaches(probe.request, probe.helpers, probe.day, probe.start)
            between_sessions = refused and not any(breach.fault.ignores_bookings for breach in refused)
            verdicts["between sessions" if between_sessions else "refused" if refused else "allowed"] += 1
    assert min(verdicts["allowed"], verdicts["refused"], verdicts["between sessions"]) >= 20, verdicts


def _probes(rng: random.Random, school: School, plan: Plan) -> list[Probe]:
    """In turn: any proposal on the solved plan; one whose helpers fit it on their own (so only the
    rules between sessions, 2, 3, 4 and 6, can refuse it: a plan this good has room for nothing);
    and, on the plan less one session, one the ledger allows (when there is any)."""
    probes = []
    for position in range(PROBES_PER_SCHOOL):
        kind = position % 3
        dropped = rng.choice(plan.sessions) if kind == 2 and plan.sessions else None
        probe = Probe(plan, dropped, *_random_proposal(rng, school))
        ledger = probe.ledger(school)
        if kind == 1:
            chosen = _proposals(ledger, partial(_fits_on_its_own, ledger))
        else:
            chosen = _proposals(ledger, partial(_allowed, ledger)) if dropped else []
        probes.append(replace(probe, **rng.choice(chosen)) if chosen else probe)
    return [probe for probe in probes if _is_new_session(probe)]


def _random_proposal(rng: random.Random, school: School) -> tuple[Request, tuple[Helper, ...], str, int]:
    """Mostly where rule 1 allows it and with eligible helpers, sometimes not."""
    request = rng.choice(school.requests)
    days = school.allowed_days(request) if rng.random() < 0.85 else school.school_day_codes
    day = rng.choice(days)
    eligible = school.eligible_helpers(request)
    pool = eligible if len(eligible) >= request.hands and rng.random() < 0.8 else school.helpers
    helpers = tuple(rng.sample(pool, min(request.hands, len(pool))))
    return request, helpers, day, _start(rng, school, request, day)


def _start(rng: random.Random, school: School, request: Request, day: str) -> int:
    starts = school.candidate_starts(request, day)
    if starts and rng.random() < 0.85:
        return rng.choice(starts)
    step = school.settings.time_step_min
    return request.window_start + step * rng.randint(-2, 2) + rng.choice((0, 0, 0, step // 2))


def _proposals(ledger: Ledger, keep) -> list[dict]:
    """Every proposal with eligible helpers where rule 1 allows it that ``keep`` keeps."""
    school = ledger.school
    return [
        {"request": request, "helpers": helpers, "day": day, "start": start}
        for request in school.requests
        for day in school.allowed_days(request)
        for start in school.candidate_starts(request, day)
        for helpers in combinations(school.eligible_helpers(request), request.hands)
        if keep(request, helpers, day, start)
    ]


def _allowed(ledger: Ledger, request: Request, helpers: tuple[Helper, ...], day: str, start: int) -> bool:
    return not ledger.session_breaches(request, helpers, day, start)


def _fits_on_its_own(ledger: Ledger, request: Request, helpers: tuple[Helper, ...], day: str, start: int) -> bool:
    return not any(ledger.candidate_breaches(helper, request, day, start) for helper in helpers)


def _is_new_session(probe: Probe) -> bool:
    """A proposal with all its hands, on no session of the plan: joining one is tested in tests/test_ledger.py."""
    booked = {(s.request_id, s.day, s.start) for s in probe.plan.sessions if s != probe.dropped}
    new = (probe.request.request_id, probe.day, probe.start) not in booked
    return new and len(probe.helpers) == probe.request.hands


def _rule_number(line: str) -> int:
    return int(re.match(r"rule (\d):", line).group(1))
