"""One test per hard rule on the smallest instance that shows it.

Each instance would place more (or elsewhere) without the rule; the comment
says why the expected answer is the only right one. Every plan is re-checked
by the independent ``tests.plan_checker``.
"""

from __future__ import annotations

from planner import hard_rules
from planner.model import AvailabilityBlock, Group, Pin, Plan, Priority, School, SolveStatus, Task
from planner.solver import HARD_RULES, solve
from tests.plan_checker import assert_plan_valid
from tests.solver.factory import FAST, at, helper, request, school


def solved(instance: School) -> Plan:
    plan = solve(instance, FAST)
    assert_plan_valid(instance, plan)
    return plan


def test_registry_lists_the_seven_rules_of_the_spec_in_order():
    assert [rule.number for rule in HARD_RULES] == [1, 2, 3, 4, 5, 6, 7]
    # The ledger (planner.ledger) reports breaches under these same keys, named after the add-functions.
    assert [rule.rule for rule in HARD_RULES] == list(hard_rules.RULES)
    assert all(rule.add.__name__ == f"add_{rule.key}" for rule in HARD_RULES)


def test_rule1_session_inside_window_and_school_hours():
    # Window 11:00–13:00 for 60 min, but school ends at 12:00: only 11:00–12:00 fits.
    plan = solved(school((helper("Anna"),), (request("A", at(11), at(13), 60),)))
    assert [(s.start, s.end) for s in plan.sessions] == [(at(11), at(12))]


def test_rule1_only_on_allowed_days():
    # The helper is there both days, the request allows only Tuesday.
    instance = school((helper("Anna", days=("ma", "di")),), (request("A", at(9), at(10), days=("di",)),), ("ma", "di"))
    assert [s.day for s in solved(instance).sessions] == ["di"]


def test_rule2_sessions_of_a_request_fall_on_different_days():
    # Twice a week, the window fits two sessions on Monday, but the helper only works Monday: one session.
    instance = school(
        (helper("Anna", days=("ma",)),),
        (request("A", at(9), at(11), 30, sessions_per_week=2),),
        ("ma", "di"),
    )
    assert len(solved(instance).sessions) == 1


def test_rule2_positive_two_days_give_two_sessions():
    instance = school(
        (helper("Anna", days=("ma", "di")),),
        (request("A", at(9), at(11), 30, sessions_per_week=2),),
        ("ma", "di"),
    )
    assert sorted(s.day for s in solved(instance).sessions) == ["di", "ma"]


def test_rule3_one_thing_at_a_time():
    # Two requests at the same fixed time, one helper: only one can be placed.
    instance = school((helper("Anna"),), (request("A", at(9), at(10)), request("B", at(9, 30), at(10, 30))))
    assert len(solved(instance).sessions) == 1


def test_rule3_only_inside_availability():
    # Available 9:00–10:00; the request is fixed at 10:00–10:30.
    anna = helper("Anna", availability=_blocks(("ma", at(9), at(10))))
    instance = school((anna,), (request("A", at(10), at(10, 30)),))
    assert solved(instance).sessions == ()


def test_rule3_touching_availability_blocks_are_one_block():
    # 9:00–9:30 and 9:30–10:00 together cover a 9:00–10:00 session (spec: touching blocks are one block).
    anna = helper("Anna", availability=_blocks(("ma", at(9), at(9, 30)), ("ma", at(9, 30), at(10))))
    instance = school((anna,), (request("A", at(9), at(10)),))
    assert len(solved(instance).sessions) == 1


def test_rule3_changeover_between_locations():
    # Back to back at two locations with 15 minutes changeover: only one fits.
    groups = (Group("5", "Noord"), Group("6", "Zuid"))
    requests = (request("A", at(9), at(9, 30), group="5"), request("B", at(9, 30), at(10), group="6"))
    instance = school((helper("Anna"),), requests, groups=groups, changeover=15)
    assert len(solved(instance).sessions) == 1


def test_rule3_changeover_is_met_when_sessions_are_far_enough_apart():
    # The same, but B starts 15 minutes after A ends: both fit.
    groups = (Group("5", "Noord"), Group("6", "Zuid"))
    requests = (request("A", at(9), at(9, 30), group="5"), request("B", at(9, 45), at(10, 15), group="6"))
    instance = school((helper("Anna"),), requests, groups=groups, changeover=15)
    assert len(solved(instance).sessions) == 2


def test_rule3_no_changeover_at_one_location():
    # Back to back at the same location: no changeover needed, both fit.
    requests = (request("A", at(9), at(9, 30)), request("B", at(9, 30), at(10)))
    instance = school((helper("Anna"),), requests, groups=(Group("5", "Noord"),), changeover=15)
    assert len(solved(instance).sessions) == 2


def test_rule3_changeover_with_sessions_shorter_than_the_changeover():
    # A (9:00–9:10) and B (9:10–9:20) at Noord may be back to back: same location, no changeover.
    # C (9:20–9:30) at Zuid clashes with both (less than 15 minutes after each ends). A and B are
    # high priority, so the best plan has exactly A and B. (A changeover clique must not join A
    # and B: they end within 15 minutes of each other but do not overlap.)
    groups = (Group("5", "Noord"), Group("6", "Zuid"))
    requests = (
        request("A", at(9), at(9, 10), 10, group="5", priority=Priority.HOOG),
        request("B", at(9, 10), at(9, 20), 10, group="5", priority=Priority.HOOG),
        request("C", at(9, 20), at(9, 30), 10, group="6", priority=Priority.LAAG),
    )
    plan = solved(school((helper("Anna"),), requests, step=5, groups=groups, changeover=15))
    assert sorted(s.request_id for s in plan.sessions) == ["A", "B"]


