"""Runs apart from the web: the real ``handenplanner worker`` process, its run processes, the run slot.

Each test runs on SQLite and on PostgreSQL (``app`` of tests/web/conftest.py). Runs use the sample
school with a long time limit, so the solver is surely still busy when a test kills or stops it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from planner import services
from web import create_app
from web.db import db
from web.planning.runner import start_plan_run
from web.runs.heartbeat import process_exists
from web.runs.queue import RunAlreadyActiveError, claim_next, end_run, request_stop
from web.store.convert import replace_school
from web.store.models_plan import RUN_FAILED, PlanRun

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "voorbeeldschool.xlsx"
LONG_LIMIT_S = 120
STOP_LIMIT_S = 2.0  # the acceptance: a stop ends the run within 2 s
RACE_ROUNDS = 10


@pytest.fixture
def sample_app(app):
    app.config["HANDENPLANNER_SOLVE_TIME_LIMIT"] = LONG_LIMIT_S
    app.config["HANDENPLANNER_SOLVE_WORKERS"] = 1
    with app.app_context():
        replace_school(services.read_school(SAMPLE))
        db.session.commit()
    return app


def start_worker(app) -> subprocess.Popen:
    """``handenplanner worker`` on the app's database, as a school would run it; waits for its first line."""
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "HANDENPLANNER_INSTANCE": app.instance_path,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "handenplanner", "worker"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert f"pid {process.pid}" in process.stdout.readline()
    return process


