"""The request checks that the model, the Aanvragen sheet and the request form share: each fault and its absence."""

from __future__ import annotations

from dataclasses import replace

from planner.model import Task
from planner.request_checks import RequestFault, days_fault, roles_fault, window_fault
from tests.solver.factory import at, helper, request, school


def test_window_fault_in_the_order_the_model_checks():
    # 45 minutes in 9:00–10:00 may start between 9:00 and 9:15.
    assert window_fault(at(9), at(10), 45, at(9, 15)) is None
    assert window_fault(at(10), at(9), 45, None) == RequestFault.WINDOW_NOT_AFTER_START
    assert window_fault(at(9), at(9, 30), 45, None) == RequestFault.WINDOW_SHORTER_THAN_DURATION
    assert window_fault(at(9), at(10), 45, at(9, 30)) == RequestFault.PREFERRED_START_OUTSIDE_WINDOW


def test_days_fault_against_the_school_days_and_hours():
    # School runs 8:30–12:00 on Monday and Tuesday: a 9:00–10:00 window fits both days, 12:00–13:00 none.
    days = ("ma", "di")
    twice = request("A", at(9), at(10), sessions_per_week=2)
    instance = school((helper("Anna"),), (twice,), days)
    assert days_fault(instance, twice) is None
    assert days_fault(instance, replace(twice, sessions_per_week=3)) == RequestFault.MORE_SESSIONS_THAN_DAYS
    assert days_fault(instance, replace(twice, window_start=at(12), window_end=at(13))) == RequestFault.FITS_ON_NO_DAY


def test_roles_fault_when_the_task_allows_none_of_the_chosen_roles():
    # The task list allows only assistants to take over the basisgroep; an intern alone is no role left.
    task = Task("basisgroep overnemen", ("klassenassistent", "onderwijsassistent"))
    assistant = request("A", at(9), at(10), roles=("klassenassistent", "stagiaire"))
    instance = school((helper("Anna"),), (assistant,), tasks=(task,))
    assert roles_fault(instance, assistant) is None
    assert roles_fault(instance, replace(assistant, roles=("stagiaire",))) == RequestFault.NO_ROLE_LEFT
