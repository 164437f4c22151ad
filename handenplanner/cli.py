"""The ``handenplanner`` command line.

Each group of commands lives in its own module with a ``register(subparsers)``
function; this file only wires them. It lives outside ``planner`` because it
also loads the web app's commands, and the core never imports the web. Messages
for users are Dutch; exit codes: 0 success, 2 input problems, 1 an internal error.

The time limit of ``solve``, ``curve`` and ``compare`` is the whole command: its clock
(``args.started_at``) starts when ``main`` is called, and the command modules, with the solver
and the web app, are imported after that, so loading them counts too.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from importlib import import_module

from handenplanner.dutch_help import DutchArgumentParser

COMMAND_MODULES = (
    "planner.commands.workbook_commands",  # template, check
    "planner.commands.solve_command",  # solve
    "planner.commands.analysis_commands",  # curve, compare
    "web.commands",  # serve, db, create-user
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


def main(argv: list[str] | None = None) -> int:
    started_at = time.monotonic()
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
