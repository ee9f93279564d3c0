"""The ward manager's PIN in the app: setting it, asking for it, and what it unlocks.

Once a PIN is set, the Settings page (ward details, team, agendas, backups), the
audit trail and purging archived records ask for it through :class:`PinDialog`.
A right PIN unlocks manager actions for ten minutes of this session (the
:class:`ManagerGate` kept in the context). Everyday huddle work never asks.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from huddle.errors import HuddleError
from huddle.services.manager import PinLockedError
from ui import dialogs
from ui.buttons import push_button
from ui.context import UiContext
from ui.formatting import clock_time
from ui.pages.settings_parts import SettingsCard

UNLOCK_FOR = timedelta(minutes=10)


def pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(12)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), field))
    field.setAccessibleName(name)
    return field


class PinDialog(QDialog):
    """Asks for the manager PIN; ``ask()`` returns what was typed, or None."""

    def __init__(self, parent: QWidget | None, *, purpose: str) -> None:
        super().__init__(parent)
        purpose_text = f"{purpose} needs the ward manager's PIN."
        text = dialogs.message_text(self, title="Manager PIN", text=purpose_text, width=0)
        self.pin = pin_field("Manager PIN")
        buttons, _ = dialogs.answer_buttons(
            self, ("Unlock", dialogs.ACCEPT, ""), ("Cancel", dialogs.REJECT, "")
        )
        dialogs.stack(self, text, self.pin, buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, *, purpose: str) -> str | None:
        dialog = cls(parent, purpose=purpose)
        pin = dialog.pin  # read before the dialog is deleted
        return pin.text() if dialogs.accepted(dialog) else None


class ManagerGate:
    """Whether manager actions are unlocked in this session, and asking to unlock."""

    def __init__(self, ctx: UiContext) -> None:
        self.ctx = ctx
        self.unlocked_until: datetime | None = None

    def _now(self) -> datetime:
        return self.ctx.app.clock.now()

    @property
    def pin_set(self) -> bool:
        try:
            return self.ctx.app.manager.status().is_set
        except HuddleError:
            return False

    def is_unlocked(self) -> bool:
        if not self.pin_set:
            return True
        return self.unlocked_until is not None and self._now() < self.unlocked_until

    def lock(self) -> None:
        self.unlocked_until = None

    def unlock(self, parent: QWidget | None, *, purpose: str = "This") -> bool:
        """True when manager actions may go ahead (asking for the PIN if need be)."""
        if self.is_unlocked():
            return True
        pin = PinDialog.ask(parent, purpose=purpose)
        if pin is None:
            return False
        try:
            right = self.ctx.app.manager.verify(pin)
        except PinLockedError as error:
            dialogs.MessageDialog.ask(parent, title="Manager PIN", text=error.message)
            return False
        except HuddleError as error:
            dialogs.show_error(parent, error, title="The PIN could not be checked")
            return False
        if not right:
            dialogs.MessageDialog.ask(
                parent,
                title="Manager PIN",
                text=(
                    "That PIN is not right. After three wrong tries each try waits a little "
                    "longer. IT can reset a forgotten PIN on this PC."
                ),
            )
            return False
        self.unlocked_until = self._now() + UNLOCK_FOR
        return True


def gate_for(ctx: UiContext) -> ManagerGate:
    """The session's one gate (kept in the context, so every page shares it)."""
    if ctx.manager_gate is None:
        ctx.manager_gate = ManagerGate(ctx)
    return ctx.manager_gate


class ManagerCard(SettingsCard):
    """Set or change the PIN, lock now, and the manager's tools."""

    lock_changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Ward manager", ctx, parent)
        self.gate = gate_for(ctx)
        self.state = QLabel("")
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Manager PIN state")
        self.current_pin = pin_field("Current PIN")
        self.new_pin = pin_field("New PIN")
        self.repeat_pin = pin_field("New PIN again")
        form = QFormLayout()
        self.current_row_label = QLabel("Current PIN")
        form.addRow(self.current_row_label, self.current_pin)
        form.addRow("", self.errors.add("current_pin"))
        form.addRow("New PIN (6 to 12 digits)", self.new_pin)
        form.addRow("", self.errors.add("new_pin"))
        form.addRow("New PIN again", self.repeat_pin)
        self.save_button = push_button(
            "Save PIN", kind="primary", name="Save the manager PIN", clicked=self.save_pin
        )
        self.lock_button = push_button(
            "Lock now", name="Lock manager settings now", clicked=self.lock_now
        )
        self.audit_button = push_button(
            "Audit trail…",
            name="Audit trail: every change, who, when",
            clicked=self.show_audit_trail,
        )
        row = QHBoxLayout()
        for widget in (self.save_button, self.lock_button, self.audit_button):
            row.addWidget(widget)
        row.addStretch(1)
        self.body.addWidget(self.state)
        self.body.addLayout(form)
        self.body.addLayout(row)
        for field in (self.current_pin, self.new_pin, self.repeat_pin, self.save_button):
            field.setEnabled(not ctx.read_only)

    def refresh(self) -> None:
        pin_set = self.gate.pin_set
        self.current_pin.setVisible(pin_set)
        self.current_row_label.setVisible(pin_set)
        self.lock_button.setVisible(pin_set)
        if not pin_set:
            self.state.setText(
                "No manager PIN is set: anyone at this PC can change the "
                "ward's settings, team and agendas. Set one below."
            )
        elif self.gate.is_unlocked() and self.gate.unlocked_until is not None:
            until = clock_time(self.gate.unlocked_until)
            self.state.setText(
                f"A manager PIN is set. Manager settings are unlocked until {until}."
            )
        else:
            self.state.setText("A manager PIN is set. Manager settings are locked.")

    def save_pin(self) -> None:
        self.errors.clear()
        new = self.new_pin.text()
        if new != self.repeat_pin.text():
            self.errors.labels["new_pin"].setText("The two new PINs are not the same.")
            self.errors.labels["new_pin"].show()
            return
        try:
            self.ctx.app.manager.set_pin(new_pin=new, current_pin=self.current_pin.text() or None)
        except PinLockedError as error:
            dialogs.MessageDialog.ask(self, title="Manager PIN", text=error.message)
            return
        except HuddleError as error:
            self.errors.show(error, title="The PIN could not be saved")
            return
        for field in (self.current_pin, self.new_pin, self.repeat_pin):
            field.clear()
        self.gate.unlocked_until = self.gate._now() + UNLOCK_FOR  # whoever set it is here
        self.lock_changed.emit()
        dialogs.MessageDialog.ask(
            self,
            title="Manager PIN",
            text=(
                "The manager PIN is saved. Settings, the team, agendas, the audit trail, restoring "
                "and purging will ask for it; huddles, learning and actions never will."
            ),
        )
        self.refresh()

    def lock_now(self) -> None:
        self.gate.lock()
        self.refresh()
        self.lock_changed.emit()

    def show_audit_trail(self) -> None:
        if not self.gate.unlock(self, purpose="Reading the audit trail"):
            return
        from ui.audit_view import AuditDialog

        AuditDialog.ask(self.ctx, self)
