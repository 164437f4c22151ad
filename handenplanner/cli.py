"""The ``handenplanner`` command line.

Each group of commands lives in its own module with a ``register(subparsers)``
function; this file only wires them. It lives outside ``planner`` because it
also loads the web app's commands, and the core never imports the web. Messages
for users are Dutch; exit codes: 0 success, 2 input problems, 1 an internal error.

The time limit of ``solve``, ``curve`` and ``compare`` is the whole command: its clock
(``args.started_at``) starts when the process started when ``main`` runs as the program (the
interpreter's own start counts, as the user waits for it too), else when ``main`` is called; the
command modules, with the solver and the web app, are imported
after that, so loading them counts too.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from importlib import import_module
from pathlib import Path

from handenplanner.dutch_help import DutchArgumentParser

COMMAND_MODULES = (
    "planner.commands.workbook_commands",  # template, check
    "planner.commands.solve_command",  # solve
    "planner.commands.analysis_commands",  # curve, compare
    "web.commands",  # serve, db, create-user
    "web.runs.command",  # worker
)


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="handenplanner",
        description="Handenplanner: extra handen in de klas, van wenselijk naar haalbaar.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="opdracht")
    for module_name in COMMAND_MODULES:
        import_module(module_name).register(subparsers)
    return parser


MAX_STARTUP_S = 30.0  # a process older than this was not started for this command (e.g. a test runner)


def process_started_at() -> float:
    """When this process started, on the ``time.monotonic()`` clock; now where that cannot be read.

    Linux keeps the start in ``/proc/self/stat`` (field 22, clock ticks after boot) beside the time
    since boot in ``/proc/uptime``; their difference is the process's age."""
    now = time.monotonic()
    try:
        after_name = Path("/proc/self/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        uptime_s = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        age_s = uptime_s - int(after_name[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return now
    return now - age_s if 0 <= age_s <= MAX_STARTUP_S else now


def main(argv: list[str] | None = None) -> int:
    # As the program (no argv given) the clock starts with the process; called from other code, now.
    started_at = process_started_at() if argv is None else time.monotonic()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        parser = build_parser()  # loads the commands: a Ctrl-C may come meanwhile
        args = parser.parse_args(argv)
        args.started_at = started_at
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 1
    except Exception:  # the last line of defence: never a stack trace for a user
        logging.getLogger(__name__).debug("interne fout", exc_info=True)
        print(
            "Er ging intern iets mis in Handenplanner. Probeer het opnieuw; blijft het misgaan, "
            "meld het dan met het bestand dat u gebruikte.",
            file=sys.stderr,
        )
        return 1
