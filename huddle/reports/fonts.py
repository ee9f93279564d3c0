"""The fonts every export embeds: Arial where the PC has it, else Liberation Sans.

Liberation Sans (metric-compatible with Arial, SIL Open Font License) ships in
``resources/fonts``, found through ``huddle.resources`` wherever the app is
installed (source checkout, wheel or PyInstaller bundle). A fallback face that the
system may have (DejaVu Sans, Segoe UI Symbol) is used for characters the main
font lacks, so Greek, Arabic or a stray emoji prints as a glyph, not a box.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from huddle.resources import resources_dir

FAMILY = "WHSans"
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"
FALLBACK = "WHFallback"

LIBERATION = (
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
)
# Arial's four faces under the names each platform gives them.
ARIAL_NAMES = (
    ("arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf"),
    ("Arial.ttf", "Arial_Bold.ttf", "Arial_Italic.ttf", "Arial_Bold_Italic.ttf"),
    ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf", "Arial Bold Italic.ttf"),
)
FALLBACK_NAMES = ("DejaVuSans.ttf", "seguisym.ttf", "NotoSans-Regular.ttf")


@dataclass(frozen=True)
class FontChoice:
    """Which files the reports use, and where they came from (for the log)."""

    name: str  # "Arial" or "Liberation Sans"
    files: tuple[Path, Path, Path, Path]
    fallback: Path | None


def system_font_dirs() -> list[Path]:
    dirs: list[Path] = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    if sys.platform == "win32":
        dirs.append(Path("C:/Windows/Fonts"))
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs += [
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
        Path.home() / "Library" / "Fonts",
        Path("/usr/share/fonts/truetype/msttcorefonts"),
        Path("/usr/share/fonts/truetype/dejavu"),
        Path("/usr/share/fonts/msttcore"),
        Path("/usr/share/fonts/corefonts"),
        Path("/usr/share/fonts/TTF"),
        Path("/usr/share/fonts/truetype"),
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local" / "share" / "fonts",
        Path.home() / ".fonts",
    ]
    return dirs


def _find_set(dirs: Iterable[Path], names: Sequence[str]) -> tuple[Path, ...] | None:
    for folder in dirs:
        paths = tuple(folder / n for n in names)
        if all(p.is_file() for p in paths):
            return paths
    return None


def choose_fonts(dirs: Sequence[Path] | None = None, resources: Path | None = None) -> FontChoice:
    """Arial's four faces from the first folder holding them all, else Liberation Sans."""
    search = system_font_dirs() if dirs is None else list(dirs)
    fallback = None
    for name in FALLBACK_NAMES:
        found = _find_set(search, (name,))
        if found:
            fallback = found[0]
            break
    for names in ARIAL_NAMES:
        arial = _find_set(search, names)
        if arial is not None:
            return FontChoice("Arial", (arial[0], arial[1], arial[2], arial[3]), fallback)
    shipped = (resources or resources_dir()) / "fonts"
    files = tuple(shipped / n for n in LIBERATION)
    return FontChoice("Liberation Sans", (files[0], files[1], files[2], files[3]), fallback)


@lru_cache(maxsize=1)
def register_fonts() -> FontChoice:
    """Register the report fonts with reportlab once per process."""
    choice = choose_fonts()
    for face, path in zip((FAMILY, BOLD, ITALIC, BOLD_ITALIC), choice.files, strict=True):
        pdfmetrics.registerFont(TTFont(face, str(path)))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    if choice.fallback is not None:
        try:
            pdfmetrics.registerFont(TTFont(FALLBACK, str(choice.fallback)))
        except Exception:  # an unreadable system font only costs the fallback glyphs
            return FontChoice(choice.name, choice.files, None)
    return choice


def covered(font_name: str) -> frozenset[int]:
    """The code points a registered TrueType font has glyphs for."""
    return _coverage(font_name)


@lru_cache(maxsize=8)
def _coverage(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    table = getattr(face, "charToGlyph", None) or {}
    return frozenset(table)
