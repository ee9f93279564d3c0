"""Learning across the wards this month: themes several wards met, and excellence to share.

Read from the replicas by :func:`huddle.trust.learning.trust_learning` off
the screen's thread, after the wards' rows have arrived.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from huddle.trust import words
from huddle.trust.learning import TrustLearning
from ui.formatting import short_date
from ui.tasks import TaskRunner
from ui.trust.source import TrustSource

THEMES_SHOWN = 12
EXCELLENCE_SHOWN = 12
NAMED_WARDS = 3  # more than this: the count, and the names in the tooltip


class LearningPanel(QWidget):
    def __init__(
        self, source: TrustSource, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.runner = runner
        self.heading = QLabel("Learning across the wards this month")
        self.heading.setProperty("role", "cardheading")
        self.themes = QListWidget()
        self.themes.setAccessibleName("Themes met on more than one ward this month")
        self.excellence = QListWidget()
        self.excellence.setAccessibleName("Learning from Excellence to share between wards")
        themes_title = QLabel("Themes on several wards")
        themes_title.setBuddy(self.themes)
        excellence_title = QLabel("Learning from Excellence to share")
        excellence_title.setBuddy(self.excellence)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(themes_title)
        left.addWidget(self.themes)
        right.addWidget(excellence_title)
        right.addWidget(self.excellence)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addLayout(row)
        self.learning: TrustLearning | None = None

    def refresh(self, ward_ids: list[str], today: date) -> None:
        from huddle.trust.learning import trust_learning
        from huddle.trust.replicas import replica_path

        paths = [replica_path(self.source.cache_dir, ward_id) for ward_id in ward_ids]
        since = today.replace(day=1)
        self.heading.setText(f"Learning across the wards: {words.period_text(since, today)}")
        self.runner.run(
            lambda _progress: trust_learning(paths, since=since, until=today),
            on_result=self.show_learning,
        )

    def show_learning(self, learning: TrustLearning) -> None:
        self.learning = learning
        self.themes.clear()
        shared = [t for t in learning.themes if t.ward_count > 1][:THEMES_SHOWN]
        for theme in shared:
            line = words.shared_theme_line(theme.theme, theme.ward_count, theme.items)
            wards = ", ".join(theme.wards)
            shown = f"{line} ({wards})" if theme.ward_count <= NAMED_WARDS else line
            self.themes.addItem(shown)
            self.themes.item(self.themes.count() - 1).setToolTip(wards)
        if not shared:
            self.themes.addItem("No theme was met on more than one ward this month.")
        self.excellence.clear()
        for ward, item in learning.excellence[:EXCELLENCE_SHOWN]:
            self.excellence.addItem(f"{ward}, {short_date(item.occurred_on)}: {item.title}")
        if not learning.excellence:
            self.excellence.addItem("No Learning from Excellence recorded this month.")
