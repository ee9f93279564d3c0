"""The patient-identifier guard for any form: highlight, explain, edit or save anyway.

Before a page saves free text it hands this module its text widgets by field
name, in one line::

    if not confirm_no_identifiers(self, {"title": self.title_edit, "detail": self.detail_edit},
                                  labels={"title": "Title", "detail": "Detail"}):
        return  # the person chose to edit; the matches are highlighted

Each widget's text goes through the core's detector (:mod:`huddle.identifiers`,
with the machine's extra patterns from the settings). Matches are highlighted
in their widget — a pale red background on the matching characters of a
``QPlainTextEdit`` or ``QTextEdit``, the whole field and a selection of the
match in a ``QLineEdit`` — until the person edits that field. A plain
explanation is then shown through :meth:`IdentifierWarning.ask` (the one seam
tests patch) with "Edit" or "Save anyway". Matched text is never logged: only
the detector's masked form ("999 *** **18") is ever shown.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui import theme
from ui.dialogs import ACCEPT, REJECT, accepted, answer_buttons, message_text, stack

if TYPE_CHECKING:
    from huddle.services import HuddleApp

log = logging.getLogger(__name__)

TextWidget = QLineEdit | QPlainTextEdit | QTextEdit
OURS = QTextFormat.Property.UserProperty + 71  # marks the extra selections this guard made
SPANS = "identifierSpans"  # a QLineEdit's highlighted spans, for whoever needs to know
# A pale tint of the NHS error red: distinct from the yellow focus background, and dark text
# on it keeps AA contrast. The red underline (text edits) or border (line edits) goes with it.
MARK = theme.IDENTIFIER_MARK
FOUND = "identifierFound"  # style property: ui.style_rules.identifier_rules


class Guard(Protocol):
    """What the guard needs of a detector (``huddle.identifiers.IdentifierGuard``)."""

    def find(self, text: str) -> Sequence[Any]: ...


def machine_guard() -> Guard:
    """The detector with this PC's settings (extra patterns, checks switched off).

    A malformed setting raises :class:`huddle.config.SettingsError`: the app
    reports it at start rather than checking less than IT asked for.
    """
    from huddle.config import identifier_guard

    return identifier_guard()


def app_near(widget: QObject | None) -> HuddleApp | None:
    """The opened ward a widget works on: its own or its nearest parent's context."""
    from huddle.services import HuddleApp

    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        app = getattr(ctx, "app", None) if ctx is not None else getattr(widget, "app", None)
        if isinstance(app, HuddleApp):
            return app
        widget = widget.parent()
    return None


def confirm_not_identifiers(app: HuddleApp | None, field: str, text: str) -> None:
    """Record the person's "Save anyway": the core then lets this text through."""
    if app is not None and text:
        app.identifiers.confirm(field=field, text=text)


@dataclass(frozen=True)
class FieldMatch:
    """One match in one field: where it is, what it looks like, its masked form."""

    field: str
    field_label: str
    start: int
    end: int
    label: str  # "looks like an NHS number"
    masked: str  # "999 *** **18"


def explanation(matches: Sequence[FieldMatch]) -> str:
    """The plain words the dialog says (never the matched text itself)."""
    if len(matches) == 1:
        only = matches[0]
        return (
            f"This {only.label} ({only.masked}). Patient-identifiable information must "
            "not be stored here. Edit it out, or if it is not an identifier (for example "
            f"a stock code), save anyway.\n\nIt is highlighted in “{only.field_label}”."
        )
    lines = "\n".join(f"•  “{m.field_label}”: {m.label} ({m.masked})" for m in matches)
    return (
        "Some of this looks like patient identifiers:\n\n"
        f"{lines}\n\nPatient-identifiable information must not be stored here. Edit "
        "them out, or if they are not identifiers (for example stock codes), save anyway. "
        "They are highlighted."
    )


class IdentifierWarning(QDialog):
    """Explains what was found; "Edit" (the default) or "Save anyway"."""

    def __init__(self, parent: QWidget | None, *, text: str) -> None:
        super().__init__(parent)
        self.text = message_text(self, title="Possible patient identifier", text=text, width=460)
        buttons, (self.edit_button, self.anyway_button) = answer_buttons(
            self,
            ("Edit", REJECT, "Edit the text"),
            ("Save anyway", ACCEPT, "Save anyway: it is not an identifier"),
        )
        stack(self, self.text, buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, *, text: str) -> bool:
        """True when the person chose "Save anyway"."""
        return accepted(cls(parent, text=text))


