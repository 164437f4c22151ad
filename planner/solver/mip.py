"""A second engine for the levels: the CP-SAT level model solved as a MIP by HiGHS.

``solve_mip`` takes the CP-SAT model as ``solve()`` holds it at a level — candidate space,
``HARD_RULES``, left-shift dominance, the levels above held at their values, this level as the
objective — translates it constraint by constraint (``mip_translate.py``) and solves it with
HiGHS, which OR-Tools ships. Its uses:

* the LP relaxation (``relaxation=True``): a bound, on typical schools in 1–3 s (translation included);
* the full MIP, started from CP-SAT's plan (``hint``): HiGHS stops as soon as its bound is within
  one of the best plan (level values are integers), so from CP-SAT's plan it stops the moment it
  proves CP-SAT's value optimal (``MipRun.proves``) — which CP-SAT on its own may take long to
  show — or it returns a better plan of its own.

``LevelMip`` builds that model for a school with the builders ``solve()`` uses and walks the
levels like ``solve()``: each level held at its value before the next is the objective.
``mip_level_bound`` does all of it for one level in one call.
"""

from __future__ import annotations

import datetime
import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ortools.math_opt import model_parameters_pb2, result_pb2, solution_pb2
from ortools.math_opt.core.python import solver as mathopt_core
from ortools.math_opt.python import callback, init_arguments, mathopt
from ortools.math_opt.solvers import highs_pb2
from ortools.sat.python import cp_model

from planner.model import School, Session
from planner.solver.dominance import add_left_shift_dominance, set_compact
from planner.solver.mip_translate import UntranslatableModelError, mip_from_cp
from planner.solver.objective import Level, LevelExpression, levels_up_to
from planner.solver.rules import add_hard_rules
from planner.solver.variables import build_space, find_assignment, plan_sessions

LOGGER = logging.getLogger(__name__)
# A level's value is an integer (objective.py scales it so): HiGHS may stop once its bound is less than
# one above (below) the best plan, since no integer lies between.
PROVEN_GAP = 1 - 1e-3
# A bound within this of an integer counts as that integer (HiGHS's feasibility tolerance is 1e-7): the
# proofs are as exact as HiGHS's floating-point arithmetic, not exact in rationals as CP-SAT's are.
INTEGRALITY_SLACK = 1e-6
EXACT_SLACK = 1e-9  # a scaled value this close to an integer is that integer (float sums of fractions)
FEASIBLE = solution_pb2.SOLUTION_STATUS_FEASIBLE


@dataclass(frozen=True)
class MipRun:
    """What HiGHS reached on the model's objective, unscaled (as CP-SAT's objective values)."""

    maximize: bool
    value: int | None  # the best plan's objective; None without one (or for the LP relaxation)
    bound: int | None  # the dual bound, rounded to the integer it proves; None without one
    solution: tuple[int, ...] | None  # a value per CP-SAT variable
    infeasible: bool
    nodes: int
    time_s: float

    @property
    def proven(self) -> bool:
        return self.value is not None and self.proves(self.value)

    def proves(self, value: int) -> bool:
        """No plan beats ``value`` (e.g. CP-SAT's): the bound has reached it."""
        if self.bound is None:
            return False
        return self.bound <= value if self.maximize else self.bound >= value


def solve_mip(
    model: cp_model.CpModel,
    time_limit_s: float,
    hint: Mapping[int, int] | None = None,
    relaxation: bool = False,
) -> MipRun:
    """Solve the CP-SAT model with its objective by HiGHS, started from ``hint`` (values by variable
    index; a part of the variables is enough, HiGHS completes the rest)."""
    maximize = model.proto.objective.scaling_factor < 0
    began = time.monotonic()
    try:
        mip = mip_from_cp(model.proto)
    except UntranslatableModelError as error:
        LOGGER.warning("no MIP for this model: %s", error)
        return MipRun(maximize, None, None, None, False, 0, time.monotonic() - began)
    # MathOpt's own solve() would first copy the proto into a Python model (twice the memory, and a
    # Python object per variable for the hint and the solution): hand HiGHS the proto directly.
    result = mathopt_core.solve(
        mip,
        mathopt.SolverType.HIGHS.value,
        init_arguments.StreamableSolverInitArguments().to_proto(),
        _parameters(time_limit_s - (time.monotonic() - began), relaxation).to_proto(),
        _model_parameters(None if relaxation else hint),
        None,
        callback.CallbackRegistration().to_proto(),
        None,
        None,
    )
    return _run(result, maximize, relaxation, len(model.proto.variables), time.monotonic() - began)


