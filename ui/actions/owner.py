"""Two small form helpers the action screens share: the owner box and the identifier check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from huddle.domain import Person
from ui.identifier_guard import TextWidget, confirm_no_identifiers
from ui.words import NO_OWNER


class OwnerBox(QComboBox):
    """Pick someone from the roster, or type any name (a bank nurse, "Pharmacy")."""

    def __init__(self, people: Iterable[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.set_people(people)
        line = self.lineEdit()
        assert line is not None  # an editable combo box always has one
        line.setPlaceholderText("Choose from the roster or type a name")
        completer = self.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def set_people(self, people: Iterable[Person]) -> None:
        text = self.currentText()
        self.clear()
        self.addItem("", None)
        self._by_name: dict[str, str] = {}
        for person in sorted(people, key=lambda p: p.display_name.casefold()):
            if person.active:
                label = (
                    f"{person.display_name} ({person.role})" if person.role else person.display_name
                )
                self.addItem(label, person.id)
            self._by_name[person.display_name.casefold()] = person.id
        self._names = {pid: name for name, pid in self._by_name.items()}
        self.setEditText(text)

    def owner(self) -> tuple[str | None, str]:
        """(roster id, "") for someone on the roster, else (None, the typed name)."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index > 0 and self.itemData(index):
            return self.itemData(index), ""
        if text.casefold() in self._by_name:
            return self._by_name[text.casefold()], ""
        if not text or text == NO_OWNER:
            return None, ""
        return None, text

    def set_owner(self, owner_id: str | None, owner_text: str, names: Mapping[str, str]) -> None:
        if owner_id:
            index = self.findData(owner_id)
            self.setCurrentIndex(index) if index >= 0 else self.setEditText(names.get(owner_id, ""))
        else:
            self.setCurrentIndex(0)
            self.setEditText(owner_text)


def identifiers_ok(
    parent: QWidget | None, fields: Mapping[str, TextWidget], labels: Mapping[str, str]
) -> bool:
    """The app's patient-identifier check before saving free text (True: go ahead)."""
    return confirm_no_identifiers(parent, fields, labels=labels)
