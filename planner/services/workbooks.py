"""Workbooks in and out: read a planning workbook, write a school or a result workbook.

The result workbook's ``Wat meer uren opleveren`` is computed from the school and the plan when it is
written (fast, no solving), so a stored plan's export has it too.

A plan kept from an earlier run comes back with its diagnoses as stored (``restored_diagnosis``)
and is matched to the school as it is now (``stored_outcome``), so an export gives the same result
workbook as ``handenplanner solve``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from planner.analysis import demand_vs_capacity
from planner.deadline import Deadline
from planner.diagnosis import Cause, Diagnosis, hours_offers
from planner.model import Plan, School, name_key
from planner.services.budget import OFFERS_SHARE, save_reserve_s
from planner.services.outcome import SolveOutcome
from planner.workbook import read_workbook, size_limits, write_school
from planner.workbook import result as result_workbook
from planner.workbook.loading import read_source_bytes
from planner.workbook.size_limits import WORKBOOK_LIMITS, SizeLimits

WorkbookSource = str | os.PathLike[str] | bytes | BinaryIO


def read_school(source: WorkbookSource) -> School:
    """The school of a planning workbook; raises ``WorkbookError`` listing all problems."""
    return read_workbook(source)


def check_workbook_size(source: WorkbookSource, limits: SizeLimits = WORKBOOK_LIMITS) -> None:
    """Refuse a file that is no workbook or is larger than ``limits``, streaming it before anything loads it.

    ``read_school`` does this first; raises ``WorkbookError`` saying which sheet passes which limit.
    """
    size_limits.check_workbook_size(read_source_bytes(source), limits)


def school_bytes(school: School) -> bytes:
    """A workbook with just the input sheets (no plan), e.g. for a download."""
    buffer = io.BytesIO()
    write_school(school, buffer)
    return buffer.getvalue()


def write_result(outcome: SolveOutcome, path: str | os.PathLike[str]) -> Path:
    """Write the result workbook (input sheets, plan sheets, what more hours buy, demand vs capacity) to ``path``,
    by ``outcome.write_by``: what more hours buy gets ``OFFERS_SHARE`` of the time left and the sheets that
    explain the plan the rest, less the time to save (``save_reserve_s``)."""
    school, plan = outcome.school, outcome.plan
    extras_by = None if outcome.write_by is None else Deadline(outcome.write_by.at - save_reserve_s(school))
    offers_s = None if extras_by is None else OFFERS_SHARE * extras_by.left_s()
    offers = hours_offers(school, plan, time_limit_s=offers_s)
    return result_workbook.write_result(
        school, plan, path, outcome.diagnoses, demand_vs_capacity(school), offers, deadline=extras_by
    )


def result_bytes(outcome: SolveOutcome, plan_status: str | None = None) -> bytes:
    """The result workbook as bytes, e.g. for a download in the web app.

    ``plan_status`` is the line ``Overzicht`` shows under its title, saying which plan this is
    ("Concept — niet gepubliceerd", "Gepubliceerd op …"); None leaves it out, as the command line does.
    """
    school, plan = outcome.school, outcome.plan
    workbook = result_workbook.build_result_workbook(
        school, plan, outcome.diagnoses, demand_vs_capacity(school), hours_offers(school, plan), plan_status
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def restored_diagnosis(request_id: str, cause: str, reason: str, suggestion: str | None) -> Diagnosis:
    """A diagnosis as stored: its cause by its Dutch label (``Cause.value``), the texts as shown."""
    return Diagnosis(request_id, Cause(cause), reason, facts=None, suggestion=suggestion or None)


def stored_outcome(school: School, plan: Plan, diagnoses: Iterable[Diagnosis]) -> SolveOutcome:
    """A plan of an earlier run for the school as it is now: what refers to removed requests or helpers goes."""
    requests = {name_key(request.request_id) for request in school.requests}
    helpers = {name_key(helper.name) for helper in school.helpers}
    sessions = tuple(
        session
        for session in plan.sessions
        if name_key(session.request_id) in requests and all(name_key(name) in helpers for name in session.helpers)
    )
    kept = tuple(diagnosis for diagnosis in diagnoses if name_key(diagnosis.request_id) in requests)
    return SolveOutcome(school, replace(plan, sessions=sessions), kept)
