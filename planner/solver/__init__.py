"""The CP-SAT planner: hard rules (``rules.py``), objective levels (``objective.py``), ``solve()``."""

from planner.solver.objective import LEVELS, Level
from planner.solver.rules import HARD_RULES, HardRule
from planner.solver.search import Progress, StallRule, progress_led_by
from planner.solver.solve import SolveOptions, solve

__all__ = [
    "HARD_RULES",
    "LEVELS",
    "HardRule",
    "Level",
    "Progress",
    "SolveOptions",
    "StallRule",
    "progress_led_by",
    "solve",
]
