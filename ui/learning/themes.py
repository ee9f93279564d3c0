"""Themes as tags: type a theme and press Enter to add a chip; the ward's
existing themes are offered as you type, so "Falls" stays one theme."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.layouts import clear_layout

THEME_MAX = 60


class ThemeTags(QWidget):
    """The chips of an item's themes, and a box to add one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._themes: list[str] = []
        self._read_only = False
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("Add a theme and press Enter (for example: handover)")
        self.entry.setAccessibleName("Add a theme")
        self.entry.setMaxLength(THEME_MAX)
        self._known = QStringListModel(self)
        completer = QCompleter(self._known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)
        self.entry.returnPressed.connect(self.add_typed)
        completer.activated.connect(lambda text: self.add(text, clear_entry=True))
        self.chips = QHBoxLayout()
        self.chips.setContentsMargins(0, 0, 0, 0)
        self.chips.setSpacing(6)
        self.chips.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.chips)
        layout.addWidget(self.entry)

    # -- the themes ------------------------------------------------------
    def themes(self) -> list[str]:
        """The chips, plus whatever is typed and not yet added (so it is never lost)."""
        pending = self.entry.text().strip()
        if pending and pending.casefold() not in {t.casefold() for t in self._themes}:
            return [*self._themes, pending]
        return list(self._themes)

    def set_themes(self, themes: Iterable[str]) -> None:
        self._themes = list(themes)
        self.entry.clear()
        self._redraw()

    def set_known(self, themes: Iterable[str]) -> None:
        """The ward's existing themes, offered by the completer."""
        self._known.setStringList(list(themes))

    def add_typed(self) -> None:
        self.add(self.entry.text(), clear_entry=True)

    def add(self, text: str, *, clear_entry: bool = False) -> None:
        text = " ".join(text.split())
        if clear_entry:
            self.entry.clear()
        if not text or text.casefold() in {t.casefold() for t in self._themes}:
            return
        # Use the ward's spelling of a theme it already has.
        known = {t.casefold(): t for t in self._known.stringList()}
        self._themes.append(known.get(text.casefold(), text))
        self._redraw()
        self.changed.emit()

    def remove(self, text: str) -> None:
        if self._read_only or text not in self._themes:
            return
        self._themes.remove(text)
        self._redraw()
        self.changed.emit()

    def set_read_only(self, on: bool) -> None:
        self._read_only = on
        self.entry.setVisible(not on)
        self._redraw()

    # -- drawing ---------------------------------------------------------
    def _redraw(self) -> None:
        clear_layout(self.chips, keep=1)  # the stretch stays
        for position, text in enumerate(self._themes):
            chip = QPushButton(text if self._read_only else f"{text}  ×")
            chip.setProperty("kind", "chip")
            chip.setAccessibleName(f"Theme {text}" if self._read_only else f"Remove theme {text}")
            chip.setToolTip("" if self._read_only else f"Remove the theme “{text}”")
            chip.setEnabled(not self._read_only)
            chip.setProperty("theme", text)
            chip.clicked.connect(lambda _=False, t=text: self.remove(t))
            self.chips.insertWidget(position, chip)

    def chip_texts(self) -> list[str]:
        """The themes shown as chips, in order."""
        texts = []
        for i in range(self.chips.count() - 1):
            item = self.chips.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                texts.append(str(widget.property("theme")))
        return texts