def _text_of(widget: TextWidget) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def _qt_position(text: str, index: int) -> int:
    """Qt counts UTF-16 code units; Python counts code points."""
    return len(text[:index].encode("utf-16-le")) // 2


def _own(selection: QTextEdit.ExtraSelection) -> bool:
    return bool(selection.format.property(OURS))


def highlighted_spans(widget: TextWidget) -> list[tuple[int, int]]:
    """The (start, end) spans the guard has highlighted in ``widget`` (Qt positions)."""
    if isinstance(widget, QLineEdit):
        return [tuple(span) for span in (widget.property(SPANS) or [])]
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in widget.extraSelections()
        if _own(s)
    ]


def clear_highlight(widget: TextWidget) -> None:
    if isinstance(widget, QLineEdit):
        if widget.property(SPANS):
            widget.setProperty(SPANS, [])
            theme.mark(widget, FOUND, False)
            widget.setToolTip("")
        return
    kept = [s for s in widget.extraSelections() if not _own(s)]
    if len(kept) != len(widget.extraSelections()):
        widget.setExtraSelections(kept)


def highlight(widget: TextWidget, matches: Sequence[FieldMatch]) -> None:
    """Mark ``matches`` in ``widget`` until its text next changes."""
    clear_highlight(widget)
    if not matches:
        return
    text = _text_of(widget)
    spans = [(_qt_position(text, m.start), _qt_position(text, m.end)) for m in matches]
    if isinstance(widget, QLineEdit):
        widget.setProperty(SPANS, [list(span) for span in spans])
        theme.mark(widget, FOUND, True)
        widget.setToolTip(f"This {matches[0].label} ({matches[0].masked}).")
        widget.setSelection(spans[0][0], spans[0][1] - spans[0][0])
    else:
        found = QTextCharFormat()
        found.setBackground(QColor(MARK))
        found.setForeground(QColor(theme.TEXT))
        found.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        found.setUnderlineColor(QColor(theme.ERROR))
        found.setProperty(OURS, True)
        selections = list(widget.extraSelections())
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(widget.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = found
            selections.append(selection)
        widget.setExtraSelections(selections)
    if not widget.property("identifierWatched"):
        widget.setProperty("identifierWatched", True)
        widget.textChanged.connect(lambda *_: clear_highlight(widget))


class TextFieldGuard:
    """Scans a form's text widgets, highlights matches and asks before saving."""

    def __init__(
        self,
        fields: Mapping[str, TextWidget],
        *,
        labels: Mapping[str, str] | None = None,
        guard: Guard | None = None,
        app: HuddleApp | None = None,
    ) -> None:
        self.fields = dict(fields)
        self.labels = dict(labels or {})
        self._guard = guard
        self.app = app

    @property
    def guard(self) -> Guard:
        if self._guard is None:
            # the core's own check, less what people have confirmed is not an identifier
            self._guard = self.app.identifiers if self.app is not None else machine_guard()
        return self._guard

    def scan(self) -> list[FieldMatch]:
        """Find and highlight every match; clear the marks of fields now clean."""
        found: list[FieldMatch] = []
        for name, widget in self.fields.items():
            text = _text_of(widget)
            label = self.labels.get(name, name.replace("_", " ").capitalize())
            matches = [
                FieldMatch(name, label, m.start, m.end, m.label, m.masked)
                for m in (self.guard.find(text) if text.strip() else ())
            ]
            highlight(widget, matches)
            found.extend(matches)
        return found

    def confirm(self, parent: QWidget | None) -> bool:
        """True to go ahead and save: nothing found, or "Save anyway" chosen."""
        found = self.scan()
        if not found:
            return True
        if IdentifierWarning.ask(parent, text=explanation(found)):
            for name in dict.fromkeys(m.field for m in found):
                confirm_not_identifiers(self.app, name, _text_of(self.fields[name]))
            return True
        first = self.fields[found[0].field]
        first.setFocus()
        if isinstance(first, QLineEdit):
            start, end = highlighted_spans(first)[0]
            first.setSelection(start, end - start)
        return False


def confirm_no_identifiers(
    parent: QWidget | None,
    fields: Mapping[str, TextWidget],
    *,
    labels: Mapping[str, str] | None = None,
    guard: Guard | None = None,
) -> bool:
    """The one-line check before saving: False means "let the person edit"."""
    app = app_near(parent)
    return TextFieldGuard(fields, labels=labels, guard=guard, app=app).confirm(parent)
