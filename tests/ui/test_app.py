"""Start-up stays lean: what Today does not need waits until Today has painted.

Timings are for benchmarks/bench_ui.py; these tests check the behaviour that
makes them: which modules a start loads before the first paint, and that the
garbage collector, paused for the start, runs again once Today is on screen.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import sys
from pathlib import Path

from benchmarks.bench_ui import real_start_driver
from huddle.services import HuddleApp
from tests.helpers.processes import ROOT, run_offscreen

# Loaded only when asked for, never to paint Today: the identifier guard's patterns
# and the audit chain (both on the first write), IT's settings and the sync (after the
# first paint), the guard's dialog and the PDF and migration libraries.
NOT_BEFORE_TODAY = (
    "huddle.identifier_kinds",
    "huddle.store.identifier_gate",
    "huddle.audit_chain",
    "huddle.config",
    "ui.background_sync",
    "ui.identifier_guard",
    "ui.dialogs",
    "ui.psirf.text_answer",
    "ui.psirf.unreported_review",
    "reportlab",
    "sqlite_utils",
    "psycopg",
)


OWN_CODE = (str(ROOT / "ui"), str(ROOT / "huddle"))


def test_a_start_paints_today_before_loading_what_today_does_not_show(app: HuddleApp) -> None:
    app.close()
    code = (
        "import sys; from pathlib import Path; import ui.app as start; "
        f"start.startup_probe(Path({str(app.path)!r})); "
        f"print('loaded:', *(m for m in {NOT_BEFORE_TODAY!r} if m in sys.modules)); "
        # PySide6 asks of each module imported after it whether it names "PySide6";
        # read as lines (inspect, tokenize) rather than as bytes, that costs the start
        "import linecache; "
        f"print('read as lines:', *(f for f in linecache.cache if f.startswith({OWN_CODE!r})))"
    )
    done = run_offscreen(code)
    assert done.returncode == 0, done.stderr[-2000:]
    painted_ms, loaded, read_as_lines = done.stdout.splitlines()
    assert int(painted_ms) > 0  # Today did paint
    assert loaded.split()[1:] == []
    assert read_as_lines.split()[3:] == []


def test_the_collector_waits_for_todays_first_paint(qtbot, app, db_path, session_factory) -> None:
    from ui.app import settle_after_first_paint
    from ui.main_window import MainWindow

    window = MainWindow(session_factory(db_path), open_session=session_factory)
    qtbot.addWidget(window)
    gc.disable()
    try:
        settle_after_first_paint(window)
        assert not gc.isenabled()
        window.show()  # Today's first paint, for real
        qtbot.waitUntil(gc.isenabled)
    finally:
        gc.enable()
        gc.unfreeze()
        window.close_session()


def test_the_app_icon_comes_once_today_has_painted(window, qtbot) -> None:
    """#17: QIcon's classes and the icon's seven sizes wait for the first paint (the
    packaged app's own file shows the same picture meanwhile)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui.app import settle_after_first_paint
    from ui.pages.today import TodayPage

    QApplication.setWindowIcon(QIcon())
    gc_was_on = gc.isenabled()
    try:
        settle_after_first_paint(window)
        assert QApplication.windowIcon().isNull()
        window.typed_page("today", TodayPage).painted.emit()
        sizes = {size.width() for size in QApplication.windowIcon().availableSizes()}
        assert {16, 32, 256} <= sizes
    finally:
        gc.enable() if gc_was_on else gc.disable()
        gc.unfreeze()


def test_with_no_today_to_paint_the_collector_resumes_at_once(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from ui.app import settle_after_first_paint

    welcome = QWidget()  # a new ward's welcome: no pages, no Today
    qtbot.addWidget(welcome)
    gc.disable()
    try:
        settle_after_first_paint(welcome)
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_pyside_reads_each_new_modules_bytes_and_answers_as_before(qapp) -> None:
    """PySide6 asks of each module imported after it whether its source names
    PySide6; the app asks that of the file's bytes (cheaper) and gets its answers."""
    from ui.app import quicken_pyside_import_check

    quicken_pyside_import_check()
    quicken_pyside_import_check()  # once is enough; again changes nothing
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert check.reads_bytes

    def inspected(module) -> bool:  # PySide6's own way
        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError):
            return False

    names = ("ui.app", "ui.pages.today", "huddle.domain", "huddle.store.psirf", "json", "sys")
    answers = {name: check(importlib.import_module(name)) for name in names}
    assert answers == {name: inspected(importlib.import_module(name)) for name in names}
    assert answers["ui.pages.today"] and not answers["huddle.domain"]


