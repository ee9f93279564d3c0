"""The trust PC's window: every ward on one screen, and the tier-2 huddle.

Shown instead of a ward's window when this PC has a trust server and the
``trust_view`` setting is on (ward PCs leave it off). A ward opens in a
window of its own, read-only (:mod:`ui.trust.ward_window`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from huddle.trust.overview import WardOverview
from huddle.trust.replicas import replica_path
from ui import theme
from ui.tasks import TaskRunner
from ui.trust.page import TrustPage
from ui.trust.source import TrustSource
from ui.trust.ward_window import TrustWardWindow


class TrustWindow(QMainWindow):
    def __init__(self, source: TrustSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ward Huddle: the trust view")
        self.setAccessibleName("Ward Huddle: the trust view")
        theme.apply_style(self)
        self.setMinimumSize(1024, 700)
        self.source = source
        self.runner = TaskRunner(self)
        self.stack = QStackedWidget()
        self.stack.setObjectName("PageArea")
        self.overview = TrustPage(source, self.runner)
        self.overview.ward_opened.connect(self.open_ward)
        self.overview.tier_huddle_requested.connect(self.start_tier_huddle)
        self.stack.addWidget(self.overview)
        self.setCentralWidget(self.stack)
        self.ward_windows: list[TrustWardWindow] = []

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.overview.rows and self.overview.refresh_button.isEnabled():
            self.overview.refresh()

    def open_ward(self, row: WardOverview) -> TrustWardWindow:
        """The ward's own Today, Measures and Actions pages, read-only, in a window."""
        window = TrustWardWindow(
            row, replica_path(self.source.cache_dir, row.ward_id), clock=self.source.clock
        )
        theme.apply_style(window)
        window.resize(1280, 860)
        window.show()
        self.ward_windows.append(window)
        return window

    def start_tier_huddle(self) -> None:
        from ui.trust.tier_huddle import TierHuddleView

        view = TierHuddleView(self.source, self.runner)
        view.finished.connect(lambda: self._leave_tier_huddle(view))
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.start()

    def _leave_tier_huddle(self, view: QWidget) -> None:
        self.stack.setCurrentWidget(self.overview)
        self.stack.removeWidget(view)
        view.deleteLater()
        self.overview.refresh()

    def closeEvent(self, event) -> None:
        for window in self.ward_windows:
            window.close()
        # what is still running is no longer wanted: nothing may start from its results
        self.runner.forget_running()
        self.runner.wait()
        super().closeEvent(event)
