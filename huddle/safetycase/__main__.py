"""``python -m huddle.safetycase --out FILE.pdf``: the safety case report (``make safety-case``).

Exits 0 when the PDF is written, 1 with one line on stderr when the hazard log
is unreadable or incomplete (nothing is written then), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from huddle.reports.errors import ExportError
from huddle.reports.layout import write_atomically
from huddle.safetycase.hazard_log import HazardLogError, load, problems
from huddle.safetycase.report import Release, build

DEFAULT_LOG = Path("docs/safety/hazard-log.toml")


def current_commit() -> str:
    """The checkout's commit (short), or words saying there is none."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not built from a git checkout)"
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], check=False).returncode != 0
    return done.stdout.strip() + (" with uncommitted changes" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m huddle.safetycase",
        description="Write the clinical safety case report (PDF) from the hazard log.",
    )
    parser.add_argument("--log", type=Path, default=DEFAULT_LOG, help="the hazard log (TOML)")
    parser.add_argument("--out", type=Path, required=True, help="the PDF to write")
    parser.add_argument("--commit", default=None, help="the source commit (default: git's)")
    args = parser.parse_args(argv)
    try:
        log = load(args.log)
        found = problems(log)
        if found:
            raise HazardLogError(f"Fix the hazard log first: {found[0]}")
        try:
            release_version = version("ward-huddle")
        except PackageNotFoundError:
            release_version = "unknown"
        now = datetime.now(UTC)
        release = Release(
            version=release_version,
            made_on=now.astimezone().date(),
            commit=args.commit or current_commit(),
            generated=now,
        )
        write_atomically(args.out, lambda: build(log, release))
    except (HazardLogError, ExportError) as error:
        print(f"safety-case: {error}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
