"""``handenplanner template`` and ``handenplanner check``: the blank workbook and checking a filled one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner import services
from planner.commands import EXIT_INPUT, EXIT_OK
from planner.model import Priority, School
from planner.timegrid import format_hours


def register(subparsers: argparse._SubParsersAction) -> None:
    template = subparsers.add_parser(
        "template",
        help="maak een lege planningswerkmap om in te vullen",
        description="Maak een lege planningswerkmap (.xlsx) met uitleg, om in te vullen.",
    )
    template.add_argument("-o", "--output", required=True, metavar="BESTAND.xlsx", help="waar de werkmap komt")
    template.set_defaults(handler=run_template)

    check = subparsers.add_parser(
        "check",
        help="controleer een ingevulde planningswerkmap",
        description="Controleer een planningswerkmap en toon alle problemen, of een korte samenvatting.",
    )
    check.add_argument("workbook", metavar="BESTAND.xlsx", help="de ingevulde werkmap")
    check.set_defaults(handler=run_check)


def run_template(args: argparse.Namespace) -> int:
    path = Path(args.output)
    try:
        services.write_template(path)
    except OSError as error:
        print(f"Kan '{path}' niet schrijven: {error.strerror or error}.", file=sys.stderr)
        return EXIT_INPUT
    print(f"Lege planningswerkmap geschreven naar {path}.")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    try:
        school = services.read_school(Path(args.workbook))
    except services.WorkbookError as error:
        count = len(error.problems)
        print(f"{args.workbook}: {count} {'probleem' if count == 1 else 'problemen'} gevonden:")
        for problem in error.problems:
            print(problem.message)
        return EXIT_INPUT
    print("\n".join(summary_lines(school)))
    return EXIT_OK


def summary_lines(school: School) -> list[str]:
    """A short Dutch summary of a correct workbook."""
    sessions = sum(request.sessions_per_week for request in school.requests)
    lines = [
        "Het bestand is in orde.",
        f"Groepen: {len(school.groups)}, leerkrachten: {len(school.teachers)}, "
        f"ondersteuners: {len(school.helpers)}, aanvragen: {len(school.requests)} "
        f"({sessions} keer per week).",
        f"Gevraagd: {format_hours(services.requested_minutes(school))} uur per week; "
        f"beschikbaar bij de ondersteuners: {format_hours(services.available_minutes(school))} uur per week.",
    ]
    for priority in Priority:
        requests = [request for request in school.requests if request.priority == priority]
        minutes = sum(request.requested_minutes for request in requests)
        count = sum(request.sessions_per_week for request in requests)
        noun = "aanvraag" if len(requests) == 1 else "aanvragen"
        lines.append(f"  {priority.label}: {len(requests)} {noun}, {count} keer per week, {format_hours(minutes)} uur")
    if school.pins:
        lines.append(f"Vastgezette keren: {len(school.pins)}.")
    if not school.requests:
        lines.append("Let op: er staan nog geen aanvragen in dit bestand.")
    if not school.helpers:
        lines.append("Let op: er staan nog geen ondersteuners in dit bestand.")
    return lines
