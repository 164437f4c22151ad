"""``grown_school``: a school of the board's shape grown to a number of requests, for measuring scale."""

from __future__ import annotations

from planner.generate import demand_ratio_of, grown_school
from planner.model import name_key


def test_a_grown_school_has_about_the_requests_asked_and_is_the_same_for_a_seed():
    # 1,000 requests: generating stops at the demand ratio (1.35–1.55), which lands within a few percent
    # below the count asked, and never above it (the requests are cut there).
    school = grown_school(1000, seed=3)
    assert 950 <= len(school.requests) <= 1000
    assert grown_school(1000, seed=3) == school
    assert 1.2 <= demand_ratio_of(school) <= 1.6


def test_a_grown_school_has_more_groups_locations_and_helpers_with_unique_names():
    # 2,000 requests need about 476 groups on 30 locations: more than 26 groups of one year and more locations
    # than there are school names, so group letters go on as aa, ab … and location names get a number.
    school = grown_school(2000, seed=0)
    groups = [group.name for group in school.groups]
    locations = {group.location for group in school.groups}
    assert len(groups) > 400 and len(locations) >= 25 and len(school.helpers) > 200
    assert len({name_key(name) for name in groups}) == len(groups)
    assert len({name_key(helper.name) for helper in school.helpers}) == len(school.helpers)
    assert any(name.endswith("aa") for name in groups) and any(location.endswith(" 2") for location in locations)