def end_worker(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.terminate()
    return process.wait(30)


def queue_run(app) -> int:
    with app.app_context():
        return start_plan_run()


def run_row(app, run_id: int) -> PlanRun:
    with app.app_context():
        run = db.session.get(PlanRun, run_id)
        db.session.expunge(run)
        return run


def wait_for(condition, timeout_s: float = 90.0, step_s: float = 0.02) -> float:
    """Wait until ``condition()``; returns the seconds it took."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout_s, "the condition never came true"
        time.sleep(step_s)
    return time.monotonic() - started


def solving(app, run_id: int) -> bool:
    """The run's process is in the solver (it reported a level), not still starting."""
    run = run_row(app, run_id)
    return run.status == "running" and run.level_label != ""


def ended(app, run_id: int) -> bool:
    return not run_row(app, run_id).is_active


def solving_run(app) -> tuple[int, subprocess.Popen, int]:
    """A queued run that a new worker has taken and is solving: the run, the worker, the run's process."""
    run_id = queue_run(app)
    worker = start_worker(app)
    wait_for(lambda: solving(app, run_id))
    return run_id, worker, run_process_of(worker.pid)


def stop_once_solving(app, run_id: int) -> None:
    """A worker took the run and is solving it: stop it and wait until it has ended."""
    wait_for(lambda: solving(app, run_id))
    with app.app_context():
        assert request_stop(run_id, PlanRun)
    wait_for(lambda: ended(app, run_id))


def run_process_of(worker_pid: int) -> int:
    """The run's process: the worker's grandchild (worker → fork server → one process per run)."""
    children = _children_of(worker_pid)
    grandchildren = [pid for child in children for pid in _children_of(child)]
    assert len(grandchildren) == 1, (children, grandchildren)
    return grandchildren[0]


def _children_of(parent_pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == parent_pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_a_killed_run_process_fails_its_run_at_once_and_the_next_run_starts(sample_app):
    run_id = queue_run(sample_app)
    worker = start_worker(sample_app)
    try:
        wait_for(lambda: solving(sample_app, run_id))
        os.kill(run_process_of(worker.pid), signal.SIGKILL)  # as the kernel does when memory runs out
        failed_after_s = wait_for(lambda: ended(sample_app, run_id))
        run = run_row(sample_app, run_id)
        assert run.status == RUN_FAILED and "stopte onverwacht" in run.error_text
        assert failed_after_s < STOP_LIMIT_S, failed_after_s  # the worker watches its run's process
        second_id = queue_run(sample_app)  # no lock-out: the slot was freed with the failure
        stop_once_solving(sample_app, second_id)
        assert worker.poll() is None  # the worker itself lives on
    finally:
        assert end_worker(worker) == 0


def test_a_killed_worker_fails_its_run_and_a_restarted_worker_takes_the_next(sample_app):
    run_id, worker, run_process = solving_run(sample_app)
    worker.kill()
    worker.wait()  # reaped, as its parent (a service manager, a shell) does
    killed_at = time.monotonic()
    wait_for(lambda: not process_exists(run_process), timeout_s=STOP_LIMIT_S)  # a run never outlives its worker
    second_id = queue_run(sample_app)  # at once: the dead worker's run is failed, no waiting for it
    first = run_row(sample_app, run_id)
    assert first.status == RUN_FAILED and "onderbroken" in first.error_text
    assert time.monotonic() - killed_at < STOP_LIMIT_S
    restarted = start_worker(sample_app)
    try:
        stop_once_solving(sample_app, second_id)
    finally:
        assert end_worker(restarted) == 0


def test_a_stop_ends_a_running_run_within_2_s_and_keeps_the_best_plan(sample_app):
    run_id = queue_run(sample_app)
    worker = start_worker(sample_app)
    try:
        wait_for(lambda: solving(sample_app, run_id) and run_row(sample_app, run_id).best is not None)
        with sample_app.app_context():
            asked_at = time.monotonic()
            assert request_stop(run_id, PlanRun)
        wait_for(lambda: ended(sample_app, run_id), step_s=0.01)
        stop_took_s = time.monotonic() - asked_at
        run = run_row(sample_app, run_id)
        print(f"stop took {stop_took_s:.2f} s (load {os.getloadavg()[0]:.1f})")
        assert stop_took_s <= STOP_LIMIT_S
        with sample_app.app_context():
            sessions = len(db.session.get(PlanRun, run_id).sessions)
        # The solver had a plan (a best value) when the stop came: it is kept, marked as stopped.
        assert run.status == "stopped" and run.solve_status == "gestopt" and sessions > 0
    finally:
        assert end_worker(worker) == 0


def test_a_worker_asked_to_stop_marks_its_run_and_exits(sample_app):
    run_id, worker, run_process = solving_run(sample_app)
    worker.terminate()  # SIGTERM, as systemd stops a service
    assert worker.wait(30) == 0
    assert "is gestopt" in worker.stdout.read()
    run = run_row(sample_app, run_id)
    assert run.status == RUN_FAILED and "werd gestopt" in run.error_text
    assert not process_exists(run_process)
    queue_run(sample_app)  # and the slot is free


def other_app(app):
    """A second web app on the same database, with its own engine and connections (a second web process)."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_PATH": app.instance_path,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "HANDENPLANNER_SOLVE_TIME_LIMIT": 5,
        }
    )


def at_the_same_moment(apps, action) -> list:
    """``action()`` in each app's context, in threads released together; what each returned."""
    barrier = threading.Barrier(len(apps))
    results: list = [None] * len(apps)

    def act(index: int, application) -> None:
        with application.app_context():
            barrier.wait()
            results[index] = action()
            db.session.remove()

    threads = [threading.Thread(target=act, args=(index, application)) for index, application in enumerate(apps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def start_or_refused() -> int | None:
    try:
        return start_plan_run()
    except RunAlreadyActiveError:
        return None


def test_two_web_apps_on_one_database_cannot_start_two_runs(app):
    app.config["HANDENPLANNER_SOLVE_TIME_LIMIT"] = 5
    apps = (app, other_app(app))
    for _ in range(RACE_ROUNDS):
        started = [run_id for run_id in at_the_same_moment(apps, start_or_refused) if run_id is not None]
        assert len(started) == 1, started
        with app.app_context():
            assert request_stop(started[0], PlanRun)  # a queued run ends at once and frees the slot
            assert db.session.query(PlanRun).filter(PlanRun.status.in_(("queued", "running"))).count() == 0


def test_two_web_processes_on_one_database_start_one_run_per_round(app):
    # Two real processes (tests/web/start_race.py) start a run at the same moments; each round one wins.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start_at = time.time() + 15  # both have loaded the web app by then, also on a busy machine
    command = [sys.executable, "-m", "tests.web.start_race", app.config["SQLALCHEMY_DATABASE_URI"]]
    command += [app.instance_path, str(start_at), str(RACE_ROUNDS)]
    racers = [subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [racer.communicate(timeout=120)[0].split("\n") for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], outputs
    started = [line.split()[0] for output in outputs for line in output if line.endswith("started")]
    assert sorted(started, key=int) == [str(number) for number in range(RACE_ROUNDS)], outputs


def test_two_workers_cannot_claim_the_same_run(app):
    app.config["HANDENPLANNER_SOLVE_TIME_LIMIT"] = 5
    apps = (app, other_app(app))
    for round_number in range(RACE_ROUNDS):
        run_id = queue_run(app)
        worker_ids = iter((f"worker-a-{round_number}", f"worker-b-{round_number}"))
        claims = at_the_same_moment(apps, lambda ids=worker_ids: claim_next(next(ids)))
        assert sorted(claims, key=bool) == [None, ("plan_run", run_id)], claims
        with app.app_context():
            end_run(("plan_run", run_id), RUN_FAILED)
