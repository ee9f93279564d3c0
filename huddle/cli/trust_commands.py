"""``huddle trust overview`` and ``huddle export trust-report``: matron's view of every ward.

Both read the trust PC's replicas of the wards (refreshed from the server
first, only what changed) through :mod:`huddle.trust.overview`, so their
figures are the wards' own.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from huddle.cli.common import CommandProblem
from huddle.cli.export_commands import _day as day_argument
from huddle.cli.options import JSON, SERVER, Option, command

CACHE: Option = (
    ("--cache",),
    {"type": Path, "metavar": "FOLDER",
     "help": "the folder of ward replicas (default: the trust_cache_folder setting)"},
)  # fmt: skip
_OVERVIEW_OPTIONS = (
    SERVER,
    CACHE,
    (("--as-of",), {"type": day_argument, "metavar": "YYYY-MM-DD",
                    "help": "judge every ward on this day"}),
    (("--site",), {"metavar": "SITE", "help": "only the wards of this site"}),
    JSON,
)  # fmt: skip
_REPORT_OPTIONS = (
    SERVER,
    CACHE,
    (("--wards",), {"metavar": "A,B", "help": "only these wards (names or ids)"}),
    (("--from",), {"dest": "start", "type": day_argument, "required": True,
                   "metavar": "YYYY-MM-DD"}),
    (("--to",), {"dest": "end", "type": day_argument, "required": True,
                 "metavar": "YYYY-MM-DD"}),
    (("--out",), {"type": Path, "required": True, "metavar": "FILE", "help": "file to write"}),
    (("--force",), {"action": "store_true", "help": "replace --out if it exists"}),
    (("--allow-identifiers",), {"action": "store_true", "help": "export even if some text "
                                "looks like an NHS number (when it is not one)"}),
)  # fmt: skip


def register_overview(trust_actions: Any) -> None:
    """``huddle trust overview`` (called from the ``trust`` command's registration)."""
    command(trust_actions, "overview", _OVERVIEW_OPTIONS, run_overview,
             help="every ward's figures on one screen (matron's overview)",
             description="Every ward on the server, most in need of attention first: last "
             "sync, huddles in 21 days, days since harm, open and overdue actions, open "
             "escalations and each measure as 'huddle measures' gives it.",
             epilog="example: huddle trust overview --server service=huddle "
             "--as-of 2026-11-30 --json")  # fmt: skip


def register_report(kinds: Any) -> None:
    """``huddle export trust-report`` (called from the ``export`` command's registration)."""
    command(kinds, "trust-report", _REPORT_OPTIONS, run_trust_report,
             help="matron's PDF across her wards for a period",
             description="One page of icons and counts for all the wards, then a page per "
             "ward: its measures' verdicts, actions, escalations and learning themes.")  # fmt: skip


def trust_settings(args: argparse.Namespace) -> tuple[str, Path]:
    """The server address and the replica folder, from the options or the settings."""
    from huddle.config import load_settings

    settings = load_settings(cli={"server": args.server, "trust_cache_dir": args.cache})
    if not settings.server:
        raise CommandProblem(
            "No trust server is set: give --server URL, or set HUDDLE_SERVER or "
            "[sync] server in huddle.ini."
        )
    return settings.server, settings.trust_cache_dir


def run_overview(args: argparse.Namespace) -> int:
    from huddle.trust.overview import overview_json, trust_overview

    address, cache = trust_settings(args)
    rows = trust_overview(address, cache, as_of=args.as_of, site=args.site)
    if args.json:
        print(overview_json(rows))
        return 0
    if not rows:
        print("No wards on the server" + (f" at {args.site}." if args.site else "."))
    for row in rows:
        print(overview_line(row))
    return 0


def overview_line(row: Any) -> str:
    from huddle.words import days

    harm = (
        "no harm recorded"
        if row.days_since_harm is None
        else (f"{days(row.days_since_harm)} since harm")
    )
    return (
        f"{row.name} ({row.site or 'no site'}): {row.huddles_last_21_days}/21 huddles, "
        f"{harm}, {row.open_actions} open action(s) ({row.overdue_actions} overdue), "
        f"{row.open_escalations} open escalation(s) ({row.overdue_escalations} overdue)."
    )


def run_trust_report(args: argparse.Namespace) -> int:
    from huddle.output_guard import refuse_unsafe_output
    from huddle.reports import IdentifiersFoundError
    from huddle.reports.trust import export_trust_report

    if args.end < args.start:
        raise CommandProblem("--to is before --from.")
    address, cache = trust_settings(args)
    refuse_unsafe_output(args.out, overwrite=args.force)
    wards = args.wards.split(",") if args.wards else None
    try:
        out = export_trust_report(
            address, cache, out=args.out, start=args.start, end=args.end, wards=wards,
            allow_identifiers=args.allow_identifiers,
        )  # fmt: skip
    except IdentifiersFoundError as found:
        raise CommandProblem(
            f"{found.message}; edit it out on the ward, or if it is not an identifier pass "
            "--allow-identifiers"
        ) from None
    print(f"Saved {out}")
    return 0
