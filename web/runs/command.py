"""``handenplanner worker``, and the worker process that ``handenplanner serve`` starts beside the server.

Registered by ``handenplanner.cli``; Flask and the database are imported only when the command runs.
The worker prints its process id, and on SIGTERM or Ctrl-C marks its run and exits (code 0).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time

from planner.commands import EXIT_INPUT, EXIT_OK

PARENT_WATCH_S = 0.5
WORKER_EXIT_WAIT_S = 10.0


def register(subparsers: argparse._SubParsersAction) -> None:
    worker = subparsers.add_parser(
        "worker",
        help="voer de berekeningen van de webapp uit",
        description=(
            "Neemt berekeningen en analyses die in de webapp zijn gestart uit de database en voert ze uit, "
            "elk in een eigen proces. Draai er één naast de webprocessen; 'handenplanner serve' start er zelf "
            "een (tenzij --zonder-worker)."
        ),
    )
    worker.add_argument("--demo", action="store_true", help="werk op de demodatabase van 'serve --demo'")
    worker.add_argument("--server-pid", type=int, help=argparse.SUPPRESS)  # stop when this server process is gone
    worker.set_defaults(handler=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    from web.commands import database_ready
    from web.runs.worker import RunWorker

    app = _worker_app(args.demo)
    if not database_ready(app):
        print("De database is nog niet klaar. Voer eerst uit: handenplanner db upgrade", file=sys.stderr)
        return EXIT_INPUT
    worker = RunWorker(app)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: worker.stopping.set())
    if args.server_pid:
        _stop_when_gone(args.server_pid, worker.stopping)
    print(f"Handenplanner-worker draait (pid {os.getpid()}); stoppen: Ctrl+C of SIGTERM", flush=True)
    worker.run()
    print(f"Handenplanner-worker (pid {os.getpid()}) is gestopt.", flush=True)
    return EXIT_OK


def _worker_app(demo: bool):
    if demo:
        from web.demo import create_demo_app

        return create_demo_app()
    from web import create_app

    return create_app()


def _stop_when_gone(pid: int, stopping: threading.Event) -> None:
    """A worker started by ``serve`` ends with the server, also when the server was killed."""

    def watch() -> None:
        while os.getppid() == pid:
            time.sleep(PARENT_WATCH_S)
        stopping.set()

    threading.Thread(target=watch, name="watch-server", daemon=True).start()


def start_worker_process(demo: bool) -> subprocess.Popen:
    """``handenplanner worker`` as a child of this server process (same environment, same database)."""
    command = [sys.executable, "-m", "handenplanner", "worker", "--server-pid", str(os.getpid())]
    return subprocess.Popen([*command, "--demo"] if demo else command)


def stop_worker_process(process: subprocess.Popen) -> None:
    """Ask the worker to stop (it marks its run), and end it if it does not in time."""
    process.terminate()
    try:
        process.wait(WORKER_EXIT_WAIT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
