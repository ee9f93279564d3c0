"""The one kind of timer the screens make themselves: a pause before acting (after
typing stops, after a huddle ends), restarted by each ``start()``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, SignalInstance


def pause_timer(parent: QObject, msecs: int, then: Callable[[], object] | SignalInstance) -> QTimer:
    """A single-shot timer that calls ``then`` ``msecs`` after its latest ``start()``;
    a child of ``parent``, so it dies with it (a bare ``QTimer.singleShot`` would not)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(then)
    return timer
