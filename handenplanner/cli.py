"""The ``handenplanner`` command line.

Each group of commands lives in its own module with a ``register(subparsers)``
function; this file only wires them. It lives outside ``planner`` because it
also loads the web app's commands, and the core never imports the web. Messages
for users are Dutch; exit codes: 0 success, 2 input problems, 1 an internal error.
"""

from __future__ import annotations

import argparse
import logging
import sys

from planner.commands import analysis_commands, solve_command, workbook_commands
from web import commands as web_commands

COMMAND_MODULES = (
    workbook_commands,  # template, check
    solve_command,  # solve
    analysis_commands,  # curve, compare
    web_commands,  # serve, db, create-user
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handenplanner",
        description="Handenplanner: extra handen in de klas, van wenselijk naar haalbaar.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="opdracht")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
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
