"""What planning a school gives: the plan and why requests did not (fully) fit."""

from __future__ import annotations

from dataclasses import dataclass

from planner.deadline import Deadline
from planner.diagnosis import Diagnosis
from planner.model import Plan, School


@dataclass(frozen=True)
class SolveOutcome:
    """A solved school: the input, the plan and why requests did not (fully) fit."""

    school: School
    plan: Plan
    diagnoses: tuple[Diagnosis, ...] = ()
    write_by: Deadline | None = None  # the job's end: the result workbook is written by then (None: no limit)
