"""Benchmark: CP-SAT against HiGHS on the same level model (``planner.solver.mip``), level by level.

Per instance, each in a fresh child process (so ru_maxrss is its own peak memory):

1. CP-SAT solves the levels as ``solve()`` does (``--workers``, default 2, and again with 1 worker
   unless ``--no-one-worker``), its progress recorded;
2. HiGHS takes every level CP-SAT reached, the levels above held at CP-SAT's values (the model
   CP-SAT solved at that level), and solves its LP relaxation (the root LP bound) and then the
   full MIP from CP-SAT's plan, for at most ``--mip-limit`` seconds.

With ``--together`` HiGHS solves, instead of each level, the priority levels below the first together: their sum
weighted so that a higher level outweighs all lower ones (``together.lexicographic_weights``, the same optimum as
the levels one by one), the first level held at CP-SAT's value, from CP-SAT's plan (CP-SAT runs once, with
``--workers``). Its bound proves CP-SAT's values level by level while the levels above are proven (``together.py``).

With ``--per-location`` every location of a school on several locations is an instance of its own (its
requests and helpers, ``location_school``): where no helper works at two locations, the best plan of the
school is the best plan of each location, and each engine may prove a location's levels sooner than the
whole school's.

Per level it prints CP-SAT's value, bound and time (and with 1 worker), the LP bound, the MIP's
value, bound, time, nodes, whether its bound proves CP-SAT's value, and CP-SAT's best and bound
at the moment the MIP finished (counted from the level's start). The summary says which engine
proved what: alone, beside each other (CP-SAT 1 worker, HiGHS on the other core) or one after
the other (CP-SAT 2 workers, then HiGHS on the levels left unproven). Not part of the unit tests.

    .venv/bin/python scripts/benchmark_engines.py [--sizes typical,large] [--seeds 0,1,2] [--mip-limit 60]
                                                  [--per-location] [--together]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.generate import generate_school  # noqa: E402
from planner.model import School, Session  # noqa: E402
from planner.solver import Progress, SolveOptions, solve  # noqa: E402
from planner.solver.location_school import location_school, locations_by_size, request_counts  # noqa: E402
from planner.solver.mip import LevelMip, solve_mip  # noqa: E402
from planner.solver.mip_translate import mip_from_cp  # noqa: E402
from planner.solver.objective import LEVELS  # noqa: E402
from planner.solver.together import priorities_together  # noqa: E402

DEFAULT_TIME_LIMITS = {"small": 10.0, "typical": 10.0, "large": 60.0, "board": 120.0}
DEFAULT_MIP_LIMITS = {"small": 30.0, "typical": 30.0, "large": 120.0, "board": 120.0}


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load_school(size: str, seed: int, location: str | None) -> School:
    """The generated school, or only its ``location`` (a location key, as ``request_counts`` gives)."""
    school = generate_school(size, seed=seed)
    return school if location is None else location_school(school, (location,))


def run_cp_sat(size: str, seed: int, location: str | None, time_limit_s: float, workers: int, last_level: str) -> dict:
    """CP-SAT as ``solve()`` runs it; the timeline of (seconds, best, bound) per level."""
    school = load_school(size, seed, location)
    timeline: dict[str, list[tuple[float, float | None, float | None]]] = {}

    def remember(progress: Progress) -> None:
        timeline.setdefault(progress.level_key, []).append((progress.elapsed_s, progress.best, progress.bound))

    plan = solve(school, SolveOptions(time_limit_s, workers, 0, last_level), progress=remember)
    levels = [
        {"key": r.key, "value": r.value, "bound": r.bound, "proven": r.proven_optimal, "time_s": r.time_s}
        for r in plan.levels
    ]
    return {"levels": levels, "timeline": timeline, "sessions": plan.sessions, "peak_rss_mb": peak_rss_mb()}


def run_highs(
    size: str, seed: int, location: str | None, cp_levels: list[dict], sessions: tuple[Session, ...], mip_limit_s: float
) -> dict:
    """Every level CP-SAT reached, by HiGHS: root LP bound, then the MIP from CP-SAT's plan."""
    school = load_school(size, seed, location)
    began = time.monotonic()
    level_mip = LevelMip(school)
    build_s = time.monotonic() - began
    rows = []
    for cp_level in cp_levels:
        key = cp_level["key"]
        level_mip.expression(key)
        began = time.monotonic()
        translated = mip_from_cp(level_mip.model.proto)
        translate_s = time.monotonic() - began
        relaxed = level_mip.solve_level(key, mip_limit_s, relaxation=True)
        full = level_mip.solve_level(key, mip_limit_s, hint=sessions)
        rows.append(
            {
                "key": key,
                "rows": len(translated.linear_constraints.ids),
                "columns": len(translated.variables.ids),
                "translate_s": round(translate_s, 2),
                "lp_bound": relaxed.bound,
                "lp_s": round(relaxed.run.time_s, 2),
                "value": full.value,
                "bound": full.bound,
                "proven": full.proven,
                "proves_cp_sat": full.proves(cp_level["value"]),
                "nodes": full.run.nodes,
                "time_s": round(full.run.time_s, 2),
            }
        )
        level_mip.hold(key, cp_level["value"])  # the next level as CP-SAT solved it
    return {"build_s": round(build_s, 2), "levels": rows, "peak_rss_mb": peak_rss_mb()}


