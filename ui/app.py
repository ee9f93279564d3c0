"""``ward-huddle``: the desktop app's entry point and its hooks for checks.

    ward-huddle [--db PATH] [--self-test] [--screenshots DIR [--size WxH] [--board]]
                [--startup-probe]

Start-up is kept lean: only what painting Today needs is imported before the
window shows (reportlab, the sample-data builder and the other pages load
when first used).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the heavy imports, for --startup-probe

import argparse  # noqa: E402
import gc  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

if TYPE_CHECKING:  # Qt is imported once the command line is read
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from huddle.health import EarlyCheck

log = logging.getLogger("ward_huddle")
APP_NAME = "Ward Huddle"


def ms_since_process_start() -> int:
    """Milliseconds since this process started (from /proc where there is one)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        return max(0, round((uptime - started_ticks / ticks) * 1000))
    except (OSError, ValueError, IndexError):
        return round((time.perf_counter() - STARTED) * 1000)


def resident_mb() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ward-huddle", description="Ward Huddle desktop app")
    parser.add_argument("--db", help="the ward's database file")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run a short huddle through the real screens, then exit",
    )
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        help="save every page and huddle section into DIR, then exit",
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        help="with --screenshots: the screen's size, e.g. 1366x768 (default 1920x1080)",
    )
    parser.add_argument(
        "--board",
        action="store_true",
        help="with --screenshots: board mode, full screen on a screen of --size",
    )
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help="print the milliseconds until Today has painted, then exit",
    )
    return parser.parse_args(argv)


def resolve_db_path(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    from huddle.config import load_settings

    return load_settings(cli={"db": cli_value}).db_path


def install_exception_hook(parent_window=None) -> None:
    """Log an uncaught exception and tell the person, rather than vanish."""

    def hook(kind, error, trace) -> None:
        log.error("uncaught exception", exc_info=(kind, error, trace))
        if issubclass(kind, KeyboardInterrupt):
            return
        try:
            from ui import dialogs

            dialogs.show_error(
                parent_window() if parent_window else None, error, title="Something went wrong"
            )
        except Exception:  # the dialog itself failed: the log still has it
            log.exception("could not show the error dialog")

    sys.excepthook = hook


def configure_logging() -> None:
    try:
        from huddle.config import load_settings

        folder = load_settings().log_dir
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / "ward-huddle.log", encoding="utf-8")
    except Exception:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def start_lean() -> None:
    """Ready a window's start: what makes it slow that the user never sees goes.

    * The core Today needs is imported before Qt: once PySide6 is loaded it reads
      the source of every module imported after it (to see whether it asks for
      PySide's ``__feature__`` options), which the core, Qt-free, never does.
    * Python's cyclic garbage collector waits until Today has painted
      (:func:`settle_after_first_paint`): start-up makes thousands of objects that
      live as long as the window and almost no garbage, so a collection then only
      costs time.
    """
    gc.disable()
    import huddle.services.board  # noqa: F401  (the services, the SPC engine, the store)


def after_first_paint(window, then: Callable[[], object]) -> None:
    """Call ``then`` once ``window`` has painted Today (at once if it shows no
    Today: a new ward's welcome)."""
    today = getattr(window, "pages", {}).get("today")
    if today is None:
        then()
        return
    from PySide6.QtCore import Qt

    today.painted.connect(then, Qt.ConnectionType.SingleShotConnection)


def settle_after_first_paint(window) -> None:
    """Once ``window`` has painted Today, do what a start leaves until then:

    * turn the collector back on (``gc.freeze`` first keeps start-up's long-lived
      objects out of every later collection);
    * give the app its icon. QIcon's classes and the icon's seven sizes cost about
      2 ms, and the title bar and taskbar show it a frame later (the packaged
      app's own file carries the same picture meanwhile).
    """

    def settle() -> None:
        from PySide6.QtWidgets import QApplication

        gc.freeze()
        gc.enable()
        QApplication.setWindowIcon(app_icon())

    after_first_paint(window, settle)


