"""Fixtures for the desktop app's tests: a context, a main window, fake holders.

Every test gets a fresh database (copied from one migrated template by the
shared ``db_path`` fixture) and a fixed clock of 6 Aug 2026. Dialogs are
patched at their ``ask()`` seam so none can block a test.

Windows live exactly as long as their test: when the test function returns,
every top-level window is held (see :func:`pytest_runtest_call`) until
:func:`no_widget_outlives_its_test` has deleted it, so none is left to the
garbage collector.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from huddle.presence import marker_path
from huddle.services import HuddleApp
from ui import dialogs


@pytest.fixture(scope="session", autouse=True)
def the_apps_own_font(qapp) -> None:
    """Text is measured in the font the app itself sets (``ui.app.make_application``),
    not the test machine's default sans: a layout test then sees what a ward PC does."""
    from ui import theme
    from ui.fonts import register_shipped_fonts

    register_shipped_fonts()
    qapp.setFont(theme.app_font())


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch) -> list[tuple[str, dict]]:
    """Every dialog the code under test tried to show, instead of showing it."""
    shown: list[tuple[str, dict]] = []

    def record(name, answer):
        def ask(cls, parent, **options):
            shown.append((name, options))
            return answer

        return classmethod(ask)

    monkeypatch.setattr(dialogs.MessageDialog, "ask", record("message", None))
    monkeypatch.setattr(dialogs.ConfirmDialog, "ask", record("confirm", True))
    monkeypatch.setattr(dialogs.FolderChooser, "ask", record("folder", None))
    return shown


@pytest.fixture
def ctx(app: HuddleApp):
    from ui.context import ChangeBus, UiContext

    return UiContext(app=app, bus=ChangeBus(app))


@pytest.fixture
def session_factory(clock):
    """Opens a :class:`ui.session.WardSession` on the fixed clock, without a presence claim."""
    from ui.session import WardSession

    def open_session(path: Path, **options) -> WardSession:
        options.setdefault("clock", clock)
        options.setdefault("claim_presence", False)
        return WardSession.open(path, **options)

    return open_session


@pytest.fixture
def window(qtbot, app: HuddleApp, db_path: Path, session_factory) -> Iterator:
    """The main window on the fictional ward (its own connection to the test database)."""
    from ui.main_window import MainWindow

    shell = MainWindow(session_factory(db_path), open_session=session_factory)
    qtbot.addWidget(shell)
    shell.resize(1600, 1000)
    shell.show()
    qtbot.waitExposed(shell)
    qtbot.waitUntil(lambda: bool(shell.page_shortcuts))  # made once Today has painted
    yield shell
    shell.close_session()


def hold_by_someone_else(db_path: Path, *, user: str = "Sam", host: str = "WARD7-PC2") -> None:
    """Write a presence marker for a live holder on another PC."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    marker_path(db_path).write_text(
        json.dumps({"user": user, "host": host, "pid": 4242, "since": now, "refreshed": now})
    )


HELD_WINDOWS = pytest.StashKey[list]()


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_call(item):
    """Hold every window the moment the test function returns.

    A test's host window is often reachable only through a reference cycle
    once the test's locals are gone (``page.host = host``, while the host owns
    the page). pytest-qt then processes events, which paints those windows,
    and painting runs Python that can set off the garbage collector: it would
    delete the window in the middle of its own paint event and the painter
    would end on a freed paint engine (a segfault in ``QPainter::end``).
    trylast makes this the innermost wrapper, so it runs before pytest-qt's.
    """
    try:
        return (yield)
    finally:
        from PySide6.QtWidgets import QApplication

        qt_app = QApplication.instance()
        if qt_app is not None:
            item.stash[HELD_WINDOWS] = list(qt_app.topLevelWidgets())


@pytest.fixture(autouse=True)
def eager_garbage_collection() -> Iterator[None]:
    """Collect garbage far more often than Python would, while a UI test runs.

    A widget whose life hangs on the collector (a window kept only by a cycle)
    then fails every run at the first wrong moment, instead of one run in three
    when a collection happens to fall inside a paint event.
    """
    import gc

    usual = gc.get_threshold()
    gc.set_threshold(300, 1, 1)
    yield
    gc.set_threshold(*usual)


@pytest.fixture(autouse=True)
def no_widget_outlives_its_test(qapp, request):
    """Close and delete every window a test leaves behind before the next starts,
    so no test paints or signals into another test's half-deleted widgets.

    Qt deletes them here, at a known moment; only then are the windows held
    since the test returned let go, so garbage collection frees mere wrappers.
    """
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    yield
    for window in qapp.topLevelWidgets():
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()
    if HELD_WINDOWS in request.node.stash:
        del request.node.stash[HELD_WINDOWS]
    gc.collect()


class Pins(list):
    """PINs the fake PinDialog will type, in order (None: Cancel); records the asks."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []


@pytest.fixture
def pins(monkeypatch) -> Pins:
    """The manager's PIN pad, typed by the test instead of a person."""
    from ui.pages import settings_manager

    typed = Pins()

    def ask(cls, parent, *, purpose):
        typed.asked.append(purpose)
        return typed.pop(0) if typed else None

    monkeypatch.setattr(settings_manager.PinDialog, "ask", classmethod(ask))
    return typed


def host_settings_page(qtbot, ctx, *, height: int = 1600):
    """The Settings page inside a plain host window, as the main window shows it."""
    from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

    from ui.pages.settings import SettingsPage

    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    made = SettingsPage(ctx)
    layout.addWidget(made)
    ctx.bus.changed.connect(made.on_changed)
    qtbot.addWidget(host)
    made.host = host  # keep the window alive as long as the page
    host.resize(1400, height)
    host.show()
    made.refresh()
    return made
