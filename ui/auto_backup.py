"""Automatic backups while the app runs (daily) and when it closes.

A timer checks every hour. Once a day it runs ``check --deep`` in the
background (a failure says what is wrong in one line and names the newest
backup that passes it), and a backup (which runs the deep check first) is
taken through the one off-thread helper (:class:`ui.tasks.TaskRunner`) when
something has changed and a day has passed since the last one, so the screen
never waits. The worker opens its own connection to the file (SQLite
connections belong to their thread). Closing the app takes one more backup if
anything changed, whatever the interval. Backups go to the ward's backup folder
(a ward preference), else the machine's configured one; old ones are thinned
to daily, weekly and monthly copies.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from huddle import backup_places as places
from huddle.backup import AutoBackupPolicy, backup_file_if_due
from huddle.clock import Clock, SystemClock
from huddle.errors import DamagedDatabaseError, HuddleError
from huddle.restore import deep_check_with_offer
from ui.context import UiContext
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 60 * 60 * 1000
DAILY = AutoBackupPolicy(min_interval=timedelta(hours=23))
DEEP_CHECK_EVERY = timedelta(hours=23)


def ward_backup_choice(ctx: UiContext) -> str | None:
    """The folder the ward chose in Settings ("" or None: no choice)."""
    try:
        return str(ctx.app.preferences.get("backup_folder")) or None
    except HuddleError:  # a database too damaged to read: fall back to the PC's setting
        return None


def backup_folder(ctx: UiContext, default: Path) -> Path:
    """Where the daily backup goes: the ward's choice, else ``default`` (the PC's setting)."""
    return places.backup_folder(Path(ctx.app.path), ward_backup_choice(ctx), machine=default)


class AutoBackup(QObject):
    """Owns the timer; ``check()`` runs a due backup off the UI thread."""

    backed_up = Signal(object)  # the new backup's Path, or None when none was due
    failed = Signal(str)  # a sentence for the person

    def __init__(
        self,
        ctx: UiContext,
        *,
        default_folder: Path,
        runner: TaskRunner,
        clock: Clock | None = None,
        policy: AutoBackupPolicy = DAILY,
        interval_ms: int = CHECK_EVERY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.default_folder = Path(default_folder)
        self.runner = runner
        self.clock = clock
        self.policy = policy
        self.running = False
        self.last_problem = ""
        self.last_deep_check: datetime | None = None
        self.db_path = Path(ctx.app.path)
        self.folder = backup_folder(ctx, self.default_folder)
        ctx.bus.changed.connect(self._on_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def use_context(self, ctx: UiContext) -> None:
        """Follow the window to another ward (the sample ward, say)."""
        self.ctx = ctx
        self.db_path = Path(ctx.app.path)
        self.folder = backup_folder(ctx, self.default_folder)
        ctx.bus.changed.connect(self._on_changed)
        if self.enabled:
            self.start()
        else:
            self.stop()

    @property
    def enabled(self) -> bool:
        # the copy that can write backs up; a read-only viewer leaves it to that copy
        return not self.ctx.read_only

    def start(self) -> None:
        if self.enabled:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        """Take a backup off the UI thread if one is due."""
        if not self.enabled or self.running:
            return
        db_path, folder, clock, policy = self.db_path, self.folder, self.clock, self.policy
        now = (clock or SystemClock()).now()
        deep_due = self.last_deep_check is None or now - self.last_deep_check >= DEEP_CHECK_EVERY
        if deep_due:
            self.last_deep_check = now

        def work(_progress) -> Path | None:
            # once a day the deep check runs even when nothing changed (a backup
            # runs it too); a failure names the newest backup that passes it
            if deep_due:
                problem = deep_check_with_offer(db_path, folder)
                if problem is not None:
                    raise DamagedDatabaseError(problem)
            return backup_file_if_due(db_path, folder, clock=clock, policy=policy)

        self.running = True
        self.runner.run(work, on_result=self._done, on_error=self._failed)

    def backup_on_close(self) -> Path | None:
        """The closing backup (changes since the last one, any interval). Runs
        while the window is already gone, so it may take its time here."""
        self.stop()
        if not self.enabled:
            return None
        self.runner.wait()
        try:
            made = backup_file_if_due(
                self.db_path, self.folder, clock=self.clock, policy=self.policy, force_interval=True
            )
        except HuddleError as error:
            log.error("closing backup failed: %s", error.message)
            self.last_problem = error.message
            return None
        if made is not None:
            log.info("closing backup taken: %s", made)
        return made

    def _on_changed(self, change) -> None:
        if change.touches("setting"):  # the ward may have chosen another folder
            self.folder = backup_folder(self.ctx, self.default_folder)

    def _done(self, made: object) -> None:
        self.running = False
        self.last_problem = ""
        if made is not None:
            log.info("automatic backup taken: %s", made)
        self.backed_up.emit(made)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        message = (
            error.message
            if isinstance(error, HuddleError)
            else (f"The automatic backup failed ({type(error).__name__}: {error}).")
        )
        log.error("automatic backup failed: %s", message)
        if message != self.last_problem:  # say it once, not every hour
            self.last_problem = message
            self.failed.emit(message)
