"""Sync in the background: after each huddle and every few minutes, never on the UI thread.

The work opens its own connection (SQLite connections belong to their
thread), runs :func:`huddle.sync.engine.sync_ward` with short server timeouts,
and reports back on the UI thread: a dead or slow server costs the huddle
nothing. The header's :class:`SyncBadge` shows when the ward last synced,
what is waiting and any record changed on two PCs (a click opens them).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from huddle.config import load_settings
from huddle.errors import HuddleError
from ui import words
from ui.context import UiContext
from ui.formatting import date_and_time
from ui.tasks import TaskRunner
from ui.timers import pause_timer

log = logging.getLogger(__name__)
SYNC_EVERY_MS = 5 * 60 * 1000
AFTER_HUDDLE_MS = 2_000


def configured_server() -> str | None:
    return load_settings().server


class BackgroundSync(QObject):
    """Owns the timer and runs one sync at a time off the UI thread."""

    status_changed = Signal()

    def __init__(
        self,
        ctx: UiContext,
        *,
        server: str | None,
        runner: TaskRunner,
        interval_ms: int = SYNC_EVERY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.server = server
        self.runner = runner
        self.running = False
        self.problem = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)
        self.after_huddle = pause_timer(self, AFTER_HUDDLE_MS, self.sync_now)
        ctx.bus.changed.connect(self._on_changed)

    @property
    def enabled(self) -> bool:
        return bool(self.server) and not self.ctx.read_only and self.ctx.app.has_ward

    def start(self) -> None:
        if self.enabled:
            self.timer.start()
            QTimer.singleShot(0, self, self.sync_now)

    def stop(self) -> None:
        self.timer.stop()
        self.after_huddle.stop()

    def _on_changed(self, change) -> None:
        # a huddle just finished (nothing running any more): share it soon
        if change.touches("huddle") and self.enabled and self.ctx.app.huddles.running() is None:
            self.after_huddle.start()
        if change.touches("sync"):
            self.status_changed.emit()

    def sync_now(self) -> None:
        if not self.enabled or self.running:
            return
        db_path, server, ward_id = Path(self.ctx.app.path), str(self.server), self.ctx.app.ward_id

        def work(_progress):
            from huddle.services import HuddleApp

            with HuddleApp.open(db_path, ward_id=ward_id) as app:
                return app.sync.sync_with_server(server)

        self.running = True
        self.status_changed.emit()
        self.runner.run(work, on_result=self._done, on_error=self._failed)

    def _done(self, result) -> None:
        self.running = False
        self.problem = ""
        # the UI's own connection reads the new rows; every screen redraws
        self.ctx.app.sync.received(result.pulled + result.conflicts)
        self.status_changed.emit()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.problem = error.message if isinstance(error, HuddleError) else str(error)
        log.warning("sync failed: %s", self.problem)
        self.status_changed.emit()


class SyncBadge(QPushButton):
    """The header's sync line; opens the records changed on two PCs when there are any."""

    def __init__(self, ctx: UiContext, sync: BackgroundSync, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self.setProperty("kind", "header")
        self.clicked.connect(self.open_conflicts)
        sync.status_changed.connect(self.refresh)
        # Hidden until the window calls refresh() once Today has painted: reading
        # the sync status loads the sync service, which start-up need not wait for.
        self.hide()

    def refresh(self) -> None:
        app = self.ctx.app
        if not app.has_ward:
            self.hide()
            return
        status = app.sync.status(self.sync.server)
        text = words.sync_line(
            last_synced=date_and_time(status.last_synced_at),
            pending=status.pending,
            conflicts=status.open_conflicts,
            problem=self.sync.problem,
            syncing=self.sync.running,
        )
        self.setText(text)
        self.setAccessibleName(f"Sync: {text}")
        self.setToolTip(self.sync.problem or f"Sync server: {status.server or 'none set'}")
        self.setVisible(bool(self.sync.server) or status.open_conflicts > 0)

    def open_conflicts(self) -> None:
        if self.ctx.app.sync.conflicts():
            from ui.sync_conflicts import ConflictsDialog

            ConflictsDialog.ask(self.window(), ctx=self.ctx)
        else:
            self.sync.sync_now()
