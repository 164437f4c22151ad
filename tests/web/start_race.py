"""One web process of ``test_two_web_processes_on_one_database_start_one_run_per_round``.

    python -m tests.web.start_race DATABASE_URL INSTANCE START_AT ROUNDS

At ``START_AT + round × ROUND_S`` (wall clock, shared by the racing processes) it starts a plan run;
the process that got it stops it (a queued run ends at once) before the next round. Prints one
line per round: ``<round> started`` or ``<round> refused``.
"""

from __future__ import annotations

import sys
import time

from web import create_app
from web.planning.runner import start_plan_run
from web.runs.queue import RunAlreadyActiveError, request_stop
from web.store.models_plan import PlanRun

ROUND_S = 1.0
CANCEL_AFTER_S = 0.4


def race(database_url: str, instance: str, start_at: float, rounds: int) -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": instance,
            "SECRET_KEY": "test",
            "HANDENPLANNER_SOLVE_TIME_LIMIT": 5,
        }
    )
    with app.app_context():
        for round_number in range(rounds):
            _sleep_until(start_at + round_number * ROUND_S)
            try:
                run_id = start_plan_run()
            except RunAlreadyActiveError:
                print(round_number, "refused", flush=True)
                continue
            print(round_number, "started", flush=True)
            _sleep_until(start_at + round_number * ROUND_S + CANCEL_AFTER_S)
            request_stop(run_id, PlanRun)


def _sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.time()))


if __name__ == "__main__":
    race(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
