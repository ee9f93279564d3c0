"""Restoring a backup from Settings (a manager's action, behind the PIN).

The card lists the backups of this ward's database in its backup folders,
newest first, and checks each one off the UI thread. Restoring lets go of the
database file, swaps the backup in (:func:`huddle.restore.restore` keeps the
current file aside, never deleting it) and asks the window, through
``ward_restored``, to open the ward again. It never restores while another PC
or login holds the ward.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from huddle import backup, backup_places, restore
from huddle.errors import HuddleError
from huddle.presence import current_holder
from ui import dialogs
from ui.auto_backup import ward_backup_choice
from ui.buttons import push_button
from ui.context import UiContext
from ui.elided import breakable_path
from ui.formatting import clock_time, short_date
from ui.models.base import Column, RecordTableModel
from ui.pages.settings_records import RecordsCard
from ui.session import close_ward
from ui.tasks import TaskRunner

CHECKING, HEALTHY, DAMAGED = "Checking…", "Healthy", "Cannot be used"


@dataclass(frozen=True)
class BackupRow:
    file: backup.BackupFile
    size: int
    health: str = CHECKING
    problem: str = ""

    @property
    def path(self) -> Path:
        return self.file.path


def when_taken(row: BackupRow) -> str:
    """``6 Aug 2026 14:05`` in the PC's local time."""
    local = row.file.taken_at.astimezone()
    return f"{short_date(local)} {clock_time(local)}"


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupsModel(RecordTableModel):
    columns = (
        Column("Taken", when_taken, sort=lambda r: r.file.taken_at),
        Column("Size", lambda r: size_text(r.size), sort=lambda r: r.size, right=True),
        Column("Health", lambda r: r.health, warn=lambda r: r.health == DAMAGED),
        Column(
            "Kind",
            lambda r: {"auto": "Automatic", "pre-upgrade": "Before an upgrade"}.get(
                r.file.label, r.file.label.capitalize() or "Made by hand"
            ),
        ),
    )
    TAKEN, SIZE, HEALTH, KIND = range(4)


def backup_folders(ctx: UiContext) -> list[Path]:
    """Where this ward's backups may be: the ward's chosen folder, the PC's
    setting, and the backups folder beside the database (each once)."""
    return backup_places.backup_folders(Path(ctx.app.path), ward_backup_choice(ctx))


def find_backups(ctx: UiContext) -> list[BackupRow]:
    stem = Path(ctx.app.path).stem
    rows = []
    for folder in backup_folders(ctx):
        for found in backup.list_backups(folder, stem):
            try:
                size = found.path.stat().st_size
            except OSError:
                continue
            rows.append(BackupRow(found, size))
    return sorted(rows, key=lambda r: r.file.taken_at, reverse=True)


def check_backups(paths: list[Path], progress: Callable[..., None]) -> None:
    """On a worker thread: verify each backup, reporting ``(path, problem)``."""
    for path in paths:
        try:
            backup.verify_backup(path)
        except HuddleError as error:
            progress(path, error.message)
        else:
            progress(path, "")


