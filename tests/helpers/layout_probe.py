"""Run by the layout test in its own process: the real window at one screen size.

    python -m tests.helpers.layout_probe DB OUT_JSON [--board] [--shots DIR]

``QT_QPA_PLATFORM`` must already name the offscreen platform with a
``configfile`` giving the screen's size (the platform reads it once, before
the QApplication exists). Shows every page and huddle section as
``ward-huddle --screenshots`` does, and writes {view: [problems]} as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("out")
    parser.add_argument("--board", action="store_true")
    parser.add_argument("--shots")
    args = parser.parse_args(argv)

    from ui.app import make_application

    qt_app = make_application(sys.argv[:1])
    from tests.helpers.layout_check import layout_problems
    from ui.main_window import MainWindow
    from ui.screenshots import each_view, settle
    from ui.session import WardSession

    screen = qt_app.primaryScreen().geometry()
    session = WardSession.open(Path(args.db), claim_presence=False)
    window = MainWindow(session)
    window.resize(screen.width(), screen.height())
    window.show()
    if args.board:
        window.set_board_mode(True)
    settle()
    found: dict[str, list[str]] = {}
    for name in each_view(window):
        found[name] = layout_problems(window)
        if args.shots:
            Path(args.shots).mkdir(parents=True, exist_ok=True)
            window.grab().save(str(Path(args.shots) / f"{name}.png"))
        if args.board and name == "today":
            found["window-size"] = (
                []
                if window.size() == screen.size()
                else [f"board mode is {window.width()}x{window.height()}, not full screen"]
            )
    window.set_board_mode(False)
    settle()
    window.close_session()
    Path(args.out).write_text(json.dumps(found, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
