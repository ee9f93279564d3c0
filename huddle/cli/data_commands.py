"""Commands that look after a ward's data: demo, check, backup, restore, stats, config."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from huddle.cli.common import CommandProblem, existing_db_path, settings_for
from huddle.cli.options import DB, JSON, NEW_DB, Option, command


def register(subparsers: Any) -> None:
    # each command: its name, options, handler and one line of help
    table: tuple[tuple[str, tuple[Option, ...], Any, str], ...] = (
        ("demo", DEMO_OPTIONS, run_demo, "build a sample ward with believable, fictional data"),
        ("check", CHECK_OPTIONS, run_check,
         "check a database's health (exit 0 healthy, 1 damaged)"),
        ("backup", BACKUP_OPTIONS, run_backup, "take a verified backup and thin old ones"),
        ("restore", RESTORE_OPTIONS, run_restore,
         "restore the database from a backup (the current file is kept aside)"),
        ("stats", (DB, JSON), run_stats, "row counts per table"),
        ("config", CONFIG_OPTIONS, run_config,
         "show the effective settings and where each came from"),
    )  # fmt: skip
    for name, options, handler, about in table:
        command(subparsers, name, options, handler, help=about, description=DESCRIPTIONS[name])


# What each command does, as its --help describes it.
DESCRIPTIONS = {
    "demo": "Build a sample ward (fictional staff, huddles, learning, actions, measures) in a "
    "new database. The same seed gives the same ward.",
    "check": "Check integrity, links between records and the schema version. Changes nothing.",
    "backup": "Copy the database consistently (safe while the app is open), verify the copy, "
    "and keep 7 daily, 4 weekly and 12 monthly backups.",
    "restore": "Replace the database with a verified backup. The current file and its journals "
    "are renamed aside, never deleted. Close the app first.",
    "stats": "Print the number of rows in each table.",
    "config": "Settings resolve in this order: command line, environment, Windows policy, "
    "machine huddle.ini, user huddle.ini, default.",
}


DEMO_OPTIONS: tuple[Option, ...] = (
    NEW_DB,
    (("--weeks",), {"type": int, "default": 26, "help": "weeks of history (default 26)"}),
    (("--seed",), {"type": int, "default": 1, "help": "random seed (default 1)"}),
    (("--ward",), {"default": None, "help": "ward name (default: a sample name)"}),
)
CHECK_OPTIONS: tuple[Option, ...] = (
    DB,
    (("--deep",), {"action": "store_true",
                   "help": "also verify the audit trail's hash chain, the structure's seal, "
                   "and every table against its rebuild from the audit trail"}),
    (("--verbose",), {"action": "store_true", "help": "list every problem found"}),
)  # fmt: skip
BACKUP_OPTIONS: tuple[Option, ...] = (
    DB,
    (("--dest",), {"type": Path, "default": None,
                   "help": "backup folder (default: the configured backup folder)"}),
    (("--no-rotate",), {"action": "store_true", "help": "keep every old backup"}),
)  # fmt: skip
RESTORE_OPTIONS: tuple[Option, ...] = (
    DB,
    (("--from",), {"dest": "source", "type": Path, "required": True, "metavar": "BACKUP_FILE",
                   "help": "the backup file to restore"}),
)  # fmt: skip
CONFIG_OPTIONS: tuple[Option, ...] = (
    DB,
    (("--show",), {"action": "store_true", "help": "print the effective settings"}),
)


def run_demo(args: argparse.Namespace) -> int:
    from huddle.demo import build_demo

    if args.weeks < 1 or args.weeks > 1040:
        raise CommandProblem("--weeks must be between 1 and 1040.")
    kwargs: dict[str, Any] = {"weeks": args.weeks, "seed": args.seed}
    if args.ward:
        kwargs["ward_name"] = args.ward
    summary = build_demo(Path(args.db), **kwargs)
    counts = ", ".join(f"{v} {k}" for k, v in summary.counts.items())
    print(f"Built a sample ward in {args.db}: {counts}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from huddle.deep_check import deep_check
    from huddle.health import check_database, integrity_details

    path = settings_for(args).db_path
    if args.deep:
        deep = deep_check(path)
        if not deep.ok:
            print(f"huddle check: {path}: {deep.problem}", file=sys.stderr)
            if args.verbose:
                for line in deep.details or integrity_details(path):
                    print(line, file=sys.stderr)
            return 1
        print(f"{path}: healthy, and every row matches its audit trail (schema version "
              f"{deep.schema_version})")  # fmt: skip
        return 0
    health = check_database(path)
    if not health.ok:
        print(f"huddle check: {path}: {health.problem}", file=sys.stderr)
        if args.verbose:
            for line in integrity_details(path):
                print(line, file=sys.stderr)
        return 1
    note = f", {len(health.pending)} upgrade(s) pending" if health.pending else ""
    print(f"{path}: healthy (schema version {health.schema_version}{note})")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from huddle.backup import backup_database, rotate

    settings = settings_for(args)
    dest = args.dest or settings.backup_dir
    made = backup_database(settings.db_path, dest)
    removed = [] if args.no_rotate else rotate(dest, settings.db_path.stem)
    extra = f"; removed {len(removed)} old backup(s)" if removed else ""
    print(f"Backed up to {made}{extra}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from huddle.presence import current_holder
    from huddle.restore import restore

    path = settings_for(args).db_path
    holder = current_holder(path)
    if holder is not None:
        raise CommandProblem(
            f"{holder.description} has this ward open; close the app there before restoring."
        )
    aside = restore(path, args.source)
    kept = f"; the previous file is kept at {aside}" if aside else ""
    print(f"Restored {path} from {args.source}{kept}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from huddle.store import open_store
    from huddle.store.preferences import table_counts
    from huddle.store.schema import DOMAIN_TABLES

    path = existing_db_path(args)
    with open_store(path, read_only=True) as store:
        counts = table_counts(store, DOMAIN_TABLES)
    if args.json:
        print(json.dumps({"database": str(path), "tables": counts}, indent=2))
    else:
        for table, count in counts.items():
            print(f"{table:<18} {count:>8}")
    return 0


def run_config(args: argparse.Namespace) -> int:
    from huddle.config import settings_problems

    settings = settings_for(args)
    rows = settings.describe()
    width = max(len(name) for name, _, _ in rows)
    for name, value, source in rows:
        print(f"{name:<{width}}  {value}    [{source}]")
    problems = settings_problems(settings)
    if problems:
        raise CommandProblem(problems[0])
    return 0
