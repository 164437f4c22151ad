"""The application API: the ``handenplanner`` commands and the web app call this package and,
besides ``planner.model`` and ``planner.timegrid``, nothing else of ``planner`` (a test keeps it so).

* a planning workbook: ``read_school`` (raises ``WorkbookError`` with every problem),
  ``check_workbook_size`` (the file and its rows, cells and texts against ``SizeLimits``, streamed
  before anything loads it; ``read_school`` does it first, with ``WORKBOOK_LIMITS``),
  ``write_template``, ``school_bytes`` (a school's input sheets);
* solve and explain: ``solve_school`` / ``solve_workbook`` with ``PlanOptions``, a progress callback
  (``Progress``) and a stop check give a ``SolveOutcome`` with the plan and its ``Diagnosis`` per
  request not fully placed; ``explain_plan`` explains a given plan;
* the time limit is the whole job, writing included: ``split_time`` divides it up front
  (``TimeSplit``), announced in the progress under ``TIME_SPLIT_KEY``;
* the result: ``write_result`` / ``result_bytes`` (the result workbook; ``with_plan_status`` sets the line
  under ``Overzicht``'s title in one written with ``STATUS_PLACEHOLDER``), ``key_figures`` (one JSON
  shape), and for a stored plan ``restored_diagnosis`` and ``stored_outcome``;
* ways to fit: a diagnosis's ``way_to_fit`` (a ``WayToFit``: the change that keeps the plan, its price
  and who must agree) and ``hours_offers`` (``HoursOffer``: what more hours of one helper on one day
  would honour, best value per extra hour first);
* a plan's figures (``figures_per_priority`` …), and why helpers' hours stay unused
  (``explain_idle_hours``);
* from desirable to feasible: ``demand_vs_capacity``, ``capacity_curve``, ``compare_schools`` (each
  one job within its time limit, with progress and a stop check) and their workbooks and picture;
  ``curve_dips`` (why a lower priority dips on the curve); ``with_more_hours`` (a scenario: one
  helper's weekly hours raised);
* words and numbers a user reads: ``plural`` (``1 aanvraag``, ``2 aanvragen``), ``decimal`` (a decimal
  comma), ``join_dutch``; a plan's outcome in words: ``priority_lines``, ``proof_sentence``,
  ``level_rows`` (``LevelRow``);
* a day's absence: ``check_absence_date``, ``plan_absence`` (a ``LapseReason`` per lapsed session);
* the plan on the calendar: ``school_dates`` (school days minus holidays and study days) and
  ``dated_sessions`` (``DatedSession``: each date's sessions, passed-on absences applied);
* one person's changes between two plans: ``week_changes`` (``WeekChanges``) and ``week_order``;
* what changes between two plans: ``diff_plans`` (a ``PlanDiff`` of ``SessionChange``), per helper
  (``changes_per_helper``) and per teacher (``changes_per_teacher``);
* checks the web shares with the workbook reader: ``usable_pins`` (the feasibility ledger) and the
  request checks (``window_fault``, ``days_fault``, ``roles_fault``);
* the value rules (``planner.value_rules``), one set for workbook, forms and command line: a
  ``NumberRule`` per number (``HOURS_PER_WEEK``, ``HOURS_PER_DAY``, ``HANDS``, ``TIME_LIMIT_S``,
  ``CHANGEOVER_MIN``, ``SESSIONS_PER_WEEK``, ``DURATION_MIN``; ``time_step_fault``), a ``TextRule`` per
  text column sized by ``TEXT_LIMITS`` (``SCHOOL_NAME``, ``PERSON_NAME``, ``EMAIL``, ``GROUP_NAME``,
  ``LOCATION``, ``REQUEST_ID``, ``SUBJECT``, ``TASK``, ``SUBGROUP``, ``LONG_TEXT``), ``parse_number``
  (plain digits only) and ``quoted`` (a bad value as a message repeats it, at most ``QUOTE_LIMIT``).
"""

