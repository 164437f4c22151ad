"""Measure: one level searched with and without CP-SAT's LNS thread (``planner.solver.search.LNS_THREADS``).

Per instance (``size/seed:level``) the levels above are optimised and held as ``solve()`` holds them (``--above-s``
each, light presolve, the greedy plan as the first hint), then the level itself is searched from that plan for
``--level-s`` seconds, once per CP-SAT seed without the thread and once with it, each on a copy of the same model.
It prints the value reached, when it was first reached, and the bound. This is where ``solve.LNS_FROM_CANDIDATES``
and ``LevelInfo.plans_from_lp`` come from. Not part of the unit tests; timings depend on the machine's load.

    .venv/bin/python scripts/measure_lns_thread.py [--instances large/2:laag,typical/0:middel] [--seeds 0,1]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ortools.sat.python import cp_model  # noqa: E402

from planner.deadline import Deadline  # noqa: E402
from planner.generate import generate_school  # noqa: E402
from planner.solver.objective import Level, levels_up_to  # noqa: E402
from planner.solver.search import Progress, ProgressReporter, SearchSettings, run_level  # noqa: E402
from planner.solver.size import build_model  # noqa: E402
from planner.solver.solve import _hold_level  # noqa: E402
from planner.solver.start_plan import greedy_start, hint_solution, topped_up  # noqa: E402
from planner.solver.variables import index_candidates  # noqa: E402

BUILD_LIMIT_S = 120.0


def level_model(size: str, seed: int, key: str, above_s: float) -> tuple[cp_model.CpModel, Level, int]:
    """The model with the levels above ``key`` optimised and held, its plan as hint; the level, its candidates."""
    space = index_candidates(generate_school(size, seed=seed))
    model = cp_model.CpModel()
    compact = build_model(model, space, Deadline.after(BUILD_LIMIT_S))
    solution = greedy_start(model, space, compact)
    for level in levels_up_to(key):
        built = level.build(model, space)
        (model.maximize if level.maximize else model.minimize)(built.expression)
        if level.info.key == key:
            if level.info.top_up and solution is not None:  # as solve() does before such a level
                solution = topped_up(space, solution) or solution
                hint_solution(model, solution)
            return model, level, len(space.helper_vars)
        run = run_level(model, SearchSettings(above_s, 2, 0, light_presolve=True), _reporter(level, None), None)
        if run.solution is not None:
            solution = run.solution
        _hold_level(model, level, built, built.value_in(solution))
        hint_solution(model, solution)
    raise ValueError(f"no level {key}")


def search_once(model: cp_model.CpModel, level: Level, level_s: float, seed: int, lns_thread: bool) -> str:
    """Search a copy of the model's level; the value, when it was first reached, and the bound."""
    reached: dict[str, float] = {}
    began = time.monotonic()

    def remember(progress: Progress) -> None:
        if progress.best is not None and reached.get("best") != progress.best:
            reached.update(best=progress.best, at=time.monotonic() - began)

    settings = SearchSettings(level_s, 2, seed, light_presolve=True, lns_thread=lns_thread)
    run = run_level(model.clone(), settings, _reporter(level, remember), None)
    value = "–" if run.value is None else f"{run.value:.0f}"
    at = f"{reached['at']:.2f} s" if "at" in reached else "–"
    bound = "–" if run.bound is None else f"{run.bound:.0f}"
    return f"waarde {value} (na {at}), grens {bound}{', bewezen' if run.proven_optimal else ''}"


def _reporter(level: Level, callback) -> ProgressReporter:
    return ProgressReporter(time.monotonic(), level.info.key, level.info.label, 1, callback)


def main() -> None:
    parser = argparse.ArgumentParser(description="Eén niveau zoeken met en zonder de LNS-thread van CP-SAT.")
    parser.add_argument("--instances", default="large/2:laag,large/1:laag,typical/0:middel", help="grootte/seed:niveau")
    parser.add_argument("--seeds", default="0,1", help="seeds van CP-SAT, bijv. 0,1")
    parser.add_argument("--above-s", type=float, default=30.0, help="rekentijd per niveau erboven (standaard 30)")
    parser.add_argument("--level-s", type=float, default=15.0, help="rekentijd voor het niveau zelf (standaard 15)")
    args = parser.parse_args()
    print(f"belasting bij de start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; waarden ongeschaald")
    for instance in args.instances.split(","):
        school, key = instance.split(":")
        size, seed = school.split("/")
        model, level, candidates = level_model(size, int(seed), key, args.above_s)
        print(f"{instance} ({candidates} kandidaten)")
        for lns_thread in (False, True):
            for cp_seed in (int(s) for s in args.seeds.split(",")):
                outcome = search_once(model, level, args.level_s, cp_seed, lns_thread)
                print(f"  {'met' if lns_thread else 'zonder'} LNS-thread, seed {cp_seed}: {outcome}", flush=True)
    print(f"belasting aan het eind: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
