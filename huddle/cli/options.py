"""Command-line options as data, and the one function that makes a command from them.

Each command is declared as its name, its words (help, description, epilog), a table
of options and its handler, so the commands share one shape instead of each repeating
``add_parser`` and ``add_argument`` calls.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# One command-line option as data: its flags and add_argument's keyword arguments, and
# (``one_of``, not argparse's) the name of the mutually exclusive group it belongs to.
Option = tuple[tuple[str, ...], dict[str, Any]]

DB: Option = (
    ("--db",),
    {"type": Path, "metavar": "PATH", "help": "the ward database (default: the configured one)"},
)
NEW_DB: Option = (
    ("--db",),
    {"type": Path, "required": True, "metavar": "PATH", "help": "the ward database"},
)
JSON: Option = (("--json",), {"action": "store_true", "help": "print JSON"})
SERVER: Option = (
    ("--server",),
    {"metavar": "URL", "help": "the trust server (default: configured)"},
)


def command(
    parent: Any,
    name: str,
    options: Iterable[Option],
    handler: Callable[[argparse.Namespace], int] | None = None,
    *,
    required_groups: Iterable[str] = (),
    **about: str,
) -> argparse.ArgumentParser:
    """Add the sub-command ``name`` to ``parent`` (a sub-parsers object) with ``options``;
    ``about`` is its help, description and epilog. Returns its parser."""
    parser: argparse.ArgumentParser = parent.add_parser(name, **about)
    groups: dict[str, Any] = {}
    for flags, kwargs in options:
        settings = dict(kwargs)
        group = settings.pop("one_of", None)
        target: Any = parser
        if group is not None:
            if group not in groups:
                groups[group] = parser.add_mutually_exclusive_group(
                    required=group in required_groups
                )
            target = groups[group]
        target.add_argument(*flags, **settings)
    if handler is not None:
        parser.set_defaults(handler=handler)
    return parser


def command_group(parent: Any, name: str, dest: str, **about: str) -> Any:
    """Add the command ``name`` whose sub-command (kept as ``dest``) must be given;
    returns the sub-parsers object to add them to."""
    parser = parent.add_parser(name, **about)
    return parser.add_subparsers(dest=dest, metavar=dest.split("_")[-1].upper(), required=True)
