"""A new idea in seconds, from any page: the idea, who (optional), when (optional).

The shell binds Ctrl+I and a "New idea" button on every page to::

    QuickIdeaDialog.ask(ctx, parent)   # -> the new Action, or None

It saves an action with status "idea" and origin "staff idea". Anyone can add
one; nobody is asked to log in or fill in a form.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from huddle.domain import Action, ActionStatus, Origin
from huddle.errors import HuddleError, ValidationError
from ui import dialogs
from ui.actions.owner import OwnerBox, identifiers_ok
from ui.context import UiContext
from ui.date_fields import date_edit, day_of


class QuickIdeaDialog(QDialog):
    """Three boxes and a button; the idea is saved by :meth:`save`."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        status: ActionStatus = ActionStatus.IDEA,
        origin: Origin = Origin.STAFF_IDEA,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status, self.origin = status, origin
        self.created: Action | None = None
        noun = "idea" if status is ActionStatus.IDEA else "action"
        self.setWindowTitle(f"New {noun}")
        self.setAccessibleName(f"New {noun}")
        today = ctx.app.clock.today()
        intro = QLabel(
            "Every idea counts. Write it in a sentence; the team will pick it up at a huddle."
            if noun == "idea"
            else "Say what will be done in a sentence; add the detail once it is saved."
        )
        intro.setWordWrap(True)
        self.idea = QLineEdit()
        self.idea.setPlaceholderText("For example: a falls sign on every bay door")
        self.idea.setAccessibleName("The idea")
        self.who = OwnerBox(ctx.app.setup.people())
        self.who.setAccessibleName("Who suggested it or will take it on (optional)")
        self.has_due = QCheckBox("By a date")
        self.has_due.setAccessibleName("Give it a date")
        self.due = date_edit("Date (optional)", today + timedelta(days=28))
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.has_due)
        when.addWidget(self.due, 1)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("Your idea" if noun == "idea" else "The action", self.idea)
        form.addRow("Who (optional)", self.who)
        form.addRow("When (optional)", when)
        self.problem = QLabel("")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        buttons, (self.save_button, _) = dialogs.answer_buttons(
            self,
            (f"Add {noun}", dialogs.ACCEPT, ""),
            ("Cancel", dialogs.REJECT, ""),
            on_accept=self.save,
        )
        self.save_button.setProperty("kind", "primary")
        dialogs.stack(self, intro, form, self.problem, buttons)
        self.resize(640, 0)
        self.idea.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Save the idea and close, or say what is missing and stay open."""
        if not self.idea.text().strip():
            self.problem.setText("Write the idea first (a sentence is plenty).")
            self.idea.setFocus()
            return
        if not identifiers_ok(self, {"title": self.idea}, {"title": "Your idea"}):
            return
        owner_id, owner_text = self.who.owner()
        due = day_of(self.due) if self.has_due.isChecked() else None
        try:
            self.created = self.ctx.app.actions.create_action(
                title=self.idea.text(),
                owner_id=owner_id,
                owner_text=owner_text,
                due_on=due,
                status=self.status,
                origin=self.origin,
            )
        except ValidationError as error:
            self.problem.setText(" ".join(p.message for p in error.problems))
            return
        except HuddleError as error:
            dialogs.show_error(self, error, title="The idea was not saved")
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        status: ActionStatus = ActionStatus.IDEA,
        origin: Origin = Origin.STAFF_IDEA,
    ) -> Action | None:
        """Open the dialog; the new idea, or None if cancelled (or read-only).

        ``status`` and ``origin`` let the Actions page reuse it for a planned action.
        """
        if ctx.read_only:
            dialogs.MessageDialog.ask(
                parent,
                title="Ideas cannot be added just now",
                text="This ward is open read-only on this computer, so new ideas cannot be "
                "saved here. Write it down and add it when the ward is open for editing.",
            )
            return None
        dialog = cls(ctx, parent, status=status, origin=origin)
        try:
            dialog.exec()
            return dialog.created
        finally:
            dialog.deleteLater()
