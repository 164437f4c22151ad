"""Whether a plan from HiGHS satisfies the CP-SAT model itself, in exact integers.

HiGHS solves the model's linear twin (``mip_translate.py``) in floating point: its values are rounded to
integers, and a plan within HiGHS's tolerances might break a big-M row by a hair once rounded. Before the
level loop adopts such a plan, every variable domain and every constraint of the CP-SAT model is checked
against it here, with the enforcement literals as CP-SAT reads them. A plan that fails is not adopted.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model_helper

from planner.solver.mip_translate import NOT_TRANSLATED

CHECKED = ("linear", "bool_or", "at_most_one", "exactly_one", "bool_and")


def satisfies(proto: cp_model_helper.CpModelProto, solution: Sequence[int]) -> bool:
    """Every domain and every constraint of ``proto`` holds for ``solution`` (a value per variable)."""
    if len(solution) != len(proto.variables):
        return False
    if not all(_in_domain(value, var.domain) for var, value in zip(proto.variables, solution, strict=True)):
        return False
    return all(_holds(constraint, solution) for constraint in proto.constraints)


def _holds(constraint: cp_model_helper.ConstraintProto, solution: Sequence[int]) -> bool:
    if not all(_literal(literal, solution) for literal in constraint.enforcement_literal):
        return True  # not enforced: it constrains nothing
    kind = next((kind for kind in CHECKED if getattr(constraint, f"has_{kind}")()), None)
    if kind == "linear":
        linear = constraint.linear
        total = sum(coeff * solution[var] for var, coeff in zip(linear.vars, linear.coeffs, strict=True))
        return _in_domain(total, linear.domain)
    if kind is None:
        return _is_empty(constraint)
    truths = [_literal(literal, solution) for literal in getattr(constraint, kind).literals]
    if kind == "bool_or":
        return any(truths)
    if kind == "at_most_one":
        return sum(truths) <= 1
    if kind == "exactly_one":
        return sum(truths) == 1
    return all(truths)  # bool_and


def _is_empty(constraint: cp_model_helper.ConstraintProto) -> bool:
    """A constraint without any type constrains nothing (the come-back empties later levels' constraints); one of
    a type this check does not know cannot be vouched for."""
    return not any(getattr(constraint, f"has_{kind}")() for kind in NOT_TRANSLATED)


def _literal(literal: int, solution: Sequence[int]) -> bool:
    return bool(solution[literal]) if literal >= 0 else not solution[-literal - 1]


def _in_domain(value: int, domain: Sequence[int]) -> bool:
    """``domain`` is a flat list of closed intervals [low0, high0, low1, high1, ...]."""
    return any(domain[idx] <= value <= domain[idx + 1] for idx in range(0, len(domain), 2))
