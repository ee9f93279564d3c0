"""Adding excellence as Learning from Excellence asks it: who was excellent, what
did they do, and what can we learn (the three questions of the thank-you slip)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QWidget

from huddle.domain import LearningKind
from ui.runner.quick_add import LearningDialog, LearningDraft


@dataclass(frozen=True)
class ExcellenceDraft:
    learning: LearningDraft
    who: str


class ExcellenceDialog(LearningDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        save: Callable[[ExcellenceDraft], object],
        title: str = "Add excellence or a compliment",
    ) -> None:
        super().__init__(
            parent,
            save=save,  # type: ignore[arg-type]
            kinds=(LearningKind.EXCELLENCE, LearningKind.COMPLIMENT),
            title=title,
        )
        self.who = QLineEdit()
        self.who.setAccessibleName("Who was excellent")
        self.who.setPlaceholderText("A person, a team or a role, e.g. Night team, bay 3")
        self.form.insertRow(1, "Who was excellent", self.who)
        label = self.form.labelForField(self.what_happened)
        if label is not None:
            label.setText("What did they do?")  # type: ignore[attr-defined]
        label = self.form.labelForField(self.what_learned)
        if label is not None:
            label.setText("What can we learn?")  # type: ignore[attr-defined]

    def text_fields(self):
        return {"who": ("Who was excellent", self.who), **super().text_fields()}

    def draft(self) -> ExcellenceDraft:  # type: ignore[override]
        return ExcellenceDraft(super().draft(), self.who.text())
