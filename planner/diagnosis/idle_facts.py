"""What ``idle_hours`` finds: per helper with hours left, the reasons nobody uses them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class IdleReason(Enum):
    """Why free time stays unused; ``.value`` is a short Dutch label."""

    NO_REQUEST_THAT_DAY = "geen aanvraag die dag"
    NO_REQUEST_THEN = "geen aanvraag op die tijd"
    PLACEMENT = "stagegroep"
    ROLE = "functie"
    LOCATION = "locatie"
    SKILLS = "vaardigheid"
    NOT_ELIGIBLE = "mag niet"  # the requests there fail rule 5 for different reasons
    FULLY_PLACED = "al ingepland"
    TOO_SHORT = "geen hele keer"
    HOURS_USED = "uren op"
    NO_OTHER_HANDS = "te weinig handen"
    ROOM_LEFT = "nog plek"
    AVAILABILITY = "te weinig beschikbaar"  # fewer free minutes than hours left


@dataclass(frozen=True)
class FreeSpan:
    day: str
    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class IdleCause:
    reason: IdleReason
    minutes: int
    spans: tuple[FreeSpan, ...] = ()  # the free time it explains; empty for AVAILABILITY
    request_ids: tuple[str, ...] = ()  # the requests that came closest
    faults: tuple[str, ...] = ()  # for the rule 5 reasons: what the helper fails, e.g. "functie … niet toegestaan"
    text: str = ""  # "3,5 uur op maandag en dinsdag: geen aanvraag van groep 5 (stagegroep)."


@dataclass(frozen=True)
class IdleHours:
    """One helper with hours left in a plan and why nobody uses them."""

    helper: str
    left_min: int  # weekly cap minus planned minutes
    free_min: int  # available and not in a session
    causes: tuple[IdleCause, ...]  # largest first
    head: str  # "7,5 uur over, 12 uur beschikbaar zonder ingeplande keer."

    @property
    def text(self) -> str:
        """The whole explanation: the head, then one sentence per reason."""
        return " ".join([self.head, *(cause.text for cause in self.causes)])
