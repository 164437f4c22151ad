"""What more hours buy: helper changes grouped per helper and day, checked together, ranked per extra hour."""

from __future__ import annotations

from planner.diagnosis import hours_offers
from planner.model import Plan, Priority
from tests.analysis.builders import helper, plan, request, school
from tests.plan_checker import violations


def test_one_offer_per_helper_and_day_holds_only_what_fits_together():
    # Anna is there on Tuesday 8:30–9:00 only. A (hoog) 9:00–9:45 and B (middel) 9:45–10:30 fit together if she
    # stays until 10:30; C (laag) 9:15–10:00 would fit alone, but not next to A and B (she is one person).
    data = school(
        [helper("Anna", days=("di",), end=540)],
        [
            request("A", days=("di",), priority=Priority.HOOG),
            request("B", group="7", days=("di",), start=585, end=630),
            request("C", group="3", days=("di",), start=555, end=600, priority=Priority.LAAG),
        ],
    )
    [offer] = hours_offers(data, plan())
    assert (offer.helper, offer.day, offer.change.added, offer.extra_minutes) == ("Anna", "di", ((540, 630),), 90)
    assert offer.request_ids == ("A", "B")
    assert offer.text == "Anna dinsdag 9:00–10:30 erbij (1,5 uur): A en B passen, waarvan 1 hoog en 1 middel"
    assert offer.agreement.text == "Anna: dinsdag tot 10:30 blijven"
    # hoog counts 4 and middel 2, over 1,5 extra hours.
    assert offer.value_per_hour == 4.0
    assert violations(offer.as_way().applied_to(data), Plan(offer.sessions)) == []


def test_offers_are_ranked_by_what_they_honour_per_extra_hour():
    # Anna staying a quarter of an hour longer on Tuesday lets A (hoog) in: 4 per 0,25 hour = 16; Bram coming for
    # it 45 minutes: 4 per 0,75 hour. Either coming an hour on Thursday lets D (laag) in: 1 per hour (a tie, by name).
    data = school(
        [helper("Anna", days=("di",), end=600), helper("Bram", days=("ma",))],
        [
            request("A", days=("di",), start=570, end=615, priority=Priority.HOOG),
            request("D", group="7", days=("do",), start=540, end=600, duration_min=60, priority=Priority.LAAG),
        ],
    )
    offers = hours_offers(data, plan())
    assert [(offer.helper, offer.day, round(offer.value_per_hour, 2)) for offer in offers] == [
        ("Anna", "di", 16.0),
        ("Bram", "di", 5.33),
        ("Anna", "do", 1.0),
        ("Bram", "do", 1.0),
    ]
    assert offers[3].text == "Bram donderdag 9:00–10:00 erbij (1 uur): D past (laag)"


def test_more_weekly_hours_are_grown_for_everything_the_offer_holds():
    # Anna's 45 minutes a week are spent on H (hoog). A and B (middel) both fit on Tuesday if she gets more hours:
    # together 1,5 hours more, not the 45 minutes either alone needs.
    data = school(
        [helper("Anna", hours=0.75)],
        [
            request("H", group="3", days=("ma",), priority=Priority.HOOG),
            request("A", days=("di",)),
            request("B", group="7", days=("di",), start=600, end=645),
        ],
    )
    [offer] = [offer for offer in hours_offers(data, plan(("H", ("Anna",), "ma", 540, 585))) if offer.day == "di"]
    assert (offer.change.extra_week_min, offer.request_ids) == (90, ("A", "B"))
    assert offer.change_text == "1,5 uur per week meer"


def test_no_offers_for_a_plan_that_breaks_a_rule():
    # Anna leaves at 9:30 now, so the stored session of B breaks rule 3: no offer can keep that plan.
    data = school([helper("Anna", days=("di",), end=570)], [request("A", days=("di",)), request("B", group="7")])
    assert hours_offers(data, plan(("B", ("Anna",), "di", 540, 585))) == []
