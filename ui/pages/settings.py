"""The Settings page: the ward, its team, its agendas, backups and the database.

Every edit goes through the ward-setup and preference services; problems show
next to the field they are about. Read-only (someone else has the ward open)
disables every editing control and says why. Once a manager PIN is set, the
ward, team, agenda and backup cards, restoring a backup and purging archived
records stay locked until the PIN is given, and lock again ten minutes later
(:mod:`ui.pages.settings_manager`). A restore asks the window, through
``ward_restored``, to open the ward again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from huddle.errors import HuddleError
from huddle.presence import current_holder
from ui import dialogs
from ui.buttons import push_button
from ui.context import UiContext
from ui.elided import ElidedLabel
from ui.formatting import date_and_time
from ui.identifier_guard import confirm_no_identifiers
from ui.layouts import fill, scroller
from ui.pages.base import Page
from ui.pages.settings_agenda import AgendaCard
from ui.pages.settings_learning import LearningCard
from ui.pages.settings_manager import ManagerCard, gate_for
from ui.pages.settings_parts import Card, SettingsCard
from ui.pages.settings_purge import PurgeCard
from ui.pages.settings_restore import RestoreCard
from ui.pages.settings_roster import RosterCard
from ui.pages.settings_sync import SyncCard
from ui.session import read_only_message


class WardCard(SettingsCard):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("The ward", ctx, parent)
        self.name = QLineEdit()
        self.site = QLineEdit()
        self.specialty = QLineEdit()
        form = QFormLayout()
        for key, text, field in (
            ("name", "Ward name", self.name),
            ("site", "Hospital or site", self.site),
            ("specialty", "Specialty", self.specialty),
        ):
            field.setAccessibleName(text)
            form.addRow(text, field)
            form.addRow("", self.errors.add(key))
        self.save_button = push_button("Save ward details", kind="primary", clicked=self.save)
        self.body.addLayout(form)
        self.body.addWidget(self.save_button)
        for widget in (self.name, self.site, self.specialty, self.save_button):
            widget.setEnabled(not ctx.read_only)

    def refresh(self) -> None:
        ward = self.ctx.app.setup.ward()
        self.name.setText(ward.name)
        self.site.setText(ward.site)
        self.specialty.setText(ward.specialty)

    def save(self) -> None:
        self.errors.clear()
        if not confirm_no_identifiers(
            self,
            {"name": self.name, "site": self.site, "specialty": self.specialty},
            labels={"name": "Ward name", "site": "Hospital or site", "specialty": "Specialty"},
        ):
            return
        setup = self.ctx.app.setup
        try:
            setup.update_ward(
                expected_version=setup.ward().version,
                name=self.name.text(),
                site=self.site.text(),
                specialty=self.specialty.text(),
            )
        except HuddleError as error:
            self.errors.show(error, title="The ward's details could not be saved")


class StorageCard(SettingsCard):
    """Backups folder (a ward preference) and where the data is and who has it."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Backups and the ward's data", ctx, parent)
        self.backup_folder = QLineEdit()
        self.backup_folder.setAccessibleName("Backup folder")
        self.backup_folder.setPlaceholderText("Blank: a backups folder beside the database")
        self.choose_button = push_button(
            "Choose…", name="Choose the backup folder", clicked=self.choose_folder
        )
        self.save_button = push_button("Save backup folder", kind="primary", clicked=self.save)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.save_button)
        self.database = self._path("Where the ward's data is")
        self.others = self._value("Who else has it open")
        self.mode = self._value("On this PC")
        form = QGridLayout()
        form.addWidget(QLabel("Backup folder"), 0, 0)
        form.addLayout(folder_row, 0, 1)
        form.addWidget(self.errors.add("backup_folder"), 1, 1)
        for row, (text, value) in enumerate(
            (
                ("Where the ward's data is", self.database),
                ("Who else has it open", self.others),
                ("On this PC", self.mode),
            ),
            start=2,
        ):
            form.addWidget(QLabel(text), row, 0)
            form.addWidget(value, row, 1)
        form.setColumnStretch(1, 1)
        self.body.addLayout(form)
        for widget in (self.backup_folder, self.choose_button, self.save_button):
            widget.setEnabled(not ctx.read_only)

    def _path(self, name: str) -> ElidedLabel:
        """A file path on one line, shortened in the middle: never broken as "/ tmp/…"."""
        shown = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
        shown.setAccessibleName(name)
        return shown

    def _value(self, name: str) -> QLabel:
        shown = QLabel("")
        shown.setWordWrap(True)
        shown.setAccessibleName(name)
        shown.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return shown

    def refresh(self) -> None:
        app = self.ctx.app
        self.backup_folder.setText(app.preferences.get("backup_folder"))
        self.database.setText(str(app.path))
        self.database.setAccessibleName(f"Where the ward's data is: {app.path}")
        holder = self.ctx.holder or current_holder(app.path)
        if holder is None:
            self.others.setText("Nobody else: only this copy of Ward Huddle.")
        else:
            self.others.setText(f"{holder.description}, since {date_and_time(holder.since)}")
        if self.ctx.read_only:
            self.mode.setText(
                "Read-only. " + read_only_message(self.ctx.holder, self.ctx.read_only_reason)
            )
        else:
            self.mode.setText("You can make changes.")

    def choose_folder(self) -> None:
        chosen = dialogs.FolderChooser.ask(
            self, title="Folder for backups", start=self.backup_folder.text()
        )
        if chosen:
            self.backup_folder.setText(chosen)

    def save(self) -> None:
        self.errors.clear()
        try:
            self.ctx.app.preferences.set("backup_folder", self.backup_folder.text().strip())
        except HuddleError as error:
            self.errors.show(error, title="The backup folder could not be saved")