from planner.absence import AbsenceDay, AbsenceError, DayChange, check_absence_date, plan_absence
from planner.absence_reasons import LapseCause, LapseReason
from planner.analysis import demand_vs_capacity
from planner.curve_chart import write_curve_png
from planner.curve_notes import CurveDip, curve_dips
from planner.dated_plan import DatedSession, dated_sessions, school_dates
from planner.diagnosis import Agreement, ChangeKind, Diagnosis, HoursOffer, WayToFit, hours_offers
from planner.diagnosis.idle_hours import IdleHours, explain_idle_hours
from planner.dutch import decimal, join_dutch, plural
from planner.figures import (
    PriorityFigures,
    available_minutes,
    figures_per_priority,
    planned_minutes,
    planned_minutes_per_helper,
    requested_minutes,
    total_honoured_share,
)
from planner.ledger import usable_pins
from planner.outcome_words import LevelRow, level_rows, priority_lines, proof_sentence
from planner.parent_process import end_with_parent
from planner.plan_diff import (
    PlanDiff,
    SessionChange,
    SessionChangeKind,
    changes_per_helper,
    changes_per_teacher,
    diff_plans,
)
from planner.request_checks import RequestFault, days_fault, roles_fault, window_fault
from planner.scenarios import with_more_hours
from planner.services.analysis import capacity_curve, compare_schools
from planner.services.budget import TIME_SPLIT_KEY, TimeSplit, split_time
from planner.services.figures_json import key_figures
from planner.services.outcome import SolveOutcome
from planner.services.solving import PlanOptions, explain_plan, solve_school, solve_workbook
from planner.services.workbooks import (
    WORKBOOK_LIMITS,
    SizeLimits,
    check_workbook_size,
    read_school,
    restored_diagnosis,
    result_bytes,
    school_bytes,
    stored_outcome,
    write_result,
)
from planner.solver import Progress
from planner.value_rules import (
    CHANGEOVER_MIN,
    DURATION_MIN,
    EMAIL,
    GROUP_NAME,
    HANDS,
    HOURS_PER_DAY,
    HOURS_PER_WEEK,
    LOCATION,
    LONG_TEXT,
    PERSON_NAME,
    QUOTE_LIMIT,
    REQUEST_ID,
    SCHOOL_NAME,
    SESSIONS_PER_WEEK,
    SUBGROUP,
    SUBJECT,
    TASK,
    TEXT_LIMITS,
    TIME_LIMIT_S,
    NumberRule,
    TextRule,
    parse_number,
    quoted,
    time_step_fault,
)
from planner.week_changes import WeekChanges, week_changes, week_order
from planner.workbook import WorkbookError, write_template
from planner.workbook.analysis_sheets import write_compare_workbook, write_curve_workbook
from planner.workbook.overview import METHOD_EXPLANATION
from planner.workbook.status_line import STATUS_PLACEHOLDER, StatusLineMissingError, with_plan_status

__all__ = [
    "CHANGEOVER_MIN",
    "DURATION_MIN",
    "EMAIL",
    "GROUP_NAME",
    "HANDS",
    "HOURS_PER_DAY",
    "HOURS_PER_WEEK",
    "LOCATION",
    "LONG_TEXT",
    "METHOD_EXPLANATION",
    "PERSON_NAME",
    "QUOTE_LIMIT",
    "REQUEST_ID",
    "SCHOOL_NAME",
    "SESSIONS_PER_WEEK",
    "STATUS_PLACEHOLDER",
    "SUBGROUP",
    "SUBJECT",
    "TASK",
    "TEXT_LIMITS",
    "TIME_LIMIT_S",
    "TIME_SPLIT_KEY",
    "WORKBOOK_LIMITS",
    "AbsenceDay",
    "AbsenceError",
    "Agreement",
    "ChangeKind",
    "CurveDip",
    "DatedSession",
    "DayChange",
    "Diagnosis",
    "HoursOffer",
    "IdleHours",
    "LapseCause",
    "LapseReason",
    "LevelRow",
    "NumberRule",
    "PlanDiff",
    "PlanOptions",
    "PriorityFigures",
    "Progress",
    "RequestFault",
    "SessionChange",
    "SessionChangeKind",
    "SizeLimits",
    "SolveOutcome",
    "StatusLineMissingError",
    "TextRule",
    "TimeSplit",
    "WayToFit",
    "WeekChanges",
    "WorkbookError",
    "available_minutes",
    "capacity_curve",
    "changes_per_helper",
    "changes_per_teacher",
    "check_absence_date",
    "check_workbook_size",
    "compare_schools",
    "curve_dips",
    "dated_sessions",
    "days_fault",
    "decimal",
    "demand_vs_capacity",
    "diff_plans",
    "end_with_parent",
    "explain_idle_hours",
    "explain_plan",
    "figures_per_priority",
    "hours_offers",
    "join_dutch",
    "key_figures",
    "level_rows",
    "parse_number",
    "plan_absence",
    "planned_minutes",
    "planned_minutes_per_helper",
    "plural",
    "priority_lines",
    "proof_sentence",
    "quoted",
    "read_school",
    "requested_minutes",
    "restored_diagnosis",
    "result_bytes",
    "roles_fault",
    "school_bytes",
    "school_dates",
    "solve_school",
    "solve_workbook",
    "split_time",
    "stored_outcome",
    "time_step_fault",
    "total_honoured_share",
    "usable_pins",
    "week_changes",
    "week_order",
    "window_fault",
    "with_more_hours",
    "with_plan_status",
    "write_compare_workbook",
    "write_curve_png",
    "write_curve_workbook",
    "write_result",
    "write_template",
]
