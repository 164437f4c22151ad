"""Measure: the board pool solved as one model against solved location by location (``decompose.py``).

Per seed and way, in a fresh child process (so ru_maxrss is its own peak memory), it prints each
level's value, bound, gap and proof, the wall time and the peak memory, with the machine's load
before and after (the machine may be shared: timings taken under load are noisy). Not part of the
unit tests.

    .venv/bin/python scripts/measure_board_split.py [--size board] [--seeds 0] [--time-limit 120] [--only-split]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import os
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.generate import generate_school  # noqa: E402
from planner.solver import SolveOptions, solve  # noqa: E402

WAYS = {"één model": False, "per locatie": True}


def run_one(size: str, seed: int, time_limit_s: float, split: bool) -> dict:
    school = generate_school(size, seed=seed)
    plan = solve(school, SolveOptions(time_limit_s=time_limit_s, workers=2, seed=0, split_by_location=split))
    return {
        "status": plan.status.value,
        "method": plan.method,
        "wall_s": plan.wall_time_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "levels": [(lvl.key, lvl.value, lvl.bound, lvl.gap, lvl.proven_optimal) for lvl in plan.levels],
    }


def run_isolated(size: str, seed: int, time_limit_s: float, split: bool) -> dict:
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(run_one, size, seed, time_limit_s, split).result()


def report(way: str, size: str, seed: int, result: dict) -> list[str]:
    lines = [
        f"{size}/{seed} {way}: {result['status']} {result['method']}, {result['wall_s']:.1f} s, "
        f"piekgeheugen {result['peak_mb']:.0f} MB"
    ]
    for key, value, bound, gap, proven in result["levels"]:
        proof = "bewezen" if proven else "niet bewezen"
        lines.append(f"  {key:<15} waarde {value:>10.2f}  grens {bound:>10.2f}  gat {100 * gap:>5.1f}%  {proof}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Het bestuur als één model tegen per locatie opgesplitst.")
    parser.add_argument("--size", default="board")
    parser.add_argument("--seeds", default="0", help="seeds, bijv. 0,1")
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--only-split", action="store_true", help="alleen per locatie opgesplitst")
    args = parser.parse_args(argv)
    ways = {way: split for way, split in WAYS.items() if split or not args.only_split}
    print(f"belasting vooraf: {os.getloadavg()[0]:.2f} (1 min)")
    for seed in (int(text) for text in args.seeds.split(",")):
        for way, split in ways.items():
            result = run_isolated(args.size, seed, args.time_limit, split)
            print("\n".join(report(way, args.size, seed, result)), flush=True)
            print(f"belasting: {os.getloadavg()[0]:.2f} (1 min)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