class LockStrip(Card):
    """Says the manager settings are locked, with the button that unlocks them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Manager settings are locked", parent)
        text = QLabel(
            "Changing the ward's details, its team, its agendas and its backups, "
            "restoring a backup and purging archived records need the ward "
            "manager's PIN. Huddles, learning and actions do not."
        )
        text.setWordWrap(True)
        self.unlock_button = push_button(
            "Unlock with the PIN", kind="primary", name="Unlock manager settings with the PIN"
        )
        row = QHBoxLayout()
        row.addWidget(text, 1)
        row.addWidget(self.unlock_button)
        self.body.addLayout(row)


class SettingsPage(Page):
    title = "Settings"
    watches = frozenset(
        {
            "ward",
            "person",
            "agenda_template",
            "setting",
            "action",
            "learning_item",
            "sync",
            "measure",  # a new safety cross can become the focus harm
        }
    )
    ward_restored = Signal(object)  # the database Path: the window opens the ward again
    RELOCK_CHECK_MS = 15_000

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.gate = gate_for(ctx)
        self.ward_card = WardCard(ctx)
        self.roster_card = RosterCard(ctx)
        self.agenda_card = AgendaCard(ctx)
        self.storage_card = StorageCard(ctx)
        self.learning_card = LearningCard(ctx)
        self.manager_card = ManagerCard(ctx)
        self.restore_card = RestoreCard(ctx)
        self.restore_card.ward_restored.connect(self.ward_restored)
        self.purge_card = PurgeCard(ctx)
        self.sync_card = SyncCard(ctx)
        self.lock_strip = LockStrip()
        self.lock_strip.unlock_button.clicked.connect(self.unlock)
        self.manager_card.lock_changed.connect(self.apply_lock)
        self.relock_timer = QTimer(self)
        self.relock_timer.setInterval(self.RELOCK_CHECK_MS)
        self.relock_timer.timeout.connect(self.apply_lock)
        content = QWidget()
        content.setObjectName("PageArea")
        grid = QGridLayout(content)
        grid.setContentsMargins(28, 24, 28, 24)
        grid.setSpacing(18)
        heading = QLabel("Settings")
        heading.setProperty("role", "pagetitle")
        top = QVBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.lock_strip)
        grid.addLayout(top, 0, 0, 1, 2)
        left = QVBoxLayout()
        left.addWidget(self.ward_card)
        left.addWidget(self.roster_card, 1)
        right = QVBoxLayout()
        right.addWidget(self.agenda_card, 1)
        grid.addLayout(left, 1, 0)
        grid.addLayout(right, 1, 1)
        grid.addWidget(self.storage_card, 2, 0, 1, 2)
        grid.addWidget(self.learning_card, 3, 0, 1, 2)
        grid.addWidget(self.manager_card, 4, 0, 1, 2)
        grid.addWidget(self.restore_card, 5, 0)
        grid.addWidget(self.purge_card, 5, 1)
        grid.addWidget(self.sync_card, 6, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        fill(self, scroller(content, frame=True))
        self.apply_lock()

    def refresh(self) -> None:
        if not self.ctx.app.has_ward:
            return
        self.ward_card.refresh()
        self.roster_card.refresh()
        self.agenda_card.refresh()
        self.storage_card.refresh()
        self.learning_card.refresh()
        self.sync_card.refresh()
        self.manager_card.refresh()
        self.restore_card.refresh()
        self.purge_card.refresh()
        self.apply_lock()

    @property
    def guarded_cards(self) -> tuple[QWidget, ...]:
        return (
            self.ward_card,
            self.roster_card,
            self.agenda_card,
            self.storage_card,
            self.learning_card,
            self.restore_card,
            self.purge_card,
        )

    def apply_lock(self) -> None:
        """Lock or unlock the manager's cards (read-only copies stay as they are)."""
        locked = not self.gate.is_unlocked()
        for card in self.guarded_cards:
            card.setEnabled(not locked)
        self.lock_strip.setVisible(locked and not self.ctx.read_only)
        self.manager_card.refresh()
        if self.gate.pin_set and not locked:
            self.relock_timer.start()
        else:
            self.relock_timer.stop()

    def unlock(self) -> None:
        if self.gate.unlock(self, purpose="Changing the ward's settings"):
            self.apply_lock()
