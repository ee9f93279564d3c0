"""NHS identity colours, type sizes and the app's one style sheet.

Colours come from the NHS identity guidelines; every text/background pair used
here meets WCAG 2.2 AA contrast. Sizes are in points so they scale with the
screen's DPI; board mode multiplies them for wall screens.

:func:`style_sheet` builds the whole app's sheet (the shell's rules, then each
part's from :mod:`ui.style_rules`) and :func:`apply_style` puts it on the
main window (the sheet reaches every widget in it, dialogs included): widgets
choose rules by properties (:func:`mark`), never sheets of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from huddle.resources import resources_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound="QWidget")  # a widget, given back as it came

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
IDENTIFIER_MARK = "#F7C8C3"  # behind text that looks like a patient identifier

# Making Data Count point colours (improvement, concern, common cause).
IMPROVEMENT = "#005EB8"
CONCERN = "#ED8B00"
COMMON_CAUSE = "#768692"

# Arial where the PC has it, else the metric-compatible free fonts.
FONT_FAMILIES = ["Arial", "Liberation Sans", "DejaVu Sans"]
MIN_TOUCH = 48  # pixels: comfortably above the 44 px touch-target minimum
# Scroll bars: flat, in the app's colours, wide enough to take a finger on a ward's
# touch screen (Qt's own Fusion bars are thin, and painting their gradients hands
# work to Qt's thread pool and back, about 20 ms of every start on a two-core PC)
SCROLL_BAR = 18
SCROLL_HANDLE = "#768692"  # NHS mid grey: 3.4:1 against the background


class TypeScale(msgspec.Struct, frozen=True):
    """Point sizes for the app's text; ``board`` mode multiplies them."""

    body: float = 12.0
    small: float = 10.5
    heading: float = 18.0
    title: float = 24.0
    huge: float = 48.0

    def scaled(self, factor: float) -> TypeScale:
        return TypeScale(
            *(
                size * factor
                for size in (self.body, self.small, self.heading, self.title, self.huge)
            )
        )


NORMAL = TypeScale()
BOARD_FACTOR = 1.6


def scale_for(board_mode: bool, board_factor: float = BOARD_FACTOR) -> TypeScale:
    """The type sizes for normal or board mode (``board_factor``: bigger walls, bigger)."""
    return NORMAL.scaled(board_factor) if board_mode else NORMAL


def app_font(points: float = NORMAL.body, *, bold: bool = False, italic: bool = False):
    """The app's font at ``points`` (imported lazily: theme stays Qt-free to read).

    Its glyphs are drawn unhinted. Hinting bends outlines to the pixel grid, which
    helps small type on a coarse screen; the app's type is 12-53 pt, read from
    across a bay, and the bending is a run of the font's own hinting program for
    every glyph at every new size, about a sixth of drawing Today the first time.
    Unhinted text also keeps its designed widths at every size (no width creeping
    by a pixel a glyph as the size changes). Every QFont the app makes starts from
    this one (the application's font), so all text is drawn alike.
    """
    from PySide6.QtGui import QFont

    from ui.fonts import font_families

    chosen = QFont()
    chosen.setFamilies(font_families())
    chosen.setPointSizeF(max(points, 1.0))
    chosen.setBold(bold)
    chosen.setItalic(italic)
    chosen.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return chosen


# The pages with style rules of their own (a main window's keys): the object name of
# the page's top widget, and the name of its rules in ui.style_rules.
PAGE_RULES = {
    "huddle": ("QWidget#HuddleRunner", "runner_rules"),
    "measures": ("QWidget#MeasuresPage", "measures_rules"),
    "actions": ("QWidget#ActionsPage", "actions_rules"),
}


def style_sheet(scale: TypeScale = NORMAL, pages: Iterable[str] | None = None) -> str:
    """The app's whole style: the shell's rules, then each page's own, scoped to it.

    ``pages`` names the pages whose own rules to include (None: every page's). The
    main window adds a page's rules when it builds that page: until then no widget
    could match them, and every widget polished would still try each.
    """
    from ui import style_rules as rules

    # (the part's top widget, its rules): a page's rules win over the shell's
    # inside it, and the identifier mark wins over everything, everywhere.
    tops: list[tuple[str, Callable[[TypeScale], str]]] = [("", rules.widget_rules)]
    tops += [
        (top, getattr(rules, rules_name))
        for page, (top, rules_name) in PAGE_RULES.items()
        if pages is None or page in pages
    ]
    scoped = "".join(scope_rules(top, part(scale)) for top, part in tops)
    marks = "".join(scope_rules(top, rules.identifier_rules(scale)) for top, _ in tops)
    return shell_rules(scale) + drop_down_rules() + scoped + marks


RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def scope_rules(top: str, rules: str) -> str:
    """``rules`` as they would apply had they been set on the widget ``top`` names."""
    if not top:
        return rules

    def scoped(selector: str) -> str:
        if selector.startswith(top):
            return selector
        if selector == "*":
            return f"{top}, {top} *"
        return f"{top} {selector}"

    return "".join(
        ",\n".join(scoped(s.strip()) for s in selectors.split(",")) + f" {{{body}}}\n"
        for selectors, body in RULE.findall(rules)
    )


def apply_style(window: Any, scale: TypeScale = NORMAL, pages: Iterable[str] | None = None) -> None:
    """Give ``window`` (the main window, or a window of its own) the app's style
    (``pages``: only those pages' own rules, see :func:`style_sheet`)."""
    sheet = style_sheet(scale, pages)
    if window.styleSheet() != sheet:
        window.setStyleSheet(sheet)


def styled(widget: W, name: str) -> W:
    """``widget`` named for its rule in the sheet, painting that rule's background."""
    from PySide6.QtCore import Qt

    widget.setObjectName(name)
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    return widget


def mark(widget: Any, prop: str, value: object, *, with_children: bool = False) -> None:
    """Set a style property (``kind``, ``role``, ``mood``...) and restyle ``widget``.

    Qt reads properties only when it polishes a widget, so one that changes
    while shown (a countdown running over, a name ticked) is polished again,
    ``with_children`` when the rules name its children under the property.
    """
    from PySide6.QtWidgets import QWidget

    widget.setProperty(prop, value)
    for each in [widget, *widget.findChildren(QWidget)] if with_children else [widget]:
        style = each.style()
        style.unpolish(each)
        style.polish(each)


