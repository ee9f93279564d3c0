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
_on_this_pc: list[str] = []  # theme.FONT_FAMILIES from the first this PC has


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

        have = set(QFontDatabase.families())
        kept = [family for family in FONT_FAMILIES if family in have]
        _on_this_pc.extend(kept or FONT_FAMILIES)  # none: Qt's own stand-ins
    return list(_on_this_pc)


def register_shipped_fonts() -> list[str]:
    """Register the shipped faces once, when the PC has neither Arial nor Liberation
    Sans of its own (a bare Windows image, say); the families added.

    A PC with either lays text out the same without them, and is spared reading
    four font files at every start. Needs a QApplication (Qt's font database lives
    in it). Safe to call again.
    """
    if _registered or {PREFERRED_FAMILY, SHIPPED_FAMILY} & set(QFontDatabase.families()):
        return list(_registered)  # (families(), not hasFamily(): no substitute is sought)
    folder = resources_dir() / "fonts"
    for path in sorted(folder.glob("LiberationSans-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not register the shipped font %s", path.name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _registered:
                _registered.append(family)
    _on_this_pc.clear()  # the shipped family is there now
    return list(_registered)
