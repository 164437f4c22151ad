"""The CP-SAT level model, constraint by constraint, as a MathOpt MIP.

The model ``solve()`` optimises is linear over booleans and bounded integers: the candidate
space, ``HARD_RULES`` (``add_at_most_one``, ``add_bool_or``, linear sums), the left-shift
dominance (linear, ``only_enforce_if`` its switch), the levels (linear, an implication) and the
held levels (linear). Each of these has an exact linear twin, written here from the model's
proto, so the MIP is the CP-SAT model itself rather than a second copy of the rules that could
drift. Variable ``i`` of the CP-SAT model is variable ``i`` of the MIP.

A constraint or domain without an exact twin (a domain with holes, a constraint type the
builders do not use) raises ``UntranslatableModelError``: no bound is then reported from the MIP.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ortools.math_opt import model_pb2
from ortools.sat.python import cp_model_helper

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
TRANSLATED = ("linear", "at_most_one", "bool_or", "exactly_one", "bool_and")
NOT_TRANSLATED = (
    "bool_xor", "int_div", "int_mod", "int_prod", "lin_max", "all_diff", "element", "circuit", "routes", "table",
    "automaton", "inverse", "reservoir", "interval", "no_overlap", "no_overlap_2d", "cumulative",
)  # fmt: skip


class UntranslatableModelError(ValueError):
    """The CP-SAT model holds something the MIP cannot state exactly."""


@dataclass
class _Row:
    """One linear row ``lower <= sum(coeff * var) <= upper`` under construction."""

    terms: dict[int, int] = field(default_factory=dict)
    constant: int = 0  # from negated literals: not(x) = 1 - x

    def add(self, var: int, coeff: int) -> None:
        self.terms[var] = self.terms.get(var, 0) + coeff

    def add_literal(self, literal: int, coeff: int = 1) -> None:
        if literal >= 0:
            self.add(literal, coeff)
        else:
            self.add(-literal - 1, -coeff)
            self.constant += coeff


def mip_from_cp(proto: cp_model_helper.CpModelProto) -> model_pb2.ModelProto:
    """The MIP of a CP-SAT model: same variables (same indices), constraints and objective."""
    bounds = [_bounds(var.domain) for var in proto.variables]
    mip = model_pb2.ModelProto(name="handenplanner")
    mip.variables.ids.extend(range(len(bounds)))
    mip.variables.lower_bounds.extend(low for low, _high in bounds)
    mip.variables.upper_bounds.extend(high for _low, high in bounds)
    mip.variables.integers.extend([True] * len(bounds))
    writer = _RowWriter(mip)
    for constraint in proto.constraints:
        for row, lower, upper in _rows(constraint, bounds):
            writer.write(row, lower, upper)
    _objective(mip, proto)
    return mip


def _bounds(domain: Sequence[int]) -> tuple[float, float]:
    if len(domain) != 2:
        raise UntranslatableModelError("a variable domain with holes")
    return _finite_or_inf(domain[0]), _finite_or_inf(domain[1])


def _finite_or_inf(value: int) -> float:
    if value <= INT64_MIN:
        return -math.inf
    if value >= INT64_MAX:
        return math.inf
    return float(value)


def _rows(
    constraint: cp_model_helper.ConstraintProto, bounds: list[tuple[float, float]]
) -> Iterable[tuple[_Row, float, float]]:
    """The constraint's rows, each relaxed by a big-M when an enforcement literal is off."""
    kind = _kind(constraint)
    if kind == "linear":
        rows = [_linear(constraint.linear)]
    elif kind in ("bool_or", "at_most_one", "exactly_one"):
        rows = [_clause(kind, getattr(constraint, kind).literals)]
    elif kind == "bool_and":
        rows = [_clause("bool_or", [literal]) for literal in constraint.bool_and.literals]
    else:
        return  # a constraint without a type constrains nothing
    enforcement = list(constraint.enforcement_literal)
    for row, lower, upper in rows:
        if not enforcement:
            yield row, lower, upper
            continue
        low, high = _activity(row, bounds)
        if math.isfinite(upper):
            yield _relaxed(row, enforcement, high - upper), -math.inf, upper
        if math.isfinite(lower):
            yield _relaxed(row, enforcement, low - lower), lower, math.inf


def _kind(constraint: cp_model_helper.ConstraintProto) -> str | None:
    """The constraint's type among those with a linear twin; ``UntranslatableModelError`` for another."""
    kind = next((kind for kind in TRANSLATED if getattr(constraint, f"has_{kind}")()), None)
    if kind is None:
        other = next((kind for kind in NOT_TRANSLATED if getattr(constraint, f"has_{kind}")()), None)
        if other is not None:
            raise UntranslatableModelError(f"a constraint of type {other}")
    return kind


