"""What an accessibility walk checks on a live widget tree (WCAG 2.2 AA).

* every control a person can reach (by Tab or by pointing) has a name a screen
  reader speaks and a role that says what it is;
* a drop-down or text box is named by its own label, never by its value;
* contrast of a text colour on its background, from the WCAG formula.

Used by ``tests/ui/test_accessibility.py`` over every page and dialog.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
)
# Roles that tell a screen-reader user what a control is and how to use it.
ROLES = {
    QAccessible.Role.Button,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.StaticText,  # a read-only text view
    QAccessible.Role.SpinBox,
    QAccessible.Role.Table,
    QAccessible.Role.List,
    QAccessible.Role.Tree,
    QAccessible.Role.PageTabList,
    QAccessible.Role.Slider,
    QAccessible.Role.ProgressBar,
}
# Qt parts of a control that are reached through the control itself.
INNER_PARTS = {"qt_spinbox_lineedit", "qt_tableview_cornerbutton"}


def reachable(widget: QWidget) -> bool:
    """The widget is shown, enabled and takes focus from Tab (or is a control)."""
    shown = (
        widget.isVisible() if widget.window().isVisible() else widget.isVisibleTo(widget.window())
    )
    if not shown or not widget.isEnabled():
        return False
    if isinstance(widget, (QScrollBar, QHeaderView)) or widget.objectName() in INNER_PARTS:
        return False
    if widget.focusProxy() is not None:
        return False  # the proxy is checked instead
    takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return takes_tab or isinstance(widget, CONTROLS)


def controls_in(root: QWidget, *, leave_out: QWidget | None = None) -> Iterator[QWidget]:
    """The reachable controls under ``root`` in its own window (drop-down lists, which
    pop up in windows of their own, are reached through their drop-down)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.window() is not root.window():
            continue
        if leave_out is not None and (widget is leave_out or leave_out.isAncestorOf(widget)):
            continue
        if reachable(widget):
            yield widget


def buddy_text(widget: QWidget) -> str:
    """The text of the label whose buddy the widget is ("" when none)."""
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget:
            return label.text().replace("&", "").strip()
    return ""


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader gives the control.

    A drop-down's or text box's Name on Linux is its value, so only its own
    accessible name or a label's buddy counts; a button speaks its text.
    """
    own = widget.accessibleName().strip() or buddy_text(widget)
    if own or isinstance(widget, (QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)):
        return own
    face = QAccessible.queryAccessibleInterface(widget)
    return "" if face is None else (face.text(QAccessible.Text.Name) or "").strip()


def role_of(widget: QWidget) -> QAccessible.Role | None:
    face = QAccessible.queryAccessibleInterface(widget)
    return None if face is None else face.role()


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    parent = widget.parentWidget()
    where = type(parent).__name__ if parent is not None else "-"
    return f"{type(widget).__name__} {shown!r} in {where}"


def name_and_role_problems(root: QWidget, *, leave_out: QWidget | None = None) -> list[str]:
    """One line for each reachable control without a spoken name or a useful role.

    A focusable widget of our own (a chart, a countdown) has the generic
    "client" role in Qt for Python; it must then describe itself (an
    accessible description), so a screen reader says what it is.
    """
    found = []
    for widget in controls_in(root, leave_out=leave_out):
        if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, CONTROLS):
            found.append(f"{describe(widget)}: a scroll area takes focus (give it NoFocus)")
            continue
        if not spoken_name(widget):
            found.append(f"{describe(widget)}: no accessible name")
        role = role_of(widget)
        if role not in ROLES and not widget.accessibleDescription().strip():
            found.append(f"{describe(widget)}: role {role} says nothing; add a description")
    return found


# -- contrast ----------------------------------------------------------------
def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    hex_digits = colour.lstrip("#")
    r, g, b = (int(hex_digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)
