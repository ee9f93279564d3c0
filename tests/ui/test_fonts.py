"""Arial's stand-in: the shipped Liberation Sans is registered only on a PC with neither,
and fonts name only the families the PC has."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo

from ui import fonts, theme


@pytest.fixture
def fresh(monkeypatch):
    """Font choices made afresh, and never by asking Qt for a family it lacks
    (hasFamily sends Qt to fontconfig for a substitute)."""
    monkeypatch.setattr(fonts, "_registered", [])
    monkeypatch.setattr(fonts, "_on_this_pc", [])
    monkeypatch.setattr(fonts, "_have", set())
    monkeypatch.setattr(QFontDatabase, "hasFamily", lambda family: pytest.fail("hasFamily"))
    return monkeypatch


def test_a_pc_with_arial_or_liberation_sans_reads_no_font_file(qapp, fresh) -> None:
    opened: list[str] = []
    fresh.setattr(QFontDatabase, "families", lambda *a: ["DejaVu Sans", "Liberation Sans"])
    fresh.setattr(QFontDatabase, "addApplicationFont", lambda path: opened.append(path) or -1)
    assert fonts.register_shipped_fonts() == []
    assert opened == []


def test_a_pc_with_neither_gets_the_shipped_faces(qapp, fresh) -> None:
    have = ["DejaVu Sans"]
    fresh.setattr(QFontDatabase, "families", lambda *a: list(have))
    assert fonts.font_families() == ["DejaVu Sans"]
    fresh.setattr(
        QFontDatabase, "addApplicationFont", lambda path: have.append("Liberation Sans") or 7
    )
    fresh.setattr(QFontDatabase, "applicationFontFamilies", lambda font_id: ["Liberation Sans"])
    assert fonts.register_shipped_fonts() == ["Liberation Sans"]
    assert fonts.register_shipped_fonts() == ["Liberation Sans"]  # once is enough
    assert fonts.font_families() == ["Liberation Sans", "DejaVu Sans"]  # chosen again


def test_fonts_name_the_families_the_pc_has_in_the_apps_order(qapp, fresh) -> None:
    fresh.setattr(QFontDatabase, "families", lambda *a: ["DejaVu Sans", "Arial", "Liberation Sans"])
    assert fonts.font_families() == theme.FONT_FAMILIES  # a ward PC: Arial first
    fresh.setattr(fonts, "_on_this_pc", [])
    fresh.setattr(fonts, "_have", set())
    fresh.setattr(QFontDatabase, "families", lambda *a: ["Noto Sans"])
    assert fonts.font_families() == theme.FONT_FAMILIES  # none of them: Qt's stand-ins


def test_text_is_set_in_liberation_sans_where_arial_is_missing(qapp, monkeypatch) -> None:
    """This machine (Linux, no Arial) lays text out in Arial's metric twin, and the
    app's fonts name it first rather than a family Qt must look up a substitute for."""
    monkeypatch.setattr(fonts, "_on_this_pc", [])
    if "Arial" in QFontDatabase.families():
        pytest.skip("this machine has Arial")
    assert fonts.font_families()[0] == "Liberation Sans"
    assert "Arial" not in theme.app_font(14).families()
    assert QFontInfo(theme.app_font(14)).family() == "Liberation Sans"
