"""Why a lower priority dips on the capacity curve, in one Dutch sentence per dip.

The planner honours ``hoog`` before ``middel`` before ``laag`` (levels 1a–1c of the domain spec),
so extra hours can let a higher priority take a helper's time that a lower one had: the lower
priority's share falls, and because the total counts every request alike, the total can fall too.
For every step where a priority's share is lower than at the step before, ``curve_dips`` names the
higher priorities that gain and how many of their requests get more sessions than at that step::

    Bij +8 uur daalt laag van 40 % naar 35 %: de extra uren gaan naar hoog (+2 aanvragen).

A dip without a higher priority that gains can only come from a step whose levels were not proven
optimal (a monotone curve keeps the better plan of the step before); its sentence says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from planner.curve import CurvePoint
from planner.model import Priority, School
from planner.timegrid import format_hours

# Shares are fractions of requests; a difference below this is float noise, not a dip.
SHARE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class PriorityGain:
    priority: Priority
    requests: int  # requests of this priority with more sessions than at the step before


@dataclass(frozen=True)
class CurveDip:
    extra_hours: float
    priority: Priority  # the priority whose share falls
    share_before: float
    share_after: float
    gains: tuple[PriorityGain, ...]  # higher priorities that gain, highest first; empty only when unproven

    @property
    def text(self) -> str:
        before, after = percent_pair(self.share_before, self.share_after)
        start = f"Bij +{format_hours(self.extra_hours * 60)} uur daalt {self.priority.label} van {before} naar {after}"
        if not self.gains:
            return f"{start}: deze stap is niet bewezen optimaal; met meer rekentijd verdwijnt de daling mogelijk."
        return f"{start}: de extra uren gaan naar {_joined([_gain_text(gain) for gain in self.gains])}."


def curve_dips(school: School, points: Sequence[CurvePoint]) -> tuple[CurveDip, ...]:
    """Every step where a priority's share falls, with the higher priorities that gain (see the module text)."""
    ordered = sorted(points, key=lambda point: point.extra_hours)
    dips = []
    for previous, point in pairwise(ordered):
        for priority in Priority:
            before, after = previous.share(priority), point.share(priority)
            if after < before - SHARE_TOLERANCE:
                gains = _gains_above(school, previous, point, priority)
                dips.append(CurveDip(point.extra_hours, priority, before, after, gains))
    return tuple(dips)


def percent_pair(before: float, after: float) -> tuple[str, str]:
    """Whole percentages, or one decimal (comma) when whole ones would read the same: ``40 %``, ``39,6 %``."""
    digits = 0 if round(before * 100) != round(after * 100) else 1
    return _percent(before, digits), _percent(after, digits)


def _percent(share: float, digits: int) -> str:
    return f"{share * 100:.{digits}f} %".replace(".", ",")


def _gains_above(
    school: School, previous: CurvePoint, point: CurvePoint, dipping: Priority
) -> tuple[PriorityGain, ...]:
    gains = []
    for priority in Priority:
        if priority >= dipping or point.share(priority) <= previous.share(priority) + SHARE_TOLERANCE:
            continue
        requests = [r for r in school.requests if r.priority == priority]
        gaining = sum(
            1 for r in requests if point.plan.placed_count(r.request_id) > previous.plan.placed_count(r.request_id)
        )
        gains.append(PriorityGain(priority, gaining))
    return tuple(gains)


def _gain_text(gain: PriorityGain) -> str:
    return f"{gain.priority.label} (+{gain.requests} {'aanvraag' if gain.requests == 1 else 'aanvragen'})"


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
