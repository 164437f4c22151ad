"""What can be wrong with a request, written once for every way a request comes in.

``Request`` itself refuses a broken window; the workbook's ``Aanvragen`` sheet and the web's
request form find the same faults before they build one, and each reports them in its own words
at its own field. The domain spec's precise reading of rule 1 adds two input errors against the
school: a window that fits on none of its days, and more sessions a week than allowed days.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module for ``window_fault``
    from planner.model import Request, School


class RequestFault(Enum):
    """A fault of a request; the value is the model's own short Dutch text for it."""

    WINDOW_NOT_AFTER_START = "het venster eindigt niet na het begin"
    WINDOW_SHORTER_THAN_DURATION = "het venster is korter dan de duur"
    PREFERRED_START_OUTSIDE_WINDOW = "voorkeur_begin ligt niet in het venster"
    FITS_ON_NO_DAY = "het venster past op geen van de dagen binnen de schooltijden"
    MORE_SESSIONS_THAN_DAYS = "keer_per_week is meer dan het aantal toegestane dagen"
    NO_ROLE_LEFT = "de taak staat geen van de functies toe"


def window_fault(start: int, end: int, duration_min: int, preferred_start: int | None) -> RequestFault | None:
    """The first fault of a window for sessions of ``duration_min``, if any."""
    if end <= start:
        return RequestFault.WINDOW_NOT_AFTER_START
    if end - start < duration_min:
        return RequestFault.WINDOW_SHORTER_THAN_DURATION
    if preferred_start is not None and not start <= preferred_start <= end - duration_min:
        return RequestFault.PREFERRED_START_OUTSIDE_WINDOW
    return None


def days_fault(school: School, request: Request) -> RequestFault | None:
    """Its window fits on none of its days, or it asks more sessions than it has allowed days."""
    allowed = school.allowed_days(request)
    if not allowed:
        return RequestFault.FITS_ON_NO_DAY
    if request.sessions_per_week > len(allowed):
        return RequestFault.MORE_SESSIONS_THAN_DAYS
    return None


def roles_fault(school: School, request: Request) -> RequestFault | None:
    """The request's ``functies`` and its task's roles in ``Taken`` have no role in common."""
    return None if school.allowed_roles(request) else RequestFault.NO_ROLE_LEFT
