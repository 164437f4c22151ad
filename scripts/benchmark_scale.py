"""Benchmark: time and peak memory of the whole ``handenplanner solve`` job on large schools.

For each size (requests) a school is grown (``planner.generate.grown_school``) and written as a
workbook; ``handenplanner solve --time-limit T`` then runs on it in a fresh child process, so
starting Python, reading and writing all count. The progress lines on stderr are timestamped as
they arrive, which splits the job into its phases: reading (with starting Python), solving (model
building and CP-SAT, or the greedy plan), reasons and suggestions, and writing the result. Prints one
row per size with the wall time against T, the phases, the child's peak memory and the plan's status
(``snel rooster``: the greedy plan), and the machine's load (the machine may be shared: timings are
noisy then). Not part of the unit tests.

    .venv/bin/python scripts/benchmark_scale.py [--sizes 300,1000,2000] [--time-limit 30]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.generate import grown_school  # noqa: E402
from planner.workbook import write_school  # noqa: E402

# The progress lines that start each phase (planner.services.solving and the solve command).
SPLIT_MARK = "Tijdsverdeling:"
REASONS_MARK = "Redenen en suggesties zoeken"
WRITE_MARK = "Resultaat schrijven naar"


@dataclass(frozen=True)
class Run:
    requests: int
    wall_s: float
    read_s: float
    solve_s: float
    reasons_s: float
    write_s: float
    peak_mb: float
    exit_code: int
    outcome: str


def run_solve(requests: int, workbook: Path, output: Path, limit_s: float, workers: int) -> Run:
    """One ``handenplanner solve`` in a child process, its phases timed from its stderr."""
    command = [sys.executable, "-m", "handenplanner", "solve", str(workbook), "-o", str(output)]
    command += ["--time-limit", str(limit_s), "--workers", str(workers), "--json"]
    environment = os.environ | {"PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile(mode="w+") as printed_file:  # the JSON is large: a pipe would fill and block
        started = time.monotonic()
        process = subprocess.Popen(
            command, stdout=printed_file, stderr=subprocess.PIPE, env=environment, text=True, bufsize=1
        )
        marks: dict[str, float] = {}
        for line in process.stderr:
            for mark in (SPLIT_MARK, REASONS_MARK, WRITE_MARK):
                if mark in line and mark not in marks:
                    marks[mark] = time.monotonic() - started
        printed_file.seek(0)
        printed = printed_file.read()
    _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
    wall_s = time.monotonic() - started
    split = marks.get(SPLIT_MARK, wall_s)
    reasons = marks.get(REASONS_MARK, marks.get(WRITE_MARK, wall_s))
    write = marks.get(WRITE_MARK, wall_s)
    outcome = json.loads(printed).get("status", "?") if printed.strip().startswith("{") else "?"
    return Run(
        requests=requests,
        wall_s=wall_s,
        read_s=split,
        solve_s=reasons - split,
        reasons_s=write - reasons,
        write_s=wall_s - write,
        peak_mb=usage.ru_maxrss / 1024,
        exit_code=os.waitstatus_to_exitcode(status),
        outcome=outcome,
    )


HEADER = (
    f"{'aanvragen':>9} {'T':>5} {'wand':>7} {'inlezen':>8} {'rekenen':>8} {'redenen':>8} {'schrijven':>9} "
    f"{'geheugen':>9} {'code':>4}  status"
)


def row(run: Run, limit_s: float) -> str:
    return (
        f"{run.requests:>9} {limit_s:>3.0f} s {run.wall_s:>5.1f} s {run.read_s:>6.1f} s {run.solve_s:>6.1f} s "
        f"{run.reasons_s:>6.1f} s {run.write_s:>7.1f} s {run.peak_mb:>6.0f} MB {run.exit_code:>4}  {run.outcome}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Tijd en geheugen van 'handenplanner solve' op grote scholen.")
    parser.add_argument("--sizes", default="300,1000,2000", help="aantallen aanvragen, bijv. 300,1000,2000")
    parser.add_argument("--time-limit", type=float, default=30.0, help="tijdslimiet in s (standaard 30)")
    parser.add_argument("--seed", type=int, default=0, help="seed van de gegenereerde scholen (standaard 0)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (standaard 2)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"Belasting van de machine vooraf (1/5/15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(HEADER, flush=True)
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(size) for size in args.sizes.split(",")):
            school = grown_school(size, seed=args.seed)
            workbook = Path(folder) / f"school-{size}.xlsx"
            write_school(school, workbook)
            output = Path(folder) / f"planning-{size}.xlsx"
            run = run_solve(len(school.requests), workbook, output, args.time_limit, args.workers)
            worst = max(worst, run.wall_s - args.time_limit)
            print(row(run, args.time_limit), flush=True)
    print(f"Belasting achteraf: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"Grootste overschrijding van de tijdslimiet: {worst:+.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
