"""Sizes, fonts and the style sheet the huddle runner shares.

A huddle is read by a team standing about two metres from the screen, so the
runner uses bigger text than the rest of the app, and bigger still in board
mode. Sizes come from :class:`ui.theme.TypeScale`; colours from the NHS
palette in :mod:`ui.theme`.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ui import theme
from ui.context import UiContext
from ui.identifier_guard import MARK as IDENTIFIER_MARK

# The runner's text is this much bigger than the rest of the app.
RUNNER_FACTOR = 1.35
MIN_TARGET = 48  # pixels: comfortably above the 44 px touch-target minimum
BUTTON_BORDER = 2  # pixels, each side of every runner button
NAME_PADDING = 10  # pixels either side of the name on an attendance button
FONT_FAMILIES = ["Arial", "Liberation Sans", "DejaVu Sans"]
SIZED = "runnerSized"  # property set on widgets given their own text size


def runner_factor(ctx: UiContext) -> float:
    """How much bigger than the app's normal text the runner is."""
    return max(ctx.board_factor, RUNNER_FACTOR) if ctx.board_mode else RUNNER_FACTOR


def runner_scale(ctx: UiContext) -> theme.TypeScale:
    return theme.NORMAL.scaled(runner_factor(ctx))


def widths(scale: theme.TypeScale, pixels: int) -> int:
    """A width laid out for the normal runner, grown in step with bigger text."""
    return round(pixels * scale.body / (theme.NORMAL.body * RUNNER_FACTOR))


def font(points: float, *, bold: bool = False) -> QFont:
    chosen = QFont()
    chosen.setFamilies(FONT_FAMILIES)
    chosen.setPointSizeF(max(points, 1.0))
    chosen.setBold(bold)
    return chosen


def set_font(widget: QWidget, points: float, *, bold: bool = False) -> None:
    """Give ``widget`` its own size; :func:`fit_fonts` leaves it alone after this."""
    widget.setProperty(SIZED, True)
    widget.setFont(font(points, bold=bold))


def fit_fonts(root: QWidget, points: float) -> None:
    """Give every widget under ``root`` without a size of its own the body size.

    Qt does not reliably pass a parent's font on to children that were built
    before they joined a parent with a style sheet, so the runner sets it.
    """
    body = font(points)
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(SIZED) or widget.font().pointSizeF() == body.pointSizeF():
            continue
        widget.setFont(body)


def settle_layout(root: QWidget) -> None:
    """Polish everything under ``root`` and lay it out again.

    Rows built while their section was hidden were sized before the style
    sheet reached them (a button's min-height, say); without this they keep
    those smaller sizes and their buttons are cut.
    """
    for widget in [root, *root.findChildren(QWidget)]:
        widget.ensurePolished()
    for widget in [*root.findChildren(QWidget), root]:
        layout = widget.layout()
        if layout is not None:
            layout.invalidate()
    root.updateGeometry()


def rescale_fonts(root: QWidget, ratio: float) -> None:
    """Grow (or shrink) every widget under ``root`` that has a size of its own.

    Every size the runner gives is a multiple of its :class:`~ui.theme.TypeScale`,
    so switching board mode multiplies them all by the ratio of the two scales;
    text a person has typed, and where the cursor is, stay as they are.
    """
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(SIZED):
            resized = widget.font()
            resized.setPointSizeF(max(resized.pointSizeF() * ratio, 1.0))
            widget.setFont(resized)


def style_sheet(scale: theme.TypeScale) -> str:
    """The runner's style: NHS colours, visible focus, large touch targets."""
    return f"""
QWidget#HuddleRunner {{ background: {theme.BACKGROUND}; color: {theme.TEXT}; }}
QFrame#Card {{ background: {theme.WHITE}; border: 1px solid {theme.BORDER}; border-radius: 6px; }}
QLabel {{ color: {theme.TEXT}; }}
QLabel[role="secondary"] {{ color: {theme.SECONDARY_TEXT}; }}
QLabel[role="error"] {{ color: {theme.ERROR}; font-weight: bold; }}
QLabel[role="banner"] {{ background: {theme.WARNING}; color: {theme.TEXT}; padding: 8px; }}
QPushButton {{
    min-height: {MIN_TARGET}px; padding: 4px 16px; border-radius: 4px;
    background: {theme.WHITE}; color: {theme.NHS_BLUE};
    border: {BUTTON_BORDER}px solid {theme.NHS_BLUE};
}}
QPushButton:hover {{ background: {theme.BACKGROUND}; }}
QPushButton[kind="primary"] {{ background: {theme.NHS_BLUE}; color: {theme.WHITE}; }}
QPushButton[kind="primary"]:hover {{ background: {theme.NHS_DARK_BLUE}; }}
QPushButton[kind="danger"] {{ color: {theme.ERROR}; border-color: {theme.ERROR}; }}
QPushButton[kind="person"] {{
    color: {theme.TEXT}; border-color: {theme.SECONDARY_TEXT}; text-align: left;
    padding: 4px {NAME_PADDING}px;
}}
QPushButton[kind="person"]:checked {{
    background: {theme.SUCCESS}; color: {theme.WHITE}; border-color: {theme.SUCCESS};
}}
QPushButton:disabled {{ color: {theme.SECONDARY_TEXT}; border-color: {theme.BORDER}; }}
QPushButton[kind="primary"]:disabled {{ background: {theme.BORDER}; }}
QPushButton:focus, QListWidget:focus, QPlainTextEdit:focus, QLineEdit:focus,
QComboBox:focus, QDateEdit:focus {{ border: 3px solid {theme.TEXT};
    outline: none; }}
QPushButton:focus {{ background: {theme.FOCUS}; color: {theme.TEXT}; }}
QWidget#SectionPanel {{ background: {theme.WHITE}; }}
QScrollArea, QWidget#ScrollContent {{ background: transparent; border: none; }}
QPushButton[kind="step"] {{
    color: {theme.TEXT}; border: 1px solid {theme.BORDER}; text-align: left; padding: 6px;
}}
QLabel[step="other"] {{ color: {theme.TEXT}; background: transparent; }}
QLabel[step="current"] {{ color: {theme.WHITE}; background: transparent; }}
QPushButton[kind="step"][current="true"] {{
    background: {theme.NHS_BLUE}; border: 2px solid {theme.NHS_DARK_BLUE};
}}
QPushButton[kind="step"]:focus {{ border: 3px solid {theme.TEXT}; background: {theme.FOCUS}; }}
QPushButton[kind="step"][current="true"]:focus {{
    background: {theme.NHS_BLUE}; border: 4px solid {theme.FOCUS};
}}
QSpinBox, QCheckBox {{ min-height: {MIN_TARGET}px; }}
QPlainTextEdit, QLineEdit, QComboBox, QDateEdit {{
    background: {theme.WHITE}; color: {theme.TEXT}; border: 2px solid {theme.SECONDARY_TEXT};
    min-height: {MIN_TARGET - 8}px; padding: 2px 6px;
}}
QPlainTextEdit:disabled, QLineEdit:disabled {{ background: {theme.BACKGROUND}; }}
QFrame#IdentifierStrip {{
    background: {IDENTIFIER_MARK}; border: none; border-left: 8px solid {theme.ERROR};
}}
QFrame#IdentifierStrip QLabel {{ color: {theme.TEXT}; background: transparent; }}
""" + theme.drop_down_rules()


def mark(widget: QWidget, prop: str, value: str) -> None:
    """Set a style property (``kind``/``role``) and re-apply the style sheet."""
    widget.setProperty(prop, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
