"""Labels that shorten what they paint, never what they hold.

A label's ``text()``, tooltip and accessible name keep the whole sentence;
only the painting ends in "…" when the room runs out, so long titles neither
push a layout wider than the screen nor print on top of their neighbours. The
layout test treats these as deliberately elided.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_WIDTH = 60  # pixels: room for a word and "…"
MEASURED_KEPT = 16  # widths remembered per label
# what makes a label measure its lines again: a new font (set, or the style sheet's),
# a new style, new margins
REMEASURE = frozenset(
    {QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange}
)


ZERO_WIDTH_SPACE = "\u200b"


def breakable_path(path: str) -> str:
    """``path`` for a wrapping label: it may break after a separator, never mid-name."""
    return path.replace("/", "/" + ZERO_WIDTH_SPACE).replace("\\", "\\" + ZERO_WIDTH_SPACE)


def wrapped_lines(text: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """``text`` broken at spaces into lines of ``width``; at most ``most``, the last elided."""
    lines: list[str] = []
    words = text.split()
    current = ""
    for index, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == most - 1:
            current = " ".join(words[index:])
            break
    if current:
        lines.append(current)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    if lines:
        lines[-1] = metrics.elidedText(lines[-1], Qt.TextElideMode.ElideRight, max(width, 1))
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, max(width, 1)) for line in lines]


class ElidedLabel(QLabel):
    """One line that ends in "…" when too narrow, the whole text one hover away.

    One line tall, any width (its size policy says so); how tall never depends
    on how wide, so layouts need not ask. :class:`WrappedLabel` wraps at spaces
    first.
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self.mode = mode  # ElideMiddle for a file path: both ends say the most
        self.setProperty("elides", True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text if text else "")

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        return QSize(
            metrics.horizontalAdvance(self.text()) + margins.left() + margins.right(),
            metrics.lineSpacing() + margins.top() + margins.bottom(),
        )

    def minimumSizeHint(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(MIN_WIDTH, self.fontMetrics().lineSpacing() + margins.top() + margins.bottom())

    def shown_lines(self, width: int) -> list[str]:
        """What is painted at ``width`` (inner pixels), a line each."""
        metrics = self.fontMetrics()
        text = self.text()
        if metrics.horizontalAdvance(text) <= width:
            return [text]
        return [metrics.elidedText(text, self.mode, max(width, 1))]

    def is_shortened(self) -> bool:
        shown = self.shown_lines(self.contentsRect().width())
        return " ".join(shown) != " ".join(self.text().split())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)  # its pen is already the label's text colour
        room = self.contentsRect()
        spacing = self.fontMetrics().lineSpacing()
        lines = self.shown_lines(room.width())
        top = room.top()
        if self.alignment() & Qt.AlignmentFlag.AlignVCenter:
            top += max(0, (room.height() - spacing * len(lines)) // 2)
        horizontal = self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
        for line in lines:
            box = QRect(room.left(), top, room.width(), spacing)
            painter.drawText(box, int(horizontal | Qt.AlignmentFlag.AlignVCenter), line)
            top += spacing
        painter.end()


class WrappedLabel(ElidedLabel):
    """At most ``lines`` lines, broken at spaces; only the last ends in "…".

    Its height depends on its width, which Qt asks of it many times over while
    laying out, so the lines (by inner width) and heights (by outer width) are
    measured once, and again when Qt says the text, font, style or margins
    changed.
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        lines: int = 2,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        self.most_lines = max(1, lines)
        self._measured: dict[int, list[str]] = {}
        self._heights: dict[int, int] = {}
        self._hint: QSize | None = None
        self._whole_width: int | None = None  # the text's width on one line
        super().__init__(text, parent, mode=mode)
        # QLabel sets its policy's height-for-width flag from this on every new text,
        # so Qt knows without asking Python (hundreds of times a layout)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._forget()
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in REMEASURE:
            self._forget()
        super().changeEvent(event)

    def _forget(self) -> None:
        self._measured = {}
        self._heights = {}
        self._hint = None
        self._whole_width = None

    def _one_line_width(self) -> int:
        if self._whole_width is None:
            self._whole_width = self.fontMetrics().horizontalAdvance(self.text())
        return self._whole_width

    def shown_lines(self, width: int) -> list[str]:
        found = self._measured.get(width)
        if found is None:
            if self._one_line_width() <= width and "\n" not in self.text():
                found = [self.text()]  # it fits: nothing to break or shorten
            else:
                found = wrapped_lines(self.text(), self.fontMetrics(), width, self.most_lines)
            if len(self._measured) >= MEASURED_KEPT:
                self._measured.clear()
            self._measured[width] = found
        return found

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            margins = self.contentsMargins()
            inner = width - margins.left() - margins.right()
            count = max(1, len(self.shown_lines(inner)))
            height = count * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
            if len(self._heights) >= MEASURED_KEPT:
                self._heights.clear()
            self._heights[width] = height
        return height

    def sizeHint(self) -> QSize:
        if self._hint is None:
            margins = self.contentsMargins()
            width = self._one_line_width() + margins.left() + margins.right()
            self._hint = QSize(width, self.heightForWidth(max(width, 1)))
        return QSize(self._hint)
