"""The model's own invariants and the domain readings it encodes (domain.md)."""

import pytest

from planner.model import (
    AvailabilityBlock,
    Group,
    Helper,
    ModelError,
    Plan,
    Request,
    School,
    SchoolDay,
    Session,
    Task,
    Teacher,
)


def make_request(**changes) -> Request:
    fields = dict(
        request_id="1",
        teacher="Ans",
        group="5",
        task="basisgroep overnemen",
        sessions_per_week=1,
        duration_min=45,
        window_start=9 * 60,
        window_end=10 * 60,
    )
    fields.update(changes)
    return Request(**fields)


def make_school(requests=(), helpers=(), tasks=(), groups=None) -> School:
    return School(
        school_days=(SchoolDay("ma", 510, 870), SchoolDay("wo", 510, 735)),
        groups=tuple(groups or (Group("5"),)),
        teachers=(Teacher("Ans", ("5",)),),
        helpers=tuple(helpers),
        requests=tuple(requests),
        tasks=tuple(tasks),
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sessions_per_week": 0}, "keer_per_week"),
        ({"duration_min": 0}, "duur_min"),
        ({"hands": 0}, "handen"),
        ({"window_start": 600, "window_end": 630}, "korter dan de duur"),
        ({"preferred_start": 500}, "voorkeur_begin"),
        ({"roles": ("juf",)}, "onbekende functie"),
    ],
)
def test_request_checks_its_own_invariants(changes, message):
    with pytest.raises(ModelError, match=message):
        make_request(**changes)


def test_helper_rejects_unknown_role():
    with pytest.raises(ModelError, match="onbekende functie"):
        Helper("Bram", "conciërge", 10)


def test_allowed_days_are_school_days_where_the_session_fits():
    # Wednesday ends at 12:15, so a 13:00-14:00 session fits only on Monday;
    # Friday is not a school day in this school at all.
    request = make_request(window_start=13 * 60, window_end=14 * 60, duration_min=60, days=("ma", "wo", "vr"))
    assert make_school().allowed_days(request) == ("ma",)


def test_empty_days_mean_every_school_day():
    assert make_school().allowed_days(make_request()) == ("ma", "wo")


def test_candidate_starts_lie_on_the_time_step_inside_window_and_school_hours():
    request = make_request(window_start=8 * 60, window_end=9 * 60 + 15, duration_min=30)
    # School starts 8:30, so the first start is 8:30 and the last 8:45 (ends 9:15).
    assert make_school().candidate_starts(request, "ma") == [510, 515, 520, 525]


def test_touching_availability_blocks_form_one_block():
    helper = Helper(
        "Bram",
        "onderwijsassistent",
        10,
        availability=(AvailabilityBlock("ma", 510, 600), AvailabilityBlock("ma", 600, 660)),
    )
    assert helper.is_available("ma", 570, 630)
    assert not helper.is_available("ma", 640, 700)


def test_eligibility_combines_request_roles_and_task_list():
    # The task list allows only assistants to take over the base group; the request allows
    # interns and assistants; so only the assistant is eligible.
    request = make_request(roles=("onderwijsassistent", "stagiaire"))
    task = Task("Basisgroep overnemen", ("onderwijsassistent", "klassenassistent"))
    assistant = Helper("Bram", "onderwijsassistent", 10)
    intern = Helper("Fatima", "stagiaire", 10)
    school = make_school(requests=[request], helpers=[assistant, intern], tasks=[task])
    assert school.eligible_helpers(request) == (assistant,)
    assert school.eligibility_problems(intern, request) == ["functie stagiaire niet toegestaan"]


def test_intern_works_only_in_placement_group_unless_allowed():
    request = make_request()
    intern = Helper("Fatima", "stagiaire", 10, placement_groups=("7",))
    free_intern = Helper("Sanne", "stagiaire", 10, placement_groups=("7",), may_work_elsewhere=True)
    school = make_school(requests=[request], helpers=[intern, free_intern])
    assert school.eligible_helpers(request) == (free_intern,)


def test_location_and_skills_rule():
    request = make_request(skills=("Gedrag",))
    groups = (Group("5", location="Noord"),)
    skilled_south = Helper("Bram", "onderwijsassistent", 10, skills=("gedrag",), locations=("Zuid",))
    skilled_anywhere = Helper("Anna", "onderwijsassistent", 10, skills=("gedrag ",))
    unskilled = Helper("Kees", "onderwijsassistent", 10)
    school = make_school(requests=[request], helpers=[skilled_south, skilled_anywhere, unskilled], groups=groups)
    assert school.eligible_helpers(request) == (skilled_anywhere,)


def test_a_plan_finds_a_requests_sessions_by_its_key_in_plan_order():
    # Names match as everywhere (case and surrounding spaces ignored); the sessions keep the plan's order, and a
    # changed list must not be the plan's own (pages look up every request, so the plan keeps an index).
    plan = Plan(
        (
            Session("a1", ("Anna",), "di", 540, 585),
            Session("B2", ("Bram",), "ma", 540, 585),
            Session(" A1 ", ("Bram",), "ma", 600, 645),
        )
    )
    assert [(s.day, s.start) for s in plan.sessions_of("A1")] == [("di", 540), ("ma", 600)]
    assert plan.placed_count("b2") == 1 and plan.sessions_of("C3") == []
    plan.sessions_of("A1").clear()
    assert plan.placed_count("A1") == 2