def test_after_first_paint_waits_for_todays_paint_or_runs_at_once(window, qtbot) -> None:
    """IT's settings warnings (and the collector) wait until the ward can see Today."""
    from ui.app import after_first_paint
    from ui.pages.today import TodayPage

    called: list[str] = []
    after_first_paint(window, lambda: called.append("today"))
    assert called == []
    window.typed_page("today", TodayPage).painted.emit()
    window.typed_page("today", TodayPage).painted.emit()  # once, not at every paint
    assert called == ["today"]

    class Welcome:  # a window with no Today (a new ward's welcome)
        pages: dict = {}

    after_first_paint(Welcome(), lambda: called.append("welcome"))
    assert called == ["today", "welcome"]


# ``ward-huddle --db`` as a person starts it (benchmarks/bench_ui.py's driver), saying
# when Today paints and what it would have shown in a dialog, and stopping a moment
# after the first paint.
REAL_START = """
from ui import dialogs
dialogs.MessageDialog.ask = classmethod(
    lambda cls, parent, **said: print("dialog:", said["title"], flush=True)
)
""" + real_start_driver(
    'print("painted", flush=True)\n'
    "from PySide6.QtCore import QTimer\n"
    "QTimer.singleShot(300, lambda: os._exit(0))"
)


def test_a_real_start_paints_today_then_says_what_is_wrong_with_its_settings(
    app: HuddleApp, tmp_path: Path
) -> None:
    """A malformed identifier pattern is said once the ward can see Today."""
    app.close()
    env = {
        "HUDDLE_ID_PATTERNS": "hospital_number | Hospital number | RX[0-9",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = run_offscreen(REAL_START, str(app.path), env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["painted", "dialog: A setting needs correcting"]


def test_a_trust_pc_starts_with_the_collector_on(tmp_path) -> None:
    """A trust PC's start loads the core as a ward PC's does (the collector paused);
    its window has no Today to wait for, so the collector resumes at once."""
    code = (
        "import gc, os, sys\n"
        "import ui.trust.window as trust\n"
        "shown = trust.TrustWindow.show\n"
        "def show(window):\n"
        "    shown(window)\n"
        "    print('collector on:', gc.isenabled(), flush=True)\n"
        "    os._exit(0)\n"
        "trust.TrustWindow.show = show\n"
        "from ui.app import main\n"
        "main(['--db', sys.argv[1]])\n"
    )
    env = {
        "HUDDLE_SERVER": "postgresql://nobody@127.0.0.1:9/nowhere",  # never reached
        "HUDDLE_TRUST_VIEW": "on",
        "HUDDLE_TRUST_CACHE_DIR": str(tmp_path / "cache"),
        "HUDDLE_LOG_DIR": str(tmp_path / "logs"),
    }
    done = run_offscreen(code, str(tmp_path / "ward.db"), env=env)
    assert "collector on: True" in done.stdout, done.stderr[-2000:]


def test_a_real_start_makes_no_qt_class_today_does_not_need(app: HuddleApp, tmp_path: Path) -> None:
    """#17: PySide6 makes a class, with every enum it has, the first time anything
    names it (about 0.1 M instructions an enum name). The app's icon (QIcon, with its
    150-name ThemeIcon enum) and the window's keys (QKeySequence, QShortcut) come once
    Today has painted; no label names QPalette to paint."""
    app.close()
    at_first_paint = real_start_driver(
        "import PySide6.QtGui as gui\n"
        "made = ('QIcon', 'QKeySequence', 'QShortcut', 'QPalette')\n"
        "print('made:', *(name for name in made if name in vars(gui)), flush=True)\n"
        "from PySide6.QtCore import QTimer\n"
        "def later():\n"
        "    print('then:', *(name for name in made if name in vars(gui)), flush=True)\n"
        "    os._exit(0)\n"
        "QTimer.singleShot(200, later)"
    )
    env = {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = run_offscreen(at_first_paint, str(app.path), env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    first, then = done.stdout.splitlines()
    assert first == "made:"
    assert {"QIcon", "QKeySequence", "QShortcut"} <= set(then.split()[1:])  # made after
