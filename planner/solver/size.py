"""The model's size before it is built, and building it within the job's time.

A school's CP-SAT model grows with its hand literals (one per request, day, start and helper that the
hard rules of single facts allow; ``variables.index_candidates`` counts them without building
anything). Building the model (variables, hard rules, dominance) takes time and memory in proportion
to them, and searching it needs more. ``ModelSize.fits`` says, before building, whether the model can
be built with time left to search and within ``MEMORY_BUDGET_MB``; ``build_model`` builds it, checking
the job's deadline between steps. When either says no, ``solve()`` returns the greedy plan
(``planner.solver.quick``) instead of hanging or growing without bound.

Measured on the 2-core machine at load 2–3: building took 4.1 s for 56,000 literals (300 requests),
7.5 s for 163,000 (1,000) and 17 s for 325,000 (2,000), 45–75 µs per literal; at load 8, 230 µs. The
process held about 1 kB per literal once built, and 660 MB at its peak at 2,000 requests while CP-SAT
presolved. A busier machine than the constants assume overruns the build, and the deadline catches it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.deadline import Deadline
from planner.solver.dominance import LeftShift, add_left_shift_dominance, set_compact
from planner.solver.rules import HARD_RULES
from planner.solver.variables import CandidateSpace, add_variables

BUILD_S_PER_LITERAL = 90e-6  # above the measured 45–75 µs, for a machine that is somewhat busy
BUILD_BASE_S = 0.02
SEARCH_SHARE = 0.5  # building may take at most this part of the time left: the rest is for searching
# CP-SAT needs about this long per literal to presolve and take over the greedy hint (measured: 1.1 s at
# 56,000 literals); with less time left after building, its first level would end without a plan of its own.
SEARCH_S_PER_LITERAL = 20e-6
# Measured at 1,000 requests (163,000 literals) searched for 40 s: 690 MB at the peak, about 120 MB of it the
# program and the school. So the budget lets CP-SAT search up to about 200,000 literals, at about 820 MB in all.
MEMORY_PER_LITERAL_KB = 3.6
MEMORY_BUDGET_MB = 700.0  # for the model and CP-SAT, on top of the school and the program itself


@dataclass(frozen=True)
class ModelSize:
    """How large the CP-SAT model of a candidate space will be."""

    sessions: int  # candidate sessions (request, day, start)
    hands: int  # hand literals (candidate session, helper)

    @classmethod
    def of(cls, space: CandidateSpace) -> ModelSize:
        return cls(len(space.helpers_of_slot), sum(len(hands) for hands in space.helpers_of_slot.values()))

    def build_s(self) -> float:
        """The time building the model is expected to take, at most."""
        return BUILD_BASE_S + BUILD_S_PER_LITERAL * self.literals

    def memory_mb(self) -> float:
        """The memory the model and CP-SAT are expected to take."""
        return MEMORY_PER_LITERAL_KB * self.literals / 1024

    def fits(self, left_s: float) -> bool:
        """Whether the model can be built and searched in ``left_s`` seconds and within the memory budget."""
        if self.memory_mb() > MEMORY_BUDGET_MB:
            return False
        search_s = left_s - self.build_s()
        return self.build_s() <= SEARCH_SHARE * left_s and search_s >= SEARCH_S_PER_LITERAL * self.literals

    @property
    def literals(self) -> int:
        return self.sessions + self.hands


def build_model(model: cp_model.CpModel, space: CandidateSpace, deadline: Deadline) -> LeftShift | None:
    """The variables, the hard rules and the left-shift dominance (switched on); None when the deadline
    passed while building (the model is then incomplete and must not be searched)."""
    if not add_variables(model, space, deadline):
        return None
    for rule in HARD_RULES:
        if deadline.passed():
            return None
        rule.add(model, space)
    compact = add_left_shift_dominance(model, space)
    set_compact(model, compact, enforced=True)
    return None if deadline.passed() else compact
