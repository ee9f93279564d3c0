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
