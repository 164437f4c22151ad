"""A tiny hand-made school and plan for the result workbook tests.

The plan is written by hand (no solver) so every expected row is known:
R1 is placed twice (fully), R2 once with two hands (fully), R3 once of twice
(partly) and R4 not at all.
"""

from __future__ import annotations

from planner.model import (
    AvailabilityBlock,
    Group,
    Helper,
    LevelResult,
    Pin,
    Plan,
    Priority,
    Request,
    School,
    SchoolDay,
    Session,
    Settings,
    SolveStatus,
    Teacher,
)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def tiny_school() -> School:
    return School(
        school_days=(
            SchoolDay("ma", hm("8:30"), hm("14:30")),
            SchoolDay("di", hm("8:30"), hm("14:30")),
            SchoolDay("wo", hm("8:30"), hm("12:15")),
        ),
        groups=(Group("3"), Group("5")),
        teachers=(Teacher("Jan Bakker", ("3",)), Teacher("Ans de Vries", ("5",))),
        helpers=(
            Helper(
                "Fatima",
                "onderwijsassistent",
                10.0,
                (
                    AvailabilityBlock("ma", hm("8:30"), hm("12:00")),
                    AvailabilityBlock("di", hm("8:30"), hm("14:30")),
                ),
                skills=("rekenen",),
            ),
            Helper(
                "Bram",
                "stagiaire",
                8.0,
                (AvailabilityBlock("ma", hm("8:30"), hm("14:30")), AvailabilityBlock("wo", hm("8:30"), hm("12:15"))),
                placement_groups=("5",),
            ),
        ),
        requests=(
            Request(
                "R1",
                "Jan Bakker",
                "3",
                "basisgroep overnemen",
                2,
                45,
                hm("9:00"),
                hm("10:30"),
                days=("ma", "di"),
                subject="rekenen",
                priority=Priority.HOOG,
            ),
            Request(
                "R2",
                "Ans de Vries",
                "5",
                "verlengde instructie",
                1,
                30,
                hm("10:00"),
                hm("10:30"),
                hands=2,
                subject="rekenen",
                goal="Tafels 1 t/m 10",
            ),
            Request(
                "R3",
                "Ans de Vries",
                "5",
                "leesbegeleiding",
                2,
                60,
                hm("8:30"),
                hm("10:00"),
                subject="lezen",
                priority=Priority.LAAG,
            ),
            Request(
                "R4",
                "Jan Bakker",
                "3",
                "subgroep begeleiden",
                1,
                30,
                hm("13:00"),
                hm("13:30"),
                days=("ma", "wo"),
                skills=("gedrag",),
            ),
        ),
        pins=(Pin("R1", "Fatima", "di", hm("9:15")),),
        settings=Settings(school_name="OBS De Test", time_limit_s=5),
    )


def tiny_plan() -> Plan:
    return Plan(
        sessions=(
            Session("R1", ("Fatima",), "di", hm("9:15"), hm("10:00"), pinned_helpers=("Fatima",)),
            Session("R1", ("Fatima",), "ma", hm("9:00"), hm("9:45")),
            Session("R2", ("Fatima", "Bram"), "ma", hm("10:00"), hm("10:30")),
            Session("R3", ("Bram",), "wo", hm("8:30"), hm("9:30")),
        ),
        levels=(
            LevelResult("hoog", "aanvragen hoog", 1.0, 1.0, True, 0.1),
            LevelResult("middel", "aanvragen middel", 1.0, 1.0, True, 0.1),
            LevelResult("laag", "aanvragen laag", 0.5, 0.5, True, 0.1),
            LevelResult("help_minutes", "minuten hulp", 210, 230, False, 2.0),
        ),
        status=SolveStatus.FEASIBLE,
        wall_time_s=2.3,
    )
