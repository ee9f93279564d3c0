"""What are we learning: the log counted by kind and theme over a chosen period.

Four cards: counts by kind, compliments against complaints, the period's top
themes, and the themes that keep coming back (seen in 3 or more of the last 6
months, with their month-by-month counts). Every bar has its number as text.
The figures come from :class:`huddle.services.learning_insights.LearningInsights`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import LearningKind
from huddle.errors import HuddleError
from huddle.services import HuddleApp
from huddle.services.learning_insights import (
    RECURRING_MIN,
    RECURRING_MONTHS,
    InsightPeriod,
    LearningSummary,
)
from ui import theme
from ui.date_fields import date_edit, day_of, to_qdate
from ui.formatting import MONTHS, short_date
from ui.layouts import add_all, clear_layout
from ui.learning.bars import Bar, BarChart, MonthStrip
from ui.learning.icons import COLOURS, kind_icon
from ui.learning.look import heading, problem_label
from ui.words import LEARNING_KIND

PERIODS = (
    ("This month", InsightPeriod.THIS_MONTH),
    ("Last 3 months", InsightPeriod.LAST_3_MONTHS),
    ("Last 12 months", InsightPeriod.LAST_12_MONTHS),
    ("Between dates…", None),
)
TREND = {"rising": "more often lately", "falling": "less often lately", "steady": "steady"}
MAX_RECURRING = 6


def _card(title: str, *parts: QWidget | QLayout) -> QFrame:
    """A card headed ``title``, holding ``parts`` at its top."""
    card = QFrame()
    card.setObjectName("Card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 12, 18, 14)
    layout.addWidget(heading(title))
    add_all(layout, *parts)
    layout.addStretch(1)
    return card


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


class InsightsView(QWidget):
    """Counts for a period the person chooses; redraws from the service on refresh."""

    def __init__(self, app: HuddleApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.insights = app.insights
        self.summary: LearningSummary | None = None
        self.period = QComboBox()
        self.period.setAccessibleName("Period to count")
        for text, value in PERIODS:
            self.period.addItem(text, value)
        self.period.setCurrentIndex(1)
        self.since = date_edit("From date", app.clock.today())
        self.until = date_edit("To date", app.clock.today())
        self.since.setDate(to_qdate(app.clock.today()).addMonths(-1))
        self.period.currentIndexChanged.connect(lambda _: self.refresh())
        self.range_text = QLabel()
        self.range_text.setProperty("role", "secondary")
        self.problem = problem_label()
        self.by_kind = BarChart("Learning by kind", empty="Nothing recorded in this period.")
        self.balance = BarChart("Compliments and complaints")
        self.balance_text = QLabel()
        self.balance_text.setWordWrap(True)
        self.by_theme = BarChart("Top themes", empty="No themes in this period.")
        self.recurring_grid = QGridLayout()
        self.recurring_grid.setHorizontalSpacing(18)
        self.recurring_note = QLabel()
        self.recurring_note.setWordWrap(True)
        self.recurring_note.setProperty("role", "secondary")
        self._build()
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _: self.refresh())

    def _build(self) -> None:
        choose = QHBoxLayout()
        choose.addWidget(QLabel("Period"))
        choose.addWidget(self.period)
        self.to_label = QLabel("to")
        for widget in (self.since, self.to_label, self.until):
            choose.addWidget(widget)
        choose.addSpacing(16)
        choose.addWidget(self.range_text)
        choose.addStretch(1)
        kinds = _card("By kind", self.by_kind)
        balance = _card("Compliments and complaints", self.balance, self.balance_text)
        themes = _card("Themes", self.by_theme)
        recurring = _card("Themes that keep coming back", self.recurring_note, self.recurring_grid)
        grid = QGridLayout()
        grid.setSpacing(16)
        grid.addWidget(kinds, 0, 0)
        grid.addWidget(balance, 0, 1)
        grid.addWidget(themes, 1, 0)
        grid.addWidget(recurring, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choose)
        layout.addWidget(self.problem)
        layout.addLayout(grid, 1)

    def refresh(self) -> None:
        chosen = self.period.currentData()
        custom = chosen is None
        for widget in (self.since, self.to_label, self.until):
            widget.setVisible(custom)
        try:
            if custom:
                summary = self.insights.summary(since=day_of(self.since), until=day_of(self.until))
            else:
                summary = self.insights.summary(period=chosen)
        except HuddleError as error:
            self.problem.setText(error.message)
            self.problem.setVisible(True)
            return
        self.problem.setVisible(False)
        self.show_summary(summary)

    def show_summary(self, summary: LearningSummary) -> None:
        self.summary = summary
        self.range_text.setText(
            f"{short_date(summary.since)} to {short_date(summary.until)}: "
            f"{_plural(summary.total, 'item')} of learning"
        )
        self.by_kind.set_bars(
            [
                Bar(LEARNING_KIND[k.kind], k.count, theme.NHS_BLUE, kind_icon(k.kind))
                for k in summary.by_kind
            ]
        )
        self.balance.set_bars(
            [
                Bar(
                    "Compliments",
                    summary.compliments,
                    COLOURS[LearningKind.COMPLIMENT],
                    kind_icon(LearningKind.COMPLIMENT),
                ),
                Bar(
                    "Complaints",
                    summary.complaints,
                    COLOURS[LearningKind.COMPLAINT],
                    kind_icon(LearningKind.COMPLAINT),
                ),
            ]
        )
        self.balance_text.setText(self._balance_words(summary))
        self.by_theme.set_bars([Bar(t.theme, t.count) for t in summary.by_theme])
        self._show_recurring(summary)

    @staticmethod
    def _balance_words(summary: LearningSummary) -> str:
        praise, concerns = summary.compliments, summary.complaints
        if not praise and not concerns:
            return "No compliments or complaints recorded in this period."
        if not concerns:
            return f"{_plural(praise, 'compliment')} and no complaints."
        if praise == concerns:
            return (
                f"{_plural(praise, 'compliment')} and {_plural(concerns, 'complaint')}: "
                "as many compliments as complaints."
            )
        if praise > concerns:
            ratio = praise / concerns
            ratio_text = f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}".rstrip("0").rstrip(".")
            return (
                f"{_plural(praise, 'compliment')} and {_plural(concerns, 'complaint')}: "
                f"about {ratio_text} compliments for every complaint."
            )
        return (
            f"{_plural(praise, 'compliment')} and {_plural(concerns, 'complaint')}: more "
            "complaints than compliments. What are patients and families telling us?"
        )

    def _show_recurring(self, summary: LearningSummary) -> None:
        clear_layout(self.recurring_grid)
        shown = summary.recurring[:MAX_RECURRING]
        self.recurring_note.setText(
            f"Themes seen in {RECURRING_MIN} or more of the last {RECURRING_MONTHS} months "
            f"(to {MONTHS[summary.until.month - 1]} {summary.until.year})."
            + (
                " More or less often compares whole months: this month so far is not counted."
                if shown[0].last_month_partial
                else ""
            )
            if shown
            else f"No theme has come up in {RECURRING_MIN} or more of the last "
            f"{RECURRING_MONTHS} months."
        )
        for row, recurring in enumerate(shown):
            name = QLabel(recurring.theme)
            name.setFont(theme.app_font(theme.NORMAL.body, bold=True))
            months = [MONTHS[m.month - 1] for m in recurring.months]
            strip = MonthStrip(months, recurring.monthly)
            strip.setAccessibleName(f"{recurring.theme} month by month")
            words = QLabel(
                f"{recurring.months_seen} of {RECURRING_MONTHS} months, "
                f"{_plural(recurring.total, 'item')}, {TREND[recurring.trend]}"
            )
            words.setWordWrap(True)
            self.recurring_grid.addWidget(name, row, 0)
            self.recurring_grid.addWidget(strip, row, 1)
            self.recurring_grid.addWidget(words, row, 2)
        self.recurring_grid.setColumnStretch(2, 1)
