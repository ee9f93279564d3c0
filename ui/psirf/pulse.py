"""The speak-up pulse on screen: the one-tap question in the huddle's closing
section, and its run charts and weekly table on the Measures page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huddle.domain_psirf import PULSE_SCALE
from huddle.errors import HuddleError
from huddle.words import pulse_mean, pulse_share
from ui import theme
from ui.context import UiContext, refresh_on_change
from ui.formatting import short_date
from ui.measures.chart_view import ChartView
from ui.psirf.words import PULSE_PRIVACY, pulse_count
from ui.runner.look import mark, set_font

TABLE_WEEKS = 12
# two short lines, so five answers fit side by side on a 1280-pixel screen
BUTTON_WORDS = {1: "Strongly\ndisagree", 3: "Neither agree\nnor disagree", 5: "Strongly\nagree"}


class PulseOffer(QFrame):
    """One anonymous tap: the week's question and the five answers.

    Taps are held here and handed to the core together when the team leaves the
    section or finishes the huddle (:meth:`flush`), so the saved counts and their
    audit rows never say in what order people answered.
    """

    def __init__(self, ctx: UiContext, points: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("PulseOffer")
        self.setAccessibleName("Speak-up pulse")
        layout = QVBoxLayout(self)
        kicker = QLabel("This week's speak-up pulse: one tap each, anonymous")
        set_font(kicker, points, bold=True)
        mark(kicker, "role", "secondary")
        self.question = QLabel(ctx.app.pulse.question().text)
        self.question.setWordWrap(True)
        set_font(self.question, points * 1.4, bold=True)
        layout.addWidget(kicker)
        layout.addWidget(self.question)
        row = QHBoxLayout()
        self.buttons: dict[int, QPushButton] = {}
        for score, words in PULSE_SCALE:
            button = QPushButton(BUTTON_WORDS.get(score, words))
            button.setAccessibleName(f"Answer: {words}")
            button.setMinimumHeight(round(points * 4.5))
            set_font(button, points)
            button.clicked.connect(lambda _=False, s=score: self.answer(s))
            button.setEnabled(not ctx.read_only)
            row.addWidget(button)
            self.buttons[score] = button
        layout.addLayout(row)
        self.thanks = QLabel(PULSE_PRIVACY)
        self.thanks.setWordWrap(True)
        set_font(self.thanks, points)
        layout.addWidget(self.thanks)
        self.pending: list[int] = []

    def answer(self, score: int) -> None:
        self.pending.append(score)
        count = self.ctx.app.pulse.answered_this_week() + len(self.pending)
        # the answer is not shown back: only that one more has been counted
        self.thanks.setText(f"Thank you. {pulse_count(count)}. Next person, tap your answer.")

    def flush(self) -> bool:
        """Save the answers given so far; False (and the reason shown) if that failed."""
        if not self.pending:
            return True
        try:
            self.ctx.app.pulse.record_answers(scores=self.pending)
        except HuddleError as error:
            self.thanks.setText(error.message)
            return False
        self.pending = []
        return True


class PulsePanel(QWidget):
    """The pulse's run charts (weekly mean, share agreeing) and recent weeks."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Speak-up pulse results")
        scale = theme.scale_for(ctx.board_mode)
        self.title = QLabel()
        self.title.setWordWrap(True)
        set_font(self.title, scale.heading, bold=True)
        self.note = QLabel(
            "Run charts of the weeks with 5 or more answers. Weeks with fewer show "
            "\u201ctoo few answers to show\u201d, so no one's answer can be picked out."
        )
        self.note.setWordWrap(True)
        mark(self.note, "role", "secondary")
        self.mean_view = ChartView(scale=scale)
        self.agree_view = ChartView(scale=scale)
        self.mean_view.setMinimumSize(420, 260)
        self.agree_view.setMinimumSize(420, 260)
        charts = QGridLayout()
        charts.addWidget(self.mean_view, 0, 0)
        charts.addWidget(self.agree_view, 0, 1)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Speak-up pulse by week")
        self.table.setHorizontalHeaderLabels(["Week of", "Answers", "Mean", "Agreeing"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(round(scale.body * 2.3 * 7))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(charts, 1)
        layout.addWidget(self.table)
        refresh_on_change(self, ctx.bus, self.refresh, "pulse_tally", "setting")
        self.refresh()

    def refresh(self) -> None:
        pulse = self.ctx.app.pulse
        self.title.setText(pulse.question().text)
        weeks = pulse.weeks()
        mean_chart, agree_chart = pulse.charts(weeks)
        self.mean_view.set_chart(mean_chart)
        self.agree_view.set_chart(agree_chart)
        recent = list(reversed(weeks))[:TABLE_WEEKS]
        self.table.setRowCount(len(recent))
        for row, week in enumerate(recent):
            cells = (
                short_date(week.week),
                str(week.answers),
                pulse_mean(week.mean),
                pulse_share(week.agree_share),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, cell)
