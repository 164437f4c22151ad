"""Benchmark: the solver against the by-hand baseline and the best known values, on generated schools and the
sample school.

Each instance is planned in a fresh child process, so its peak memory (ru_maxrss) is its own. By default the
whole job runs as the ``solve`` command runs it (``planner.services.solve_school``): the time limit covers
solving, reasons and suggestions, and the solver gets its share of it (``planner.services.budget``);
``--solver-only`` gives the solver the whole limit (and honours ``--last-level``). Prints one table row per
instance, then per instance and main level: the value reached against the best value known for that school
(``scripts/best_known.json``, from ``scripts/best_known.py``), the gap, when the level was proven and by which
engine; then per size how many schools reached the best known values. Writes all numbers as JSON to
``bench-results/`` (git-ignored). Not part of the unit tests.

    .venv/bin/python scripts/benchmark.py [--sizes small,typical] [--seeds 0,1] [--time-limit 30]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import json
import multiprocessing
import os
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.baseline import plan_by_hand  # noqa: E402
from planner.figures import figures_per_priority, total_honoured_share  # noqa: E402
from planner.generate import SIZES, demand_ratio_of, generate_school  # noqa: E402
from planner.levels import LEVEL_INFOS  # noqa: E402
from planner.model import Plan, School  # noqa: E402
from planner.services import PlanOptions, solve_school  # noqa: E402
from planner.solver import Progress, SolveOptions, solve  # noqa: E402
from planner.solver.mip_race import MipUse  # noqa: E402
from planner.workbook import read_workbook  # noqa: E402
from scripts.benchmark_levels import level_rows, level_table, size_summary, with_best_known  # noqa: E402
from scripts.best_known import load_best_known  # noqa: E402
from scripts.job_memory import JobMemory  # noqa: E402

DEFAULT_TIME_LIMITS = {"small": 10.0, "typical": 10.0, "large": 60.0, "board": 120.0, "sample": 10.0}
SAMPLE = ROOT / "data" / "voorbeeldschool.xlsx"


def spec_level_keys(spec_level: int) -> tuple[str, ...]:
    """The keys of one level of the domain spec's list, as a solve without a previous plan reports them."""
    return tuple(info.key for info in LEVEL_INFOS if info.spec_level == spec_level and not info.only_when_replanning)


LEVEL_1 = spec_level_keys(1)  # honoured requests by priority
LEVEL_2 = spec_level_keys(2)  # help minutes


def load_instance(size: str, seed: int) -> School:
    return read_workbook(SAMPLE) if size == "sample" else generate_school(size, seed=seed)


