"""Labels that shorten what they paint: measured once per width, and again when the
text or the font changes."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont

from ui.elided import WrappedLabel


def _lines_tall(label: WrappedLabel, width: int) -> int:
    margins = label.contentsMargins()
    spare = margins.top() + margins.bottom()
    return (label.heightForWidth(width) - spare) // label.fontMetrics().lineSpacing()


def test_a_label_measures_again_when_its_text_or_font_changes(qtbot) -> None:
    label = WrappedLabel("Check the bed rails on every round", lines=3)
    qtbot.addWidget(label)
    label.setFont(QFont(label.font().family(), 10))
    width = label.fontMetrics().horizontalAdvance("Check the bed rails on every round") + 8
    assert _lines_tall(label, width) == 1
    assert _lines_tall(label, width) == 1  # asked again: the same answer
    label.setText("Check the bed rails on every round, and write down who checked them")
    assert _lines_tall(label, width) == 2  # new words, measured anew
    label.setText("Check the bed rails on every round")
    label.setFont(QFont(label.font().family(), 20))  # bigger type: the words no longer fit
    assert _lines_tall(label, width) >= 2


def test_a_font_from_the_style_sheet_is_measured_too(qtbot) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    label = WrappedLabel("Check the bed rails on every round", lines=3)
    QVBoxLayout(holder).addWidget(label)
    width = label.fontMetrics().horizontalAdvance("Check the bed rails on every round") + 8
    assert _lines_tall(label, width) == 1
    before = label.sizeHint()
    holder.setStyleSheet("QLabel { font-size: 40pt; }")  # the sheet, not setFont
    label.ensurePolished()
    assert _lines_tall(label, width) >= 2
    assert label.sizeHint().width() > before.width()


def test_a_wrapping_label_is_laid_out_by_its_width_through_every_new_text(qtbot) -> None:
    """QLabel resets its policy's height-for-width flag on each new text; a wrapping
    label keeps it on, so a narrow column gives it the lines it needs."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    column = QVBoxLayout(holder)
    label = WrappedLabel("Short", lines=3)
    column.addWidget(label)
    column.addStretch(1)
    label.setText("Check the bed rails on every round, and write down who checked them")
    assert label.hasHeightForWidth() and column.hasHeightForWidth()
    narrow = label.fontMetrics().horizontalAdvance("Check the bed rails on") + 30
    column.setGeometry(QRect(0, 0, narrow, 400))
    assert label.height() >= 2 * label.fontMetrics().lineSpacing()
