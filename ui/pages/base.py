"""What every page shares: the context it works in and how it refreshes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from huddle.domain import Change
from ui.context import UiContext


class Page(QWidget):
    """A page in the main window's navigation.

    Subclasses set ``title`` (shown in the navigation), build their widgets in
    ``__init__`` and redraw from the services in :meth:`refresh`. The window
    calls :meth:`refresh` when the page is shown, and :meth:`on_changed` for
    every change any service reports; the default refreshes when the change
    touches an entity in ``watches`` and the page is visible (otherwise it is
    marked stale and refreshed when next shown).
    """

    title = ""
    watches: frozenset[str] = frozenset()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True

    def refresh(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def set_board_mode(self, on: bool) -> None:
        """Board mode was switched; ``ctx.board_mode`` already says which way.

        The window's style sheet resizes ordinary text; a page with fonts of its
        own overrides this to resize them.
        """

    def due(self, change: Change) -> bool:
        """Whether to act on ``change`` now: it touches what the page watches and
        the page is seen (hidden, it is only marked stale, for when next shown)."""
        if self.watches and not change.touches(*self.watches):
            return False
        if not self.isVisible():
            self._stale = True
            return False
        return True

    def on_changed(self, change: Change) -> None:
        if self.due(change):
            self.refresh()
            self._stale = False

    def refresh_if_stale(self) -> None:
        """Redraw now if the page is due to (it has not been drawn since a change)."""
        if self._stale:
            self.refresh()
            self._stale = False

    def showEvent(self, event) -> None:
        self.refresh_if_stale()
        super().showEvent(event)
