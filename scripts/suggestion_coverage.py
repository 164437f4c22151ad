"""Coverage of suggestions: the share of requests not fully placed that carry a verified suggestion.

Solves the sample school and generated typical schools through ``planner.services`` (as ``handenplanner
solve`` does, suggestions included) and prints per school how many requests are not fully placed, how many
carry a way to fit that keeps the plan, how many a re-solve suggestion, and the share with either. With
``--missing`` it lists the requests without one and their cause. Not part of the unit tests; the machine's
load changes what a time-limited solve finds.

    .venv/bin/python scripts/suggestion_coverage.py [--time-limit 30] [--seeds 0,1,2] [--missing]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner import services  # noqa: E402
from planner.generate import generate_school  # noqa: E402
from planner.model import School  # noqa: E402

SAMPLE = ROOT / "data" / "voorbeeldschool.xlsx"
TARGET = 0.8


def schools(seeds: list[int]) -> list[tuple[str, School]]:
    found = [("voorbeeldschool", services.read_school(SAMPLE))]
    return found + [(f"typical seed {seed}", generate_school("typical", seed=seed)) for seed in seeds]


def coverage(name: str, school: School, time_limit_s: float, show_missing: bool) -> float:
    started = time.monotonic()
    outcome = services.solve_school(school, services.PlanOptions(time_limit_s=time_limit_s))
    took = time.monotonic() - started
    diagnoses = outcome.diagnoses
    kept = sum(1 for d in diagnoses if d.way_to_fit is not None)
    resolved = sum(1 for d in diagnoses if d.suggestion and d.way_to_fit is None)
    share = (kept + resolved) / len(diagnoses) if diagnoses else 1.0
    print(
        f"{name:<18} {len(diagnoses):>4} niet (helemaal) ingepland  {kept:>4} plan houden  {resolved:>4} "
        f"opnieuw plannen  {share:>5.0%} met suggestie  ({took:.1f} s)",
        flush=True,
    )
    if show_missing:
        for diagnosis in diagnoses:
            if not diagnosis.suggestion:
                print(f"    zonder: {diagnosis.request_id} ({diagnosis.cause.value}) {diagnosis.reason}")
    return share


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconden per school (standaard 30)")
    parser.add_argument("--seeds", default="0,1,2", help="seeds van de gegenereerde typische scholen")
    parser.add_argument("--missing", action="store_true", help="toon de aanvragen zonder suggestie")
    args = parser.parse_args(argv)
    seeds = [int(seed) for seed in args.seeds.split(",") if seed.strip()]
    shares = [coverage(name, school, args.time_limit, args.missing) for name, school in schools(seeds)]
    print(f"doel: minstens {TARGET:.0%} per school; laagste: {min(shares):.0%}")
    return 0 if min(shares) >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
