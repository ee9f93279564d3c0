"""Entry point for ``huddle``: builds the parser from the command modules.

Exit codes: 0 success, 1 a problem explained in one line on stderr, 2 bad usage.
It never needs a display and never imports Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from huddle import __version__
from huddle.cli.common import CommandProblem
from huddle.errors import HuddleError

# Modules under huddle.cli that each register one or more sub-commands.
COMMAND_MODULES = (
    "huddle.cli.data_commands",
    "huddle.cli.spc_commands",
    "huddle.cli.guard_commands",
    "huddle.cli.export_commands",
    "huddle.cli.measures_commands",
    "huddle.cli.psirf_commands",
    "huddle.cli.sync_commands",
)


__all__ = ["CommandProblem", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="huddle",
        description="Ward Huddle command line: sample data, checks, backups, exports, SPC.",
    )
    parser.add_argument("--version", action="version", version=f"huddle {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except HuddleError as problem:
        print(f"huddle {args.command}: {problem.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"huddle {args.command}: interrupted", file=sys.stderr)
        return 1
    except OSError as error:  # a file the system refused: one line, never a traceback
        print(f"huddle {args.command}: {describe_os_error(error)}", file=sys.stderr)
        return 1
    return code


def describe_os_error(error: OSError) -> str:
    """One line a person can act on, naming the file (shortened) the system refused."""
    import errno

    if error.errno == errno.ENAMETOOLONG:
        return "a file or folder name is too long (over 255 characters); choose a shorter one."
    name = str(error.filename) if error.filename else ""
    if len(name) > 80:
        name = name[:38] + "…" + name[-38:]
    reason = error.strerror or str(error)
    return f"{reason}{f': {name}' if name else ''}. Check the path and its permissions."


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
