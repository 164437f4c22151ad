"""``handenplanner curve`` and ``handenplanner compare``: from desirable to feasible.

The time limit is for the whole command (every step of the curve, both scenarios, and writing);
progress goes to stderr, and a first Ctrl-C stops the solving and keeps what was found so far.
Exit codes: 0 done, 2 input problems (all listed, nothing written), 1 the output could not be saved.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from planner import services
from planner.commands import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK
from planner.commands.arguments import positive_count, time_limit_argument
from planner.commands.interrupt import run_stoppable
from planner.model import ROLES, School
from planner.timegrid import format_hours

DEFAULT_STEPS = "0,2,4,6,8,10"


def register(subparsers: argparse._SubParsersAction) -> None:
    curve = subparsers.add_parser(
        "curve",
        help="capaciteitscurve: wat leveren extra uren op?",
        description="Lost de planning op met 0, 2, 4, … extra uren van een flexibele ondersteuner en toont per "
        "prioriteit welk deel van de aanvragen dan gehonoreerd wordt.",
    )
    curve.add_argument("workbook", metavar="BESTAND.xlsx", help="het planningsbestand")
    curve.add_argument("-o", "--output", metavar="UIT.xlsx", help="werkmap met tabel en grafiek")
    curve.add_argument("--png", metavar="UIT.png", help="de grafiek als afbeelding")
    curve.add_argument("--stappen", type=_steps, default=_steps(DEFAULT_STEPS), metavar="0,2,4",
                       help=f"extra uren per week per stap (standaard {DEFAULT_STEPS})")  # fmt: skip
    curve.add_argument("--functie", choices=ROLES, default="onderwijsassistent", help="functie van de extra uren")
    curve.add_argument("--time-limit", type=time_limit_argument, metavar="S",
                       help="seconden voor de hele curve, alle stappen en wegschrijven "
                            "(standaard: tijdslimiet_s uit het bestand)")  # fmt: skip
    curve.add_argument("--workers", type=positive_count, default=2, metavar="N", help="rekenkernen (standaard 2)")
    curve.set_defaults(handler=run_curve)
    compare = subparsers.add_parser(
        "compare",
        help="vergelijk twee scenario's",
        description="Plant twee planningsbestanden en zet de uitkomsten naast elkaar.",
    )
    compare.add_argument("first", metavar="A.xlsx", help="het eerste scenario")
    compare.add_argument("second", metavar="B.xlsx", help="het tweede scenario")
    compare.add_argument("-o", "--output", metavar="UIT.xlsx", help="werkmap met de vergelijking")
    compare.add_argument(
        "--time-limit",
        type=time_limit_argument,
        metavar="S",
        help="seconden voor de hele vergelijking, beide scenario's en wegschrijven "
        "(standaard: tijdslimiet_s uit het eerste bestand)",
    )
    compare.add_argument("--workers", type=positive_count, default=2, metavar="N", help="rekenkernen (standaard 2)")
    compare.set_defaults(handler=run_compare)


def run_curve(args: argparse.Namespace) -> int:
    school = _read(Path(args.workbook))
    if school is None:
        return EXIT_INPUT
    limit = args.time_limit or school.settings.time_limit_s
    print(f"Extra ondersteuner: {args.functie}, beschikbaar tijdens alle schooltijden, met alle gevraagde "
          f"vaardigheden; {format_hours(limit * 60)} s voor de hele curve.", file=sys.stderr)  # fmt: skip
    points = run_stoppable(
        "de curve tot nu toe",
        lambda progress, should_stop: services.capacity_curve(
            school,
            args.stappen,
            args.functie,
            time_limit_s=limit,
            workers=args.workers,
            started_at=args.started_at,
            progress=progress,
            should_stop=should_stop,
        ),
    )
    notes = tuple(dip.text for dip in services.curve_dips(school, points))
    print(curve_table(points))
    for note in notes:
        print(note)
    steps = len(set(args.stappen))
    done = f"{len(points)} stappen" if len(points) == steps else f"{len(points)} van {steps} stappen (gestopt)"
    print(f"Rekentijd: {_format_seconds(time.monotonic() - args.started_at)} voor {done}.")
    return _save_curve(points, notes, args)


def _save_curve(points, notes: tuple[str, ...], args: argparse.Namespace) -> int:
    writers = (
        (args.output, lambda path: services.write_curve_workbook(points, path, notes)),
        (args.png, lambda path: services.write_curve_png(points, path)),
    )
    for path, writer in writers:
        if not path:
            continue
        try:
            writer(Path(path))
        except OSError as error:
            return _cannot_save(path, error)
        print(f"Opgeslagen: {path}")
    return EXIT_OK


def curve_table(points) -> str:
    lines = [f"{'extra uren':>10}  {'hoog':>6}  {'middel':>6}  {'laag':>6}  {'totaal':>6}  {'ingezet':>8}"]
    for point in points:
        shares = "  ".join(f"{_percent(row.honoured_share):>6}" for row in point.figures)
        note = (
            ""
            if point.proven_optimal
            else ("  (vorige stap overgenomen)" if point.carried_over else "  (niet bewezen)")
        )
        used = format_hours(point.extra_used_min) + " u"
        lines.append(f"{format_hours(point.extra_hours * 60):>10}  {shares}  {_percent(point.total_share):>6}  "
                     f"{used:>8}{note}")  # fmt: skip
    return "\n".join(lines)


def run_compare(args: argparse.Namespace) -> int:
    first, second = _read(Path(args.first)), _read(Path(args.second))
    if first is None or second is None:
        return EXIT_INPUT
    name_a, name_b = Path(args.first).stem, Path(args.second).stem
    if name_a == name_b:
        name_a, name_b = "A", "B"
    limit = args.time_limit or first.settings.time_limit_s
    comparison = run_stoppable(
        "de vergelijking tot nu toe",
        lambda progress, should_stop: services.compare_schools(
            first,
            second,
            time_limit_s=limit,
            workers=args.workers,
            started_at=args.started_at,
            progress=progress,
            should_stop=should_stop,
        ),
    )
    print(compare_text(comparison, name_a, name_b))
    if args.output:
        try:
            services.write_compare_workbook(comparison, Path(args.output), name_a, name_b)
        except OSError as error:
            return _cannot_save(args.output, error)
        print(f"Opgeslagen: {args.output}")
    return EXIT_OK


def compare_text(comparison, name_a: str, name_b: str) -> str:
    width = max(len(name_a), len(name_b), 8) + 2
    lines = [f"Status: {name_a} {_status(comparison.plan_a)}; {name_b} {_status(comparison.plan_b)}."]
    lines += ["Gehonoreerd per prioriteit:", f"  {'':<10}{name_a:>{width}}{name_b:>{width}}"]
    for row in comparison.priorities:
        lines.append(f"  {row.label:<10}{_percent(row.share_a):>{width}}{_percent(row.share_b):>{width}}")
    name_width = max([len(row.helper) for row in comparison.helpers] + [12]) + 2
    lines += ["Ingeplande uren per ondersteuner:", f"  {'':<{name_width}}{name_a:>{width}}{name_b:>{width}}"]
    for row in comparison.helpers:
        mark = "" if row.minutes_a == row.minutes_b else "  *"
        hours_a, hours_b = format_hours(row.minutes_a), format_hours(row.minutes_b)
        lines.append(f"  {row.helper:<{name_width}}{hours_a:>{width}}{hours_b:>{width}}{mark}")
    if comparison.changes:
        lines.append("Aanvragen die keren winnen of verliezen:")
        for change in comparison.changes:
            before = f"{change.placed_a} van {change.asked_a}"
            after = f"{change.placed_b} van {change.asked_b}"
            label = f"{change.request_id} (groep {change.group}, {change.priority})"
            lines.append(f"  {label}: {before} → {after} ({change.difference:+d})")
    else:
        lines.append("Geen verschil in ingeplande keren per aanvraag.")
    return "\n".join(lines)


def _status(plan) -> str:
    text = f"{plan.status.value} ({plan.wall_time_s:.0f} s)"
    if not plan.sessions:
        text += ", geen planning gevonden binnen de rekentijd"
    return text


def _read(path: Path) -> School | None:
    """The school in a workbook, or None after printing every problem (Dutch) to stderr."""
    if not path.is_file():
        print(f"Het bestand '{path}' bestaat niet.", file=sys.stderr)
        return None
    try:
        return services.read_school(path)
    except services.WorkbookError as error:
        print(f"Het bestand '{path}' bevat fouten:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem.message}", file=sys.stderr)
        return None


def _cannot_save(path, error: OSError) -> int:
    print(f"Kan '{path}' niet opslaan ({error.strerror or error}). Is het bestand nog geopend?", file=sys.stderr)
    return EXIT_INTERNAL


def _format_seconds(seconds: float) -> str:
    return f"{seconds:.1f} s".replace(".", ",")


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _steps(text: str) -> tuple[float, ...]:
    try:
        steps = tuple(float(part.replace(",", ".")) for part in text.replace(";", " ").replace(" ", ",").split(",")
                      if part.strip())  # fmt: skip
    except ValueError:
        raise argparse.ArgumentTypeError("verwacht uren gescheiden door komma's, bijv. 0,2,4,6") from None
    if not steps or any(step < 0 for step in steps):
        raise argparse.ArgumentTypeError("verwacht uren van 0 of meer, bijv. 0,2,4,6")
    return steps
