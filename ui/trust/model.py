"""The trust view's table: one row a ward, its figures in the words of huddle.trust.words.

The measures column paints each measure's two Making Data Count icons (the
same painter as the Measures page); its text, for a screen reader and the
tooltip, says every measure's verdicts in words.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from huddle.trust import words
from huddle.trust.overview import MeasureIcons, WardOverview
from ui.measures.icons import IconSpec, paint_icon
from ui.models.base import RECORD_ROLE, Column, RecordTableModel

ICON = 22
ICON_GAP = 3
PAIR_GAP = 9


def icon_specs(found: MeasureIcons) -> tuple[IconSpec, IconSpec]:
    """A measure's variation and assurance icons, as the Measures page draws them."""
    return (
        IconSpec(found.variation, found.variation_colour, found.variation_letter,
                 found.variation_label),
        IconSpec(found.assurance, found.assurance_colour, found.assurance_letter,
                 found.assurance_label, "assurance"),
    )  # fmt: skip


def measures_words(row: WardOverview) -> str:
    """Every measure's verdicts in words: what the icons say."""
    if not row.icons:
        return "No measures"
    return "; ".join(f"{m.name}: {m.variation_label}, {m.assurance_label}" for m in row.icons)


def _age(row: WardOverview) -> int:
    return row.oldest_escalation_days or 0


class WardsModel(RecordTableModel):
    NAME, SITE, SYNCED, HUDDLES, HARM, ACTIONS, ESCALATIONS, MEASURES = range(8)
    columns = (
        Column("Ward", lambda r: r.name),
        Column("Site", lambda r: r.site),
        Column("Last synced", words.synced_text, sort=lambda r: r.last_sync_at or ""),
        Column("Huddles (21 days)", words.huddles_text, sort=lambda r: r.huddles_last_21_days),
        Column("Since harm", words.harm_text,
               sort=lambda r: 10**6 if r.days_since_harm is None else r.days_since_harm),
        Column("Actions", words.actions_text, sort=lambda r: (r.overdue_actions, r.open_actions),
               warn=lambda r: r.overdue_actions > 0),
        Column("Escalations", words.escalations_text,
               sort=lambda r: (r.overdue_escalations, r.open_escalations, _age(r)),
               warn=lambda r: r.overdue_escalations > 0),
        Column("Measures", measures_words, sort=lambda r: len(r.icons)),
    )  # fmt: skip

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == self.MEASURES:
            if role == Qt.ItemDataRole.DisplayRole:
                return ""  # the delegate paints the icons
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return measures_words(self.record(index.row()))
        return super().data(index, role)


class IconsDelegate(QStyledItemDelegate):
    """Paints a ward's measures as pairs of icons (variation, assurance)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        row = index.data(RECORD_ROLE)
        if not isinstance(row, WardOverview):
            return
        painter.save()
        x = option.rect.left() + 4
        top = option.rect.top() + (option.rect.height() - ICON) / 2
        for found in row.icons:
            if x + 2 * ICON + ICON_GAP > option.rect.right():
                break
            for spec in icon_specs(found):
                paint_icon(painter, QRectF(x, top, ICON, ICON), spec)
                x += ICON + ICON_GAP
            x += PAIR_GAP - ICON_GAP
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        row = index.data(RECORD_ROLE)
        count = len(row.icons) if isinstance(row, WardOverview) else 0
        return QSize(8 + count * (2 * ICON + ICON_GAP + PAIR_GAP), ICON + 8)
