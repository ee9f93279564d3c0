"""Arial's stand-in: the shipped Liberation Sans is registered only on a PC with neither."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from ui import fonts


def test_a_pc_with_arial_or_liberation_sans_reads_no_font_file(qapp, monkeypatch) -> None:
    monkeypatch.setattr(fonts, "_registered", [])
    opened: list[str] = []
    monkeypatch.setattr(QFontDatabase, "hasFamily", lambda family: family == "Liberation Sans")
    monkeypatch.setattr(QFontDatabase, "addApplicationFont", lambda path: opened.append(path) or -1)
    assert fonts.register_shipped_fonts() == []
    assert opened == []


def test_a_pc_with_neither_gets_the_shipped_faces(qapp, monkeypatch) -> None:
    monkeypatch.setattr(fonts, "_registered", [])
    monkeypatch.setattr(QFontDatabase, "hasFamily", lambda family: False)
    assert fonts.register_shipped_fonts() == ["Liberation Sans"]
    assert fonts.register_shipped_fonts() == ["Liberation Sans"]  # once is enough
