"""The one helper that runs slow work off the UI thread.

``TaskRunner.run(work, on_result=..., on_error=..., on_progress=...)`` runs
``work(progress)`` on a ``QThreadPool`` thread. The worker never touches a
widget: it only emits signals on a relay object that lives on the UI thread,
so every callback runs on the UI thread (queued). Work that touches the
database must open its own ``HuddleApp.open(path)`` inside ``work``: SQLite
connections belong to the thread that made them.

``progress`` is a callable the work may call with one value (a number, a
sentence) or several (``progress(done, total)``); one value arrives at
``on_progress`` as it is, several as a tuple.

``TaskRunner(latest_wins=True)`` is for work the user can ask for again
before the last one is done (a report preview when the choice changes): a new
job supersedes the ones still running, whose results and errors are dropped
when they arrive. ``busy`` stays true until every job has come back.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Progress = Callable[[Any], None]
Work = Callable[[Progress], Any]


@dataclass
class _Callbacks:
    on_result: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[Any], None] | None


class _Relay(QObject):
    """Lives on the UI thread for as long as its runner; workers emit, slots call back.

    One relay serves every job of a runner (each signal carries the job's
    number), so no QObject is made or deleted per job.
    """

    result = Signal(int, object)
    error = Signal(int, object)
    progress = Signal(int, object)


def _run_job(job: int, work: Work, relay: _Relay) -> None:
    """On a pool thread: run the work and send what happened back to the UI thread."""

    def report(*values: Any) -> None:
        relay.progress.emit(job, values[0] if len(values) == 1 else values)

    try:
        value = work(report)
    except BaseException as error:  # reported to the UI thread, never swallowed
        log.exception("background work failed")
        relay.error.emit(job, error)
    else:
        relay.result.emit(job, value)


class TaskRunner(QObject):
    """Runs work on a thread pool and calls back on the UI thread."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        pool: QThreadPool | None = None,
        latest_wins: bool = False,
    ) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._latest_wins = latest_wins
        self._jobs: dict[int, _Callbacks] = {}  # whose results are still wanted
        self._running: set[int] = set()
        self._numbers = itertools.count(1)
        self._relay = _Relay(self)
        self._relay.result.connect(self._deliver_result)
        self._relay.error.connect(self._deliver_error)
        self._relay.progress.connect(self._deliver_progress)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        work: Work,
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> None:
        job = next(self._numbers)
        if self._latest_wins:
            self._jobs.clear()  # superseded: whatever they return is no longer wanted
        self._jobs[job] = _Callbacks(on_result, on_error, on_progress)
        self._running.add(job)
        # A plain callable, not a QRunnable subclass: the pool owns the wrapper.
        self._pool.start(functools.partial(_run_job, job, work, self._relay))

    def forget_running(self) -> None:
        """Drop the callbacks of every job still running (their outcome is not wanted)."""
        self._jobs.clear()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool's work is done (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _deliver_progress(self, job: int, value: object) -> None:
        callbacks = self._jobs.get(job)
        if callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(value)

    def _finished(self, job: int) -> _Callbacks | None:
        """Mark ``job`` done and take its callbacks (None if no longer wanted)."""
        self._running.discard(job)
        return self._jobs.pop(job, None)

    @Slot(int, object)
    def _deliver_result(self, job: int, value: object) -> None:
        callbacks = self._finished(job)
        if callbacks is not None and callbacks.on_result is not None:
            callbacks.on_result(value)

    @Slot(int, object)
    def _deliver_error(self, job: int, error: object) -> None:
        callbacks = self._finished(job)
        if callbacks is None:
            log.info("superseded background work failed: %r", error)
        elif callbacks.on_error is not None and isinstance(error, BaseException):
            callbacks.on_error(error)
        else:
            log.error("background work failed: %r", error)