def run_instance(
    size: str, seed: int, time_limit_s: float, workers: int, last_level: str, solver_only: bool, mip: str | None = None
) -> dict:
    """Plan one instance (in a child process) and return its numbers."""
    school = load_instance(size, seed)
    level_end_s: dict[str, float] = {}

    def remember(progress: Progress) -> None:
        level_end_s[progress.level_key] = progress.elapsed_s

    started = time.monotonic()
    with JobMemory() as memory:
        if solver_only:
            options = SolveOptions(time_limit_s=time_limit_s, workers=workers, seed=0, last_level=last_level)
            if mip is not None:
                options = replace(options, mip=MipUse(mip))
            plan = solve(school, options, progress=remember)
        else:
            job = PlanOptions(time_limit_s=time_limit_s, workers=workers, seed=0, started_at=started)
            plan = solve_school(school, job, progress=remember).plan
    job_s = time.monotonic() - started
    by_hand = plan_by_hand(school)
    instance = size if size == "sample" else f"{size}/{seed}"
    return {
        "instance": instance,
        "size": size,
        "groups": len(school.groups),
        "helpers": len(school.helpers),
        "requests": len(school.requests),
        "demand_ratio": round(demand_ratio_of(school), 3),
        "time_limit_s": time_limit_s,
        "status": plan.status.value,
        "total_s": round(plan.wall_time_s, 2),
        "job_s": round(job_s, 2),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "level_1": _group_summary(plan, LEVEL_1, level_end_s),
        "level_2": _group_summary(plan, LEVEL_2, level_end_s),
        "levels": level_rows(plan.levels, level_end_s, load_best_known().get(instance)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # HiGHS's child processes (mip_process.py); the pages they share with the solving process count here too.
        "peak_child_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        # Both together, shared pages counted once (scripts/job_memory.py): what the job takes of the machine.
        "peak_job_pss_mb": round(memory.peak_mb, 1),
        "solver": _shares(school, plan),
        "by_hand": _shares(school, by_hand),
    }


def _group_summary(plan: Plan, keys: tuple[str, ...], level_end_s: dict[str, float]) -> dict:
    """Proven at (seconds since the start) when every level of the group is proven; else the gap."""
    levels = [level for level in plan.levels if level.key in keys]
    complete = len(levels) == len(keys)
    value = sum(level.value for level in levels)
    bound = sum(level.bound for level in levels)
    proven = complete and all(level.proven_optimal for level in levels)
    return {
        "reached": [level.key for level in levels],
        "complete": complete,
        "proven": proven,
        "proven_at_s": round(level_end_s.get(keys[-1], float("nan")), 2) if proven else None,
        "value": value,
        "bound": bound,
        "gap": 0.0 if proven else (round((bound - value) / bound, 4) if levels and bound else None),
    }


def _shares(school: School, plan: Plan) -> dict:
    shares = {"total": round(total_honoured_share(school, plan), 3)}
    for figures in figures_per_priority(school, plan):
        shares[figures.priority.label] = round(figures.honoured_share, 3)
    return shares


def run_isolated(
    size: str, seed: int, time_limit_s: float, workers: int, last_level: str, solver_only: bool, mip: str | None
) -> dict:
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(run_instance, size, seed, time_limit_s, workers, last_level, solver_only, mip).result()


HEADER = (
    f"{'instantie':<11} {'gr/ond/aanv':>12} {'vraag':>5} {'N1 bewezen':>10} {'N1 gat':>7} {'N2 bewezen':>10} "
    f"{'N2 gat':>7} {'totaal':>7} {'geheugen':>9} {'solver':>7} {'hand':>6}  {'hoog s/h':>11} "
    f"{'middel s/h':>11} {'laag s/h':>11}  status"
)


def table_row(result: dict) -> str:
    def proven_at(summary: dict) -> str:
        return f"{summary['proven_at_s']:.1f} s" if summary["proven"] else "nee"

    def gap(summary: dict) -> str:
        if summary["gap"] is None:
            return "–"
        return f"{100 * summary['gap']:.1f}%" + ("" if summary["complete"] else "*")

    def pair(key: str) -> str:
        return f"{100 * result['solver'][key]:.0f}/{100 * result['by_hand'][key]:.0f}%"

    sizes = f"{result['groups']}/{result['helpers']}/{result['requests']}"
    return (
        f"{result['instance']:<11} {sizes:>12} {result['demand_ratio']:>5.2f} {proven_at(result['level_1']):>10} "
        f"{gap(result['level_1']):>7} {proven_at(result['level_2']):>10} {gap(result['level_2']):>7} "
        f"{result['total_s']:>5.1f} s {result['peak_rss_mb']:>6.0f} MB {100 * result['solver']['total']:>6.1f}% "
        f"{100 * result['by_hand']['total']:>5.1f}%  {pair('hoog'):>11} {pair('middel'):>11} {pair('laag'):>11}  "
        f"{result['status']}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark van de planner tegen de planning met de hand.")
    parser.add_argument("--sizes", default=",".join(SIZES), help="schoolgroottes, bijv. small,typical")
    parser.add_argument("--seeds", default="0", help="seeds, bijv. 0,1,2")
    parser.add_argument("--time-limit", type=float, default=None, help="tijdslimiet in s (standaard per grootte)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (standaard 2)")
    parser.add_argument("--last-level", default="gaps", help="laatste niveau (alleen met --solver-only)")
    parser.add_argument(
        "--solver-only", action="store_true", help="alleen de solver, met de hele tijdslimiet (zonder suggesties)"
    )
    parser.add_argument(
        "--mip",
        choices=[use.value for use in MipUse],
        help="waar HiGHS naast CP-SAT draait (alleen met --solver-only; standaard die van SolveOptions)",
    )
    parser.add_argument("--no-sample", action="store_true", help="data/voorbeeldschool.xlsx overslaan")
    parser.add_argument(
        "--reprint",
        type=Path,
        help="geen nieuwe run: de tabellen van een eerder JSON-bestand (met de beste waarden van nu)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="map voor de JSON-uitvoer")
    return parser.parse_args(argv)


def reprint(path: Path) -> None:
    """The tables of an earlier run, compared with the best known values as they are now."""
    results = json.loads(path.read_text())["results"]
    known = load_best_known()
    for result in results:
        result.setdefault("size", result["instance"].split("/")[0])
        with_best_known(result["levels"], known.get(result["instance"]))
        print(table_row(result))
    print()
    print(level_table(results))
    print()
    print(size_summary(results))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.reprint is not None:
        reprint(args.reprint)
        return 0
    seeds = [int(seed) for seed in args.seeds.split(",")]
    instances = [(size.strip(), seed) for size in args.sizes.split(",") for seed in seeds]
    if not args.no_sample:
        instances.append(("sample", 0))
    print("N1 = hoog+middel+laag, N2 = geleverde hulp; s/h = aandeel gehonoreerd door solver / met de hand;")
    print("gat = (grens - waarde) / grens; * = niet alle deelniveaus bereikt; – = niveau niet bereikt")
    print(HEADER, flush=True)
    results = []
    for size, seed in instances:
        limit = args.time_limit or DEFAULT_TIME_LIMITS[size]
        result = run_isolated(size, seed, limit, args.workers, args.last_level, args.solver_only, args.mip)
        results.append(result)
        print(table_row(result), flush=True)
    print()
    print(level_table(results))
    print()
    print(size_summary(results))
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = args.out / f"benchmark-{stamp}.json"
    path.write_text(json.dumps({"arguments": vars(args) | {"out": str(args.out)}, "results": results}, indent=2))
    print(f"Resultaten: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