def _linear(linear: cp_model_helper.LinearConstraintProto) -> tuple[_Row, float, float]:
    if len(linear.domain) != 2:
        raise UntranslatableModelError("a linear constraint whose domain has holes")
    row = _Row()
    for var, coeff in zip(linear.vars, linear.coeffs, strict=True):
        row.add(var, coeff)
    return row, _finite_or_inf(linear.domain[0]), _finite_or_inf(linear.domain[1])


def _clause(kind: str, literals: Sequence[int]) -> tuple[_Row, float, float]:
    row = _Row()
    for literal in literals:
        row.add_literal(literal)
    lower = 1.0 if kind in ("bool_or", "exactly_one") else -math.inf
    upper = 1.0 if kind in ("at_most_one", "exactly_one") else math.inf
    return row, lower, upper


def _activity(row: _Row, bounds: list[tuple[float, float]]) -> tuple[float, float]:
    """The smallest and largest value of the row's terms (constant included) within the bounds."""
    low = high = float(row.constant)
    for var, coeff in row.terms.items():
        ends = (coeff * bounds[var][0], coeff * bounds[var][1])
        low, high = low + min(ends), high + max(ends)
    if not (math.isfinite(low) and math.isfinite(high)):
        raise UntranslatableModelError("an enforced constraint over an unbounded variable")
    return low, high


def _relaxed(row: _Row, enforcement: list[int], big_m: float) -> _Row:
    """``row`` plus ``big_m`` times the number of enforcement literals that are off.

    With every literal on this adds nothing; with one off it moves the row to the end of its
    range (``big_m`` = that end minus the bound, its sign saying which side), so it always holds.
    """
    relaxed = _Row(dict(row.terms), row.constant)
    if big_m == 0:
        return relaxed
    relaxed.constant -= round(big_m) * len(enforcement)
    for literal in enforcement:
        relaxed.add_literal(literal, round(big_m))
    return relaxed


class _RowWriter:
    def __init__(self, mip: model_pb2.ModelProto) -> None:
        self._mip = mip
        self._count = 0

    def write(self, row: _Row, lower: float, upper: float) -> None:
        terms = sorted((var, coeff) for var, coeff in row.terms.items() if coeff != 0)
        if not terms:
            if not lower <= row.constant <= upper:
                self._write_infeasible()
            return
        self._write_terms(terms, lower - row.constant, upper - row.constant)

    def _write_infeasible(self) -> None:
        """A row no solution meets (an empty clause: a pin without a candidate). MathOpt refuses a row
        whose lower bound lies above its upper one, so: a new variable fixed at 0 that must be 1."""
        variables = self._mip.variables
        never = len(variables.ids)  # the ids run 0, 1, ... without gaps
        variables.ids.append(never)
        variables.lower_bounds.append(0.0)
        variables.upper_bounds.append(0.0)
        variables.integers.append(True)
        self._write_terms([(never, 1)], 1.0, 1.0)

    def _write_terms(self, terms: list[tuple[int, int]], lower: float, upper: float) -> None:
        constraints, matrix = self._mip.linear_constraints, self._mip.linear_constraint_matrix
        constraints.ids.append(self._count)
        constraints.lower_bounds.append(lower)
        constraints.upper_bounds.append(upper)
        matrix.row_ids.extend([self._count] * len(terms))
        matrix.column_ids.extend(var for var, _coeff in terms)
        matrix.coefficients.extend(float(coeff) for _var, coeff in terms)
        self._count += 1


def _objective(mip: model_pb2.ModelProto, proto: cp_model_helper.CpModelProto) -> None:
    """CP-SAT keeps a maximisation as the minimisation of the negation, scaled by -1; undo that."""
    if proto.has_floating_point_objective():
        raise UntranslatableModelError("a floating-point objective")
    objective = proto.objective
    scaling = objective.scaling_factor or 1.0
    totals: dict[int, float] = {}
    for var, coeff in zip(objective.vars, objective.coeffs, strict=True):
        totals[var] = totals.get(var, 0.0) + scaling * coeff
    if len(objective.domain) > 2 or (objective.domain and tuple(objective.domain) != (INT64_MIN, INT64_MAX)):
        raise UntranslatableModelError("an objective restricted to a domain")
    mip.objective.maximize = scaling < 0
    mip.objective.offset = scaling * objective.offset
    ordered = sorted(totals.items())
    mip.objective.linear_coefficients.ids.extend(var for var, _coeff in ordered)
    mip.objective.linear_coefficients.values.extend(coeff for _var, coeff in ordered)
