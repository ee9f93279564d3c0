"""The window's look (ui/theme.py): what it costs to paint, as well as how it looks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.processes import run_offscreen

PAINT_A_SCROLLING_PAGE = """
import os, sys
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from ui import theme
from ui.app import make_application
from ui.layouts import scroller

app = make_application(sys.argv[:1])
content = QWidget()
column = QVBoxLayout(content)
for number in range(60):
    column.addWidget(QLabel(f"Line {number}"))
window = QWidget()
theme.apply_style(window)
QVBoxLayout(window).addWidget(scroller(content))
window.resize(800, 900)
window.show()
window.grab()
tasks = os.listdir("/proc/self/task")
names = [open(f"/proc/self/task/{task}/comm").read().strip() for task in tasks]
print("pooled:", sum(name == "Thread (pooled)" for name in names))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads through /proc")
def test_a_scroll_bar_paints_without_handing_work_to_qts_thread_pool() -> None:
    """Qt's own (Fusion) scroll bar paints its gradients through Qt's thread pool, and
    the window waits for it: on a two-core ward PC, about 20 ms of every start with
    Today scrolling. The app's flat bars are painted where they are asked for."""
    done = run_offscreen(PAINT_A_SCROLLING_PAGE)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["pooled:", "0"]


def test_the_apps_text_is_drawn_unhinted_in_every_font_it_makes(qapp) -> None:
    """#17: hinting ran the font's own program for every glyph at every new size, a
    sixth of Today's first paint, for type read from across a bay. The app's font
    and every QFont made after it (the safety cross's, the icons') draw unhinted."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from ui import theme

    unhinted = QFont.HintingPreference.PreferNoHinting
    assert theme.app_font(31.2, bold=True).hintingPreference() == unhinted
    before = QApplication.font()
    QApplication.setFont(theme.app_font())
    try:
        assert QFont().hintingPreference() == unhinted  # a font made from nothing
    finally:
        QApplication.setFont(before)
