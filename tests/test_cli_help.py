"""The command line speaks Dutch, argparse's own words included: every --help and its errors."""

from __future__ import annotations

import argparse

import pytest

from handenplanner.cli import build_parser

ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:", "required", "invalid")


def _all_parsers(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _all_parsers(sub)


def test_every_commands_help_is_dutch():
    # The top parser, each command and the db sub-command: none may show argparse's English words.
    parsers = list(_all_parsers(build_parser()))
    assert len(parsers) >= 9  # handenplanner, template, check, solve, curve, compare, serve, db, db upgrade, ...
    for parser in parsers:
        text = parser.format_help()
        assert text.startswith("gebruik: "), parser.prog
        assert "toon deze hulp en stop" in text, parser.prog
        assert not [word for word in ENGLISH if word in text], parser.prog


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["template"], "handenplanner template: fout: deze argumenten ontbreken: -o/--output"),
        (["check", "a.xlsx", "b.xlsx"], "handenplanner: fout: onbekende argumenten: b.xlsx"),
        (["curve", "a.xlsx", "--functie", "kok"], "ongeldige keuze: 'kok' (kies uit"),
        (["solve"], "deze argumenten ontbreken: BESTAND.xlsx"),
    ],
)
def test_argparse_errors_are_dutch(capsys, argv, expected):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert expected in error and "usage:" not in error and "error:" not in error
