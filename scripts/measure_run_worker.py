"""Measurement: how runs apart from the web behave, timed on the real ``handenplanner worker``.

On a temporary SQLite database with the sample school (time limit 120 s, so every run is still
solving when it is stopped or killed), per round:

- start: from queueing a run to its process reporting a solver level, with a worker that has just
  started (its fork server still loading) and with one that runs already (warm);
- stop: from the stop request to the run ended (the target is at most 2 s), and whether the plan was kept;
- run process killed (SIGKILL, as out of memory): to the run marked failed;
- worker killed (SIGKILL): to the next run queued (no lock-out), and to a restarted worker solving it;
- peak memory (VmHWM) of the worker and of a run's process.

Prints the numbers with the load average (the machine may be shared). Not part of the unit tests.

    .venv/bin/python scripts/measure_run_worker.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner import services  # noqa: E402
from web import create_app  # noqa: E402
from web.db import db  # noqa: E402
from web.planning.runner import start_plan_run  # noqa: E402
from web.runs.queue import request_stop  # noqa: E402
from web.store.convert import replace_school  # noqa: E402
from web.store.models_plan import PlanRun  # noqa: E402

SAMPLE = ROOT / "data" / "voorbeeldschool.xlsx"
LIMIT_S = 120


def make_app(folder: Path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'meting.sqlite'}",
            "INSTANCE_PATH": str(folder),
            "SECRET_KEY": "meting",
            "HANDENPLANNER_SOLVE_TIME_LIMIT": LIMIT_S,
            "HANDENPLANNER_SOLVE_WORKERS": 1,
        }
    )
    with app.app_context():
        db.create_all()
        replace_school(services.read_school(SAMPLE))
        db.session.commit()
    return app


def start_worker(app) -> subprocess.Popen:
    env = os.environ | {
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "HANDENPLANNER_INSTANCE": app.instance_path,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "handenplanner", "worker"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    process.stdout.readline()
    return process


def run_state(app, run_id: int) -> tuple[str, str, int]:
    with app.app_context():
        run = db.session.get(PlanRun, run_id)
        state = (run.status, run.level_label, len(run.sessions))
        db.session.remove()
    return state


def seconds_until(condition, timeout_s: float = 120.0) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout_s:
            raise TimeoutError("not reached in time")
        time.sleep(0.01)
    return time.monotonic() - started


def queue(app) -> int:
    with app.app_context():
        return start_plan_run()


def solving(app, run_id: int) -> bool:
    status, label, _ = run_state(app, run_id)
    return status == "running" and label != ""


def ended(app, run_id: int) -> bool:
    return run_state(app, run_id)[0] not in ("queued", "running")


def stop(app, run_id: int) -> float:
    with app.app_context():
        request_stop(run_id, PlanRun)
    return seconds_until(lambda: ended(app, run_id))


def run_process_of(worker_pid: int) -> int:
    """The worker's grandchild: worker → fork server → the run's process."""
    children = _children_of(worker_pid)
    return next(pid for child in children for pid in _children_of(child))


def _children_of(parent_pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent_pid:
            found.append(int(stat.parent.name))
    return found


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_round(app) -> dict[str, float]:
    figures: dict[str, float] = {}
    worker = start_worker(app)
    run_id = queue(app)
    figures["start_s"] = seconds_until(lambda: solving(app, run_id))
    time.sleep(2)  # let the solver find a plan to keep
    figures["worker_mb"] = peak_mb(worker.pid)
    figures["run_process_mb"] = peak_mb(run_process_of(worker.pid))
    figures["stop_s"] = stop(app, run_id)
    figures["plan_kept"] = float(run_state(app, run_id)[2] > 0)

    run_id = queue(app)
    figures["start_warm_s"] = seconds_until(lambda: solving(app, run_id))
    os.kill(run_process_of(worker.pid), signal.SIGKILL)
    figures["run_killed_to_failed_s"] = seconds_until(lambda: ended(app, run_id))

    run_id = queue(app)
    seconds_until(lambda: solving(app, run_id))
    worker.kill()
    worker.wait()
    killed_at = time.monotonic()
    next_id = queue(app)
    figures["worker_killed_to_next_queued_s"] = time.monotonic() - killed_at
    restarted = start_worker(app)
    seconds_until(lambda: solving(app, next_id))
    figures["worker_killed_to_next_solving_s"] = time.monotonic() - killed_at
    stop(app, next_id)
    restarted.terminate()
    restarted.wait(30)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder))
        rounds = [one_round(app) for _ in range(args.rounds)]
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores; {args.rounds} rounds")
    for name in rounds[0]:
        values = [figures[name] for figures in rounds]
        print(f"{name:34} " + "  ".join(f"{value:7.2f}" for value in values) + f"   max {max(values):.2f}")


if __name__ == "__main__":
    main()
