"""What a person would call a broken screen, found by walking the widget tree.

:func:`layout_problems` returns one line per problem in the window as shown:
a visible label, button, tab or drop-down whose text needs more room than it
has (neither wrapped to fit nor deliberately elided), a widget cut off by the
edge of what holds it, and sibling widgets that overlap. Used by the layout
test (``tests/ui/test_layout.py``) through :mod:`tests.helpers.layout_probe`.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QWidget,
)

SLACK = 2  # pixels: anti-aliasing and rounding, not a cut a person would see


def describe(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "currentText", "accessibleName"):
        value = getattr(widget, getter, None)
        if callable(value):
            text = value() or ""
            if text:
                break
    name = widget.objectName() or type(widget).__name__
    return f"{name} {text[:50]!r}"


def shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def elided_on_purpose(widget: QWidget) -> bool:
    """Widgets that paint "…" themselves and keep the whole text one hover away."""
    return bool(widget.property("elides"))  # ui.elided's labels say so


def is_viewport(widget: QWidget) -> bool:
    holder = widget.parentWidget()
    return isinstance(holder, QAbstractScrollArea) and widget is holder.viewport()


def clipping(widget: QWidget, window: QWidget) -> tuple[QRect, int, int]:
    """(the part of ``widget`` not clipped by an ancestor, in its own coordinates,
    pixels cut sideways, pixels cut top or bottom other than by scrolling)."""
    rect = widget.rect()
    child = widget
    parent = widget.parentWidget()
    offset = widget.pos()
    sideways = squeezed = 0
    while parent is not None and child is not window:
        in_parent = rect.translated(offset)
        kept = in_parent.intersected(parent.rect())
        if not kept.isEmpty():
            sideways += in_parent.width() - kept.width()
            if not is_viewport(parent):  # a scroll area's viewport: a person scrolls
                squeezed += in_parent.height() - kept.height()
        rect = kept.translated(-offset)
        child = parent
        offset = offset + parent.pos()
        parent = parent.parentWidget()
    return rect, sideways, squeezed


def visible_rect(widget: QWidget, window: QWidget) -> QRect:
    return clipping(widget, window)[0]


def text_lines(text: str) -> list[str]:
    return text.replace("\u2029", "\n").split("\n")


def label_problem(label: QLabel) -> str | None:
    if label.pixmap() is not None and not label.pixmap().isNull():
        return None
    text = label.text()
    if not text.strip() or label.textFormat() == Qt.TextFormat.RichText or "<" in text:
        return None
    if elided_on_purpose(label):
        return None
    room = label.contentsRect()
    metrics = label.fontMetrics()
    margin = 2 * label.margin() + 2 * max(label.indent(), 0)
    if label.wordWrap():
        pieces = text.replace("\u200b", " ").split()  # Qt also breaks at a zero-width space
        words = max((metrics.horizontalAdvance(w) for w in pieces), default=0)
        if words > room.width() + SLACK:
            return f"a word needs {words} px, has {room.width()}"
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"wrapped text needs {needed} px high, has {label.height()}"
        return None
    widest = max(metrics.horizontalAdvance(line) for line in text_lines(text)) + margin
    if widest > room.width() + SLACK:
        return f"needs {widest} px, has {room.width()}"
    high = metrics.height() * len(text_lines(text))
    if high > room.height() + SLACK + 2:
        return f"needs {high} px high, has {room.height()}"
    return None


def button_problem(button: QPushButton) -> str | None:
    if not button.text().strip() or elided_on_purpose(button):
        return None
    hint = button.sizeHint()
    if hint.width() > button.width() + SLACK:
        return f"needs {hint.width()} px, has {button.width()}"
    needed = button.fontMetrics().height()
    if needed > button.height() + SLACK:
        return f"needs {needed} px high, has {button.height()}"
    return None


def combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed = combo.fontMetrics().horizontalAdvance(text)
    if needed > field.width() + 4 * SLACK:
        return f"needs {needed} px, has {field.width()}"
    return None


def tab_problems(bar: QTabBar) -> list[str]:
    found = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        needed = bar.fontMetrics().horizontalAdvance(bar.tabText(index).replace("&", ""))
        if bar.elideMode() != Qt.TextElideMode.ElideNone and bar.tabToolTip(index):
            continue
        if needed + 8 > bar.tabRect(index).width() + SLACK:
            found.append(
                f"tab {bar.tabText(index)!r} needs {needed} px, has {bar.tabRect(index).width()}"
            )
    return found


def clipped_problem(widget: QWidget, window: QWidget) -> str | None:
    """Cut off sideways by what holds it (a scroll area may cut top and bottom)."""
    seen, sideways, squeezed = clipping(widget, window)
    if seen.isEmpty():
        return None  # scrolled out of sight
    if sideways > SLACK:
        return f"cut sideways: {widget.width() - sideways} of {widget.width()} px shown"
    if squeezed > SLACK:
        return f"cut top or bottom: {widget.height() - squeezed} of {widget.height()} px shown"
    return None


def overlap_problems(parent: QWidget, window: QWidget) -> list[str]:
    children = [
        c
        for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if shown(c, window)
        and not c.isWindow()
        and not isinstance(c, QScrollBar)
        and not c.objectName().startswith("qt_")
        and not c.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    ]
    if isinstance(parent, (QAbstractScrollArea, QAbstractSpinBox, QLineEdit, QComboBox)):
        return []
    found = []
    for i, first in enumerate(children):
        for second in children[i + 1 :]:
            common = first.geometry().intersected(second.geometry())
            if common.width() > SLACK and common.height() > SLACK:
                found.append(f"{describe(first)} overlaps {describe(second)}")
    return found


def layout_problems(window: QWidget) -> list[str]:
    """Every problem a person would see in ``window`` as it is shown now."""
    problems: list[str] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not shown(widget, window) or visible_rect(widget, window).isEmpty():
            continue
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = label_problem(widget)
        elif isinstance(widget, QPushButton):
            problem = button_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = combo_problem(widget)
        elif isinstance(widget, QTabBar):
            problems.extend(f"{describe(widget)}: {p}" for p in tab_problems(widget))
        if problem is None and isinstance(widget, (QLabel, QPushButton, QComboBox)):
            problem = clipped_problem(widget, window)
        if problem is not None:
            problems.append(f"{describe(widget)}: {problem}")
        problems.extend(overlap_problems(widget, window))
    return problems