def run_highs_together(
    size: str, seed: int, location: str | None, cp_levels: list[dict], sessions: tuple[Session, ...], mip_limit_s: float
) -> dict:
    """HiGHS on the priority levels below the first, together (weighted), the first held at CP-SAT's value, from
    CP-SAT's plan; whether its bound proves CP-SAT's values, level by level."""
    school = load_school(size, seed, location)
    level_mip = LevelMip(school)
    first, *below = [level for level in level_mip.levels if level.info.spec_level == 1]
    cp_values = {level["key"]: level["value"] for level in cp_levels}
    level_mip.hold(first.info.key, cp_values[first.info.key])
    level_mip.set_objective(below[0].info.key)  # the dominance as the level loop has it there
    together = priorities_together(level_mip.model, level_mip.space, tuple(below))
    if together is None:
        return {"levels": [], "proven": True, "time_s": 0.0, "nodes": 0, "peak_rss_mb": peak_rss_mb()}
    level_mip.model.maximize(together.weighted_sum())
    hint = level_mip.plan_values(sessions, level_mip.ignores_start(below[0].info.key))
    run = solve_mip(level_mip.model, mip_limit_s, hint)
    rows, bound_left = [], run.bound
    for level, built, weight in zip(together.levels, together.built, together.weights, strict=True):
        key = level.info.key
        ours = round(cp_values[key] * built.scale) if key in cp_values else None
        theirs = None if run.solution is None else built.value_in(run.solution)
        proves = bound_left is not None and ours is not None and bound_left // weight <= ours
        rows.append({"key": key, "value": None if theirs is None else theirs / built.scale, "proves_cp_sat": proves})
        bound_left = bound_left - weight * ours if proves and bound_left is not None and ours is not None else None
    return {
        "levels": rows,
        "proven": run.proven,
        "time_s": round(run.time_s, 2),
        "nodes": run.nodes,
        "peak_rss_mb": peak_rss_mb(),
    }


def together_rows(instance: str, cp: dict, together: dict) -> list[str]:
    values = {level["key"]: level for level in cp["levels"]}
    cells = [
        f"{row['key']} CP {figure(values[row['key']]['value']) if row['key'] in values else '–'}"
        f" / MIP {figure(row['value'])} ({'bewezen' if row['proves_cp_sat'] else 'open'})"
        for row in together["levels"]
    ]
    return [
        f"{instance:<10} samen: {'; '.join(cells) or 'niets te kiezen'}; HiGHS {figure(together['time_s'])} s"
        f"{'' if together['proven'] else '+'}, {together['nodes']} knopen, {together['peak_rss_mb']:.0f} MB"
    ]


def isolated(function, *args):
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


def cp_sat_at(timeline: list[tuple[float, float | None, float | None]], after_s: float) -> tuple:
    """CP-SAT's (best, bound) ``after_s`` seconds after the level's first report (its final ones if later)."""
    start = timeline[0][0]
    reached = [point for point in timeline if point[0] - start <= after_s] or timeline[:1]
    return reached[-1][1], reached[-1][2]


def figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


