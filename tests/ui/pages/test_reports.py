"""The Reports page: pick a report, see its first page, save it, open it to print."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from huddle.clock import FixedClock
from huddle.services import HuddleApp
from tests.helpers.identifiers import written_before_the_guard
from tests.huddle.reports.ward_data import VALID_NHS_NUMBER, run_huddle
from ui.context import ChangeBus, UiContext
from ui.pages import reports as reports_module
from ui.pages.reports import KINDS, ReportsPage

WAIT_MS = 15_000


@pytest.fixture
def page(app: HuddleApp, clock: FixedClock, qtbot) -> ReportsPage:  # type: ignore[no-untyped-def]
    run_huddle(app, clock)
    made = ReportsPage(UiContext(app=app, bus=ChangeBus(app)))
    host = QWidget()  # shown inside a plain window, as the main window would
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(made)
    qtbot.addWidget(host)
    host.resize(1000, 800)
    host.show()
    made.refresh()
    yield made
    qtbot.waitUntil(lambda: not made.busy, timeout=WAIT_MS)


def test_choosing_a_report_shows_its_first_page(page: ReportsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    # (the milestone certificate has its own test: this ward had a harm 3 days ago)
    for row in range(len(KINDS) - 1):
        page.kinds.setCurrentRow(row)
        qtbot.waitUntil(lambda: not page.busy and page.preview.has_page, timeout=WAIT_MS)
        assert page.save_button.isEnabled(), KINDS[row]
        assert "First page shown" in page.message.text()


def test_certificate_only_for_a_milestone_reached(
    page: ReportsPage, app: HuddleApp, clock: FixedClock, qtbot
) -> None:  # type: ignore[no-untyped-def]
    row = KINDS.index("Milestone certificate")
    page.kinds.setCurrentRow(row)
    assert page.certificate_choice.count() == 0  # 3 days since the last harm
    assert not page.save_button.isEnabled()
    clock.advance(timedelta(days=30))
    page.refresh()
    assert page.certificate_choice.currentText() == "Silver: 30 days without a harm"
    qtbot.waitUntil(lambda: not page.busy and page.preview.has_page, timeout=WAIT_MS)
    assert page.save_button.isEnabled()


def test_save_writes_the_file_through_the_dialog_seam(
    page: ReportsPage,
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    page.kinds.setCurrentRow(1)  # the ward report
    qtbot.waitUntil(lambda: not page.busy and page.preview.has_page, timeout=WAIT_MS)
    target = tmp_path / "saved report.pdf"
    asked: list[str] = []

    def ask(parent: object, suggested: str) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(reports_module.SaveTarget, "ask", classmethod(lambda cls, p, s: ask(p, s)))
    page.save_button.click()
    qtbot.waitUntil(lambda: page.last_saved == target, timeout=WAIT_MS)
    assert target.read_bytes().startswith(b"%PDF")
    assert asked and asked[0].startswith("Ward 7B report")
    assert "Saved to" in page.message.text()

    opened: list[QUrl] = []
    monkeypatch.setattr(
        ReportsPage, "open_url", staticmethod(lambda url: opened.append(url) or True)
    )
    page.open_button.click()
    assert opened and opened[0].toLocalFile().endswith(".pdf")


def test_identifiers_are_listed_and_can_be_exported_anyway(
    app: HuddleApp,
    page: ReportsPage,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    with written_before_the_guard(app):
        app.actions.create_action(title="Chase results", detail=f"for {VALID_NHS_NUMBER}")
    page.kinds.setCurrentRow(2)  # the action log
    qtbot.waitUntil(lambda: not page.busy and page.anyway_button.isVisible(), timeout=WAIT_MS)
    assert "an NHS number in the detail of the action of 6 Aug 2026" in page.preview.text()
    assert VALID_NHS_NUMBER not in page.preview.text()
    assert not page.save_button.isEnabled()
    page.anyway_button.click()
    qtbot.waitUntil(lambda: not page.busy and page.preview.has_page, timeout=WAIT_MS)
    assert page.save_button.isEnabled()


@pytest.mark.parametrize("board", [False, True], ids=["normal", "board"])
def test_every_report_stays_in_the_list_whichever_is_chosen(window, qtbot, board) -> None:  # type: ignore[no-untyped-def]
    """Choosing "Thank-you slip" once scrolled "Huddle summary" out of the list."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    if board:
        window.set_board_mode(True)
    page = window.page("reports")
    window.show_page("reports")
    QApplication.processEvents()
    kinds = page.kinds
    for row in reversed(range(kinds.count())):
        item_rect = kinds.visualItemRect(kinds.item(row))
        qtbot.mouseClick(kinds.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
        QApplication.processEvents()
        assert kinds.currentRow() == row
        viewport = kinds.viewport().rect()
        for shown in range(kinds.count()):
            assert viewport.contains(kinds.visualItemRect(kinds.item(shown))), (
                KINDS[row],
                KINDS[shown],
            )
    qtbot.waitUntil(lambda: not page.tasks.busy, timeout=60_000)  # the last preview made
