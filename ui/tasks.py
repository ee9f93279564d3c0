"""The one helper that runs slow work off the UI thread.

``TaskRunner.run(work, on_result=..., on_error=..., on_progress=...)`` runs
``work(progress)`` on a ``QThreadPool`` thread. The worker never touches a
widget: it only emits signals on a relay object that lives on the UI thread,
so every callback runs on the UI thread (queued). Work that touches the
database must open its own ``HuddleApp.open(path)`` inside ``work``: SQLite
connections belong to the thread that made them.

``progress`` is a callable the work may call with anything (a number, a
``(done, total)`` pair, a sentence); it arrives at ``on_progress`` unchanged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Progress = Callable[[Any], None]
Work = Callable[[Progress], Any]


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, the slots call back on the UI thread."""

    result = Signal(object)
    error = Signal(object)
    progress = Signal(object)

    def __init__(self, runner: TaskRunner, on_result, on_error, on_progress) -> None:
        super().__init__(runner)
        self._runner = runner
        self._on_result = on_result
        self._on_error = on_error
        self._on_progress = on_progress
        self.result.connect(self._deliver_result)
        self.error.connect(self._deliver_error)
        self.progress.connect(self._deliver_progress)

    @Slot(object)
    def _deliver_progress(self, value: object) -> None:
        if self._on_progress is not None:
            self._on_progress(value)

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        try:
            if self._on_result is not None:
                self._on_result(value)
        finally:
            self._runner._finished(self)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        try:
            if self._on_error is not None:
                self._on_error(error)
            else:
                log.error("background work failed", exc_info=error)  # type: ignore[arg-type]
        finally:
            self._runner._finished(self)


class _Job(QRunnable):
    def __init__(self, work: Work, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        relay = self._relay
        try:
            value = self._work(relay.progress.emit)
        except BaseException as error:  # reported to the UI thread, never swallowed
            log.exception("background work failed")
            relay.error.emit(error)
        else:
            relay.result.emit(value)


class TaskRunner(QObject):
    """Runs work on a thread pool and calls back on the UI thread."""

    def __init__(self, parent: QObject | None = None, *, pool: QThreadPool | None = None):
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def run(
        self,
        work: Work,
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> None:
        relay = _Relay(self, on_result, on_error, on_progress)
        self._relays.add(relay)
        self._pool.start(_Job(work, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool's work is done (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    def _finished(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
