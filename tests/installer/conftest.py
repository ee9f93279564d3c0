"""Installer checks: fast, no bundle builds. The build scripts live in installer/
(not a package), so their folder goes on the import path here."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
if str(INSTALLER) not in sys.path:
    sys.path.insert(0, str(INSTALLER))