def shell_rules(scale: TypeScale) -> str:
    """The shell's style: NHS colours, visible yellow focus, large touch targets.

    Sizes are set only on the shell's own named widgets and roles (``font-size``
    in points, so board mode swaps the whole sheet in one call); ordinary text
    takes the window's font, and pages with fonts of their own (the huddle
    runner) keep them: a sheet's ``font-size`` would override ``setFont``.
    """
    return f"""
QMainWindow, QWidget#Shell, QWidget#PageArea, QWidget#Welcome {{ background: {BACKGROUND}; }}
QWidget {{ color: {TEXT}; }}
QWidget#Header {{ background: {NHS_BLUE}; }}
QWidget#Header QLabel {{ color: {WHITE}; }}
QLabel#WardName {{ font-size: {scale.title}pt; font-weight: bold; }}
QLabel#TodayDate {{ font-size: {scale.heading}pt; }}
QWidget#Nav {{ background: {WHITE}; border-right: 1px solid {BORDER}; }}
QPushButton[nav="true"] {{
    text-align: left; padding: 6px 20px; min-height: {MIN_TOUCH + 8}px;
    font-size: {scale.heading}pt; border: none; border-left: 6px solid transparent;
    background: {WHITE}; color: {NHS_BLUE};
}}
QPushButton[nav="true"]:checked {{
    background: {BACKGROUND}; color: {TEXT}; font-weight: bold;
    border-left: 6px solid {NHS_BLUE};
}}
QPushButton {{
    min-height: {MIN_TOUCH}px; padding: 4px 18px; border-radius: 4px;
    background: {WHITE}; color: {NHS_BLUE}; border: 2px solid {NHS_BLUE};
}}
QPushButton:hover {{ background: {BACKGROUND}; }}
QPushButton:disabled {{ color: {SECONDARY_TEXT}; border-color: {BORDER}; background: {BORDER}; }}
QPushButton[kind="primary"] {{ background: {SUCCESS}; color: {WHITE}; border-color: {SUCCESS};
    font-weight: bold; }}
QPushButton[kind="primary"]:hover {{ background: #00662F; }}
QPushButton[kind="primary"]:disabled {{ background: {BORDER}; color: {SECONDARY_TEXT};
    border-color: {BORDER}; }}
QPushButton[kind="header"] {{ background: {NHS_BLUE}; color: {WHITE}; border-color: {WHITE};
    font-size: {scale.body}pt; }}
QPushButton[kind="header"]:hover {{ background: {NHS_DARK_BLUE}; }}
QPushButton#ShortcutsButton {{ min-height: 32px; padding: 2px 12px; }}
*:focus {{ outline: none; }}
QPushButton:focus, QPushButton[nav="true"]:focus, QPushButton[kind="header"]:focus {{
    background: {FOCUS}; color: {TEXT}; border: 3px solid {TEXT};
}}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus,
QTableView:focus, QCheckBox:focus, QRadioButton:focus {{
    border: 3px solid {TEXT}; background: {FOCUS};
}}
QListView:focus {{ border: 3px solid {TEXT}; }}
QTabBar::tab {{ padding: 8px 16px; border: 3px solid transparent; background: {BACKGROUND}; }}
QTabBar::tab:selected {{ border-bottom: 3px solid {NHS_BLUE}; background: {WHITE};
    font-weight: bold; }}
QTabBar::tab:selected:focus {{ background: {FOCUS}; color: {TEXT}; border: 3px solid {TEXT}; }}
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QDateEdit {{
    background: {WHITE}; border: 2px solid {TEXT}; border-radius: 0; padding: 4px;
    min-height: 32px;
}}
QTableView {{ background: {WHITE}; border: 1px solid {BORDER}; gridline-color: {BORDER};
    selection-background-color: {NHS_BLUE}; selection-color: {WHITE}; }}
QHeaderView::section {{ background: {BACKGROUND}; color: {TEXT}; font-weight: bold;
    border: none; border-bottom: 2px solid {BORDER}; padding: 6px; }}
QFrame#Tile, QFrame#Card {{ background: {WHITE}; border: 1px solid {BORDER};
    border-top: 6px solid {NHS_BLUE}; }}
QLabel#TileTitle, QLabel[role="cardheading"] {{ font-size: {scale.heading}pt;
    font-weight: bold; }}
QLabel[role="pagetitle"] {{ font-size: {scale.title}pt; font-weight: bold; }}
QLabel#BigNumber {{ font-size: {scale.huge * 1.1}pt; font-weight: bold; color: {NHS_DARK_BLUE}; }}
QLabel[role="tileline"] {{ font-size: {scale.heading * 1.25}pt; }}
QLabel[role="tilenote"] {{ font-size: {scale.body * 1.4}pt; color: {SECONDARY_TEXT}; }}
QLabel[role="overdueline"] {{ color: {ERROR}; font-weight: bold;
    font-size: {scale.heading * 1.25}pt; }}
QLabel[role="secondary"] {{ color: {SECONDARY_TEXT}; }}
QLabel[role="fielderror"] {{ color: {ERROR}; font-weight: bold; }}
QPushButton#StartHuddle {{ font-size: {scale.title * 1.3}pt; min-height: {96 * scale.body / 12}px;
    min-width: {400 * scale.body / 12}px; }}
QPushButton#StartWeekly {{ font-size: {scale.body * 1.4}pt; min-height: {52 * scale.body / 12}px;
    padding: 4px 20px; }}
QWidget#SampleStrip {{ background: {WARNING}; }}
QLabel[role="sampleline"] {{ color: {TEXT}; font-size: {scale.heading}pt; font-weight: bold; }}
QLabel#Banner {{ background: {WARNING}; color: {TEXT}; padding: 10px 16px;
    font-size: {scale.heading}pt; font-weight: bold; }}
QProgressBar {{ border: 2px solid {TEXT}; background: {WHITE}; text-align: center;
    min-height: 28px; }}
QProgressBar::chunk {{ background: {NHS_BLUE}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollBar:vertical {{ background: {BACKGROUND}; width: {SCROLL_BAR}px; margin: 0; border: none; }}
QScrollBar:horizontal {{ background: {BACKGROUND}; height: {SCROLL_BAR}px; margin: 0;
    border: none; }}
QScrollBar::handle {{ background: {SCROLL_HANDLE}; border-radius: 4px; margin: 3px; }}
QScrollBar::handle:vertical {{ min-height: {MIN_TOUCH}px; }}
QScrollBar::handle:horizontal {{ min-width: {MIN_TOUCH}px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {SECONDARY_TEXT}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none;
    background: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


def drop_down_rules() -> str:
    """Clear arrows on drop-downs and spin boxes: bordered ones otherwise get a speck."""
    icons = resources_dir() / "icons" / "ui"
    down = (icons / "chevron-down.svg").as_posix()
    up = (icons / "chevron-up.svg").as_posix()
    return f"""
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
    subcontrol-position: center right; width: 34px; border: none; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{down}"); width: 18px;
    height: 18px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 26px; border: none; }}
QAbstractSpinBox::up-arrow {{ image: url("{up}"); width: 13px; height: 13px; }}
QAbstractSpinBox::down-arrow {{ image: url("{down}"); width: 13px; height: 13px; }}
"""
