"""One voice in ui/: dates are worded by huddle/formatting.py, never by strftime
(whose month and day names follow the PC's locale), the words for the core's
codes come from huddle/words.py, and the look from ui/theme.py's one sheet."""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

from huddle import formatting, words
from huddle.domain import HuddleKind, LearningKind

ROOT = Path(__file__).resolve().parents[2]


def locale_dependent_formatting(folder: Path) -> list[str]:
    """``.strftime(...)`` calls and ``f"{day:%b}"`` specs under ``folder``."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            strftime = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "strftime"
            )
            spec = (
                isinstance(node, ast.FormattedValue)
                and node.format_spec is not None
                and "%" in ast.unparse(node.format_spec)
            )
            if strftime or spec:
                found.append(f"{path.relative_to(folder.parent)}:{node.lineno}")
    return found


def test_no_strftime_in_ui() -> None:
    assert locale_dependent_formatting(ROOT / "ui") == []


def style_sheets_set(folder: Path) -> list[str]:
    """Calls of ``setStyleSheet`` under ``folder``, outside ui/theme.py."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        if path.relative_to(folder.parent).as_posix() == "ui/theme.py":
            continue  # the builder, and the one place a sheet is applied
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [
            f"{path.relative_to(folder.parent)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "setStyleSheet"
        ]
    return found


def test_only_the_theme_sets_a_style_sheet() -> None:
    """Widgets choose their look by properties (``kind``, ``role``, ``mood``), never by sheets."""
    assert style_sheets_set(ROOT / "ui") == []


def test_the_style_finder_sees_a_widget_sheet(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text('label.setStyleSheet("color: red")\n', encoding="utf-8")
    assert style_sheets_set(tmp_path) == [f"{tmp_path.name}/m.py:1"]


def test_the_finder_sees_both_forms(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        'a = day.strftime("%b")\nb = f"{day:%B %Y}"\nc = f"{n:.2f}"\n', encoding="utf-8"
    )
    assert [line.rsplit(":", 1)[1] for line in locale_dependent_formatting(tmp_path)] == [
        "1",
        "2",
    ]


def test_dates_read_alike_everywhere() -> None:
    day = date(2026, 8, 6)
    assert formatting.short_date(day) == "6 Aug 2026"
    assert formatting.day_heading(day) == "Thu 6 Aug 2026"
    assert formatting.month_and_year(day, long=True) == "August 2026"
    moment = datetime(2026, 8, 6, 14, 5)
    assert formatting.date_and_time(moment) == "6 Aug 2026, 14:05"


def test_screens_and_pdfs_share_the_words() -> None:
    from huddle.reports import layout
    from ui import formatting as screen_formatting
    from ui import words as screen_words

    assert screen_words.LEARNING_KIND is words.LEARNING_KIND
    assert screen_formatting.short_date is formatting.short_date
    assert layout.fmt_date(date(2026, 8, 6)) == formatting.short_date(date(2026, 8, 6))
    assert words.LEARNING_KIND[LearningKind.OTHER] == "Other learning"
    assert words.HUDDLE_KIND[HuddleKind.OTHER] == "Team huddle"
