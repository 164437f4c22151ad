"""argparse in Dutch: its own words ("usage:", "options:", "-h" and its errors) as a user reads them.

The commands write their help texts in Dutch; argparse adds a few of its own in English. This
parser and formatter replace those: every sub-command parser inherits them (argparse makes
sub-parsers of the parser's own class).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# argparse's error messages (Python 3.11+), as patterns, with their Dutch text.
_ERRORS = (
    (re.compile(r"the following arguments are required: (.*)"), r"deze argumenten ontbreken: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"onbekende argumenten: \1"),
    (re.compile(r"invalid choice: (.*) \(choose from (.*)\)"), r"ongeldige keuze: \1 (kies uit \2)"),
    (re.compile(r"invalid (\S+) value: (.*)"), r"ongeldige waarde: \2"),
    (re.compile(r"expected one argument"), "verwacht één waarde"),
    (re.compile(r"expected at least one argument"), "verwacht minstens één waarde"),
    (re.compile(r"not allowed with argument (.*)"), r"mag niet samen met \1"),
    (re.compile(r"ambiguous option: (.*) could match (.*)"), r"dubbelzinnige optie: \1 kan zijn: \2"),
)


def dutch_error(message: str) -> str:
    """argparse's English message in Dutch; the command's own (Dutch) messages pass unchanged."""
    for pattern, dutch in _ERRORS:
        message = pattern.sub(dutch, message)
    return message


class DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words are Dutch: usage, section titles, ``-h`` and errors."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {dutch_error(message)}\n")
