"""The Today page's tiles: big, plain panels a team reads from two metres away.

Each tile is a white card with a heading and lines of large text. Nothing is
said by colour alone: an overdue action is red *and* says "Overdue".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from huddle.domain import Action, ChartKind, LearningItem
from huddle.services.charts import MeasureChart
from ui import theme
from ui.elided import ElidedLabel, WrappedLabel
from ui.formatting import days_phrase, measure_value, short_date
from ui.layouts import clear_layout, layout_widgets
from ui.words import LEARNING_KIND

MAX_LINES = 5
TOP_OVERDUE = 3  # the most overdue, title first; the rest are a count
ICON_SIZE = 36  # pixels: Making Data Count icons are never smaller than 32
BOARD_ICON_SIZE = 64


def mark(widget: QWidget, name: str, value: object) -> None:
    widget.setProperty(name, value)


def label(text: str, role: str = "tileline", *, wrap: bool = True) -> QLabel:
    """A tile's line of text (``wrap=False``: one line, shortened with "…")."""
    # one line never wraps: it ends in "…" when the tile is too narrow, keeping the
    # whole sentence in text() and the accessible name
    shown = QLabel(text) if wrap else ElidedLabel(text)
    shown.setWordWrap(wrap)
    shown.setTextFormat(Qt.TextFormat.PlainText)
    shown.setToolTip(text if not wrap else "")
    mark(shown, "role", role)
    shown.setAccessibleName(text)
    return shown


class Tile(QFrame):
    """A card with a heading and a body that is cleared and refilled on refresh."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        self.setAccessibleName(heading)
        # a long title (a safety cross's measure, say) wraps on a narrow screen
        self.heading = WrappedLabel(heading, lines=2)
        self.heading.setObjectName("TileTitle")
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 16)
        layout.addWidget(self.heading)
        layout.addLayout(self.body)
        layout.addStretch(1)
        self.frame = layout
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def grow_body(self, grow: bool) -> None:
        """Let the body take the tile's spare height (a safety cross) or keep to the top."""
        self.frame.setStretch(1, 1 if grow else 0)
        self.frame.setStretch(2, 0 if grow else 1)

    def clear(self) -> None:
        clear_layout(self.body)

    def add(self, widget: QWidget) -> QWidget:
        self.body.addWidget(widget)
        return widget

    def lines(self) -> list[str]:
        """The text the tile shows (for tests and screen readers)."""
        found = []
        for widget in layout_widgets(self.body):
            if isinstance(widget, QLabel):
                found.append(widget.text())
            else:  # a row of icons and words
                found.extend(c.text() for c in widget.findChildren(QLabel) if c.text())
        return found


class DotStrip(QWidget):
    """One dot per day, oldest on the left: filled when a huddle was held."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.held: list[bool] = []
        self.setMinimumHeight(28)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_days(self, days: Sequence[date], held_days: Sequence[date]) -> None:
        chosen = set(held_days)
        self.held = [d in chosen for d in days]
        count = sum(self.held)
        self.setAccessibleName(f"Huddles held on {count} of the last {len(days)} days")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(21 * 26, max(28, self.fontMetrics().height() + 8))

    def paintEvent(self, event) -> None:
        if not self.held:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        step = self.width() / len(self.held)
        size = min(step * 0.7, self.height() - 4.0)
        for i, held in enumerate(self.held):
            x = i * step + (step - size) / 2
            y = (self.height() - size) / 2
            painter.setPen(QPen(QColor(theme.NHS_BLUE), 2.5))
            painter.setBrush(QColor(theme.NHS_BLUE) if held else QColor(theme.WHITE))
            painter.drawEllipse(QRectF(x, y, size, size))
        painter.end()


def last_days(today: date, count: int) -> list[date]:
    return [today - timedelta(days=count - 1 - i) for i in range(count)]


def action_line(action: Action, owner: str, today: date) -> tuple[str, str]:
    """(text, role) for one action, title first: what to act on, who, how late.

    "Sensor mats for Bay 6 — Falls lead — 22 days late". Overdue ones say so
    in words as well as red: never colour alone.
    """
    if action.is_overdue(today) and action.due_on is not None:
        late = (today - action.due_on).days
        return (f"{action.title} — {owner} — {days_phrase(late)} late", "overdueline")
    due = short_date(action.due_on, empty="no date")
    return (f"{action.title} — {owner} — due {due}", "tileline")


def action_row(action: Action, owner: str, today: date) -> QWidget:
    """An action's line: title and owner shorten with "…"; how late never does."""
    return split_row(*action_line(action, owner, today))


def split_row(text: str, role: str, *, one_line: bool = False) -> QWidget:
    """A line "what — when": the what shortens with "…", the when after the last
    " — " never does (how late an action is; with ``one_line``, never wrapped either:
    when an escalation's answer is due)."""
    what, _, when = text.rpartition(" — ")
    row = QWidget()
    row.setAccessibleName(text)
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(label(what, role, wrap=False), 1)
    whole = label(when, role, wrap=True)
    whole.setWordWrap(not one_line)
    line.addWidget(whole)
    return row


def rest_of_actions(shown: int, overdue: int, due_soon: int) -> str:
    """What the tile leaves out, as a count: "and 11 more overdue; 4 due this week"."""
    more = overdue - min(shown, overdue)
    parts = []
    if more:
        parts.append(f"and {more} more overdue")
    if due_soon:
        parts.append(f"{due_soon} due in the next 7 days")
    if not parts:
        return ""
    return "; ".join(parts) + " (Actions page)"


def learning_line(item: LearningItem) -> str:
    return f"{LEARNING_KIND[item.kind]}: {item.title}"


def trend_word(chart: MeasureChart) -> str:
    points = chart.points
    if len(points) < 2:
        return ""
    before, latest = points[-2].value, points[-1].value
    if latest > before:
        return "↑ up"
    if latest < before:
        return "↓ down"
    return "→ level"


def measure_verdict(chart: MeasureChart) -> str:
    """The icons' meaning in words, shown beside them on Today."""
    measure = chart.measure
    if not chart.points:
        return "no values yet"
    if measure.chart_kind is ChartKind.SAFETY_CROSS:
        harm = chart.harm_dates
        return f"last harm {short_date(max(harm))}" if harm else "no harm recorded"
    # the core's words, as the Measures page, the reports and the poster print them
    words = [chart.verdict.variation_label]
    if chart.verdict.assurance != "no_target":
        words.append(chart.verdict.assurance_label)
    return " · ".join(words)


def measure_lines(chart: MeasureChart) -> tuple[str, str]:
    """(value and name, details) for a measure, from the chart the Measures page draws."""
    measure = chart.measure
    if not chart.points:
        return (f"{measure.name}: no values yet", "")
    latest = chart.points[-1]
    value = f"{measure_value(latest.value, measure.unit, name=measure.name)} · {measure.name}"
    status = [
        short_date(latest.period_start),
        trend_word(chart),
    ]
    if measure.chart_kind is ChartKind.SAFETY_CROSS:
        harm = chart.harm_dates
        status.append(f"last harm {short_date(max(harm))}" if harm else "no harm recorded")
    else:
        # the core's words, as the Measures page, the reports and the poster print them
        status.append(chart.verdict.variation_label)
        if chart.verdict.assurance != "no_target":
            status.append(chart.verdict.assurance_label)
    return (value, " · ".join(s for s in status if s))
