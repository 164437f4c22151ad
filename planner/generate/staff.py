"""School hours, groups, teachers and helpers of a generated school."""

from __future__ import annotations

import random
from dataclasses import dataclass

from planner.generate.words import FIRST_NAMES, LAST_NAMES
from planner.model import Group, SchoolDay, Teacher

WEEKDAYS: tuple[str, ...] = ("ma", "di", "wo", "do", "vr")
YEARS: tuple[int, ...] = (3, 4, 5, 6, 7, 8)
COMBINATION_PAIRS: tuple[tuple[int, int], ...] = ((4, 5), (5, 6), (6, 7), (7, 8))
DUO_DAY_SPLITS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("ma", "di", "wo"), ("do", "vr")),
    (("ma", "di"), ("wo", "do", "vr")),
    (("ma", "di", "wo"), ("do", "vr")),
    (("ma", "di", "wo", "do"), ("vr",)),
)
INTERNSHIP_DAYS: tuple[tuple[str, str], ...] = (("ma", "di"), ("di", "wo"), ("wo", "do"), ("do", "vr"), ("ma", "do"))


@dataclass(frozen=True)
class TeacherSlot:
    """A teacher in a group on some days: whom a request may come from, and when."""

    teacher: str
    group: str
    days: tuple[str, ...]  # empty: every school day (a full-time teacher)


class NamePool:
    """Unique Dutch full names drawn with the generator's own random source."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def draw(self) -> str:
        while True:
            name = f"{self._rng.choice(FIRST_NAMES)} {self._rng.choice(LAST_NAMES)}"
            if name not in self._used:
                self._used.add(name)
                return name


def school_days(rng: random.Random) -> tuple[SchoolDay, ...]:
    """Ma–vr, e.g. 8:30–14:30 with Wednesday until 12:15 (continurooster)."""
    start = rng.choice((8 * 60 + 15, 8 * 60 + 30, 8 * 60 + 30))
    end = rng.choice((14 * 60 + 15, 14 * 60 + 30, 14 * 60 + 30))
    wednesday_end = rng.choice((12 * 60 + 15, 12 * 60 + 30))
    return tuple(SchoolDay(day, start, wednesday_end if day == "wo" else end) for day in WEEKDAYS)


def year_layout(rng: random.Random, group_count: int) -> list[str]:
    """Year labels for one location: kleutergroepen 1/2, years 3–8 and one combination group."""
    kleuters = max(2, round(group_count * 3 / 16))
    rest = max(0, group_count - kleuters - 1)
    counts = dict.fromkeys(YEARS, rest // len(YEARS))
    for year in rng.sample(YEARS, rest % len(YEARS)):
        counts[year] += 1
    missing = [year for year in YEARS if counts[year] == 0]
    pairs = [pair for pair in COMBINATION_PAIRS if set(pair) & set(missing)] or list(COMBINATION_PAIRS)
    low, high = rng.choice(pairs)
    labels = ["1/2"] * kleuters
    for year in YEARS:
        labels += [str(year)] * counts[year]
        if year == low:
            labels.append(f"{low}/{high}")
    return labels


def make_groups(rng: random.Random, counts_per_location: list[int], locations: list[str]) -> tuple[Group, ...]:
    """Groups named like 1/2a, 3, 5/6, 7b; letters run on over locations so names stay unique."""
    layouts = [year_layout(rng, count) for count in counts_per_location]
    totals: dict[str, int] = {}
    for layout in layouts:
        for label in layout:
            totals[label] = totals.get(label, 0) + 1
    seen: dict[str, int] = {}
    groups = []
    for location, layout in zip(locations, layouts, strict=True):
        for label in layout:
            index = seen.get(label, 0)
            seen[label] = index + 1
            name = label if totals[label] == 1 else label + _group_letters(index)
            groups.append(Group(name, location))
    return tuple(groups)


def _group_letters(index: int) -> str:
    """a, b, … z, then aa, ab, … for a grown board with more than 26 groups of one year."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < len(letters) else _group_letters(index // len(letters) - 1) + letters[index % 26]


def make_teachers(
    rng: random.Random, groups: tuple[Group, ...], names: NamePool
) -> tuple[tuple[Teacher, ...], list[TeacherSlot]]:
    """One full-time teacher per group, or a duo of two part-timers (about 40%)."""
    slots: list[TeacherSlot] = []
    for group in groups:
        if rng.random() < 0.4:
            first_days, second_days = rng.choice(DUO_DAY_SPLITS)
            slots.append(TeacherSlot(names.draw(), group.name, first_days))
            partner = _duo_partner(rng, slots, names, second_days, group.name)
            slots.append(TeacherSlot(partner, group.name, second_days))
        else:
            slots.append(TeacherSlot(names.draw(), group.name, ()))
    teachers: dict[str, list[str]] = {}
    for slot in slots:
        teachers.setdefault(slot.teacher, []).append(slot.group)
    return tuple(Teacher(name, tuple(groups_of), email_for(name)) for name, groups_of in teachers.items()), slots


def _duo_partner(
    rng: random.Random, slots: list[TeacherSlot], names: NamePool, days: tuple[str, ...], group: str
) -> str:
    """Sometimes a part-timer already teaching elsewhere on other days takes this duo too."""
    if rng.random() < 0.25:
        busy: dict[str, set[str]] = {}
        for slot in slots:
            busy.setdefault(slot.teacher, set()).update(WEEKDAYS if slot.group == group else slot.days or WEEKDAYS)
        free = [name for name, taken in busy.items() if len(taken) <= 2 and not taken & set(days)]
        if free:
            return free[0]
    return names.draw()


def email_for(name: str) -> str:
    """A made-up address on a reserved domain, e.g. ``anouk.devries@school.example``."""
    first, _, last = name.partition(" ")
    local = f"{first}.{last.replace(' ', '')}".lower().replace("ë", "e")
    return f"{local}@school.example"


@dataclass(frozen=True)
class HelperMix:
    """How many helpers of each kind one location has."""

    assistants: int  # onderwijsassistenten
    class_assistants: int  # klassenassistenten
    support_teachers: int  # leraarondersteuners
    interns: int  # pabo-stagiaires
    volunteers: int  # leesouders

    @classmethod
    def for_groups(cls, rng: random.Random, group_count: int) -> HelperMix:
        interns = max(1, round(group_count * 3 / 16))
        assistants = max(1, round(group_count * 3 / 16))
        support = 1 if group_count >= 14 and rng.random() < 0.3 else 0
        return cls(assistants, 1, support, interns, 1)
