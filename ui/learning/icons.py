"""Small kind icons for the learning log, painted with QPainter.

Each kind has its own shape (triangle, ring, speech bubble, heart, star,
circle), so the icon never relies on colour alone; the kind's word is always
shown beside it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from huddle.domain import LearningKind
from ui import theme
from ui.fonts import font_families

COLOURS = {
    LearningKind.INCIDENT: theme.ERROR,
    LearningKind.NEAR_MISS: theme.WARNING,
    LearningKind.COMPLAINT: "#ED8B00",  # NHS orange
    LearningKind.COMPLIMENT: theme.SUCCESS,
    LearningKind.PATIENT_FEEDBACK: theme.NHS_BLUE,
    LearningKind.EXCELLENCE: "#330072",  # NHS purple
    LearningKind.OTHER: "#768692",  # NHS mid grey
}
SIZE = 20
_cache: dict[tuple[LearningKind, int], QIcon] = {}


def _letter(painter: QPainter, box: QRectF, text: str, colour: str) -> None:
    font = QFont()
    font.setFamilies(font_families())
    font.setPixelSize(max(int(box.height() * 0.62), 6))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _star(box: QRectF) -> QPainterPath:
    path = QPainterPath()
    centre, outer, inner = box.center(), box.width() / 2, box.width() / 4.6
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(
            centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle)
        )
        path.moveTo(point) if i == 0 else path.lineTo(point)
    path.closeSubpath()
    return path


def _heart(box: QRectF) -> QPainterPath:
    w, h, x, y = box.width(), box.height(), box.x(), box.y()
    path = QPainterPath(QPointF(x + w / 2, y + h * 0.95))
    path.cubicTo(x - w * 0.05, y + h * 0.55, x + w * 0.05, y + h * 0.02, x + w / 2, y + h * 0.28)
    path.cubicTo(x + w * 0.95, y + h * 0.02, x + w * 1.05, y + h * 0.55, x + w / 2, y + h * 0.95)
    return path


def _bubble(box: QRectF) -> QPainterPath:
    path = QPainterPath()
    body = QRectF(box.x(), box.y() + box.height() * 0.05, box.width(), box.height() * 0.72)
    path.addRoundedRect(body, box.width() * 0.2, box.width() * 0.2)
    tail = QPainterPath(QPointF(box.x() + box.width() * 0.25, body.bottom() - 1))
    tail.lineTo(box.x() + box.width() * 0.2, box.bottom())
    tail.lineTo(box.x() + box.width() * 0.5, body.bottom() - 1)
    tail.closeSubpath()
    return path.united(tail)


def paint_kind(painter: QPainter, box: QRectF, kind: LearningKind) -> None:
    """Draw ``kind``'s icon filling ``box``."""
    colour = QColor(COLOURS[kind])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    inset = box.adjusted(1, 1, -1, -1)
    if kind is LearningKind.INCIDENT:
        path = QPainterPath(QPointF(inset.center().x(), inset.top()))
        path.lineTo(inset.bottomRight())
        path.lineTo(inset.bottomLeft())
        path.closeSubpath()
        painter.drawPath(path)
        _letter(painter, inset.adjusted(0, inset.height() * 0.25, 0, 0), "!", theme.WHITE)
    elif kind is LearningKind.NEAR_MISS:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(theme.TEXT), max(box.width() / 10, 1.5)))
        painter.drawEllipse(inset.adjusted(1, 1, -1, -1))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(inset.adjusted(3, 3, -3, -3))
        _letter(painter, inset, "!", theme.TEXT)
    elif kind in (LearningKind.COMPLAINT, LearningKind.PATIENT_FEEDBACK):
        painter.drawPath(_bubble(inset))
        text_box = QRectF(inset.x(), inset.y(), inset.width(), inset.height() * 0.8)
        if kind is LearningKind.COMPLAINT:
            _letter(painter, text_box, "!", theme.TEXT)
        else:
            painter.setBrush(QColor(theme.WHITE))
            r = inset.width() / 14
            for dx in (-0.25, 0.0, 0.25):
                painter.drawEllipse(
                    QPointF(text_box.center().x() + dx * inset.width(), text_box.center().y()), r, r
                )
    elif kind is LearningKind.COMPLIMENT:
        painter.drawPath(_heart(inset))
    elif kind is LearningKind.EXCELLENCE:
        painter.drawPath(_star(inset))
    else:
        painter.drawEllipse(inset)
        _letter(painter, inset, "i", theme.WHITE)
    painter.restore()


def kind_icon(kind: LearningKind, size: int = SIZE) -> QIcon:
    """``kind``'s icon as a QIcon (drawn at twice the size for sharp high-DPI screens)."""
    key = (kind, size)
    if key not in _cache:
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_kind(painter, QRectF(0, 0, size * 2, size * 2), kind)
        painter.end()
        pixmap.setDevicePixelRatio(2.0)
        _cache[key] = QIcon(pixmap)
    return _cache[key]
