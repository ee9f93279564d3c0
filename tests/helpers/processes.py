"""Code of the app run in a Python process of its own, as a start is: offscreen,
from this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_offscreen(
    code: str, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -c code args`` with Qt offscreen and this checkout first on the path;
    ``env`` adds to (or overrides) the environment."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **(env or {})},
        cwd=ROOT,
        timeout=120,
    )
