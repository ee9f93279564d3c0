"""Showing one page in a plain host window, as the main window would hold it."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from huddle.services import HuddleApp
from ui import theme
from ui.context import ChangeBus, UiContext
from ui.pages.base import Page

P = TypeVar("P", bound=Page)


def ui_context(app: HuddleApp, *, read_only: bool = False) -> UiContext:
    return UiContext(app=app, bus=ChangeBus(app), read_only=read_only)


def open_page(
    qtbot: Any,
    page_class: type[P],
    ctx: UiContext,
    *,
    size: tuple[int, int] = (1600, 1000),
    refresh: bool = True,
) -> P:
    """``page_class`` built on ``ctx``, listening to its changes, shown at ``size``.

    The host window is kept on the page (``page.host``) so it lives as long as
    the test holds the page.
    """
    host = QWidget()
    theme.apply_style(host, theme.scale_for(ctx.board_mode, ctx.board_factor))  # as the window
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    page = page_class(ctx)
    layout.addWidget(page)
    ctx.bus.changed.connect(page.on_changed)
    qtbot.addWidget(host)
    host.resize(*size)
    host.show()
    qtbot.waitExposed(host)
    if refresh:
        page.refresh()
    page.host = host  # type: ignore[attr-defined]
    return page