def _model_parameters(hint: Mapping[int, int] | None) -> model_parameters_pb2.ModelSolveParametersProto:
    parameters = model_parameters_pb2.ModelSolveParametersProto()
    if hint:
        ordered = sorted(hint.items())
        values = parameters.solution_hints.add().variable_values
        values.ids.extend(idx for idx, _value in ordered)
        values.values.extend(float(value) for _idx, value in ordered)
    return parameters


def _parameters(time_limit_s: float, relaxation: bool) -> mathopt.SolveParameters:
    params = mathopt.SolveParameters(
        time_limit=datetime.timedelta(seconds=max(time_limit_s, 0.01)),
        relative_gap_tolerance=0.0,
        absolute_gap_tolerance=PROVEN_GAP,
        random_seed=0,
    )
    if relaxation:
        params.highs = highs_pb2.HighsOptionsProto(bool_options={"solve_relaxation": True})
        # The interior point method: board seed 2's four sharing locations (65.870 candidates, without the
        # dominance) in 13 s, against 43 s by the simplex method; the same bound.
        params.lp_algorithm = mathopt.LPAlgorithm.BARRIER
    return params


def _run(result: result_pb2.SolveResultProto, maximize: bool, relaxation: bool, variables: int, took: float) -> MipRun:
    reason = result.termination.reason
    nodes = result.solve_stats.node_count
    if reason == result_pb2.TERMINATION_REASON_INFEASIBLE:
        return MipRun(maximize, None, None, None, True, nodes, took)
    optimal = reason == result_pb2.TERMINATION_REASON_OPTIMAL
    primal = next(
        (s.primal_solution for s in result.solutions if s.primal_solution.feasibility_status == FEASIBLE), None
    )
    if relaxation:  # the LP optimum is the relaxation's bound
        raw_bound = (
            primal.objective_value if optimal and primal is not None else result.termination.objective_bounds.dual_bound
        )
        return MipRun(maximize, None, _integral(raw_bound, maximize), None, False, nodes, took)
    bound = _integral(result.termination.objective_bounds.dual_bound, maximize)
    if primal is None:
        return MipRun(maximize, None, bound, None, False, nodes, took)
    value = round(primal.objective_value)
    if optimal:
        bound = value  # HiGHS stopped within PROVEN_GAP of the plan, which integrality closes
    solution = [0] * variables
    for idx, var_value in zip(primal.variable_values.ids, primal.variable_values.values, strict=True):
        if idx < variables:
            solution[idx] = round(var_value)
    return MipRun(maximize, value, bound, tuple(solution), False, nodes, took)


def _integral(bound: float, maximize: bool) -> int | None:
    """The integer a bound proves: level values are integers."""
    if not math.isfinite(bound):
        return None
    return math.floor(bound + INTEGRALITY_SLACK) if maximize else math.ceil(bound - INTEGRALITY_SLACK)


@dataclass(frozen=True)
class MipResult:
    """One level solved by HiGHS, scaled as ``LevelResult`` (``expression / scale``), with its plan."""

    level_key: str
    run: MipRun
    scale: int
    sessions: tuple[Session, ...]

    @property
    def value(self) -> float | None:
        return None if self.run.value is None else self.run.value / self.scale

    @property
    def bound(self) -> float | None:
        return None if self.run.bound is None else self.run.bound / self.scale

    @property
    def proven(self) -> bool:
        return self.run.proven

    def proves(self, value: float) -> bool:
        """No plan beats ``value`` (scaled, e.g. CP-SAT's ``LevelResult.value``) on this level."""
        return self.run.proves(round(value * self.scale))


