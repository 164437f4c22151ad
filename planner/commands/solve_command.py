"""``handenplanner solve IN.xlsx -o OUT.xlsx``: plan a workbook and write the result workbook.

Exit codes: 0 a plan was written, 2 input problems (all listed, nothing written),
1 an internal error or the result could not be saved.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner import services
from planner.commands import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK
from planner.commands.arguments import positive_count, time_limit_argument
from planner.commands.interrupt import run_stoppable
from planner.commands.solve_progress import format_number


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "solve",
        help="maak een planning van een planningsbestand",
        description="Plant de ondersteuners op de aanvragen en schrijft een resultaatbestand met het rooster.",
    )
    parser.add_argument("workbook", metavar="BESTAND.xlsx", help="het planningsbestand")
    parser.add_argument(
        "-o", "--output", metavar="UIT.xlsx", help="het resultaatbestand (standaard: BESTAND_planning.xlsx)"
    )
    parser.add_argument(
        "--time-limit",
        type=time_limit_argument,
        metavar="S",
        help="seconden voor de hele opdracht: inlezen, rekenen, suggesties en wegschrijven (standaard: tijdslimiet_s)",
    )
    parser.add_argument("--workers", type=positive_count, default=2, metavar="N", help="rekenkernen (standaard 2)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="startwaarde van de zoeker (standaard 0)")
    parser.add_argument("--json", action="store_true", help="de kerncijfers als één JSON-object op stdout")
    parser.set_defaults(handler=run_solve)


def run_solve(args: argparse.Namespace) -> int:
    source = Path(args.workbook)
    output = Path(args.output) if args.output else source.with_name(source.stem + "_planning.xlsx")
    if not source.is_file():
        return _input_problems(args, [f"Het bestand '{source}' bestaat niet."])
    print(f"'{source.name}' lezen en plannen…", file=sys.stderr)
    outcome = _solve_with_progress(args, source)
    if isinstance(outcome, services.WorkbookError):
        return _input_problems(args, [problem.message for problem in outcome.problems])
    print(f"Resultaat schrijven naar '{output}'…", file=sys.stderr)
    try:
        services.write_result(outcome, output)
    except OSError as error:
        print(f"Kan het resultaat niet opslaan in '{output}' ({error.strerror or error}).", file=sys.stderr)
        print("Is het bestand nog geopend in Excel, of staat de map vast?", file=sys.stderr)
        return EXIT_INTERNAL
    if args.json:
        print(json.dumps(services.key_figures(outcome, output.resolve()), ensure_ascii=False))
    else:
        print(summary(outcome, output))
    return EXIT_OK


def _solve_with_progress(args: argparse.Namespace, source: Path) -> services.SolveOutcome | services.WorkbookError:
    options = services.PlanOptions(
        time_limit_s=args.time_limit, workers=args.workers, seed=args.seed, started_at=args.started_at
    )
    try:
        return run_stoppable(
            "het beste plan tot nu toe",
            lambda progress, should_stop: services.solve_workbook(
                source, options, progress=progress, should_stop=should_stop
            ),
        )
    except services.WorkbookError as error:
        return error


def summary(outcome: services.SolveOutcome, output: Path) -> str:
    """A short Dutch summary for the terminal."""
    school, plan = outcome.school, outcome.plan
    per_priority = services.figures_per_priority(school, plan)
    method = f" ({plan.method})" if plan.method else ""
    lines = [f"Planning klaar in {format_number(plan.wall_time_s)} s{method}."]
    lines += [f"  {line}" for line in services.priority_lines(per_priority, plan.levels)]
    lines.append(f"  totaal  {_percent(services.total_honoured_share(school, plan))} gehonoreerd")
    planned, requested = services.planned_minutes(plan) / 60, services.requested_minutes(school) / 60
    lines.append(f"Ingepland: {format_number(planned)} van {format_number(requested)} gevraagde uren per week.")
    lines.append(services.proof_sentence(plan.status, plan.levels))
    unplaced = sum(item.partly + item.not_placed for item in per_priority)
    if unplaced:
        with_suggestion = sum(1 for diagnosis in outcome.diagnoses if diagnosis.suggestion)
        lines.append(
            f"Niet (helemaal) ingepland: {services.plural(unplaced, 'aanvraag', 'aanvragen')}, "
            f"{with_suggestion} met een suggestie "
            "(zie het tabblad 'Niet ingepland')."
        )
    lines.append(f"Resultaat: {output}")
    return "\n".join(lines)


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _input_problems(args: argparse.Namespace, messages: list[str]) -> int:
    count = len(messages)
    print(f"Er {'is 1 probleem' if count == 1 else f'zijn {count} problemen'} gevonden:", file=sys.stderr)
    for message in messages:
        print(f"  - {message}", file=sys.stderr)
    print("Er is niets gepland en niets geschreven.", file=sys.stderr)
    if args.json:
        print(json.dumps({"status": "invoerfouten", "problems": messages}, ensure_ascii=False))
    return EXIT_INPUT
