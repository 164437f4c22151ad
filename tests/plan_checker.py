"""An independent checker of the hard rules, written from the domain spec.

It does NOT use the solver, nor ``School.allowed_days``, ``candidate_starts``,
``eligible_helpers`` or ``eligibility_problems``: it re-derives hard rules 1–7
from the raw data, so a bug in the solver's model (or in those helpers) is
caught here rather than mirrored. Other tests re-check every plan with it::

    from tests.plan_checker import assert_plan_valid, violations
    assert_plan_valid(school, plan)       # or: assert violations(school, plan) == []
"""

from __future__ import annotations

from collections import defaultdict

from planner.model import Plan, Request, School, Session

ALL_ROLES = ("klassenassistent", "onderwijsassistent", "leraarondersteuner", "stagiaire", "vrijwilliger", "anders")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def violations(school: School, plan: Plan) -> list[str]:
    """Every hard rule broken by the plan, one line each; empty = valid."""
    problems: list[str] = []
    requests = {_key(r.request_id): r for r in school.requests}
    for session in plan.sessions:
        request = requests.get(_key(session.request_id))
        if request is None:
            problems.append(f"{_describe(session)}: unknown request")
            continue
        problems += _rule1_window(school, request, session)
        problems += _rule5_eligibility(school, request, session)
        problems += _rule6_hands(request, session)
    problems += _rule2_days(school, plan)
    problems += _rule3_helpers(school, plan)
    problems += _rule4_caps(school, plan)
    problems += _rule7_pins(school, plan)
    return problems


def assert_plan_valid(school: School, plan: Plan) -> None:
    found = violations(school, plan)
    assert not found, "hard rules broken:\n" + "\n".join(found)


def _describe(session: Session) -> str:
    return f"{session.request_id} {session.day} {session.start}-{session.end} {list(session.helpers)}"


def _rule1_window(school: School, request: Request, session: Session) -> list[str]:
    problems = []
    school_day = next((d for d in school.school_days if d.day == session.day), None)
    if school_day is None:
        return [f"rule 1: {_describe(session)} is not on a school day"]
    if request.days and session.day not in request.days:
        problems.append(f"rule 1: {_describe(session)} not on an allowed day {request.days}")
    if session.end - session.start != request.duration_min:
        problems.append(f"rule 1: {_describe(session)} does not last {request.duration_min} min")
    if session.start < request.window_start or session.end > request.window_end:
        problems.append(f"rule 1: {_describe(session)} outside window {request.window_start}-{request.window_end}")
    if session.start < school_day.start or session.end > school_day.end:
        problems.append(f"rule 1: {_describe(session)} outside school hours")
    if session.start % school.settings.time_step_min:
        problems.append(f"rule 1: {_describe(session)} does not start on the time step")
    return problems


def _rule2_days(school: School, plan: Plan) -> list[str]:
    problems = []
    days_of: dict[str, list[str]] = defaultdict(list)
    for session in plan.sessions:
        days_of[_key(session.request_id)].append(session.day)
    for request in school.requests:
        days = days_of.get(_key(request.request_id), [])
        if len(set(days)) != len(days):
            problems.append(f"rule 2: {request.request_id} has two sessions on one day: {days}")
        if len(days) > request.sessions_per_week:
            problems.append(f"rule 2: {request.request_id} has {len(days)} > {request.sessions_per_week} sessions")
    return problems


def _helper_sessions(school: School, plan: Plan) -> dict[str, list[Session]]:
    per_helper: dict[str, list[Session]] = defaultdict(list)
    for session in plan.sessions:
        for helper in session.helpers:
            per_helper[_key(helper)].append(session)
    return per_helper


def _merged_blocks(helper, day: str) -> list[tuple[int, int]]:
    blocks: list[list[int]] = []
    for start, end in sorted((b.start, b.end) for b in helper.availability if b.day == day):
        if blocks and start <= blocks[-1][1]:  # touching blocks are one block (spec)
            blocks[-1][1] = max(blocks[-1][1], end)
        else:
            blocks.append([start, end])
    return [(start, end) for start, end in blocks]


def _location(school: School, request_id: str) -> str:
    request = next((r for r in school.requests if _key(r.request_id) == _key(request_id)), None)
    if request is None:
        return ""  # an unknown request is reported on its own
    group = next((g for g in school.groups if _key(g.name) == _key(request.group)), None)
    return _key(group.location) if group else ""


