"""``huddle export summary|report|actions|poster|slip|certificate``: the PDF (and CSV) exports.

Each checks the text it would print for things that look like patient
identifiers first and stops (exit 1, one line listing where, masked) unless
``--allow-identifiers`` is given.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from huddle.cli.common import CommandProblem, existing_db_path
from huddle.cli.options import DB, Option, command, command_group


def register(subparsers: Any) -> None:
    about = "save a huddle summary, ward report, action log, poster or thank-you slip"
    kinds = command_group(subparsers, "export", "report", help=about, description=EXPORTS)
    # each report: its name, what it is, its own options and its handler
    reports: tuple[tuple[str, str, tuple[Option, ...], Any], ...] = (
        ("summary", "a one-page A4 summary of a huddle",
         ((("--huddle",), {"default": "latest", "metavar": "ID|latest",
                           "help": "which huddle (default: latest)"}),), run_summary),
        ("report", "the ward report for a period (a month or a quarter)",
         ((("--from",), {"dest": "start", "type": _day, "required": True,
                         "metavar": "YYYY-MM-DD"}),
          (("--to",), {"dest": "end", "type": _day, "required": True,
                       "metavar": "YYYY-MM-DD"})), run_report),
        ("actions", "the action log (PDF, or CSV when --out ends .csv)",
         ((("--status",), {"choices": ("open", "all"), "default": "open"}),), run_actions),
        ("poster", "an A3 huddle-board poster for a month",
         ((("--month",), {"type": _month, "default": None, "metavar": "YYYY-MM",
                          "help": "default: this month"}),), run_poster),
        ("slip", "Learning from Excellence thank-you slips (four to an A4 page)",
         ((("--learning",), {"required": True, "action": "append", "metavar": "ID",
                             "help": "an excellence item (repeat for up to four slips on the "
                             "page)"}),), run_slip),
        ("certificate", "a Learning from Excellence certificate for days without harm",
         ((("--days",), {"type": int, "default": None, "metavar": "N",
                         "help": "the milestone to certify (default: the highest one reached "
                         "now)"}),), run_certificate),
    )  # fmt: skip
    for name, about, options, handler in reports:
        command(kinds, name, (*REPORT_OPTIONS, *options), handler, help=about, description=about)

    from huddle.cli.trust_commands import register_report

    register_report(kinds)


EXPORTS = (
    "Export PDFs for matron, governance meetings and the huddle board (the action log also as "
    "CSV). Files are written whole or not at all."
)
# What every report takes.
REPORT_OPTIONS: tuple[Option, ...] = (
    DB,
    (("--out",), {"type": Path, "required": True, "metavar": "FILE", "help": "file to write"}),
    (("--force",), {"action": "store_true",
                    "help": "replace --out if it already exists (never a database)"}),
    (("--allow-identifiers",), {"action": "store_true", "help": "export even if some text "
                                "looks like an NHS number (when it is not one)"}),
)  # fmt: skip


# The years a ward's records can fall in; outside them the calendar maths overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2099
LONGEST_REPORT_DAYS = 366 * 5


def _in_range(day: date, text: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is outside {FIRST_YEAR} to {LAST_YEAR}; give a date within those years"
        )
    return day


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-08-06") from None
    return _in_range(day, text)


def _month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        day = date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-08") from None
    return _in_range(day, text)


def _run(args: argparse.Namespace, export: Any, **kwargs: Any) -> int:
    """Open the ward read-only, export, and say where the file went."""
    from huddle.output_guard import refuse_unsafe_output
    from huddle.reports import IdentifiersFoundError
    from huddle.services import HuddleApp

    path = existing_db_path(args)
    refuse_unsafe_output(args.out, overwrite=args.force, protect=[path])
    with HuddleApp.open(path, read_only=True) as app:
        if not app.has_ward:
            raise CommandProblem(f"{path} has no ward set up yet.")
        try:
            out = export(app, out=args.out, allow_identifiers=args.allow_identifiers,
                         **_resolve(app, kwargs))  # fmt: skip
        except IdentifiersFoundError as found:
            raise CommandProblem(
                f"{found.message}; edit it out, or if it is not an identifier pass "
                "--allow-identifiers"
            ) from None
    print(f"Saved {out}")
    return 0


def _resolve(app: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    if kwargs.get("huddle_id") == "latest":
        latest = app.huddles.latest_finished()
        if latest is None:
            raise CommandProblem("This ward has no finished huddle yet.")
        kwargs["huddle_id"] = latest.id
    if "month" in kwargs and kwargs["month"] is None:
        kwargs["month"] = app.clock.today().replace(day=1)
    return kwargs


def run_summary(args: argparse.Namespace) -> int:
    from huddle.reports import export_huddle_summary

    return _run(args, export_huddle_summary, huddle_id=args.huddle)


def run_report(args: argparse.Namespace) -> int:
    from huddle.reports import export_period_report

    if args.end < args.start:
        raise CommandProblem("--to is before --from.")
    if (args.end - args.start).days > LONGEST_REPORT_DAYS:
        raise CommandProblem("A report covers at most five years; give a shorter --from/--to.")
    return _run(args, export_period_report, start=args.start, end=args.end)


def run_actions(args: argparse.Namespace) -> int:
    from huddle.reports import export_action_log

    return _run(args, export_action_log, status=args.status)


def run_poster(args: argparse.Namespace) -> int:
    from huddle.reports import export_poster

    return _run(args, export_poster, month=args.month)


def run_slip(args: argparse.Namespace) -> int:
    from huddle.reports import export_slip

    first, *more = args.learning
    if len(more) > 3:
        raise CommandProblem("A page holds four slips; give --learning at most four times.")
    return _run(args, export_slip, learning_id=first, more_learning_ids=more)


def run_certificate(args: argparse.Namespace) -> int:
    from huddle.reports import export_certificate

    return _run(args, export_certificate, days=args.days)
