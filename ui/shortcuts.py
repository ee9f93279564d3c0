"""Keyboard shortcuts made one way (typed, so a slot's mistakes show in mypy)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

Keys = QKeySequence | QKeySequence.StandardKey | Qt.Key | str

# Shortcuts on a page act only while that page (or a child) has focus.
WITHIN = Qt.ShortcutContext.WidgetWithChildrenShortcut


def add_shortcut(
    keys: Keys,
    parent: QWidget,
    slot: Callable[[], object],
    *,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QShortcut:
    """A shortcut on ``parent`` that calls ``slot``; it lives as long as ``parent``."""
    shortcut = QShortcut(keys if isinstance(keys, QKeySequence) else QKeySequence(keys), parent)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    return shortcut
