"""How a card on the board is painted: title, owner, date, and warnings in words.

One delegate paints every card of every column (no widget per card). Cards
have one height, so a column of thousands lays out at once. An open card shows
its due date and badges ("OVERDUE 5 DAYS", "NO PROGRESS 41 DAYS", "HIGH
PRIORITY"), shortened or dropped rather than cut when the column is narrow; a
closed card shows when it closed and its closing note or reason. Colour only
ever repeats what the words say.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from huddle.domain import ActionStatus, Priority
from ui import theme
from ui.actions.models import INFO_ROLE, ActionInfo
from ui.formatting import short_date
from ui.words import days

PAD = 10
GAP = 5
EDGE = 7


class CardDelegate(QStyledItemDelegate):
    """Paints a card: title, owner and due date, then warnings in words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.set_scale(theme.NORMAL)

    def set_scale(self, scale: theme.TypeScale) -> None:
        self.title_font = theme.app_font(scale.body, bold=True)
        self.body_font = theme.app_font(scale.small)
        self.note_font = theme.app_font(scale.small)
        self.note_font.setItalic(True)
        self.badge_font = theme.app_font(scale.small, bold=True)
        title = self.title_metrics = QFontMetrics(self.title_font)
        body = self.body_metrics = QFontMetrics(self.body_font)
        badge = self.badge_metrics = QFontMetrics(self.badge_font)
        self.note_metrics = QFontMetrics(self.note_font)
        self.title_line, self.body_line = title.lineSpacing(), body.lineSpacing()
        self.badge_line = max(badge.height() + 8, self.body_line)
        self.height = (
            PAD * 2
            + self.title_line * 2
            + GAP
            + 2
            + self.body_line
            + GAP
            + self.badge_line
            + 2 * GAP
        )

    def sizeHint(self, option, index) -> QSize:
        return QSize(200, self.height)

    def paint(self, painter: QPainter, option, index) -> None:
        info: ActionInfo | None = index.data(INFO_ROLE)
        if info is None:
            return
        action = info.action
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = option.rect.adjusted(GAP, GAP, -GAP, -GAP)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = selected and bool(option.state & QStyle.StateFlag.State_HasFocus)
        background = theme.FOCUS if focused else ("#E8EDEE" if selected else theme.WHITE)
        painter.setPen(
            QPen(
                QColor(theme.TEXT if focused or selected else theme.BORDER),
                3 if focused or selected else 1,
            )
        )
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(card, 4, 4)
        # The left edge says how urgent in colour; the badges say it in words.
        edge = (
            theme.ERROR
            if info.overdue_days
            else (
                theme.WARNING
                if info.stale_days
                else (theme.NHS_BLUE if action.status.is_open else theme.SECONDARY_TEXT)
            )
        )
        painter.fillRect(QRect(card.left(), card.top(), EDGE, card.height()), QColor(edge))
        inner = card.adjusted(PAD + EDGE - 2, PAD - 2, -PAD + 2, -PAD)
        painter.setPen(QColor(theme.TEXT))
        painter.setFont(self.title_font)
        title_rect = QRect(inner.left(), inner.top(), inner.width(), self.title_line * 2)
        painter.drawText(
            title_rect, Qt.TextFlag.TextWordWrap, self._two_lines(action.title, inner.width())
        )
        y = title_rect.bottom() + GAP + 2
        self._who_and_when(
            painter, info, QRect(inner.left(), y, inner.width(), self.body_line), focused
        )
        line = QRect(inner.left(), y + self.body_line + GAP, inner.width(), self.badge_line)
        if action.status.is_open:
            self._badges(painter, info, line)
        else:
            note = action.closing_note or action.drop_reason
            painter.setFont(self.note_font)
            painter.setPen(QColor(theme.TEXT if focused else theme.SECONDARY_TEXT))
            painter.drawText(
                line,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.note_metrics.elidedText(
                    f"“{note}”" if note else "", Qt.TextElideMode.ElideRight, line.width()
                ),
            )
        painter.restore()

    def _who_and_when(
        self, painter: QPainter, info: ActionInfo, rect: QRect, focused: bool
    ) -> None:
        """The owner on the left, the due (or closing) date on the right."""
        metrics = self.body_metrics
        when, when_width = self.when_text(info, rect.width())
        painter.setFont(self.body_font)
        painter.setPen(QColor(theme.TEXT if focused else theme.SECONDARY_TEXT))
        centre = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignRight | centre,
            metrics.elidedText(when, Qt.TextElideMode.ElideRight, when_width),
        )
        owner_width = rect.width() - when_width - 12
        painter.setPen(QColor(theme.TEXT))
        painter.drawText(
            QRect(rect.left(), rect.top(), owner_width, rect.height()),
            Qt.AlignmentFlag.AlignLeft | centre,
            metrics.elidedText(info.owner, Qt.TextElideMode.ElideRight, owner_width),
        )

    def when_text(self, info: ActionInfo, width: int) -> tuple[str, int]:
        """The due (or closing) words for a card line ``width`` wide, and the room they get.

        The owner keeps up to two fifths of the line; a date too long for the
        rest loses its year rather than being cut off mid-number.
        """
        action = info.action
        day = None
        if info.overdue_days and info.stale_days:
            # The badge says overdue; this line carries the second warning in words.
            verb = f"No progress {days(info.stale_days)}"
        elif action.status.is_open:
            verb, day = ("Due", action.due_on) if action.due_on else ("No due date", None)
        else:
            verb = "Done" if action.status is ActionStatus.DONE else "Dropped"
            day = action.updated_at
        metrics = self.body_metrics
        owner_needs = min(metrics.horizontalAdvance(info.owner), width * 2 // 5)
        room = width - owner_needs - 12
        when = f"{verb} {short_date(day)}" if day else verb
        if day and _needs(metrics, when) > room:
            when = f"{verb} {short_date(day, year=False)}"
        if _needs(metrics, when) > room:  # still too long: the owner keeps a quarter
            room = max(room, width - width // 4 - 12)
        return when, min(_needs(metrics, when), room)

    def _two_lines(self, text: str, width: int) -> str:
        """The title, cut with an ellipsis if it would need a third line."""
        metrics = self.title_metrics
        if metrics.horizontalAdvance(text) <= width * 2 - metrics.averageCharWidth() * 4:
            return text
        return metrics.elidedText(
            text, Qt.TextElideMode.ElideRight, width * 2 - metrics.averageCharWidth() * 6
        )

    def badges(self, info: ActionInfo, width: int) -> list[tuple[str, str, str]]:
        """The warnings in words that fit ``width``: shorter words before none."""
        full: list[tuple[str, str, str, str]] = []
        if info.two_pcs:
            full.append(("CHANGED ON TWO PCS", "TWO PCS", theme.WARNING, theme.TEXT))
        if info.overdue_days:
            text = f"OVERDUE {days(info.overdue_days).upper()}"
            full.append((text, text, theme.ERROR, theme.WHITE))
        if info.stale_days and not info.overdue_days:
            full.append(
                (
                    f"NO PROGRESS {days(info.stale_days).upper()}",
                    "NO PROGRESS",
                    theme.WARNING,
                    theme.TEXT,
                )
            )
        if info.action.priority is Priority.HIGH:
            full.append(("HIGH PRIORITY", "HIGH", theme.NHS_DARK_BLUE, theme.WHITE))
        metrics = self.badge_metrics

        def fits(chosen: list[tuple[str, str, str]]) -> bool:
            return sum(metrics.horizontalAdvance(t) + 16 + GAP for t, _, _ in chosen) <= width

        chosen: list[tuple[str, str, str]] = []
        for pick in (0, 1):
            chosen = [(b[pick], b[2], b[3]) for b in full]
            if fits(chosen):
                return chosen
        while len(chosen) > 1 and not fits(chosen):
            chosen.pop()
        return chosen

    def _badges(self, painter: QPainter, info: ActionInfo, line: QRect) -> None:
        painter.setFont(self.badge_font)
        metrics = self.badge_metrics
        x = line.left()
        for text, fill, ink in self.badges(info, line.width()):
            width = min(metrics.horizontalAdvance(text) + 16, line.right() - x)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 12)
            rect = QRect(x, line.top(), width, line.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(fill))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(QColor(ink))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shown)
            x += width + GAP


def _needs(metrics: QFontMetrics, text: str) -> int:
    """Room for ``text`` whole: eliding measures a little wider than horizontalAdvance."""
    return metrics.horizontalAdvance(text) + 3