HEADER = (
    f"{'instantie':<10} {'niveau':<12} {'CP waarde':>9} {'CP grens':>9} {'CP s':>6} {'CP1 s':>6} "
    f"{'LP grens':>9} {'LP s':>5} {'MIP waarde':>10} {'MIP grens':>9} {'MIP s':>6} {'knopen':>6} "
    f"{'bewijst CP':>10} {'CP op MIP-tijd':>17}"
)


def level_rows(instance: str, cp: dict, cp_one: dict | None, highs: dict, limits: dict) -> list[str]:
    lines = []
    one = {level["key"]: level for level in cp_one["levels"]} if cp_one else {}
    for cp_level, mip in zip(cp["levels"], highs["levels"], strict=True):

        def proof_time(level: dict | None) -> str:
            return "–" if level is None else (f"{level['time_s']:.1f}" if level["proven"] else "nee")

        best, bound = cp_sat_at(cp["timeline"].get(mip["key"], [(0.0, None, None)]), mip["time_s"])
        mip_time = f"{mip['time_s']:.1f}" + ("" if mip["proven"] else "+")
        lines.append(
            f"{instance:<10} {mip['key']:<12} {figure(cp_level['value']):>9} {figure(cp_level['bound']):>9} "
            f"{proof_time(cp_level):>6} {proof_time(one.get(mip['key'])):>6} {figure(mip['lp_bound']):>9} "
            f"{mip['lp_s']:>5.1f} {figure(mip['value']):>10} {figure(mip['bound']):>9} {mip_time:>6} "
            f"{mip['nodes']:>6} {'ja' if mip['proves_cp_sat'] else 'nee':>10} "
            f"{figure(best) + ' / ' + figure(bound):>17}"
        )
    size = highs["levels"][0] if highs["levels"] else {"rows": 0, "columns": 0, "translate_s": 0}
    lines.append(
        f"{instance:<10} geheugen CP-SAT {cp['peak_rss_mb']:.0f} MB, HiGHS {highs['peak_rss_mb']:.0f} MB; "
        f"MIP {size['rows']} rijen x {size['columns']} kolommen, vertaald in {size['translate_s']:.1f} s, "
        f"model gebouwd in {highs['build_s']:.1f} s; limieten CP-SAT {limits['cp']:.0f} s, MIP {limits['mip']:.0f} s"
    )
    return lines


def proof_summary(results: list[dict]) -> list[str]:
    """Which levels each way of running the engines proves (HiGHS within its limit)."""
    counts = {"levels": 0, "cp": 0, "cp_one": 0, "highs": 0, "beside": 0, "after": 0, "own": 0, "better": 0}
    for result in results:
        one = {level["key"]: level for level in (result["cp_one"] or {"levels": []})["levels"]}
        for cp_level, mip in zip(result["cp"]["levels"], result["highs"]["levels"], strict=True):
            cp_one = one.get(mip["key"], {"proven": False, "time_s": 0.0})
            counts["levels"] += 1
            counts["cp"] += cp_level["proven"]
            counts["cp_one"] += cp_one["proven"]
            counts["highs"] += mip["proves_cp_sat"]
            counts["own"] += mip["proven"]
            counts["better"] += mip["value"] is not None and _better(mip["value"], cp_level["value"], mip["key"])
            # Beside: HiGHS on its own core proves in time what CP-SAT with 1 worker did not prove in its level.
            counts["beside"] += cp_one["proven"] or (mip["proves_cp_sat"] and mip["time_s"] <= cp_one["time_s"])
            counts["after"] += cp_level["proven"] or mip["proves_cp_sat"]
    total = counts["levels"]
    return [
        f"bewezen niveaus (van {total}): CP-SAT 2 workers {counts['cp']}, CP-SAT 1 worker {counts['cp_one']}, "
        f"HiGHS (MIP-limiet) {counts['highs']}",
        f"naast elkaar (CP-SAT 1 worker + HiGHS binnen de tijd van het niveau): {counts['beside']}; "
        f"na elkaar (CP-SAT 2 workers, daarna HiGHS op wat open bleef): {counts['after']}",
        f"HiGHS bewees zijn eigen optimum op {counts['own']} niveaus en vond op {counts['better']} een beter plan "
        "dan CP-SAT (met de niveaus erboven op de waarden van CP-SAT)",
    ]


