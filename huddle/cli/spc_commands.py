"""``huddle spc``: XmR and run charts from numbers on stdin, printed as JSON.

A scripting and checking surface: IT staff and tests can feed the same numbers
the app charts and compare verdicts. Output keys are a contract; keep them.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from typing import Any

from huddle.cli.common import CommandProblem
from huddle.cli.options import Option, command, command_group
from huddle.errors import ValidationError
from huddle.spc.run_chart import run_chart
from huddle.spc.verdict import run_verdict, xmr_verdict
from huddle.spc.xmr import xmr_chart

_SEPARATORS = re.compile(r"\s*,\s*|\s+")
# A plain decimal number: no "1_000" (Python's float() takes it), no "nan", no "inf".
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
MISSING = ("NA", "N/A", "")


SPC = (
    "Compute an SPC chart from numbers read on stdin (separated by spaces, commas or new lines, "
    "in time order) and print the result as JSON."
)


def register(subparsers: Any) -> None:
    about = "statistical process control charts from numbers on stdin (JSON out)"
    charts = command_group(subparsers, "spc", "chart", help=about, description=SPC)
    xmr_options: tuple[Option, ...] = (
        (("--baseline",), {"type": _count_from(2), "metavar": "N",
                           "help": "fix the limits on the first N points (at least 2; default: "
                           "all points)"}),
        (("--better",), {"choices": ("up", "down"),
                         "help": "which direction is improvement (default: neutral, no "
                         "assurance)"}),
        (("--target",), {"type": _finite, "metavar": "X",
                         "help": "target to judge assurance against (needs --better)"}),
        (("--no-screen",), {"dest": "screen", "action": "store_false",
                            "help": "keep every moving range (default: drop those of 3.267 x the "
                            "average or more)"}),
    )  # fmt: skip
    xmr = command(charts, "xmr", xmr_options, run_xmr,
                  help="XmR chart with Making Data Count rules",
                  description="XmR (individuals) chart as NHS England's Making Data Count: mean, "
                  "process limits at mean +/- 2.66 x average moving range, and the four rules "
                  "(outside a limit, trend of 7, two of three near a limit, shift of 7).",
                  epilog="example: printf '5 7 6 8 9 7 6' | huddle spc xmr --better up "
                  "--target 6")  # fmt: skip
    xmr.set_defaults(parser=xmr)
    run_options: tuple[Option, ...] = (
        (("--baseline",), {"type": _count_from(1), "metavar": "N",
                           "help": "take the median of the first N points (at least 1; "
                           "default: all points)"}),
    )  # fmt: skip
    command(charts, "run", run_options, run_run, help="run chart with IHI rules",
            description="Run chart: median centre line, shifts (6 or more on one side), trends "
            "(5 or more rising or falling) and too few / too many runs.",
            epilog="example: printf '5 7 6 8 9 7 6 5 8 9' | huddle spc run")  # fmt: skip


def run_xmr(args: argparse.Namespace) -> int:
    if args.target is not None and args.better is None:
        # a target means nothing without knowing which side of it is good: bad usage
        args.parser.error("--target needs --better up or --better down")
    values = read_values(sys.stdin.read())
    try:
        chart = xmr_chart(
            values,
            baseline=args.baseline,
            better=args.better,
            target=args.target,
            screen=args.screen,
        )
    except ValidationError as problem:
        raise CommandProblem(problem.message) from problem
    verdict = xmr_verdict(chart)
    _print_json(
        {
            "chart": "xmr",
            "n": chart.n,
            "mean": chart.mean,
            "amr": chart.amr,
            "lpl": chart.lpl,
            "upl": chart.upl,
            "trial": chart.trial,
            "points": [
                {"value": p.value, "rules": list(p.rules), "type": p.type} for p in chart.points
            ],
            "variation": chart.variation,
            "assurance": chart.assurance,
            "no_variation": chart.no_variation,
            "variation_label": verdict.variation_label,
            "assurance_label": verdict.assurance_label,
        }
    )
    return 0


def run_run(args: argparse.Namespace) -> int:
    values = read_values(sys.stdin.read())
    try:
        chart = run_chart(values, baseline=args.baseline)
    except ValidationError as problem:
        raise CommandProblem(problem.message) from problem
    verdict = run_verdict(chart, has_target=False)
    _print_json(
        {
            "chart": "run",
            "n": chart.n,
            "median": chart.median,
            "useful": chart.useful,
            "runs": chart.runs,
            "runs_range": list(chart.runs_range) if chart.runs_range else None,
            "points": [{"value": p.value, "rules": list(p.rules)} for p in chart.points],
            "signals": list(chart.signals),
            "variation_label": verdict.variation_label,
        }
    )
    return 0


def read_values(text: str) -> list[float | None]:
    """Numbers in time order, separated by spaces, commas or new lines.

    ``NA`` (or an empty field between two commas) is a missing period: it keeps
    its place as None. At least two numbers are needed.
    """
    values: list[float | None] = []
    text = text.strip()
    for token in _SEPARATORS.split(text) if text else []:
        if token.upper() in MISSING:
            values.append(None)
            continue
        values.append(_number(token))
    present = sum(1 for v in values if v is not None)
    if present < 2:
        raise CommandProblem(f"need at least two values on stdin, got {present}")
    return values


def _number(token: str) -> float:
    if not _NUMBER.fullmatch(token):
        raise CommandProblem(
            f"not a number: {token[:40]!r} (write plain numbers like 1000 or 2.5; NA for a gap)"
        )
    value = float(token)
    if not math.isfinite(value):
        raise CommandProblem(f"not a finite number: {token[:40]!r}")
    return value


def _tidy(value: Any) -> Any:
    """Floats to 12 significant figures: -1.49, never -1.4900000000000002."""
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, dict):
        return {key: _tidy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tidy(item) for item in value]
    return value


def _print_json(payload: dict[str, Any]) -> None:
    # allow_nan=False: never "Infinity" or "NaN" in the output, which JSON does not allow
    try:
        print(json.dumps(_tidy(payload), allow_nan=False))
    except ValueError:
        raise CommandProblem("the values are too large to chart; scale them down") from None


def _count_from(least: int) -> Any:
    def count(text: str) -> int:
        if not re.fullmatch(r"\d+", text.strip()):
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
        value = int(text)
        if value < least:
            raise argparse.ArgumentTypeError(f"must be at least {least}")
        return value

    return count


def _finite(text: str) -> float:
    if not _NUMBER.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    value = float(text)
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    return value
