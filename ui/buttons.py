"""How a screen makes a push button: its words, what a screen reader says for it,
its look (``kind``: "primary", "danger") and what pressing it does, in one call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QPushButton


def push_button(
    text: str,
    *,
    name: str | None = None,
    kind: str = "",
    clicked: Callable[..., object] | SignalInstance | None = None,
) -> QPushButton:
    """A button showing ``text``; ``name`` is what a screen reader says (the text
    without its ``&`` shortcut mark unless given); ``clicked`` (a slot or a signal to
    pass the press on to) is connected to its ``clicked`` signal."""
    button = QPushButton(text)
    button.setAccessibleName(name or text.replace("&", ""))
    if kind:
        button.setProperty("kind", kind)
    if clicked is not None:
        button.clicked.connect(clicked)
    return button
