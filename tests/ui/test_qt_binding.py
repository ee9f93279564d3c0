"""The Qt binding itself must not leak references (PySide6 6.12.0 did, with None)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")
    # other threads may touch None meanwhile; a leak would lose ~2000
    assert abs(sys.getrefcount(None) - before) < 200
