"""Best-known values: a long solve per generated school, kept with the benchmark in ``best_known.json``.

For each instance (``size/seed``) the solver runs for ``--time-limit`` seconds (10 minutes by default)
or until every level is proven, and its levels (value, bound, proven, which engine proved it) are
merged into ``scripts/best_known.json``. The benchmark (``scripts/benchmark.py``) compares the value
each level reaches at its time limit against these.

Merging: the levels are lexicographic, so a level's value is only comparable while the levels above
it are equal. An instance keeps the run whose values are lexicographically better; on equal values it
keeps the tighter bound of each level and counts a level proven when either run proved it. Another
engine (e.g. a MIP) can add its proven optima the same way (``merge_levels``).

    .venv/bin/python scripts/best_known.py --instances typical/0,large/1 [--time-limit 600] [--workers 2] [--highs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.generate import generate_school  # noqa: E402
from planner.levels import LEVEL_INFOS  # noqa: E402
from planner.model import LevelResult  # noqa: E402
from planner.solver import SolveOptions, solve  # noqa: E402
from planner.solver.mip import LevelMip  # noqa: E402
from planner.solver.objective import LEVELS  # noqa: E402
from planner.solver.search import HIGHS  # noqa: E402

BEST_KNOWN = Path(__file__).with_name("best_known.json")
MAXIMIZED = {level.info.key: level.maximize for level in LEVELS}
# The levels the benchmark compares (and HiGHS walks with ``--highs``).
MAIN_KEYS = tuple(info.key for info in LEVEL_INFOS if info.main and not info.only_when_replanning)
TOLERANCE = 1e-6


def level_entry(level: LevelResult) -> dict:
    return {
        "value": level.value,
        "bound": level.bound,
        "proven": level.proven_optimal,
        "proven_by": level.proven_by,
    }


def better_or_equal(new: dict, old: dict) -> int:
    """1 when ``new``'s levels are lexicographically better than ``old``'s, -1 when worse, 0 when equal."""
    for key, old_level in old.items():
        if key not in new:
            return -1
        difference = new[key]["value"] - old_level["value"]
        if abs(difference) > TOLERANCE:
            return 1 if (difference > 0) == MAXIMIZED[key] else -1
    return 1 if len(new) > len(old) else 0


def merge_levels(old: dict, new: dict) -> dict:
    """The better run's levels; on equal values, each level's tighter bound and either run's proof."""
    order = better_or_equal(new, old)
    if order != 0:
        return new if order > 0 else old
    merged = {}
    for key, old_level in old.items():
        new_level = new[key]
        tighter = min if MAXIMIZED[key] else max
        proven_by = old_level if old_level["proven"] else new_level
        merged[key] = {
            "value": old_level["value"],
            "bound": tighter(old_level["bound"], new_level["bound"]),
            "proven": old_level["proven"] or new_level["proven"],
            "proven_by": proven_by["proven_by"],
        }
    return merged


def run(instance: str, time_limit_s: float, workers: int) -> dict:
    size, seed = instance.split("/")
    school = generate_school(size, seed=int(seed))
    plan = solve(school, SolveOptions(time_limit_s=time_limit_s, workers=workers, seed=0))
    return {
        "levels": {level.key: level_entry(level) for level in plan.levels},
        "wall_s": round(plan.wall_time_s, 1),
        "time_limit_s": time_limit_s,
        "workers": workers,
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "commit": _commit(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def run_highs(instance: str, level_limit_s: float) -> dict:
    """The main levels by HiGHS alone (``LevelMip``), each held at HiGHS's value before the next and started from
    its plan, at most ``level_limit_s`` per level: a second engine's values to merge (``record``)."""
    size, seed = instance.split("/")
    level_mip = LevelMip(generate_school(size, seed=int(seed)))
    levels, hint, began = {}, None, dt.datetime.now(dt.UTC)
    for key in MAIN_KEYS:
        result = level_mip.solve_level(key, level_limit_s, hint)
        if result.value is None or result.bound is None:
            break
        proven = result.proven
        levels[key] = {"value": result.value, "bound": result.value if proven else result.bound, "proven": proven}
        levels[key]["proven_by"] = HIGHS if proven else ""
        level_mip.hold(key, result.value)
        hint = result.sessions or hint
    return {
        "levels": levels,
        "wall_s": round((dt.datetime.now(dt.UTC) - began).total_seconds(), 1),
        "time_limit_s": level_limit_s * len(MAIN_KEYS),
        "engine": HIGHS,
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "commit": _commit(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def record(instance: str, outcome: dict, path: Path = BEST_KNOWN) -> dict:
    """Merge one run into the file; return the instance's entry as kept."""
    known = json.loads(path.read_text()) if path.exists() else {}
    previous = known.get(instance)
    if previous is None or better_or_equal(outcome["levels"], previous["levels"]) > 0:
        entry = outcome
    else:
        entry = previous | {"levels": merge_levels(previous["levels"], outcome["levels"])}
    known[instance] = entry
    path.write_text(json.dumps(dict(sorted(known.items())), indent=2) + "\n")
    return entry


def load_best_known(path: Path = BEST_KNOWN) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Beste bekende waarden per niveau, met een lange rekentijd.")
    parser.add_argument("--instances", required=True, help="scholen als grootte/seed, bijv. typical/0,large/1")
    parser.add_argument("--time-limit", type=float, default=600.0, help="rekentijd per school in s (standaard 600)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (standaard 2)")
    parser.add_argument(
        "--highs",
        action="store_true",
        help="HiGHS alleen, niveau voor niveau, met een kwart van de rekentijd per hoofdniveau (geen CP-SAT)",
    )
    args = parser.parse_args(argv)
    for instance in args.instances.split(","):
        if args.highs:
            outcome = run_highs(instance, args.time_limit / len(MAIN_KEYS))
        else:
            outcome = run(instance, args.time_limit, args.workers)
        entry = record(instance, outcome)
        values = ", ".join(
            f"{key} {level['value']:g}{'' if level['proven'] else '?'}" for key, level in entry["levels"].items()
        )
        print(f"{instance}: {values}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
