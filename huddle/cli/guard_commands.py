"""``huddle pid-scan``: an information-governance audit of stored text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from huddle.cli.common import CommandProblem, existing_db_path, settings_for
from huddle.cli.options import DB, Option, command


def register(subparsers: Any) -> None:
    command(subparsers, "pid-scan", PID_SCAN_OPTIONS, run_pid_scan,
            help="list stored text that looks like a patient identifier (exit 1 if any)",
            description="Scan every stored free-text field for things that look like patient "
            "identifiers (NHS numbers however written, names with a title, dates of birth, "
            "postcodes, phone, NI and hospital numbers, email addresses, and the machine's "
            "extra patterns). Lists table, record and field with every character of the match "
            "masked; never prints the match. Exit 0 when none are found, 1 when some are, in "
            "the records or (unless --no-history) in the audit history.")  # fmt: skip
    command(subparsers, "reset-pin", (DB,), run_reset_pin,
            help="clear the ward manager's PIN (for IT, at the PC)",
            description="Clear the ward manager's PIN so a new one can be set in Settings. "
            "The audit trail records who cleared it and when.")  # fmt: skip


PID_SCAN_OPTIONS: tuple[Option, ...] = (
    DB,
    (("--no-history",), {"action": "store_true", "help": "do not scan the audit history",
                         "one_of": "history"}),
    (("--history",), {"action": "store_true", "one_of": "history",
                      "help": "list each audit row that still holds a match, and the backups "
                      "taken before now (exit 1 while any row holds one)"}),
    (("--redact",), {"action": "store_true",
                     "help": "(ward manager) replace the matches left in the audit history by "
                     "'[redacted]'; asks for the manager PIN (read from standard input when it "
                     "is not a terminal)"}),
)  # fmt: skip


def run_pid_scan(args: argparse.Namespace) -> int:
    from huddle.backup import list_backups
    from huddle.config import identifier_guard
    from huddle.pid_scan import scan_database
    from huddle.store import open_store

    settings = settings_for(args)
    path = existing_db_path(args)
    guard = identifier_guard(settings)
    if args.redact:
        return _redact(args, path, settings.backup_dir)
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
            f"{result.history_matches} audit history row(s) still hold a possible identifier: "
            "`huddle pid-scan --history` lists them, `--redact` removes them (manager PIN)."
        )
    if result.findings:
        print(
            f"{len(result.findings)} possible identifier(s) in {result.fields_scanned} "
            "fields: edit those records to remove them."
        )
        return 1
    print(f"No possible identifiers in {result.fields_scanned} fields.")
    return 1 if result.history else 0


def _read_pin() -> str:
    import getpass
    import sys

    if sys.stdin.isatty():
        return getpass.getpass("Manager PIN: ")
    return sys.stdin.readline().strip()


def _redact(args: argparse.Namespace, path: Path, backup_dir: Path) -> int:
    from datetime import datetime

    from huddle.backup import list_backups
    from huddle.services import HuddleApp
    from huddle.services.redaction import redact_history

    if args.no_history:
        raise CommandProblem("--redact works on the audit history: leave out --no-history.")
    with HuddleApp.open(path) as app:
        done = redact_history(app, pin=_read_pin())
    if not done.audit_ids:
        print("The audit history holds no possible identifiers: nothing to redact.")
        return 0
    print(f"Redacted {len(done.audit_ids)} audit row(s); the hash chain records each redaction.")
    when = datetime.fromisoformat(done.redacted_at)
    for backup in list_backups(backup_dir, path.stem):
        if backup.taken_at <= when:  # the same second may still hold them: name it
            print(f"backup\t{backup.path}\ttaken before the redaction: destroy it")
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
