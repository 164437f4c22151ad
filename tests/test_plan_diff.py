"""The plan diff: each kind of change on the smallest plans that show it (no solver; plans by hand)."""

from __future__ import annotations

from planner.model import Helper, Plan, Request, School, Session, Teacher
from planner.plan_diff import SessionChangeKind, changes_per_helper, changes_per_teacher, diff_plans


def session(request_id: str, helper: str, day: str = "ma", start: int = 540) -> Session:
    return Session(request_id, (helper,), day, start, start + 30)


def plan(*sessions: Session) -> Plan:
    return Plan(sessions=sessions)


def school() -> School:
    # Two teachers with one request each, two helpers: enough to tell whose change is whose.
    return School(
        school_days=(),
        groups=(),
        teachers=(Teacher("Jan", ("3",)), Teacher("Ans", ("5",))),
        helpers=(Helper("Fatima", "onderwijsassistent", 10.0), Helper("Bram", "stagiaire", 8.0)),
        requests=(
            Request("A1", "Jan", "3", "lezen", 2, 30, 510, 720),
            Request("A2", "Ans", "5", "rekenen", 1, 30, 510, 720),
        ),
    )


def test_equal_plans_have_no_changes():
    # The same session in both plans, pinned or not, is no change: pins are the planner's, not the people's.
    pinned = Session("A1", ("Fatima",), "ma", 540, 570, pinned_helpers=("Fatima",))
    assert diff_plans(plan(session("A1", "Fatima")), plan(pinned)).is_empty


def test_a_new_session_is_added_and_a_dropped_one_removed():
    # A1 only in the new plan, A2 only in the old one: nothing to pair them with (other requests).
    diff = diff_plans(plan(session("A2", "Bram")), plan(session("A1", "Fatima")))
    assert [(c.kind, c.request_id) for c in diff.changes] == [
        (SessionChangeKind.ADDED, "A1"),
        (SessionChangeKind.REMOVED, "A2"),
    ]


def test_same_request_at_another_time_is_moved():
    # One session of A1 went from Monday to Tuesday: one move, not a removal and an addition.
    diff = diff_plans(plan(session("A1", "Fatima", "ma")), plan(session("A1", "Fatima", "di")))
    (change,) = diff.changes
    assert change.kind is SessionChangeKind.MOVED
    assert (change.before.day, change.after.day) == ("ma", "di")


def test_same_time_with_another_helper_is_a_helper_change():
    diff = diff_plans(plan(session("A1", "Fatima")), plan(session("A1", "bram")))
    (change,) = diff.changes
    assert change.kind is SessionChangeKind.HELPER_CHANGED
    assert change.helpers == {"fatima", "bram"}


def test_a_kept_session_is_matched_before_pairing_moves():
    # A1 twice: Monday stays, Tuesday goes to Wednesday. Matching by time first leaves one move,
    # where pairing in order alone would call both sessions moved.
    before = plan(session("A1", "Fatima", "ma"), session("A1", "Fatima", "di"))
    after = plan(session("A1", "Fatima", "wo"), session("A1", "Fatima", "ma"))
    (change,) = diff_plans(before, after).changes
    assert (change.kind, change.before.day, change.after.day) == (SessionChangeKind.MOVED, "di", "wo")


def test_changes_per_helper_and_per_teacher():
    # A1 (Jan's) passes from Fatima to Bram; A2 (Ans's) is new with Bram.
    before = plan(session("A1", "Fatima"))
    after = plan(session("A1", "Bram"), session("A2", "Bram", "di"))
    diff = diff_plans(before, after)
    per_helper = changes_per_helper(diff, school())
    assert [c.request_id for c in per_helper["Fatima"]] == ["A1"]
    assert [c.request_id for c in per_helper["Bram"]] == ["A1", "A2"]
    per_teacher = changes_per_teacher(diff, school())
    assert [c.kind for c in per_teacher["Jan"]] == [SessionChangeKind.HELPER_CHANGED]
    assert [c.kind for c in per_teacher["Ans"]] == [SessionChangeKind.ADDED]


def test_nobody_unconcerned_is_listed():
    diff = diff_plans(plan(session("A1", "Fatima")), plan(session("A1", "Fatima", "di")))
    assert list(changes_per_helper(diff, school())) == ["Fatima"]
    assert list(changes_per_teacher(diff, school())) == ["Jan"]
