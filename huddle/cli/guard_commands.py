"""``huddle pid-scan``: an information-governance audit of stored text."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import add_db_option, existing_db_path, settings_for


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pid-scan",
        help="list stored text that looks like a patient identifier (exit 1 if any)",
        description="Scan every stored free-text field for things that look like patient "
        "identifiers (NHS numbers however written, names with a title, dates of birth, "
        "postcodes, phone, NI and hospital numbers, email addresses, and the machine's extra "
        "patterns). Lists table, record and field with every character of the match masked; "
        "never prints the match. Exit 0 when none are found, 1 when some are.",
    )
    add_db_option(parser)
    history = parser.add_mutually_exclusive_group()
    history.add_argument("--no-history", action="store_true", help="do not scan the audit history")
    history.add_argument(
        "--history",
        action="store_true",
        help="list each audit row that still holds a match, and the backups taken before now "
        "(exit 1 while any row holds one)",
    )
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
    from huddle.backup import list_backups
    from huddle.config import identifier_guard
    from huddle.pid_scan import scan_database
    from huddle.store import open_store

    settings = settings_for(args)
    path = existing_db_path(args)
    guard = identifier_guard(settings)
    with open_store(path, read_only=True) as store:
        result = scan_database(store, guard, include_history=not args.no_history)
    for f in result.findings:
        print(f"{f.table}\t{f.record_id}\t{f.field}\t{f.masked}\t{f.label}")
    if args.history:
        for h in result.history:
            print(
                f"history\t{h.audit_id}\t{h.at}\t{h.actor}\t{h.entity}\t{h.entity_id}\t"
                f"{h.op}\t{h.masked}\t{h.label}"
            )
        if result.history:
            print(
                f"{result.history_matches} audit history row(s) still hold a possible "
                "identifier: the ward manager can redact them (Settings, with the PIN)."
            )
            for backup in list_backups(settings.backup_dir, path.stem):
                print(f"backup\t{backup.path}\tmay hold them too: destroy it once redacted")
        else:
            print("The audit history holds no possible identifiers.")
    elif result.history_matches:
        print(
            f"note: {result.history_matches} audit history row(s) also hold a match; "
            "`huddle pid-scan --history` lists them."
        )
    if result.findings:
        print(
            f"{len(result.findings)} possible identifier(s) in {result.fields_scanned} "
            "fields: edit those records to remove them."
        )
        return 1
    print(f"No possible identifiers in {result.fields_scanned} fields.")
    return 1 if args.history and result.history else 0


def run_reset_pin(args: argparse.Namespace) -> int:
    from huddle.services import HuddleApp

    path = existing_db_path(args)
    with HuddleApp.open(path) as app:
        app.manager.reset()
    print(f"The ward manager's PIN for {path} has been cleared.")
    return 0
