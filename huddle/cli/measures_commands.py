"""``huddle measures``: every active measure as the app shows it on a date.

The same chart and the same words as the Measures page, the ward report and
the poster (one function decides them: ``huddle.services.charts.build_chart``),
as JSON for scripts or as the CSV "icons summary".
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from huddle.cli.common import CommandProblem, existing_db_path
from huddle.cli.options import DB, Option, command


def register(subparsers: Any) -> None:
    command(subparsers, "measures", OPTIONS, run_measures, required_groups=("form",),
            help="every active measure's verdicts as the app shows them (JSON or CSV)",
            description="Print every active measure as the app shows it on a date: chart, "
            "latest point, centre, process limits and the variation and assurance verdicts "
            "in the words the app, the ward report and the poster print.",
            epilog="example: huddle measures --db ward.db --as-of 2026-11-30 --json")  # fmt: skip


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-08-06") from None


OPTIONS: tuple[Option, ...] = (
    DB,
    (("--as-of",), {"type": _day, "metavar": "YYYY-MM-DD",
                    "help": "judge each chart on the points up to this day (default: today)"}),
    (("--json",), {"action": "store_true", "help": "a JSON list, one object a measure",
                   "one_of": "form"}),
    (("--csv",), {"action": "store_true", "help": "the icons summary as CSV", "one_of": "form"}),
)  # fmt: skip


def run_measures(args: argparse.Namespace) -> int:
    from huddle.services import HuddleApp
    from huddle.services.measure_summary import icons_summary_csv, measure_row

    path = existing_db_path(args)
    with HuddleApp.open(path, read_only=True) as app:
        if not app.has_ward:
            raise CommandProblem(f"{path} has no ward set up yet.")
        charts = app.charts.all_charts(as_of=args.as_of)
    if args.json:
        print(json.dumps([measure_row(chart) for chart in charts], indent=2, allow_nan=False))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(icons_summary_csv(charts))
        sys.stdout.buffer.flush()
    return 0
