"""Undoable edits on the Actions page, each calling the core's services.

:class:`ActionEditor` is the one place the page's changes to an action go
through. It pushes a command on a ``QUndoStack`` for what can honestly be
undone:

* a status move (board drag, keyboard, or the detail's status buttons): undo
  moves it back through ``change_status`` with the note "Undone: …", so the
  progress history says what happened;
* a field edit (title, detail, owner, due date, priority, origin): undo saves
  the fields as they were.

Progress notes, PDSA cycles and links are history and are not undone here.

Every call names the version it was based on. A stale one (changed elsewhere)
opens :class:`~ui.actions.conflict_dialog.ConflictDialog`: "keep mine" applies
the same change on top of the newer version, "take theirs" writes nothing.
A command whose change could not be made marks itself obsolete, so Qt drops it
from the stack instead of offering to undo something that never happened.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from huddle.domain import Action, ActionStatus
from huddle.errors import ConflictError, HuddleError
from huddle.services import HuddleApp
from ui import dialogs
from ui.actions.conflict_dialog import KEEP_MINE, ConflictDialog, describe, saved_when
from ui.words import ACTION_STATUS

MAX_RETRIES = 3


class ActionEditor(QObject):
    """Runs the page's changes, with undo, conflict handling and error messages."""

    # An action was found changed elsewhere (its id): views should reload it.
    reload_needed = Signal(str)

    def __init__(
        self, app: HuddleApp, parent_widget: QWidget, *, people: Callable[[], Mapping[str, str]]
    ) -> None:
        super().__init__(parent_widget)
        self.app = app
        self.widget = parent_widget
        self.people = people
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(100)

    # -- what the page asks for -------------------------------------------------
    def move(
        self, action: Action, status: ActionStatus, note: str = "", *, huddle_id: str | None = None
    ) -> bool:
        """Move ``action`` to ``status`` (undoable); True when it was saved."""
        command = MoveCommand(self, action, status, note, huddle_id)
        self.stack.push(command)
        return command.succeeded

    def edit(self, action: Action, changes: Mapping[str, Any]) -> Action | None:
        """Save changed fields of ``action`` (undoable); the saved action, or None."""
        before = {key: _field(action, key) for key in changes}
        if before == dict(changes):
            return action
        command = EditCommand(self, action, before, dict(changes))
        self.stack.push(command)
        return command.result

    # -- running one service call -------------------------------------------------
    def apply(
        self,
        action_id: str,
        version: int,
        attempt: Callable[[int], Action],
        changes: Mapping[str, Any],
    ) -> Action | None:
        """``attempt(version)``; on a conflict ask, and retry on the newer version.

        "Your version" in the dialog is the saved version with ``changes`` made
        to it: exactly what keeping mine would save. Returns None when nothing
        was written.
        """
        for _ in range(MAX_RETRIES):
            try:
                return attempt(version)
            except ConflictError as conflict:
                theirs = conflict.current
                people = self.people()
                choice = ConflictDialog.ask(
                    self.widget,
                    what=str(theirs.get("title") or "this action"),
                    mine=describe({**theirs, **changes}, people),
                    theirs=describe(theirs, people),
                    when=saved_when(theirs),
                )
                self.reload_needed.emit(action_id)
                if choice != KEEP_MINE:
                    return None
                version = int(theirs.get("version", version))
            except HuddleError as error:
                dialogs.show_error(self.widget, error, title="That change was not saved")
                return None
        return None


def _field(action: Action, key: str) -> Any:
    value = getattr(action, key)
    return value.value if hasattr(value, "value") else value


class EditorCommand(QUndoCommand):
    """A command that never lets an exception escape into Qt."""

    def __init__(self, editor: ActionEditor, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.succeeded = False

    def _run(self, step: Callable[[], bool]) -> None:
        try:
            self.succeeded = step()
        except HuddleError as error:
            dialogs.show_error(self.editor.widget, error, title="That change was not saved")
            self.succeeded = False
        if not self.succeeded:
            self.setObsolete(True)


class MoveCommand(EditorCommand):
    def __init__(
        self,
        editor: ActionEditor,
        action: Action,
        status: ActionStatus,
        note: str,
        huddle_id: str | None,
    ) -> None:
        super().__init__(editor, f"move “{action.title}” to {ACTION_STATUS[status]}")
        self.action = action
        self.origin = action.status
        self.target = status
        self.note = note
        self.huddle_id = huddle_id
        self.version = action.version
        self.redone = False

    def _go(self, status: ActionStatus, note: str) -> bool:
        base = self.action
        saved = self.editor.apply(
            base.id,
            self.version,
            lambda version: self.editor.app.actions.change_status(
                base.id,
                status=status,
                expected_version=version,
                note=note,
                huddle_id=self.huddle_id,
            ),
            {"status": status.value},
        )
        if saved is None:
            return False
        self.version = saved.version
        return True

    def redo(self) -> None:
        note = (self.note or "Redone.") if self.redone else self.note
        self.redone = True
        self._run(lambda: self._go(self.target, note))

    def undo(self) -> None:
        back = self.origin
        if back is ActionStatus.DONE:
            note = self.action.closing_note or "Undone: moved back to done."
        elif back is ActionStatus.DROPPED:
            note = self.action.drop_reason or "Undone: moved back to dropped."
        else:
            note = f"Undone: moved back to {ACTION_STATUS[back].lower()}."
        self._run(lambda: self._go(back, note))


class EditCommand(EditorCommand):
    def __init__(
        self, editor: ActionEditor, action: Action, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        names = ", ".join(
            key.replace("_on", "").replace("_id", "").replace("_text", "") for key in after
        )
        super().__init__(editor, f"change {names} of “{action.title}”")
        self.action = action
        self.before = before
        self.after = after
        self.version = action.version
        self.result: Action | None = None

    def _save(self, values: dict[str, Any]) -> bool:
        base = self.action
        saved = self.editor.apply(
            base.id,
            self.version,
            lambda version: self.editor.app.actions.update_action(
                base.id, expected_version=version, **values
            ),
            values,
        )
        if saved is None:
            return False
        self.version = saved.version
        self.result = saved
        return True

    def redo(self) -> None:
        self._run(lambda: self._save(self.after))

    def undo(self) -> None:
        self._run(lambda: self._save(self.before))
