"""The one object handed to every window, page and dialog (no singletons)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import QObject, Signal

from huddle.domain import Change
from huddle.presence import Holder
from huddle.services import HuddleApp

if TYPE_CHECKING:
    from ui.pages.settings_manager import ManagerGate


class ChangeBus(QObject):
    """Re-emits every service change as one Qt signal, on the UI thread."""

    changed = Signal(object)  # huddle.domain.Change

    def __init__(self, app: HuddleApp, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app.subscribe(self._relay)

    def _relay(self, change: Change) -> None:
        self.changed.emit(change)


class _Refresher(QObject):
    """Calls ``refresh`` when a change touches ``entities``; a child of the widget it
    serves, so it stops listening when that widget goes."""

    def __init__(
        self,
        owner: QObject,
        bus: ChangeBus,
        refresh: Callable[[], object],
        entities: tuple[str, ...],
    ) -> None:
        super().__init__(owner)
        self._refresh = refresh
        self._entities = entities
        bus.changed.connect(self._changed)

    def _changed(self, change: Change) -> None:
        if change.touches(*self._entities):
            self._refresh()


def refresh_on_change(
    owner: QObject, bus: ChangeBus, refresh: Callable[[], object], *entities: str
) -> None:
    """Call ``refresh`` (``owner``'s redraw) whenever a saved change touches any of
    ``entities``, for as long as ``owner`` lives."""
    _Refresher(owner, bus, refresh, entities)


class UiContext(msgspec.Struct):
    app: HuddleApp
    bus: ChangeBus
    read_only: bool = False
    holder: Holder | None = None  # who else has the database, when read-only for that
    board_mode: bool = False
    read_only_reason: str | None = None  # why this login cannot write the file
    placement_warnings: tuple[str, ...] = ()  # about where the database lives
    # The session's close(), for a page that must let go of the file (a restore).
    close_ward: Callable[[], None] | None = None
    manager_gate: ManagerGate | None = None  # made on first use, shared by every page
    # how much board mode enlarges text: more on a bigger wall screen (see board_factor_for)
    board_factor: float = 1.6


BOARD_BASE_HEIGHT = 1080  # pixels: board mode's sizes are chosen for a 1920×1080 wall


def board_factor_for(screen_height: int, base: float = 1.6) -> float:
    """Board mode's text factor for a screen ``screen_height`` pixels high.

    A 3840×2160 wall at one pixel per pixel gets text twice as big as a
    1920×1080 one, so it reads the same from three metres.
    """
    return base * max(1.0, screen_height / BOARD_BASE_HEIGHT)
