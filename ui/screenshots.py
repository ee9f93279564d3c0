"""``ward-huddle --screenshots DIR``: each page at 1920x1080, rendered offscreen.

The ward's database is copied to a temporary file first and the pictures are
taken from the copy, so starting a huddle for huddle.png never touches the
real ward.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from huddle.domain import HuddleKind
from huddle.errors import HuddleError

SIZE = (1920, 1080)
PAGES = ("today", "huddle", "actions", "learning", "measures", "reports", "settings")


def copy_database(source: Path, folder: Path) -> Path:
    """A consistent, verified copy through the core's backup (SQLite's backup API)."""
    from huddle.backup import backup_database

    return backup_database(source, folder, label="screenshots")


def settle(rounds: int = 5) -> None:
    """Let pages finish their background work (a report preview, say) and repaint."""
    pool = QThreadPool.globalInstance()
    for _ in range(rounds):
        QApplication.processEvents()
        pool.waitForDone(15_000)
    QApplication.processEvents()


def save_screenshots(db_path: Path, out_dir: Path) -> int:
    from ui.main_window import MainWindow
    from ui.session import WardSession

    if not db_path.exists():
        print(f"screenshots: no database at {db_path}", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ward-huddle-shots-") as folder:
        copy = copy_database(db_path, Path(folder))
        session = WardSession.open(copy, claim_presence=False)
        if not session.app.has_ward:
            session.close()
            print("screenshots: the database has no ward yet (try `huddle demo`)", file=sys.stderr)
            return 1
        window = MainWindow(session)
        window.resize(*SIZE)
        window.show()
        try:
            for key in PAGES:
                if key == "huddle":
                    window.start_huddle(HuddleKind.DAILY_SAFETY)
                else:
                    window.show_page(key)
                settle()
                if not window.grab().save(str(out_dir / f"{key}.png")):
                    print(f"screenshots: could not write {key}.png", file=sys.stderr)
                    return 1
        except HuddleError as error:
            print(f"screenshots: {error.message}", file=sys.stderr)
            return 1
        finally:
            settle()
            window.hide()
            window.close_session()
            window.deleteLater()
            settle()
    return 0
