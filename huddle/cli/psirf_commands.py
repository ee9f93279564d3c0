"""``huddle pulse``: the weekly speak-up pulse, shown only from 5 answers a week."""

from __future__ import annotations

import argparse
import json
from typing import Any

from huddle.cli.common import CommandProblem, existing_db_path
from huddle.cli.options import DB, command


def register(subparsers: Any) -> None:
    command(subparsers, "pulse",
            (DB, (("--json",), {"action": "store_true", "help": "print JSON (the only format)"})),
            run_pulse,
            help="the weekly speak-up pulse (results only for weeks with 5 or more answers)",
            description="One entry per week, from the first answered week to this week: the "
            "Monday it starts, how many answered, and the mean score (1 strongly disagree to 5 "
            "strongly agree) and the share agreeing, only where 5 or more answered (null "
            "otherwise), so no one's answer can be picked out.")  # fmt: skip


def run_pulse(args: argparse.Namespace) -> int:
    from huddle.services import HuddleApp

    path = existing_db_path(args)
    with HuddleApp.open(path, read_only=True) as app:
        if not app.has_ward:
            raise CommandProblem(f"{path} has no ward set up yet.")
        question = app.pulse.question()
        weeks = app.pulse.weeks()
    entries = [
        {
            "week": w.week.isoformat(),
            "question": question.key,
            "answers": w.answers,
            "mean": w.mean,
            "agree_share": w.agree_share,
        }
        for w in weeks
    ]
    print(json.dumps(entries, indent=2))
    return 0
