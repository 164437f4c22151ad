"""Each CP-SAT construct the model builders use has an exact twin in the MIP (``mip_translate.py``).

Every model here is the smallest where a wrong twin moves the optimum: the comment gives the optimum
with the construct translated right, dropped, and always enforced. CP-SAT solves each model as well.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from planner.solver.mip import solve_mip


def _assert_both_engines_prove(model: cp_model.CpModel, optimum: int) -> None:
    run = solve_mip(model, 10.0)
    assert (run.value, run.bound) == (optimum, optimum)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == optimum


def _bools(model: cp_model.CpModel, count: int) -> list[cp_model.IntVar]:
    return [model.new_bool_var(f"b{idx}") for idx in range(count)]


def test_an_upper_bound_holds_only_while_its_enforcement_literal_is_on():
    # x + y <= 0 only when b: maximise 3b + 2x + 2y. Right: b off, x = y = 1 gives 4; with the
    # constraint dropped, 7 (b on as well); with it always on, 3 (b on alone).
    model = cp_model.CpModel()
    x, y, b = _bools(model, 3)
    model.add(x + y <= 0).only_enforce_if(b)
    model.maximize(3 * b + 2 * x + 2 * y)
    _assert_both_engines_prove(model, 4)


def test_a_lower_bound_holds_only_while_its_negated_enforcement_literal_is_on():
    # x + y >= 2 only when not b: minimise 2x + 2y + 3b. Right: b off needs x = y = 1 (4), b on
    # costs 3 alone, so 3. With the constraint dropped, 0; with it always on, 4.
    model = cp_model.CpModel()
    x, y, b = _bools(model, 3)
    model.add(x + y >= 2).only_enforce_if(~b)
    model.minimize(2 * x + 2 * y + 3 * b)
    _assert_both_engines_prove(model, 3)


def test_clauses_implications_and_at_most_one_keep_their_meaning():
    # At most one of x, y; x or not z; z implies y: maximise x + y + z + 5. With z on, y is on,
    # so x is off and "x or not z" fails: z stays off and the best is x (or y) alone, 1 + 5 = 6.
    model = cp_model.CpModel()
    x, y, z = _bools(model, 3)
    model.add_at_most_one([x, y])
    model.add_bool_or([x, ~z])
    model.add_implication(z, y)
    model.maximize(x + y + z + 5)
    _assert_both_engines_prove(model, 6)


def test_an_empty_clause_makes_the_mip_infeasible_as_it_makes_cp_sat():
    # add_bool_or([]) is how rules.add_pins_kept says "a pin without a candidate": no plan at all.
    model = cp_model.CpModel()
    (x,) = _bools(model, 1)
    model.add_bool_or([])
    model.maximize(x)
    assert solve_mip(model, 10.0).infeasible


def test_a_constraint_without_a_linear_twin_gives_no_bound_at_all():
    # A product has no exact linear form here: no bound is better than a bound of another model.
    model = cp_model.CpModel()
    x, y = (model.new_int_var(0, 3, name) for name in "xy")
    model.add_multiplication_equality(4, [x, y])
    model.maximize(x)
    run = solve_mip(model, 10.0)
    assert (run.value, run.bound, run.proven) == (None, None, False)
