"""``handenplanner serve``, ``handenplanner db upgrade`` and ``handenplanner create-user``.

Registered by ``handenplanner.cli``; Flask and the database are imported only when a
command runs, so the planning commands stay light.
"""

from __future__ import annotations

import argparse
import getpass
import signal
import sys

from planner.commands import EXIT_INPUT, EXIT_OK, positive_count
from web.serving import default_process_count

ROLE_WORDS = {
    "planner": "planner",
    "schoolleider": "planner",
    "teacher": "teacher",
    "leerkracht": "teacher",
    "helper": "helper",
    "ondersteuner": "helper",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="start de webapp",
        description=(
            "Start de webapp met waitress, met een worker ernaast die de berekeningen uitvoert. "
            "Met --demo: een demodatabase met de voorbeeldschool en demo-accounts."
        ),
    )
    serve.add_argument("--demo", action="store_true", help="start met een demodatabase en demo-accounts")
    serve.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1)")
    serve.add_argument("--port", type=int, default=5000, help="poort (standaard 5000)")
    serve.add_argument(
        "--zonder-worker",
        action="store_true",
        help="start geen worker voor de berekeningen (draai 'handenplanner worker' dan zelf, bijvoorbeeld als dienst)",
    )
    serve.add_argument(
        "--processen",
        type=positive_count,
        default=default_process_count(),
        metavar="AANTAL",
        help="aantal webprocessen (standaard één per processorkern, hoogstens 4; hier %(default)s)",
    )
    serve.set_defaults(handler=run_serve)

    database = subparsers.add_parser("db", help="beheer de database", description="Beheer de database van de webapp.")
    database_commands = database.add_subparsers(dest="db_command", metavar="opdracht")
    upgrade = database_commands.add_parser("upgrade", help="breng de database naar de nieuwste versie (migraties)")
    upgrade.set_defaults(handler=run_db_upgrade)
    database.set_defaults(handler=lambda args: _print_help(database))

    user = subparsers.add_parser(
        "create-user",
        help="maak een account voor de webapp",
        description="Maak een account. Zonder --password wordt om het wachtwoord gevraagd.",
    )
    user.add_argument("--email", required=True, help="e-mailadres (inlognaam)")
    user.add_argument("--role", required=True, choices=sorted(ROLE_WORDS), help="planner, leerkracht of ondersteuner")
    user.add_argument("--name", default="", help="naam zoals die in de webapp staat")
    link = user.add_mutually_exclusive_group()
    link.add_argument("--teacher", metavar="NAAM", help="koppel aan deze leerkracht (rol leerkracht)")
    link.add_argument("--helper", metavar="NAAM", help="koppel aan deze ondersteuner (rol ondersteuner)")
    user.add_argument("--password", help="wachtwoord (voor scripts; anders wordt erom gevraagd)")
    user.set_defaults(handler=run_create_user)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return EXIT_INPUT


def run_serve(args: argparse.Namespace) -> int:
    from web.runs.command import start_worker_process, stop_worker_process
    from web.serving import serve_app

    if args.demo:
        from web.demo import create_demo_app, setup_demo

        app = create_demo_app(web_processes=args.processen)
        logins = setup_demo(app)
        print_demo_logins(logins)
    else:
        from web import create_app

        app = create_app({"WEB_PROCESSES": args.processen})
        if not database_ready(app):
            print("De database is nog niet klaar. Voer eerst uit: handenplanner db upgrade", file=sys.stderr)
            return EXIT_INPUT
        if not _has_planner(app):
            print(
                "Er is nog geen planneraccount. Maak er een met: "
                "handenplanner create-user --email ... --role planner --name ..."
            )
    worker = None if args.zonder_worker else start_worker_process(args.demo)
    print(f"Handenplanner draait op http://{args.host}:{args.port}/  (stoppen: Ctrl+C)", flush=True)
    signal.signal(signal.SIGTERM, _exit_quietly)  # a service manager's stop ends the worker too
    try:
        serve_app(app, args.host, args.port, args.processen)
    finally:
        if worker is not None:
            stop_worker_process(worker)
    return EXIT_OK


def _exit_quietly(*_signal) -> None:
    raise SystemExit(EXIT_OK)


def print_demo_logins(logins) -> None:
    print("Demo-accounts (de wachtwoorden zijn bij elke start nieuw):")
    for login in logins:
        linked = f"  – gekoppeld aan {login.linked_to}" if login.linked_to else ""
        print(f"  {login.role_label:<13} {login.email}  wachtwoord: {login.password}{linked}")


def database_ready(app) -> bool:
    from sqlalchemy import inspect

    from web.db import db

    with app.app_context():
        return inspect(db.engine).has_table("users")


def _has_planner(app) -> bool:
    from sqlalchemy import select

    from web.db import db
    from web.store.models import ROLE_PLANNER, User

    with app.app_context():
        return db.session.scalars(select(User.id).where(User.role == ROLE_PLANNER)).first() is not None


def run_db_upgrade(args: argparse.Namespace) -> int:
    import flask_migrate

    from web import MIGRATIONS_DIR, create_app

    app = create_app()
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
    print("De database is bijgewerkt naar de nieuwste versie.")
    return EXIT_OK


def run_create_user(args: argparse.Namespace) -> int:
    from web import create_app
    from web.db import db
    from web.store.users import AccountError, create_user, find_helper, find_teacher

    app = create_app()
    if not database_ready(app):
        print("De database is nog niet klaar. Voer eerst uit: handenplanner db upgrade", file=sys.stderr)
        return EXIT_INPUT
    role = ROLE_WORDS[args.role]
    password = args.password if args.password is not None else _ask_password()
    if password is None:
        return EXIT_INPUT
    with app.app_context():
        teacher = find_teacher(args.teacher) if args.teacher else None
        helper = find_helper(args.helper) if args.helper else None
        if (args.teacher and teacher is None) or (args.helper and helper is None):
            print(f"Onbekende naam: '{args.teacher or args.helper}' staat niet in de schoolgegevens.", file=sys.stderr)
            return EXIT_INPUT
        try:
            create_user(args.email, role, args.name, password, teacher, helper)
        except AccountError as problem:
            print(str(problem), file=sys.stderr)
            return EXIT_INPUT
        db.session.commit()
    print(f"Account {args.email} is aangemaakt.")
    return EXIT_OK


def _ask_password() -> str | None:
    if not sys.stdin.isatty():
        print("Geef het wachtwoord met --password (er is geen terminal om het te vragen).", file=sys.stderr)
        return None
    first = getpass.getpass("Wachtwoord: ")
    if first != getpass.getpass("Nog een keer: "):
        print("De wachtwoorden zijn niet gelijk.", file=sys.stderr)
        return None
    return first