class LevelMip:
    """A school's level model, built as ``solve()`` builds it, to be solved level by level with HiGHS."""

    def __init__(self, school: School, previous: tuple[Session, ...] = (), dominance: bool = True) -> None:
        """``dominance``: with the left-shift dominance (as ``solve()``); without it the model is a relaxation with
        the same optimum and about a third of the rows, for a bound alone (measured on board seed 2's four sharing
        locations: 21.348 rows against 78.936, the same LP bound)."""
        self.model = cp_model.CpModel()
        self.space = build_space(self.model, school)
        add_hard_rules(self.model, self.space)
        found = (find_assignment(self.space, s.request_id, h, s.day, s.start) for s in previous for h in s.helpers)
        self.space.previous.extend(dict.fromkeys(a for a in found if a is not None))
        self._compact = add_left_shift_dominance(self.model, self.space) if dominance else None
        self.levels = levels_up_to("gaps", replanning=bool(self.space.previous))
        self._built: dict[str, LevelExpression] = {}

    def level(self, key: str) -> Level:
        return next(level for level in self.levels if level.info.key == key)

    def expression(self, key: str) -> LevelExpression:
        if key not in self._built:
            self._built[key] = self.level(key).build(self.model, self.space)
        return self._built[key]

    def hold(self, key: str, value: float) -> None:
        """Hold a level at ``value`` (scaled, as ``LevelResult.value``), as ``solve()`` does after a level. A value
        between two of the level's exact values (float sums, bounds) is held at the weaker of them, so a hold is
        never stronger than the value it was given."""
        built = self.expression(key)
        if isinstance(built.expression, int):
            return  # nothing to choose on this level
        if self.level(key).maximize:
            self.model.add(built.expression >= math.floor(value * built.scale + EXACT_SLACK))
        else:
            self.model.add(built.expression <= math.ceil(value * built.scale - EXACT_SLACK))

    def solve_level(
        self,
        key: str,
        time_limit_s: float,
        hint: tuple[Session, ...] | None = None,
        relaxation: bool = False,
    ) -> MipResult:
        """Optimise one level, the levels held so far kept, started from the plan ``hint``."""
        level, built = self.level(key), self.expression(key)
        if isinstance(built.expression, int):  # nothing to choose: the value is known
            run = MipRun(level.maximize, built.expression, built.expression, None, False, 0, 0.0)
            return MipResult(key, run, built.scale, ())
        self.set_objective(key)
        solution_hint = None if hint is None else self.plan_values(hint, self.ignores_start(key))
        run = solve_mip(self.model, time_limit_s, solution_hint, relaxation)
        sessions = () if run.solution is None else plan_sessions(self.space, run.solution)
        return MipResult(key, run, built.scale, sessions)

    def set_objective(self, key: str) -> LevelExpression:
        """Make the level the model's objective (the dominance switched as ``solve()`` has it there)."""
        level, built = self.level(key), self.expression(key)
        if self._compact is not None:
            set_compact(self.model, self._compact, enforced=self.ignores_start(key))
        (self.model.maximize if level.maximize else self.model.minimize)(built.expression)
        return built

    def ignores_start(self, key: str) -> bool:
        """The dominance holds up to the first level that depends on the start (as in ``solve()``)."""
        levels = self.levels[: self.levels.index(self.level(key)) + 1]
        return not any(level.depends_on_start for level in levels)

    def plan_values(self, sessions: tuple[Session, ...], compact: bool) -> dict[int, int]:
        """The plan's candidates and the dominance switch by variable index (HiGHS completes the rest)."""
        values = {var.index: 0 for var in (*self.space.session_vars.values(), *self.space.helper_vars.values())}
        for session in sessions:
            for name in session.helpers:
                assignment = find_assignment(self.space, session.request_id, name, session.day, session.start)
                if assignment is not None:
                    values[self.space.session_vars[assignment.slot].index] = 1
                    values[self.space.helper_vars[assignment].index] = 1
        if self._compact is not None:
            values[self._compact.switch.index] = int(compact)
        return values


def mip_level_bound(
    school: School,
    level_key: str,
    held: Mapping[str, float],
    hint: tuple[Session, ...] | None,
    time_limit_s: float,
) -> MipResult:
    """One level of ``school`` by HiGHS: the levels before it held at ``held`` (scaled values by key, as
    ``LevelResult.value``), started from ``hint`` (e.g. CP-SAT's plan)."""
    began = time.monotonic()
    level_mip = LevelMip(school)
    for level in level_mip.levels[: level_mip.levels.index(level_mip.level(level_key))]:
        level_mip.hold(level.info.key, held[level.info.key])
    return level_mip.solve_level(level_key, time_limit_s - (time.monotonic() - began), hint)


def highs_proves(model: cp_model.CpModel, value: int, solution: Sequence[int], time_limit_s: float) -> bool:
    """The level loop's question to HiGHS: on the model as CP-SAT left a level unproven (that level the
    objective, the levels above held), does HiGHS's bound prove CP-SAT's ``value`` (unscaled) optimal?
    Started from CP-SAT's ``solution``, for at most ``time_limit_s`` (translating included)."""
    return solve_mip(model, time_limit_s, dict(enumerate(solution))).proves(value)
