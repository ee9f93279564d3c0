"""Settings: sync with the ward's other PCs (the trust server, or bundle files).

Shows the server (never a password), this PC's device id, what is waiting and
when the ward last synced; syncs now; saves a bundle of this PC's changes for
a USB stick or shared drive, and loads bundles from the others. Choosing files
goes through the ``ask()`` seams below, which tests patch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QGridLayout, QHBoxLayout, QLabel, QWidget

from huddle.config import load_settings
from huddle.errors import HuddleError
from ui import dialogs, words
from ui.buttons import push_button
from ui.context import UiContext
from ui.formatting import date_and_time
from ui.pages.settings_parts import Card


class BundleSaveChooser(dialogs.SaveFileChooser):
    title = "Save a sync bundle"
    filter_text = "Ward Huddle bundles (*.huddle-sync)"


class BundleOpenChooser:
    @classmethod
    def ask(cls, parent: QWidget | None) -> list[str]:
        chosen, _ = QFileDialog.getOpenFileNames(
            parent, "Load sync bundles", "", "Ward Huddle bundles (*.huddle-sync);;All files (*)"
        )
        return list(chosen)


class SyncCard(Card):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Sync with the ward's other PCs", parent)
        self.ctx = ctx
        explain = QLabel(
            "Each PC keeps working on its own. With a trust server set (by IT), changes are "
            "shared in the background after each huddle and every few minutes. Without a "
            "network, carry a bundle file from one PC to another."
        )
        explain.setWordWrap(True)
        self.server = QLabel()
        self.device = QLabel()
        self.pending = QLabel()
        self.last = QLabel()
        self.two_pcs = QLabel()
        grid = QGridLayout()
        for row, (text, value) in enumerate(
            (
                ("Trust server", self.server),
                ("This PC's device id", self.device),
                ("Waiting to be shared", self.pending),
                ("Last synced", self.last),
                (words.CHANGED_ON_TWO_PCS, self.two_pcs),
            )
        ):
            value.setAccessibleName(text)
            value.setWordWrap(True)
            grid.addWidget(QLabel(text), row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        self.sync_button = push_button("Sync now", kind="primary", clicked=self.sync_now)
        self.export_button = push_button(
            "Save a bundle…", name="Save a bundle of this PC's changes", clicked=self.export_bundle
        )
        self.import_button = push_button(
            "Load bundles…", name="Load bundles from other PCs", clicked=self.import_bundles
        )
        self.conflicts_button = push_button("Choose between versions…", clicked=self.open_conflicts)
        buttons = QHBoxLayout()
        for made in (
            self.sync_button,
            self.export_button,
            self.import_button,
            self.conflicts_button,
        ):
            buttons.addWidget(made)
            made.setEnabled(not ctx.read_only)
        buttons.addStretch(1)
        # archives undone because the record was edited on another PC meanwhile
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes from sync")
        self.body.addWidget(explain)
        self.body.addLayout(grid)
        self.body.addWidget(self.notes)
        self.body.addLayout(buttons)

    def refresh(self) -> None:
        settings = load_settings()
        status = self.ctx.app.sync.status(settings.server)
        self.server.setText(status.server or "None set: this PC shares by bundle files only")
        self.device.setText(status.device_id)
        held = f"; {status.held} received, waiting for earlier ones" if status.held else ""
        self.pending.setText(f"{status.pending} change{'s' if status.pending != 1 else ''}{held}")
        self.last.setText(date_and_time(status.last_synced_at, empty="Not yet"))
        self.two_pcs.setText(str(status.open_conflicts) if status.open_conflicts else "None")
        self.sync_button.setEnabled(bool(settings.server) and not self.ctx.read_only)
        self.conflicts_button.setEnabled(status.open_conflicts > 0)
        from ui.sync_conflicts import record_title

        notes = self.ctx.app.sync.notes()
        self.notes.setText(
            "\n".join(
                f"{record_title(n, n.remote if n.local.get('archived') else n.local)}: "
                "archived on one PC and edited on another, so the edit "
                "was kept and it is no longer archived."
                for n in notes[-5:]
            )
        )
        self.notes.setVisible(bool(notes))

    def sync_now(self) -> None:
        background = getattr(self.window(), "background_sync", None)  # the main window's
        if background is not None:
            background.sync_now()

    def export_bundle(self) -> None:
        stamp = self.ctx.app.clock.today().isoformat()
        suggested = str(Path.home() / f"ward-huddle-{stamp}.huddle-sync")
        chosen = BundleSaveChooser.ask(self, suggested=suggested)
        if not chosen:
            return
        try:
            made = self.ctx.app.sync.export_bundle(
                out=Path(chosen), since_last=False, trust_key=load_settings().trust_key
            )
        except HuddleError as error:
            dialogs.show_error(self, error, title="The bundle could not be saved")
            return
        dialogs.MessageDialog.ask(
            self,
            title="Bundle saved",
            text=f"Saved {made.manifest.count} changes to {made.path}. Load it on the ward's "
            "other PCs with 'Load bundles…'.",
        )

    def import_bundles(self) -> None:
        chosen = BundleOpenChooser.ask(self)
        if not chosen:
            return
        try:
            got = self.ctx.app.sync.import_bundles(
                paths=[Path(p) for p in chosen], trust_key=load_settings().trust_key
            )
        except HuddleError as error:
            dialogs.show_error(self, error, title="The bundle was not loaded")
            return
        held = f" {got.held} wait for earlier changes from another bundle." if got.held else ""
        two = (
            f" {got.conflicts} records were changed on two PCs: choose between the versions."
            if got.conflicts
            else ""
        )
        dialogs.MessageDialog.ask(
            self,
            title="Bundles loaded",
            text=f"Added {got.applied} changes ({got.already} were already here).{held}{two}",
        )
        self.refresh()

    def open_conflicts(self) -> None:
        from ui.sync_conflicts import ConflictsDialog

        ConflictsDialog.ask(self.window(), ctx=self.ctx)
        self.refresh()
