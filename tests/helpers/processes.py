"""Code of the app run in a Python process of its own, as a start is: from this
checkout (offscreen, for Qt)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(
    code: str, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -c code args`` with this checkout first on the path; ``env`` adds to
    (or overrides) the environment."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        cwd=ROOT,
        timeout=120,
    )


def run_offscreen(
    code: str, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """:func:`run_python` with Qt offscreen."""
    return run_python(code, *args, env={"QT_QPA_PLATFORM": "offscreen", **(env or {})})