def _rule3_helpers(school: School, plan: Plan) -> list[str]:
    problems = []
    helpers = {_key(h.name): h for h in school.helpers}
    for helper_key, sessions in _helper_sessions(school, plan).items():
        helper = helpers.get(helper_key)
        if helper is None:
            problems.append(f"rule 3: unknown helper {helper_key}")
            continue
        for session in sessions:
            blocks = _merged_blocks(helper, session.day)
            if not any(start <= session.start and session.end <= end for start, end in blocks):
                problems.append(f"rule 3: {helper.name} not available for {_describe(session)}")
        problems += _overlaps_and_changeovers(school, helper.name, sessions)
    return problems


def _overlaps_and_changeovers(school: School, helper_name: str, sessions: list[Session]) -> list[str]:
    problems = []
    changeover = school.settings.changeover_min
    for first_idx, first in enumerate(sessions):
        for second in sessions[first_idx + 1 :]:
            if first.day != second.day:
                continue
            if first.start < second.end and second.start < first.end:
                problems.append(f"rule 3: {helper_name} in two places: {_describe(first)} / {_describe(second)}")
                continue
            gap = max(second.start - first.end, first.start - second.end)
            if gap < changeover and _location(school, first.request_id) != _location(school, second.request_id):
                problems.append(f"rule 3: {helper_name} changeover {gap} < {changeover} min between locations")
    return problems


def _rule4_caps(school: School, plan: Plan) -> list[str]:
    problems = []
    per_helper = _helper_sessions(school, plan)
    for helper in school.helpers:
        sessions = per_helper.get(_key(helper.name), [])
        weekly = sum(s.end - s.start for s in sessions)
        if weekly > round(helper.hours_per_week * 60):
            problems.append(f"rule 4: {helper.name} works {weekly} min > {helper.hours_per_week} h a week")
        if helper.max_hours_per_day is None:
            continue
        per_day: dict[str, int] = defaultdict(int)
        for session in sessions:
            per_day[session.day] += session.end - session.start
        for day, minutes in per_day.items():
            if minutes > round(helper.max_hours_per_day * 60):
                problems.append(f"rule 4: {helper.name} works {minutes} min on {day} > daily cap")
    return problems


def _rule5_eligibility(school: School, request: Request, session: Session) -> list[str]:
    problems = []
    helpers = {_key(h.name): h for h in school.helpers}
    task = next((t for t in school.tasks if _key(t.name) == _key(request.task)), None)
    allowed_roles = set(request.roles or ALL_ROLES) & set(task.roles if task and task.roles else ALL_ROLES)
    location = _location(school, request.request_id)
    for name in session.helpers:
        helper = helpers.get(_key(name))
        if helper is None:
            continue  # reported by rule 3
        if helper.role not in allowed_roles:
            problems.append(f"rule 5: {helper.name} has role {helper.role}, not allowed for {request.request_id}")
        if not {_key(s) for s in request.skills} <= {_key(s) for s in helper.skills}:
            problems.append(f"rule 5: {helper.name} lacks a skill of {request.request_id}")
        if location and helper.locations and location not in {_key(x) for x in helper.locations}:
            problems.append(f"rule 5: {helper.name} does not work at location of {request.request_id}")
        placement = {_key(g) for g in helper.placement_groups}
        if placement and not helper.may_work_elsewhere and _key(request.group) not in placement:
            problems.append(f"rule 5: intern {helper.name} outside placement group for {request.request_id}")
    return problems


def _rule6_hands(request: Request, session: Session) -> list[str]:
    distinct = {_key(h) for h in session.helpers}
    if len(session.helpers) != request.hands or len(distinct) != len(session.helpers):
        return [f"rule 6: {_describe(session)} needs {request.hands} different helpers"]
    return []


def _rule7_pins(school: School, plan: Plan) -> list[str]:
    problems = []
    for pin in school.pins:
        kept = any(
            _key(s.request_id) == _key(pin.request_id)
            and s.day == pin.day
            and s.start == pin.start
            and _key(pin.helper) in {_key(h) for h in s.helpers}
            for s in plan.sessions
        )
        if not kept:
            problems.append(f"rule 7: pin {pin.request_id} {pin.helper} {pin.day} {pin.start} not kept")
    return problems
