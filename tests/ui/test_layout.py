"""Every page and huddle section fits the ward's screens and the wall.

The real main window runs in its own process on Qt's offscreen platform with
a screen of each size (``QT_QPA_PLATFORM=offscreen:configfile=…``, read once
before the QApplication exists), on the sample ward, and shows every page
and every huddle section (:mod:`tests.helpers.layout_probe`). The test fails
on any visible label, button, tab or drop-down whose text needs more room
than it has (neither wrapped nor deliberately elided), on anything cut off
sideways or squeezed, and on overlapping siblings
(:mod:`tests.helpers.layout_check`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.screenshots import offscreen_platform

ROOT = Path(__file__).resolve().parents[2]
SCREENS = [
    ((1280, 1024), False),
    ((1366, 768), False),
    ((1440, 900), False),
    ((1920, 1080), False),
    ((1920, 1080), True),
    ((3840, 2160), True),
]


@pytest.fixture(scope="module")
def sample_ward(tmp_path_factory) -> Path:
    """The sample ward: long names, busy lists, every kind of record."""
    from huddle.demo import build_demo

    path = tmp_path_factory.mktemp("layout") / "sample.db"
    build_demo(path, weeks=26)
    return path


def probe(db: Path, size: tuple[int, int], board: bool, folder: Path) -> dict[str, list[str]]:
    copy = folder / "ward.db"
    copy.write_bytes(db.read_bytes())
    out = folder / "problems.json"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": offscreen_platform(size, folder),
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "tests.helpers.layout_probe", str(copy), str(out)]
    done = subprocess.run(
        [*command, *(["--board"] if board else [])],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("size", "board"),
    SCREENS,
    ids=[f"{w}x{h}{'-board' if b else ''}" for (w, h), b in SCREENS],
)
def test_every_page_and_section_fits(sample_ward: Path, tmp_path: Path, size, board):
    found = probe(sample_ward, size, board, tmp_path)
    assert "today" in found and "huddle-summary" in found and "settings" in found
    assert len([v for v in found if v.startswith("huddle-") and v[7].isdigit()]) >= 5
    problems = [f"{view}: {p}" for view, listed in found.items() for p in listed]
    assert problems == []
