"""``ward-huddle --screenshots DIR [--size WxH] [--board]``: every page, rendered offscreen.

Each page, then each section of a daily huddle and its finish summary, saved
as ``DIR/<page>.png`` and ``DIR/huddle-<n>-<section>.png``. ``--size`` is the
screen's size (1920x1080 unless given); ``--board`` shows board mode full
screen on that screen, as a wall screen would.

The ward's database is copied to a temporary file first and the pictures are
taken from the copy, so starting (and finishing) a huddle for the pictures
never touches the real ward.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

DEFAULT_SIZE = (1920, 1080)
PAGES = ("today", "huddle", "actions", "learning", "measures", "reports", "settings")
SIZE_PATTERN = re.compile(r"^\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*$")


def parse_size(text: str | None) -> tuple[int, int]:
    """``"1366x768"`` as (1366, 768); a clear error for anything else."""
    if not text:
        return DEFAULT_SIZE
    found = SIZE_PATTERN.match(text)
    if found is None:
        raise ValueError(f"screen size {text!r} is not WIDTHxHEIGHT: try --size 1366x768")
    width, height = int(found.group(1)), int(found.group(2))
    if not (640 <= width <= 7680 and 480 <= height <= 4320):
        raise ValueError(f"screen size {text} is outside 640x480 to 7680x4320")
    return width, height


def offscreen_platform(size: tuple[int, int], folder: Path) -> str:
    """A ``QT_QPA_PLATFORM`` value for Qt's offscreen platform with one screen of ``size``.

    Must be set before the QApplication exists: the platform reads it once.
    """
    config = {
        "synchronousWindowSystemEvents": True,
        "windowFrameMargins": False,
        "screens": [
            {
                "name": "WardScreen",
                "x": 0,
                "y": 0,
                "width": size[0],
                "height": size[1],
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        ],
    }
    path = folder / f"screen-{size[0]}x{size[1]}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return f"offscreen:configfile={path}"


def use_offscreen_screen(size: tuple[int, int]) -> None:
    """Point Qt at an offscreen screen of ``size`` (unless a platform was chosen already)."""
    if "QT_QPA_PLATFORM" in os.environ:
        return
    folder = Path(tempfile.mkdtemp(prefix="ward-huddle-screen-"))
    os.environ["QT_QPA_PLATFORM"] = offscreen_platform(size, folder)


def copy_database(source: Path, folder: Path) -> Path:
    """A consistent, verified copy through the core's backup (SQLite's backup API)."""
    from huddle.backup import backup_database

    return backup_database(source, folder, label="screenshots")


def settle(rounds: int = 5) -> None:
    """Let pages finish their background work (a report preview, say) and repaint."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    pool = QThreadPool.globalInstance()
    for _ in range(rounds):
        QApplication.processEvents()
        pool.waitForDone(15_000)
    QApplication.processEvents()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "section"


def each_view(window):
    """Show every page and every huddle section in turn; yields a name for each."""
    from huddle.domain import HuddleKind

    for key in PAGES:
        if key == "huddle":
            window.start_huddle(HuddleKind.DAILY_SAFETY)
            page = window.page("huddle")
            settle()
            yield "huddle"
            sections = page.huddle.sections if page.huddle is not None else ()
            for index, section in enumerate(sections):
                page.go_to(index)
                settle(2)
                yield f"huddle-{index + 1}-{slug(section.title)}"
            if page.huddle is not None:
                page.finish()
                settle(2)
                yield "huddle-summary"
        else:
            window.show_page(key)
            settle()
            yield key


def save_screenshots(
    db_path: Path, out_dir: Path, *, size: tuple[int, int] = DEFAULT_SIZE, board: bool = False
) -> int:
    from huddle.errors import HuddleError
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
        window.resize(*size)
        window.show()
        if board:
            window.set_board_mode(True)
        try:
            for name in each_view(window):
                if not window.grab().save(str(out_dir / f"{name}.png")):
                    print(f"screenshots: could not write {name}.png", file=sys.stderr)
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
