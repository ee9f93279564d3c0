"""One ward, opened from the trust view: its own Today, Measures and Actions pages, read-only.

The ward's replica is opened with the store's read-only mode (as for a ward
another PC holds), so nothing here can change it: the pages show their
read-only state and the store refuses any write. The ward makes its changes
on its own PCs; the trust sees them after the ward's next sync.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from huddle.clock import Clock
from huddle.trust.overview import WardOverview
from huddle.trust.words import synced_text
from ui.pages.base import Page
from ui.session import WardSession

PAGES = (
    ("Today", "ui.pages.today", "TodayPage"),
    ("Measures", "ui.pages.measures", "MeasuresPage"),
    ("Actions", "ui.pages.actions", "ActionsPage"),
)


def read_only_reason(row: WardOverview) -> str:
    return (
        f"The trust's copy of {row.name}, last synced {synced_text(row)}: you can look but not "
        "change anything here. The ward makes its changes on its own PCs."
    )


class TrustWardWindow(QWidget):
    def __init__(
        self, row: WardOverview, path: Path, *, clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        import importlib

        super().__init__(parent)
        self.setObjectName("Shell")
        self.row = row
        self.session = WardSession.open(path, clock=clock, claim_presence=False, read_only=True)
        self.ctx = self.session.ctx
        self.ctx.read_only_reason = read_only_reason(row)
        self.setWindowTitle(f"{row.name}: the trust's read-only view")
        self.setAccessibleName(f"{row.name}, read-only")
        self.banner = QLabel(self.ctx.read_only_reason)
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(f"{row.name}: Today, Measures and Actions")
        self.pages: dict[str, Page] = {}
        for title, module, name in PAGES:
            page = getattr(importlib.import_module(module), name)(self.ctx)
            self.pages[title] = page
            self.tabs.addTab(page, title)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)

    def closeEvent(self, event) -> None:
        self.session.close()
        super().closeEvent(event)