def _better(mip_value: float, cp_value: float, key: str) -> bool:
    maximize = next(level.maximize for level in LEVELS if level.info.key == key)
    return mip_value > cp_value + 1e-9 if maximize else mip_value < cp_value - 1e-9


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="CP-SAT en HiGHS op hetzelfde niveaumodel, niveau voor niveau.")
    parser.add_argument("--sizes", default="typical,large", help="schoolgroottes, bijv. typical,large,board")
    parser.add_argument("--seeds", default="0,1,2", help="seeds, bijv. 0,1,2")
    parser.add_argument(
        "--time-limit", type=float, default=None, help="CP-SAT-tijdslimiet in s (standaard per grootte)"
    )
    parser.add_argument("--mip-limit", type=float, default=None, help="HiGHS-limiet per niveau in s")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (standaard 2)")
    parser.add_argument("--no-one-worker", action="store_true", help="CP-SAT niet nog eens met 1 worker draaien")
    parser.add_argument("--last-level", default="help_minutes", help="laatste niveau")
    parser.add_argument(
        "--per-location", action="store_true", help="elke locatie van een school op meer locaties apart"
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help="HiGHS op de prioriteiten onder de eerste samen (gewogen) in plaats van niveau voor niveau",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="map voor de JSON-uitvoer")
    return parser.parse_args(argv)


def instances(size: str, seeds: list[int], per_location: bool) -> list[tuple[int, str | None]]:
    """(seed, location) per instance: the whole school (location None), or with ``per_location`` each of its
    locations, most requests first (a school on one location stays whole)."""
    found: list[tuple[int, str | None]] = []
    for seed in seeds:
        by_size = locations_by_size(request_counts(generate_school(size, seed=seed))) if per_location else []
        locations: list[str | None] = list(by_size) if len(by_size) > 1 else [None]
        found += [(seed, location) for location in locations]
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    seeds = [int(seed) for seed in args.seeds.split(",")]
    print(f"belasting bij de start: {', '.join(f'{load:.2f}' for load in os.getloadavg())} (1, 5, 15 min)")
    print("CP s / CP1 s = tijd tot bewijs met 2 / 1 workers (nee = niet bewezen); MIP s met + = limiet bereikt;")
    print("bewijst CP = de grens van HiGHS bewijst de waarde van CP-SAT; CP op MIP-tijd = beste / grens van CP-SAT")
    if not args.together:
        print(HEADER, flush=True)
    results = []
    for size in args.sizes.split(","):
        for seed, location in instances(size, seeds, args.per_location):
            limits = {
                "cp": args.time_limit or DEFAULT_TIME_LIMITS[size],
                "mip": args.mip_limit or DEFAULT_MIP_LIMITS[size],
            }
            school = (size, seed, location)
            cp = isolated(run_cp_sat, *school, limits["cp"], args.workers, args.last_level)
            one_worker = not (args.no_one_worker or args.together)
            cp_one = isolated(run_cp_sat, *school, limits["cp"], 1, args.last_level) if one_worker else None
            instance = f"{size}/{seed}" + ("" if location is None else f" {location}")
            if args.together:
                together = isolated(run_highs_together, *school, cp["levels"], cp["sessions"], limits["mip"])
                results.append({"instance": instance, "cp": cp, "together": together, "limits": limits})
                print("\n".join(together_rows(instance, cp, together)), flush=True)
                continue
            highs = isolated(run_highs, *school, cp["levels"], cp["sessions"], limits["mip"])
            result = {"instance": instance, "cp": cp, "cp_one": cp_one, "highs": highs, "limits": limits}
            results.append(result)
            print("\n".join(level_rows(result["instance"], cp, cp_one, highs, limits)), flush=True)
    if not args.together:
        print("\n".join(proof_summary(results)))
    print(f"belasting aan het eind: {', '.join(f'{load:.2f}' for load in os.getloadavg())} (1, 5, 15 min)")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"engines-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    for result in results:
        result["cp"].pop("sessions")
        if result.get("cp_one"):
            result["cp_one"].pop("sessions")
    path.write_text(json.dumps({"arguments": vars(args) | {"out": str(args.out)}, "results": results}, indent=2))
    print(f"Resultaten: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
