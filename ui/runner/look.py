"""Sizes and fonts the huddle runner shares.

A huddle is read by a team standing about two metres from the screen, so the
runner uses bigger text than the rest of the app, and bigger still in board
mode. Sizes come from :class:`ui.theme.TypeScale`; its rules in the app's one
style sheet are :func:`ui.style_rules.runner_rules`.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ui import theme
from ui.context import UiContext
from ui.style_rules import BUTTON_BORDER as BUTTON_BORDER
from ui.style_rules import MIN_TARGET as MIN_TARGET
from ui.style_rules import NAME_PADDING as NAME_PADDING

# The runner's text is this much bigger than the rest of the app.
RUNNER_FACTOR = 1.35
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
    return theme.app_font(points, bold=bold)


def set_font(widget: QWidget, points: float, *, bold: bool = False) -> None:
    """Give ``widget`` its own size; :func:`fit_fonts` leaves it alone after this."""
    widget.setProperty(SIZED, True)
    widget.setFont(font(points, bold=bold))


def fit_fonts(root: QWidget, points: float) -> None:
    """Give every widget under ``root`` without a size of its own the body size.

    Qt does not reliably pass a parent's font on to children that were built
    before they joined a parent with a style sheet, so the runner sets it.
    """
    from PySide6.QtWidgets import QAbstractSpinBox  # (not needed until the runner)

    body = font(points)
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(SIZED) or widget.font().pointSizeF() == body.pointSizeF():
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue  # a spin box's own editor: its text is the box's size
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


mark = theme.mark  # the runner's modules mark their widgets through the one theme