def test_a_session_may_start_on_the_first_grid_time_after_an_end_off_the_grid():
    # Time step 15 minutes. A is fixed 9:00–9:40 (40 minutes, so it ends off the grid); B (30 minutes,
    # window 9:00–10:15) fits only after it, and the first start on the grid after 9:40 is 9:45.
    # Anna is there 9:00–10:15, so both fit: A 9:00–9:40 and B 9:45–10:15.
    anna = helper("Anna", availability=_blocks(("ma", at(9), at(10, 15))))
    requests = (request("A", at(9), at(9, 40)), request("B", at(9), at(10, 15), 30))
    plan = solved(school((anna,), requests))
    assert sorted((s.request_id, s.start) for s in plan.sessions) == [("A", at(9)), ("B", at(9, 45))]


def test_rule4_weekly_cap():
    # One hour a week, three separate 30-minute requests: two fit.
    requests = tuple(request(name, at(9 + idx), at(9 + idx, 30)) for idx, name in enumerate("ABC"))
    assert len(solved(school((helper("Anna", hours=1.0),), requests)).sessions) == 2


def test_rule4_daily_cap():
    # 2 hours a week but at most 0.5 hour a day: one 30-minute session a day on two days.
    requests = tuple(request(name, at(9 + idx), at(9 + idx, 30), days=("ma",)) for idx, name in enumerate("ABC"))
    requests += (request("D", at(9), at(9, 30), days=("di",)),)
    anna = helper("Anna", hours=2.0, days=("ma", "di"), max_hours_per_day=0.5)
    plan = solved(school((anna,), requests, ("ma", "di")))
    assert sorted(s.day for s in plan.sessions) == ["di", "ma"]


def test_rule5_role_must_be_allowed_by_request_and_task():
    # The request allows klassenassistent, the task only onderwijsassistent: nobody may do it.
    tasks = (Task("basisgroep overnemen", ("onderwijsassistent",)),)
    only_ka = request("A", at(9), at(10), roles=("klassenassistent",))
    assert solved(school((helper("Anna"),), (only_ka,), tasks=tasks)).sessions == ()
    oa = helper("Olga", role="onderwijsassistent")
    assert solved(school((oa,), (request("A", at(9), at(10)),), tasks=tasks)).sessions[0].helpers == ("Olga",)


def test_rule5_skills_location_and_placement():
    # Each helper lacks exactly one thing; only Dewi has it all.
    groups = (Group("5", "Noord"),)
    requests = (request("A", at(9), at(10), skills=("gedrag",)),)
    helpers = (
        helper("Anna", skills=("rekenen",)),  # lacks the skill
        helper("Bert", skills=("gedrag",), locations=("Zuid",)),  # wrong location
        helper("Cas", skills=("gedrag",), role="stagiaire", placement_groups=("6",)),  # placement elsewhere
        helper("Dewi", skills=("Gedrag",), locations=("noord",)),  # case-insensitive match
    )
    plan = solved(school(helpers, requests, groups=groups))
    assert [s.helpers for s in plan.sessions] == [("Dewi",)]


def test_rule5_intern_may_work_elsewhere():
    intern = helper("Cas", role="stagiaire", placement_groups=("6",), may_work_elsewhere=True)
    assert len(solved(school((intern,), (request("A", at(9), at(10)),))).sessions) == 1


def test_rule6_two_hands_or_nothing():
    # Two hands asked, one helper: not placed at all.
    two_hands = request("A", at(9), at(10), hands=2)
    assert solved(school((helper("Anna"),), (two_hands,))).sessions == ()
    # With a second helper both come at the same time.
    plan = solved(school((helper("Anna"), helper("Bert")), (two_hands,)))
    assert [sorted(s.helpers) for s in plan.sessions] == [["Anna", "Bert"]]


def test_rule7_pin_is_kept_even_against_the_objective():
    # Anna is preferred (level 4) and the preferred start is 9:00 (level 5); the pin puts Bert at 9:30.
    flexible = request("A", at(9), at(11), 60, preferred_start=at(9), preferred_helper="Anna")
    pins = (Pin("A", "Bert", "ma", at(9, 30)),)
    plan = solved(school((helper("Anna"), helper("Bert")), (flexible,), pins=pins))
    assert [(s.helpers, s.start, s.pinned_helpers) for s in plan.sessions] == [(("Bert",), at(9, 30), ("Bert",))]


def test_rule7_pin_on_two_hands_session_still_needs_both():
    pins = (Pin("A", "Anna", "ma", at(9)),)
    instance = school((helper("Anna"), helper("Bert")), (request("A", at(9), at(10), hands=2),), pins=pins)
    plan = solved(instance)
    assert [(sorted(s.helpers), s.pinned_helpers) for s in plan.sessions] == [(["Anna", "Bert"], ("Anna",))]


def test_rule7_pin_that_breaks_a_rule_gives_infeasible_not_an_exception():
    # The pin puts the session at 11:30, outside its 9:00–10:00 window (rule 1): no plan keeps it.
    pins = (Pin("A", "Anna", "ma", at(11, 30)),)
    plan = solve(school((helper("Anna"),), (request("A", at(9), at(10)),), pins=pins), FAST)
    assert plan.status == SolveStatus.INFEASIBLE
    assert plan.sessions == ()


def _blocks(*blocks: tuple[str, int, int]) -> tuple[AvailabilityBlock, ...]:
    return tuple(AvailabilityBlock(day, start, end) for day, start, end in blocks)
