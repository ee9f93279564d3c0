"""``huddle sync`` (server, bundle export and import) and ``huddle trust`` (the server side)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from huddle.cli.common import CommandProblem, existing_db_path, settings_for
from huddle.cli.options import DB, JSON, SERVER, Option, command, command_group


def register(subparsers: Any) -> None:
    sync = command(subparsers, "sync", SYNC_OPTIONS, run_sync,
                   help="sync this ward with the trust server, or by bundle files",
                   description="Push this PC's changes to the trust server and pull the ward's "
                   "changes made on other PCs. 'sync export' and 'sync import' carry changes as "
                   "files instead.")  # fmt: skip
    actions = sync.add_subparsers(dest="sync_action", metavar="ACTION")
    command(actions, "export", EXPORT_OPTIONS, run_export,
            help="write this ward's changes to a bundle file",
            description="Write a bundle: the ward's changes, a manifest and a SHA-256 seal "
            "(HMAC-signed when a trust key is set).")  # fmt: skip
    command(actions, "import", (DB, FILES, JSON), run_import,
            help="apply bundle files to this database",
            description="Apply bundles. Twice is the same as once; changes that arrive before "
            "earlier ones are held until the gap is filled; a damaged bundle is refused "
            "whole.")  # fmt: skip

    trust_actions = command_group(subparsers, "trust", "trust_action",
                                  help="the trust's sync server: set it up, load bundles into it",
                                  description="Commands for hospital IT, run against the "
                                  "trust's PostgreSQL server.")  # fmt: skip
    command(trust_actions, "init", (SERVER,), run_trust_init,
            help="create or upgrade the server's schema and roles",
            description="Create the huddle_sync schema, the huddle_device and huddle_reader "
            "roles and the row-level security, or upgrade them. Refuses a newer "
            "schema.")  # fmt: skip
    command(trust_actions, "import", (SERVER, FILES), run_trust_import,
            help="load bundle files into the server",
            description="Load bundles carried from wards without a network straight into the "
            "server (idempotent; damaged bundles are refused whole).")  # fmt: skip

    from huddle.cli.trust_commands import register_overview

    register_overview(trust_actions)


FILES: Option = (("files",), {"type": Path, "nargs": "+", "metavar": "FILE"})
SYNC_OPTIONS: tuple[Option, ...] = (
    DB,
    SERVER,
    (("--join",), {"metavar": "WARD",
                   "help": "join an existing ward (name or id) from a new database"}),
    JSON,
)  # fmt: skip
EXPORT_OPTIONS: tuple[Option, ...] = (
    DB,
    (("--out",), {"type": Path, "required": True, "metavar": "FILE"}),
    (("--since-last",), {"action": "store_true", "one_of": "which",
                         "help": "this PC's changes since its last export"}),
    (("--all",), {"action": "store_true", "help": "every change (the default)", "one_of": "which"}),
)  # fmt: skip


def _server(args: argparse.Namespace) -> str:
    settings = load_sync_settings(args)
    if not settings.server:
        raise CommandProblem(
            "No sync server is set: give --server URL, or set HUDDLE_SERVER or "
            "[sync] server in huddle.ini."
        )
    return str(settings.server)


def load_sync_settings(args: argparse.Namespace) -> Any:
    from huddle.config import load_settings

    return load_settings(
        cli={"db": getattr(args, "db", None), "server": getattr(args, "server", None)}
    )


def _ward_id(store: Any) -> str:
    from huddle.store import roster as roster_q

    wards = roster_q.wards(store)
    if not wards:
        raise CommandProblem("This database holds no ward yet; there is nothing to sync.")
    return str(wards[0].id)


def run_sync(args: argparse.Namespace) -> int:
    from huddle.store import open_store
    from huddle.sync.engine import sync_ward

    server = _server(args)
    path = settings_for(args).db_path if args.join else existing_db_path(args)
    with open_store(path) as store:
        result = sync_ward(store, server, join=args.join)
    if args.json:
        print(
            json.dumps(
                {"pushed": result.pushed, "pulled": result.pulled, "conflicts": result.conflicts}
            )
        )
    else:
        print(
            f"Synced {result.ward_name}: sent {result.pushed} change(s), received "
            f"{result.pulled}, {result.conflicts} record(s) changed on two PCs"
            + (f", {result.held} waiting for earlier changes" if result.held else "")
            + "."
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from huddle.store import open_store
    from huddle.sync.bundle import export_bundle

    settings = load_sync_settings(args)
    path = existing_db_path(args)
    with open_store(path) as store:
        done = export_bundle(
            store,
            ward_id=_ward_id(store),
            out=args.out,
            since_last=args.since_last,
            trust_key=settings.trust_key,
        )
    signed = " (signed)" if settings.trust_key else ""
    print(
        f"Wrote {done.manifest.count} change(s) of {done.manifest.ward_name} "
        f"to {done.path}{signed}."
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from huddle.store import open_store
    from huddle.sync.bundle import import_bundles

    settings = load_sync_settings(args)
    path = settings_for(args).db_path
    with open_store(path) as store:
        got = import_bundles(store, list(args.files), trust_key=settings.trust_key)
    if args.json:
        print(
            json.dumps(
                {
                    "applied": got.applied,
                    "already": got.already,
                    "held": got.held,
                    "conflicts": got.conflicts,
                }
            )
        )
    else:
        held = f"; {got.held} held until the changes before them arrive" if got.held else ""
        print(
            f"Applied {got.applied} change(s), {got.already} already here, "
            f"{got.conflicts} record(s) changed on two PCs{held}."
        )
    return 0


def run_trust_init(args: argparse.Namespace) -> int:
    from huddle.sync.server_schema import init_server

    applied = init_server(_server(args))
    if applied:
        print(f"The server schema is ready (applied {', '.join(applied)}).")
    else:
        print("The server schema is already up to date.")
    return 0


def run_trust_import(args: argparse.Namespace) -> int:
    from huddle.sync.bundle import read_bundle
    from huddle.sync.server import load_bundle_changes

    settings = load_sync_settings(args)
    server = _server(args)
    bundles = [read_bundle(path, trust_key=settings.trust_key) for path in args.files]
    stored = 0
    for manifest, changes in bundles:
        stored += load_bundle_changes(server, manifest.ward_id, manifest.ward_name, changes)
    total = sum(len(changes) for _m, changes in bundles)
    print(f"Loaded {stored} new change(s) into the server ({total - stored} were already there).")
    return 0