def make_application(argv: list[str]) -> QApplication:
    from PySide6.QtWidgets import QApplication

    quicken_pyside_import_check()  # before the first module of the app's imported after Qt
    from ui import theme
    from ui.fonts import register_shipped_fonts

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(argv)
    register_shipped_fonts()  # before any font is chosen, so Arial's stand-in is there
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("WardHuddle")
    app.setFont(theme.app_font())
    return app  # its icon comes once the first window has painted (settle_after_first_paint)


def quicken_pyside_import_check() -> None:
    """Let PySide6 ask its question of each module imported after it more cheaply.

    For its ``__feature__`` options (PYSIDE-2029), PySide6 checks whether each
    newly imported module's source names "PySide6", reading it through
    :func:`inspect.getsource` (lines, tokenizer, line cache): about 3 ms over the
    app's start. The same question asked of the file's bytes gives the same
    answer (tests/ui/test_app.py compares the two) at a fraction of the cost.
    Only that check is replaced, only where this PySide6 has it; a module with no
    source file of its own is still asked PySide6's way.
    """
    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if upstream is None or getattr(upstream, "reads_bytes", False):
        return

    def uses_pyside(module: Any) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(upstream(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(upstream(module))

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


def app_icon() -> QIcon:
    """The ward-huddle icon for every window and the taskbar (PNGs: no SVG plugin to load)."""
    from PySide6.QtGui import QIcon

    from huddle.resources import resources_dir

    icon = QIcon()
    folder = resources_dir() / "icons" / "app"
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(folder / f"ward-huddle-{size}.png"))
    return icon


def run_self_test() -> int:
    from ui.self_test import run_self_test as self_test

    return self_test()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        return run_self_test()
    db_path = resolve_db_path(args.db)
    if args.screenshots:
        return take_screenshots(db_path, args)
    if args.size or args.board:
        print("ward-huddle: --size and --board go with --screenshots DIR", file=sys.stderr)
        return 2
    if args.startup_probe:
        return startup_probe(db_path)
    start_lean()
    from huddle.health import EarlyCheck

    # the ward's quick health check reads while the rest loads (SQLite frees Python
    # to): begun as soon as the core is in, it is done before Qt is
    early = EarlyCheck(db_path)
    from ui.trust.source import TrustSource

    trust = TrustSource.from_settings()
    if trust is not None:  # a trust PC: every ward, not one (its check goes unasked)
        return run_trust_view(trust)
    return run_app(db_path, early)


def run_trust_view(source) -> int:
    """The trust view's window (a trust PC: the server and trust_view are set)."""
    configure_logging()
    qt_app = make_application(sys.argv)
    from ui.trust.window import TrustWindow

    window = TrustWindow(source)
    install_exception_hook(lambda: window)
    window.resize(1440, 900)
    settle_after_first_paint(window)  # start_lean paused it; a trust window has no Today
    window.show()
    return qt_app.exec()


def take_screenshots(db_path: Path, args: argparse.Namespace) -> int:
    from ui.screenshots import parse_size, save_screenshots, use_offscreen_screen

    try:
        size = parse_size(args.size)
    except ValueError as error:
        print(f"ward-huddle: {error}", file=sys.stderr)
        return 2
    use_offscreen_screen(size)
    make_application(sys.argv[:1])
    return save_screenshots(db_path, Path(args.screenshots), size=size, board=args.board)


def startup_probe(db_path: Path) -> int:
    start_lean()
    qt_app = make_application(sys.argv[:1])
    from ui.main_window import MainWindow
    from ui.session import WardSession

    session = WardSession.open(db_path, claim_presence=False, read_only=True)
    window = MainWindow(session)
    window.resize(1920, 1080)
    if "today" not in window.pages:
        print("startup-probe: the database has no ward yet", file=sys.stderr)
        window.close_session()
        return 1
    result: dict[str, float] = {}

    def painted() -> None:
        result["ms"] = ms_since_process_start()
        result["at"] = time.time()  # for a caller timing from its own spawn, to the ms
        qt_app.quit()

    from ui.pages.today import TodayPage

    window.typed_page("today", TodayPage).painted.connect(painted)
    settle_after_first_paint(window)
    window.show()
    if "ms" not in result:
        qt_app.exec()
    rss = resident_mb()
    print(result.get("ms", -1))
    if rss is not None:
        print(f"rss_mb {rss:.1f}", file=sys.stderr)
    if "at" in result:
        print(f"painted_at {result['at']:.6f}", file=sys.stderr)
    window.close_session()
    return 0


def warn_of_settings_problems(window, db_path: Path) -> list[str]:
    """Say at start when IT's identifier settings cannot be used (a malformed pattern):
    saving text and exporting are refused until it is corrected, never checked less."""
    from huddle.config import load_settings, settings_problems
    from ui import dialogs

    problems = settings_problems(load_settings(cli={"db": str(db_path)}))
    if problems:
        log.error("settings problem: %s", problems[0])
        dialogs.MessageDialog.ask(
            window,
            title="A setting needs correcting",
            text=problems[0] + "\n\nTell IT: `huddle config --show` shows where it is set.",
        )
    return problems


def start_backup_folders(db_path: Path) -> list[Path]:
    """Where to look for a good backup when the database is damaged at start.

    The ward's own choice is in the damaged database, so the folder this PC
    last backed up to stands in for it.
    """
    from PySide6.QtCore import QSettings

    from huddle.backup_places import backup_folders

    remembered = QSettings().value("backups/last_folder")
    return backup_folders(db_path, None, also=[Path(str(remembered))] if remembered else [])


def start_auto_backup(window, db_path: Path):
    """Daily backups while the app runs; the caller takes the closing one."""
    from PySide6.QtCore import QSettings

    from huddle.backup_places import machine_backup_dir
    from ui import dialogs
    from ui.auto_backup import AutoBackup
    from ui.tasks import TaskRunner

    auto = AutoBackup(
        window.session.ctx,
        default_folder=machine_backup_dir(db_path),
        runner=TaskRunner(window),
        parent=window,
    )

    def follow_session(_key: str) -> None:  # the window may have opened another ward
        if window.session is not None and window.session.ctx is not auto.ctx:
            auto.use_context(window.session.ctx)

    def remember(made) -> None:
        if made is not None:
            QSettings().setValue("backups/last_folder", str(Path(made).parent))

    window.page_shown.connect(follow_session)
    auto.backed_up.connect(remember)
    auto.failed.connect(
        lambda text: dialogs.MessageDialog.ask(
            window,
            title="The automatic backup failed",
            text=text + "\n\nThe ward's data itself "
            "is safe. Check the backup folder in Settings, or tell IT.",
        )
    )
    auto.start()
    return auto


def run_app(db_path: Path, early: EarlyCheck) -> int:
    configure_logging()
    qt_app = make_application(sys.argv)
    from PySide6.QtCore import QSettings

    from ui.single_instance import SingleInstance, server_name

    single = SingleInstance(server_name(db_path))
    if not single.claim():
        log.info("already running for %s: asked that copy to come forward", db_path)
        return 0
    from ui import dialogs
    from ui.main_window import MainWindow
    from ui.recovery import recover_at_start
    from ui.session import WardSession

    db_path.parent.mkdir(parents=True, exist_ok=True)
    if not early.finished:  # Today's own modules load while the check reads on
        import ui.pages.today  # noqa: F401
    if not recover_at_start(db_path, start_backup_folders(db_path), early=early):
        single.close()
        return 1
    try:
        session = WardSession.open(db_path)
    except Exception as error:
        log.exception("could not open %s", db_path)
        dialogs.show_error(None, error, title="The ward's data could not be opened")
        single.close()
        return 1
    window = MainWindow(session)
    install_exception_hook(lambda: window)
    auto = start_auto_backup(window, db_path)
    view_state = QSettings()
    geometry = view_state.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(1440, 900)

    def bring_forward() -> None:
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()

    single.raise_requested.connect(bring_forward)
    settle_after_first_paint(window)
    window.show()
    # IT's settings are checked once the ward can see Today (saving text and
    # exporting refuse a malformed pattern meanwhile, never check less); Today
    # paints only once the event loop runs, so this is in time for it
    after_first_paint(window, lambda: warn_of_settings_problems(window, db_path))
    code = qt_app.exec()
    view_state.setValue("window/geometry", window.saveGeometry())
    single.close()
    window.close_session()
    auto.backup_on_close()
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
