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


def register_shipped_fonts() -> list[str]:
    """Register the shipped faces once, when the PC has neither Arial nor Liberation
    Sans of its own (a bare Windows image, say); the families added.

    A PC with either lays text out the same without them, and is spared reading
    four font files at every start. Needs a QApplication (Qt's font database lives
    in it). Safe to call again.
    """
    if _registered or any(QFontDatabase.hasFamily(f) for f in (PREFERRED_FAMILY, SHIPPED_FAMILY)):
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
    return list(_registered)
