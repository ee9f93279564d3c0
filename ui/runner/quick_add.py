"""Quick-add dialogs for the huddle: a learning item, or an idea as an action.

Each dialog is opened through its ``ask()`` classmethod (the one seam tests
patch). The caller hands in a ``save`` function that calls the service; the
dialog stays open and shows the service's message if saving fails, so a
half-typed entry is never lost. Before saving, every text field goes through
the patient-identifier guard (:mod:`ui.identifier_guard`): a match is
highlighted and explained, and nothing is saved unless the person chooses
"Save anyway".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import HarmLevel, LearningKind, Person
from huddle.errors import HuddleError
from ui.date_fields import date_edit, day_of, to_qdate
from ui.identifier_guard import TextWidget, confirm_no_identifiers
from ui.runner.feedback import ErrorLabel
from ui.runner.look import fit_fonts, mark
from ui.words import HARM_LEVEL, LEARNING_KIND

# The order the quick-add offers the kinds in: safety first, as a huddle raises them.
QUICK_KINDS = (
    LearningKind.NEAR_MISS,
    LearningKind.INCIDENT,
    LearningKind.PATIENT_FEEDBACK,
    LearningKind.COMPLAINT,
    LearningKind.COMPLIMENT,
    LearningKind.EXCELLENCE,
    LearningKind.OTHER,
)
SAFETY_KINDS = (LearningKind.INCIDENT, LearningKind.NEAR_MISS)
WHAT_HAPPENED_PROMPT = {
    LearningKind.EXCELLENCE: "What went well? Who did what, and what made it work?",
    LearningKind.COMPLIMENT: "What did the patient or family say?",
    LearningKind.PATIENT_FEEDBACK: "What did the patient or family tell us?",
    LearningKind.COMPLAINT: "What was the concern, in the patient's words where possible?",
}
BLAME_FREE_PROMPT = "What happened? Describe the events, not the people."


@dataclass(frozen=True)
class LearningDraft:
    kind: LearningKind
    title: str
    what_happened: str
    harm: HarmLevel
    what_learned: str


@dataclass(frozen=True)
class IdeaDraft:
    title: str
    detail: str
    owner_id: str | None
    owner_text: str
    due_on: date | None


class QuickAddDialog(QDialog):
    """Shared frame: a form, an inline problem label, Save and Cancel."""

    def __init__(
        self, parent: QWidget | None, *, title: str, save: Callable[[Any], object]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(720)
        self._save = save
        self.saved: object | None = None
        self.form = QFormLayout()
        self.problem = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save")
        mark(self.save_button, "kind", "primary")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def draft(self) -> object:  # pragma: no cover - subclasses override
        raise NotImplementedError

    def text_fields(self) -> dict[str, tuple[str, TextWidget]]:
        """Every free-text field by name, with the label the person sees."""
        return {}

    def accept(self) -> None:
        fields = self.text_fields()
        if not confirm_no_identifiers(
            self,
            {k: w for k, (_, w) in fields.items()},
            labels={k: label for k, (label, _) in fields.items()},
        ):
            self.problem.show_error(
                "edit the highlighted text, or choose Save anyway if it "
                "is not a patient identifier."
            )
            return
        try:
            self.saved = self._save(self.draft())
        except HuddleError as error:
            self.problem.show_error(error)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, **options: Any) -> object | None:
        """Show the dialog; return what ``save`` returned, or None if cancelled."""
        dialog = cls(parent, **options)
        if parent is not None:
            fit_fonts(dialog, parent.font().pointSizeF())
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.saved if accepted else None
        finally:
            dialog.deleteLater()


def _text_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(140)
    return box


class LearningDialog(QuickAddDialog):
    """Record an incident, near miss, feedback or excellence without blame."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        save: Callable[[LearningDraft], object],
        kinds: Sequence[LearningKind] = QUICK_KINDS,
        title: str = "Add learning",
    ) -> None:
        super().__init__(parent, title=title, save=save)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for kind in kinds:
            self.kind.addItem(LEARNING_KIND[kind], kind)
        self.title = QLineEdit()
        self.title.setAccessibleName("Short title")
        self.title.setPlaceholderText("A few words, e.g. Two insulin doses nearly given")
        self.what_happened = _text_box("What happened", BLAME_FREE_PROMPT)
        self.harm = QComboBox()
        self.harm.setAccessibleName("Harm to the patient")
        for level, label in HARM_LEVEL.items():
            self.harm.addItem(label, level)
        self.what_learned = _text_box(
            "What we learned", "What did we learn? What would help next time?"
        )
        self.harm_label = QLabel("Harm to the patient")
        note = QLabel("No names or NHS numbers: describe what happened, not who.")
        note.setWordWrap(True)
        mark(note, "role", "secondary")
        self.form.addRow(note)
        self.form.addRow("Kind", self.kind)
        self.form.addRow("Short title", self.title)
        self.form.addRow("What happened", self.what_happened)
        self.form.addRow(self.harm_label, self.harm)
        self.form.addRow("What we learned", self.what_learned)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        safety = kind in SAFETY_KINDS
        self.harm.setVisible(safety)
        self.harm_label.setVisible(safety)
        self.what_happened.setPlaceholderText(WHAT_HAPPENED_PROMPT.get(kind, BLAME_FREE_PROMPT))

    def fill(
        self,
        *,
        kind: LearningKind,
        title: str,
        what_happened: str = "",
        harm: HarmLevel = HarmLevel.NONE,
    ) -> None:
        """Type into the form as a person would (for the self-test and tests)."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.title.setText(title)
        self.what_happened.setPlainText(what_happened)
        self.harm.setCurrentIndex(self.harm.findData(harm))

    def text_fields(self) -> dict[str, tuple[str, TextWidget]]:
        return {
            "title": ("Short title", self.title),
            "what_happened": ("What happened", self.what_happened),
            "what_learned": ("What we learned", self.what_learned),
        }

    def draft(self) -> LearningDraft:
        kind = self.kind.currentData()
        harm = self.harm.currentData() if kind in SAFETY_KINDS else HarmLevel.NONE
        return LearningDraft(
            kind=kind,
            title=self.title.text(),
            what_happened=self.what_happened.toPlainText(),
            harm=harm,
            what_learned=self.what_learned.toPlainText(),
        )


class IdeaDialog(QuickAddDialog):
    """Turn an idea into an action with an owner (roster or free text) and a due date."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        save: Callable[[IdeaDraft], object],
        people: Sequence[Person],
        today: date,
    ) -> None:
        super().__init__(parent, title="Add an idea as an action", save=save)
        self.title = QLineEdit()
        self.title.setAccessibleName("The idea")
        self.title.setPlaceholderText("e.g. Put a falls sign above high-risk beds")
        self.detail = _text_box("More detail", "Anything that helps the owner get started")
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setAccessibleName("Owner")
        self.owner.addItem("", None)
        for person in people:
            self.owner.addItem(person.display_name, person.id)
        owner_line = self.owner.lineEdit()
        assert owner_line is not None  # an editable combo box always has one
        owner_line.setPlaceholderText("Pick from the roster or type a name")
        self.due = date_edit("Due date", today + timedelta(days=7))
        self.due.setMinimumDate(to_qdate(today))
        self.no_due = QCheckBox("No due date yet")
        self.no_due.setAccessibleName("No due date yet")
        self.no_due.toggled.connect(lambda checked: self.due.setEnabled(not checked))
        self.form.addRow("The idea", self.title)
        self.form.addRow("Detail", self.detail)
        self.form.addRow("Owner", self.owner)
        self.form.addRow("Due", self.due)
        self.form.addRow("", self.no_due)

    def fill(self, *, title: str, owner: str = "", due_on: date | None = None) -> None:
        """Type into the form as a person would (for the self-test and tests)."""
        self.title.setText(title)
        index = self.owner.findText(owner) if owner else -1
        if index >= 0:
            self.owner.setCurrentIndex(index)
        else:
            self.owner.setEditText(owner)
        self.no_due.setChecked(due_on is None)
        if due_on is not None:
            self.due.setDate(to_qdate(due_on))

    def text_fields(self) -> dict[str, tuple[str, TextWidget]]:
        owner = self.owner.lineEdit()
        assert owner is not None  # the combo box is editable
        return {
            "title": ("The idea", self.title),
            "detail": ("Detail", self.detail),
            "owner": ("Owner", owner),
        }

    def draft(self) -> IdeaDraft:
        text = self.owner.currentText().strip()
        index = self.owner.findText(text) if text else -1
        owner_id = self.owner.itemData(index) if index > 0 else None
        due = None if self.no_due.isChecked() else day_of(self.due)
        return IdeaDraft(
            title=self.title.text(),
            detail=self.detail.toPlainText(),
            owner_id=owner_id,
            owner_text="" if owner_id else text,
            due_on=due,
        )