class RestoreCard(RecordsCard):
    """The backups of this ward, and "Restore this backup…"."""

    ward_restored = Signal(object)  # the database Path, for the window to open again

    model: BackupsModel
    heading = "Restore a backup"
    explaining = (
        "Go back to how the ward's records were when a backup was taken. "
        "Nothing is deleted: the records as they are now are kept aside "
        "in a file beside the database."
    )
    model_class = BackupsModel
    table_name = "Backups of this ward, newest first"
    stretch = BackupsModel.KIND
    status_name = "About the backups"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tasks = TaskRunner(self)
        self.problems: dict[Path, str] = {}  # what each backup's check found ("" healthy)
        self.status.setWordWrap(True)
        self.reload_button = push_button(
            "Look again", name="Look for backups again", clicked=self.refresh
        )
        self.restore_button = push_button(
            "Restore this backup…",
            kind="primary",
            name="Restore the chosen backup",
            clicked=self.restore_selected,
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reload_button)
        row.addWidget(self.restore_button)
        self.body.addWidget(self.explain)
        self.body.addWidget(self.table)
        self.body.addWidget(self.status)  # the whole width: it names folders
        self.body.addLayout(row)
        self._enable()

    # -- the list ---------------------------------------------------------------
    def refresh(self) -> None:
        rows = [
            replace(
                r,
                health=HEALTHY if self.problems[r.path] == "" else DAMAGED,
                problem=self.problems[r.path],
            )
            if r.path in self.problems
            else r
            for r in find_backups(self.ctx)
        ]
        self.model.set_rows(rows)
        folders = ", ".join(breakable_path(str(f)) for f in backup_folders(self.ctx))
        if rows:
            self.status.setText(
                f"{len(rows)} backup{'s' if len(rows) != 1 else ''} found in {folders}."
            )
            self.table.selectRow(0)
        else:
            self.status.setText(f"No backups of this ward were found in {folders}.")
        self._check_unchecked()
        self._enable()

    def _check_unchecked(self) -> None:
        """Verify the backups not yet checked, one job at a time, off the UI thread."""
        unchecked = [r.path for r in self.model.records() if r.health == CHECKING]
        if unchecked and not self.tasks.busy:
            self.tasks.run(
                lambda progress: check_backups(unchecked, progress),
                on_progress=self._checked,
                on_result=self._checks_done,
                on_error=self._checks_done,
            )

    def _checks_done(self, _: object) -> None:
        self._check_unchecked()  # backups found while the last job ran
        self._enable()

    def _checked(self, report: object) -> None:
        path, problem = cast(tuple[Path, str], report)
        self.problems[path] = str(problem)
        rows = self.model.records()
        if not any(r.path == path for r in rows):
            return
        selected = self.selected()
        self.model.set_rows(
            [
                replace(r, health=DAMAGED if problem else HEALTHY, problem=str(problem))
                if r.path == path
                else r
                for r in rows
            ]
        )
        if selected is not None:
            self.table.selectRow(next(n for n, r in enumerate(rows) if r.path == selected.path))
        self._enable()

    def selected(self) -> BackupRow | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.model.record(chosen[0].row()) if chosen else None

    def _enable(self, *_: object) -> None:
        row = self.selected()
        self.restore_button.setEnabled(
            not self.ctx.read_only and row is not None and row.health == HEALTHY
        )
        self.reload_button.setEnabled(not self.tasks.busy)

    # -- restoring ----------------------------------------------------------------
    def restore_selected(self) -> None:
        row = self.selected()
        if row is None or not self.gate.unlock(self, purpose="Restoring a backup"):
            return
        db_path = Path(self.ctx.app.path)
        holder = current_holder(db_path)
        if self.ctx.read_only or holder is not None:
            who = holder.description if holder is not None else "Another copy of Ward Huddle"
            dialogs.MessageDialog.ask(
                self,
                title="The backup was not restored",
                text=(
                    f"{who} has this ward open, so it cannot go back to a backup now: that "
                    "would pull the records from under them. Ask them to close Ward Huddle, "
                    "then try again."
                ),
            )
            return
        taken = when_taken(row)
        if not dialogs.ConfirmDialog.ask(
            self,
            title="Restore this backup?",
            question=(
                f"The ward will go back to how it was on {taken}. What was saved after that "
                "is kept aside in a file, not deleted.\n\nWard Huddle will close the ward "
                "and open it again."
            ),
            yes="Restore this backup",
        ):
            return
        window = self.window()
        close_ward(self.ctx)
        try:
            aside = restore.restore(db_path, row.path, clock=self.ctx.app.clock)
        except (HuddleError, OSError) as error:
            self.ward_restored.emit(db_path)  # the old file is still in place: open it again
            dialogs.show_error(window, error, title="The backup was not restored")
            return
        self.ward_restored.emit(db_path)
        kept = f" The records as they were are kept in {aside}." if aside else ""
        dialogs.MessageDialog.ask(
            window,
            title="Backup restored",
            text=(f"The ward is back to how it was on {taken}.{kept}"),
        )
