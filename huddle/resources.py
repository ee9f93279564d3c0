"""Where the app's shipped files (fonts, icons) are: ``resources/``.

Found beside the source tree, inside a PyInstaller one-folder bundle
(``sys._MEIPASS``) or next to the frozen executable.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` for a source checkout or a PyInstaller one-folder bundle."""
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    if getattr(sys, "frozen", False):
        candidates.append(Path(sys.executable).resolve().parent / "resources")
    candidates.append(Path(__file__).resolve().parents[1] / "resources")
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    return candidates[-1]
