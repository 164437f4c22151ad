"""Benchmark: the wall time of the whole ``handenplanner solve`` command against its time limit.

The time limit is the whole job (reading, solving, reasons, suggestions, writing). For each
generated school (``planner.generate``; written to a temporary .xlsx first) and each limit T, the
command runs as a subprocess, so starting Python, reading and writing all count. Prints T, the
wall time, the overrun (wall − T; the target is at most 2 s), the child's peak memory and the time
split the command announced; writes all numbers as JSON to ``bench-results/``. Not part of the
unit tests.

    .venv/bin/python scripts/benchmark_wall_time.py [--sizes small,typical,large] [--limits 10,30,60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.generate import generate_school  # noqa: E402
from planner.workbook import write_school  # noqa: E402

TARGET_OVERRUN_S = 2.0
SPLIT_PREFIX = "Tijdsverdeling: "


def measure(workbook: Path, output: Path, limit_s: float, workers: int) -> dict:
    """Run ``handenplanner solve`` once; its wall time, exit code, peak memory and announced split."""
    command = [sys.executable, "-m", "handenplanner", "solve", str(workbook), "-o", str(output)]
    command += ["--time-limit", str(limit_s), "--workers", str(workers)]
    environment = os.environ | {"PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile(mode="w+") as errors:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=environment)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        wall_s = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        split = next((line.split(SPLIT_PREFIX, 1)[1].strip() for line in errors if SPLIT_PREFIX in line), "")
    return {
        "time_limit_s": limit_s,
        "wall_s": round(wall_s, 2),
        "overrun_s": round(wall_s - limit_s, 2),
        "exit_code": process.returncode,
        "written": output.is_file(),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "split": split,
    }


HEADER = f"{'school':<12} {'aanvragen':>9} {'T':>5} {'wand':>7} {'overschrijding':>14} {'geheugen':>9}  tijdsverdeling"


def table_row(result: dict) -> str:
    flag = "" if result["overrun_s"] <= TARGET_OVERRUN_S and result["exit_code"] == 0 else "  << te lang of mislukt"
    return (
        f"{result['school']:<12} {result['requests']:>9} {result['time_limit_s']:>3.0f} s {result['wall_s']:>5.1f} s "
        f"{result['overrun_s']:>+12.1f} s {result['peak_rss_mb']:>6.0f} MB  {result['split']}{flag}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Wandtijd van 'handenplanner solve' tegen de tijdslimiet.")
    parser.add_argument("--sizes", default="small,typical,large", help="schoolgroottes, bijv. small,typical")
    parser.add_argument("--seed", type=int, default=0, help="seed van de gegenereerde scholen (standaard 0)")
    parser.add_argument("--limits", default="10,30,60", help="tijdslimieten in s, bijv. 10,30,60")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (standaard 2)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="map voor de JSON-uitvoer")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    limits = [float(limit) for limit in args.limits.split(",")]
    print(f"Doel: wandtijd hoogstens T + {TARGET_OVERRUN_S:.0f} s (opstarten, inlezen en wegschrijven inbegrepen).")
    print(HEADER, flush=True)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (size.strip() for size in args.sizes.split(",")):
            school = generate_school(size, seed=args.seed)
            workbook = Path(folder) / f"{size}.xlsx"
            write_school(school, workbook)
            for limit in limits:
                output = Path(folder) / f"{size}-{limit:.0f}-planning.xlsx"
                result = {"school": f"{size}/{args.seed}", "requests": len(school.requests)}
                result |= measure(workbook, output, limit, args.workers)
                results.append(result)
                print(table_row(result), flush=True)
    worst = max(result["overrun_s"] for result in results)
    print(f"Grootste overschrijding: {worst:+.1f} s (doel: hoogstens +{TARGET_OVERRUN_S:.0f} s).")
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = args.out / f"wall-time-{stamp}.json"
    arguments = vars(args) | {"out": str(args.out)}
    path.write_text(json.dumps({"arguments": arguments, "load_average": os.getloadavg(), "results": results}, indent=2))
    print(f"Resultaten: {path}")
    return 0 if worst <= TARGET_OVERRUN_S else 1


if __name__ == "__main__":
    sys.exit(main())
