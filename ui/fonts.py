"""The shipped Liberation Sans, registered when the PC has neither it nor Arial.

Liberation Sans is metric-compatible with Arial, so a Linux screen or a bare
Windows image lays text out to the same widths as a ward PC. The font files
are found through :func:`huddle.resources.resources_dir`, the one place that
knows where shipped files live.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from huddle.resources import resources_dir

log = logging.getLogger(__name__)
SHIPPED_FAMILY = "Liberation Sans"
PREFERRED_FAMILY = "Arial"
_registered: list[str] = []
_have: set[str] = set()  # every family this PC has (QFontDatabase.families(), asked once)
_on_this_pc: list[str] = []  # theme.FONT_FAMILIES from the first this PC has


def _families_here() -> set[str]:
    """The families this PC has (none is looked up, unlike ``hasFamily``)."""
    if not _have:
        _have.update(QFontDatabase.families())
    return _have


def font_families() -> list[str]:
    """The app's families (``theme.FONT_FAMILIES``), from the first this PC has.

    Every font the app asks for names these. A family the PC lacks (Arial on
    Linux) would send Qt to fontconfig for a substitute at each new font, a full
    pass of its rules every time (about 1 ms), to land on the same Liberation
    Sans. Needs a QApplication; asked again after :func:`register_shipped_fonts`
    adds a family.
    """
    if not _on_this_pc:
        from ui.theme import FONT_FAMILIES

        kept = [family for family in FONT_FAMILIES if family in _families_here()]
        _on_this_pc.extend(kept or FONT_FAMILIES)  # none: Qt's own stand-ins
    return list(_on_this_pc)


def register_shipped_fonts() -> list[str]:
    """Register the shipped faces once, when the PC has neither Arial nor Liberation
    Sans of its own (a bare Windows image, say); the families added.

    A PC with either lays text out the same without them, and is spared reading
    four font files at every start. Needs a QApplication (Qt's font database lives
    in it). Safe to call again.
    """
    if _registered or {PREFERRED_FAMILY, SHIPPED_FAMILY} & _families_here():
        return list(_registered)
    folder = resources_dir() / "fonts"
    for path in sorted(folder.glob("LiberationSans-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not register the shipped font %s", path.name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _registered:
                _registered.append(family)
    _have.clear()  # the shipped family is there now
    _on_this_pc.clear()
    return list(_registered)
