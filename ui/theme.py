"""NHS identity colours, type sizes and the application style sheet.

Colours come from the NHS identity guidelines; every text/background pair used
here meets WCAG 2.2 AA contrast. Sizes are in points so they scale with the
screen's DPI; board mode multiplies them for wall screens.
"""

from __future__ import annotations

from dataclasses import dataclass

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
TEXT = "#212B32"
SECONDARY_TEXT = "#4C6272"
BORDER = "#D8DDE0"
BACKGROUND = "#F0F4F5"
WHITE = "#FFFFFF"
FOCUS = "#FFEB3B"
ERROR = "#D5281B"
SUCCESS = "#007F3B"
WARNING = "#FFB81C"  # NHS warm yellow: only ever behind dark text

# Making Data Count point colours (improvement, concern, common cause).
IMPROVEMENT = "#005EB8"
CONCERN = "#ED8B00"
COMMON_CAUSE = "#768692"


@dataclass(frozen=True)
class TypeScale:
    """Point sizes for the app's text; ``board`` mode multiplies them."""

    body: float = 12.0
    small: float = 10.5
    heading: float = 18.0
    title: float = 24.0
    huge: float = 48.0

    def scaled(self, factor: float) -> TypeScale:
        return TypeScale(*(size * factor for size in (self.body, self.small, self.heading,
                                                      self.title, self.huge)))


NORMAL = TypeScale()
BOARD_FACTOR = 1.6
