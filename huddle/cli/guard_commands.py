"""``huddle pid-scan``: an information-governance audit of stored text."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import CommandProblem, add_db_option, existing_db_path, settings_for


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pid-scan",
        help="list stored text that looks like a patient identifier (exit 1 if any)",
        description="Scan every stored free-text field for things that look like NHS numbers "
        "(ten digits with a valid check digit) or the machine's extra identifier patterns. "
        "Lists table, record and field with the digits masked; never prints the match. "
        "Exit 0 when none are found, 1 when some are.",
    )
    add_db_option(parser)
    parser.add_argument("--no-history", action="store_true", help="do not scan the audit history")
    parser.set_defaults(handler=run_pid_scan)

    reset = subparsers.add_parser(
        "reset-pin",
        help="clear the ward manager's PIN (for IT, at the PC)",
        description="Clear the ward manager's PIN so a new one can be set in Settings. "
        "The audit trail records who cleared it and when.",
    )
    add_db_option(reset)
    reset.set_defaults(handler=run_reset_pin)


def run_pid_scan(args: argparse.Namespace) -> int:
    from huddle.config import identifier_guard
    from huddle.pid_scan import scan_database
    from huddle.store import open_store

    settings = settings_for(args)
    path = existing_db_path(args)
    try:
        guard = identifier_guard(settings, strict=True)
    except ValueError as error:
        raise CommandProblem(
            f"The identifier patterns in the settings are wrong: {error}"
        ) from None
    with open_store(path, read_only=True) as store:
        result = scan_database(store, guard, include_history=not args.no_history)
    for f in result.findings:
        print(f"{f.table}\t{f.record_id}\t{f.field}\t{f.masked}\t{f.label}")
    if result.history_matches:
        print(
            f"note: {result.history_matches} audit history row(s) also hold a match; the audit "
            "trail is permanent, so ask the ward manager about a purge if needed."
        )
    if result.findings:
        print(
            f"{len(result.findings)} possible identifier(s) in {result.fields_scanned} "
            "fields: edit those records to remove them."
        )
        return 1
    print(f"No possible identifiers in {result.fields_scanned} fields.")
    return 0


def run_reset_pin(args: argparse.Namespace) -> int:
    from huddle.health import check_database
    from huddle.services import HuddleApp

    path = existing_db_path(args)
    health = check_database(path)  # never write a ward's schema into someone else's file
    if not health.ok:
        raise CommandProblem(
            f"{path} is not a ward database this version can use: {health.problem}."
        )
    with HuddleApp.open(path) as app:
        app.manager.reset()
    print(f"The ward manager's PIN for {path} has been cleared.")
    return 0
