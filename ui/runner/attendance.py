"""Who is at the huddle: tap a name to mark them present.

Each tap is saved at once (``record_attendance``), so switching the PC off
mid-huddle loses nothing. Every name shows with its role. When the roster is
longer than the columns hold, "Find your name" narrows the names to those
matching what is typed (Enter ticks the only match), so nobody has to
scroll. People not on the roster (bank staff, visitors) are a head count with
big − and + buttons; the facilitator is picked from the roster.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Huddle, Person
from huddle.errors import HuddleError
from huddle.services.huddles import MAX_OTHERS
from ui.context import UiContext
from ui.layouts import scroller
from ui.runner.feedback import ErrorLabel
from ui.runner.look import (
    BUTTON_BORDER,
    MIN_TARGET,
    NAME_PADDING,
    font,
    mark,
    set_font,
    widths,
)
from ui.theme import TypeScale

COLUMNS = 2  # the most there is room for at the normal width; wider panels get more
MAX_COLUMNS = 3
TICK = "✓"
NAME_ROOM = 2 * (NAME_PADDING + BUTTON_BORDER) + 2  # around a name on its button, and a hair
NAME_SIZE = 1.0  # names (and their roles) at this many times the body size: two lines fit


def name_text(name: str, role: str, *, present: bool) -> str:
    """What a name's button says: the name (ticked when here), the role beneath."""
    first = f"{TICK} {name}" if present else name
    return f"{first}\n{role}" if role else first


def matches(typed: str, name: str, role: str) -> bool:
    """Whether a person is one that ``typed`` looks for: any word of the name or role
    starts with each typed word ("sta n" finds every staff nurse)."""
    words = f"{name} {role}".casefold().replace("(", " ").split()
    return all(any(word.startswith(part) for word in words) for part in typed.casefold().split())


class AttendancePanel(QFrame):
    """Names to tap; on a narrow screen, folded to the head count and a button."""

    fold_toggled = Signal(bool)  # True: the person asked to see the names

    def __init__(self, ctx: UiContext, scale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.columns = COLUMNS
        self.folded = False
        self.ctx = ctx
        self.scale = scale
        self.huddle_id: str | None = None
        self.buttons: dict[str, QPushButton] = {}
        self._roster_key: tuple[tuple[str, str], ...] = ()
        self._placed_for: tuple[int, float, str] | None = None  # (column width, size, typed)
        self.head_count = QLabel("")
        set_font(self.head_count, scale.heading, bold=True)
        self.hint = hint = QLabel("Tap your name when you join.")
        mark(hint, "role", "secondary")
        hint.setWordWrap(True)
        self.roles: dict[str, str] = {}
        self.finder = QLineEdit()
        self.finder.setPlaceholderText("Find your name: type its first letters")
        self.finder.setAccessibleName("Find your name")
        self.finder.setClearButtonEnabled(True)
        self.finder.setVisible(False)  # only when the roster is longer than the columns hold
        self.finder.textChanged.connect(self._find)
        self.finder.returnPressed.connect(self._tick_only_match)
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for column in range(COLUMNS):  # the columns share the width: none runs off the edge
            self.grid.setColumnStretch(column, 1)
        names = QWidget()
        names.setObjectName("ScrollContent")
        names.setLayout(self.grid)
        self.scroller = scroller(names, see_through=True)
        self.others = QSpinBox()
        self.others.setRange(0, MAX_OTHERS)
        self.others.setKeyboardTracking(False)
        # No arrows: the big - and + beside it do that. Not NoButtons: under a
        # style sheet with a border Qt then leaves the number 1 pixel and it vanishes.
        self.others.setProperty("arrows", "none")
        self.others.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.others.setAccessibleName("Others not on the roster")
        self.others.setMinimumWidth(90)
        set_font(self.others, scale.heading, bold=True)  # as big as the - and + beside it
        self.others.valueChanged.connect(self._others_changed)
        self.fewer = self._step_button("−", "One fewer other", -1)
        self.more = self._step_button("+", "One more other", +1)
        others_row = QHBoxLayout()
        others_label = QLabel("Others not on the roster")
        others_label.setBuddy(self.others)
        others_label.setWordWrap(True)
        others_row.addWidget(others_label, 1)
        others_row.addWidget(self.fewer)
        others_row.addWidget(self.others)
        others_row.addWidget(self.more)
        self.facilitator = QComboBox()
        self.facilitator.setAccessibleName("Facilitator")
        self.facilitator.currentIndexChanged.connect(self._facilitator_changed)
        facilitator_label = QLabel("Facilitator")
        facilitator_label.setBuddy(self.facilitator)
        self.problem = ErrorLabel()
        self.fold_button = QPushButton("Show names")
        self.fold_button.setAccessibleName("Show the names to tap")
        self.fold_button.setCheckable(True)
        self.fold_button.setVisible(False)
        self.fold_button.toggled.connect(self._fold_clicked)
        self.details = QWidget()
        self.details.setObjectName("ScrollContent")
        inner = QVBoxLayout(self.details)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(hint)
        inner.addWidget(self.finder)
        inner.addWidget(self.scroller, 1)
        inner.addLayout(others_row)
        facilitator_row = QHBoxLayout()  # one row: the names keep the height
        facilitator_row.addWidget(facilitator_label)
        facilitator_row.addWidget(self.facilitator, 1)
        inner.addLayout(facilitator_row)
        self.head_count.setWordWrap(True)
        self.outer = layout = QVBoxLayout(self)
        layout.addWidget(self.head_count)
        layout.addWidget(self.fold_button)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.problem)
        self.folded_stretch = layout.count()
        layout.addStretch(0)

    # -- folding on a narrow screen -----------------------------------------
    def set_foldable(self, foldable: bool) -> None:
        """A narrow screen: fold to the head count and "Show names" (open stays open)."""
        self.fold_button.setVisible(foldable)
        if not foldable:
            self.fold_button.blockSignals(True)
            self.fold_button.setChecked(False)
            self.fold_button.blockSignals(False)
        self._show_fold()

    def _fold_clicked(self, shown: bool) -> None:
        self._show_fold()
        self.fold_toggled.emit(shown)

    def _show_fold(self) -> None:
        foldable = not self.fold_button.isHidden()
        opened = self.fold_button.isChecked()
        self.folded = foldable and not opened
        self.fold_button.setText("Hide names" if opened else "Show names")
        self.details.setVisible(not self.folded)
        self.outer.setStretch(self.folded_stretch, 1 if self.folded else 0)

    def set_columns(self, columns: int) -> None:
        columns = max(1, min(MAX_COLUMNS, columns))
        if columns == self.columns:
            return
        for column in range(MAX_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.columns = columns
        self._placed_for = None
        if self.buttons:
            self._place_buttons()

    def _step_button(self, text: str, name: str, step: int) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        side = max(MIN_TARGET + 8, widths(self.scale, MIN_TARGET + 8))
        button.setFixedSize(side, side)
        set_font(button, self.scale.heading, bold=True)
        button.clicked.connect(lambda: self.others.setValue(self.others.value() + step))
        return button

    # -- showing ------------------------------------------------------------
    def show_huddle(self, huddle: Huddle, people: Sequence[Person]) -> None:
        """Show ``huddle``'s attendance; ``people`` is the roster to offer."""
        self.huddle_id = huddle.id
        shown = [p for p in people if p.active or p.id in huddle.attendee_ids]
        key = tuple((p.id, f"{p.display_name}\n{p.role}") for p in shown)
        self.facilitator.blockSignals(True)
        if key != self._roster_key:
            self._build_buttons(shown)
            self._roster_key = key
            self.facilitator.clear()
            self.facilitator.addItem("Not chosen", None)
            for person in shown:
                self.facilitator.addItem(person.display_name, person.id)
        for person_id in self.buttons:
            self._show_state(person_id, person_id in huddle.attendee_ids)
        self.others.blockSignals(True)
        self.others.setValue(huddle.others_count)
        self.others.blockSignals(False)
        index = self.facilitator.findData(huddle.facilitator_id)
        self.facilitator.setCurrentIndex(max(index, 0))
        self.facilitator.blockSignals(False)
        named = len(huddle.attendee_ids)
        self.head_count.setText(
            f"{huddle.head_count} here"
            + (f" ({huddle.others_count} not on the roster)" if huddle.others_count else "")
        )
        self.head_count.setAccessibleName(f"Attendance: {self.head_count.text()}")
        self.setAccessibleDescription(f"{named} named on the roster")

    def _build_buttons(self, people: Sequence[Person]) -> None:
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}
        self.roles = {person.id: person.role for person in people}
        for person in people:
            button = QPushButton(name_text(person.display_name, person.role, present=False))
            button.setCheckable(True)
            button.setMinimumHeight(self._name_height())
            # the width comes from the column, not the name, so two columns always fit
            policy = button.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            button.setSizePolicy(policy)
            set_font(button, self.scale.body * NAME_SIZE, bold=True)
            mark(button, "kind", "person")
            button.setAccessibleName(person.display_name)
            button.setToolTip(f"{person.display_name}, {person.role}" if person.role else "")
            button.toggled.connect(lambda on, pid=person.id: self._toggled(pid, on))
            self.buttons[person.id] = button
        self._placed_for = None
        self._place_buttons()

    def _name_height(self) -> int:
        """A name's button: two lines of text, its padding and border, and a hair."""
        lines = QFontMetrics(font(self.scale.body * NAME_SIZE, bold=True)).lineSpacing()
        return max(MIN_TARGET + 8, 2 * lines + 2 * (4 + BUTTON_BORDER) + 4)

    def _column_width(self) -> int:
        """How wide one column of names is, leaving room for the scroll bar."""
        margins = self.outer.contentsMargins()
        inner = self.contentsRect().width() - margins.left() - margins.right()
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        gaps = self.grid.horizontalSpacing() * (self.columns - 1)
        return (inner - bar - gaps) // self.columns

    def _place_buttons(self) -> None:
        """Names across the columns; a name too long for its column (ticked) gets a whole row.

        Only the names matching "Find your name" are placed; the field itself shows
        only when the whole roster needs more height than the names have.
        """
        column = self._column_width()
        typed = self.finder.text().strip()
        # measured at the scale's size, not the buttons' fonts, so the places do not
        # depend on whether a board-mode switch resizes the fonts or the panel first
        placing = (column, self.scale.body, typed)
        if placing == self._placed_for:
            return
        self._placed_for = placing
        metrics = QFontMetrics(font(self.scale.body * NAME_SIZE, bold=True))
        for button in self.buttons.values():
            self.grid.removeWidget(button)
        row = spot = 0
        for person_id, button in self.buttons.items():
            name, role = button.accessibleName(), self.roles.get(person_id, "")
            found = matches(typed, name, role)
            button.setVisible(found)
            if not found:
                continue
            needed = NAME_ROOM + max(
                metrics.horizontalAdvance(line)
                for line in name_text(name, role, present=True).split("\n")
            )
            if needed > column:
                if spot:
                    row, spot = row + 1, 0
                self.grid.addWidget(button, row, 0, 1, self.columns)
                row += 1
                continue
            self.grid.addWidget(button, row, spot)
            spot += 1
            if spot == self.columns:
                row, spot = row + 1, 0
        for stretch_row in range(self.grid.rowCount()):
            self.grid.setRowStretch(stretch_row, 0)
        self.grid.setRowStretch(row + (1 if spot else 0), 1)
        self._offer_finder(row + (1 if spot else 0))

    def _offer_finder(self, rows: int) -> None:
        """Show "Find your name" when the names need more height than they have."""
        if self.finder.text():
            return  # never hide the field someone is typing in
        room = self.scroller.viewport().height()
        if self.finder.isVisible():  # the hint's place and the field's, were they gone
            room += self.finder.sizeHint().height() - self.hint.sizeHint().height()
        row_height = max((b.sizeHint().height() for b in self.buttons.values()), default=0)
        needed = rows * (row_height + self.grid.verticalSpacing())
        self.finder.setVisible(needed > room)
        self.hint.setVisible(needed <= room)  # the field's own words say what to do

    def _find(self, _typed: str) -> None:
        if self.buttons:
            self._place_buttons()
            self.scroller.verticalScrollBar().setValue(0)

    def _tick_only_match(self) -> None:
        """Enter in "Find your name": tick the one person it found, then clear for the next."""
        found = [b for b in self.buttons.values() if not b.isHidden()]
        if len(found) == 1 and self.finder.text().strip():
            if not found[0].isChecked():
                found[0].click()
            self.finder.clear()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.buttons:
            self._place_buttons()
            self._offer_finder(self.grid.rowCount() - 1)  # the last row is the stretch

    def _show_state(self, person_id: str, present: bool) -> None:
        button = self.buttons[person_id]
        button.blockSignals(True)
        button.setChecked(present)
        button.blockSignals(False)
        role = self.roles.get(person_id, "")
        button.setText(name_text(button.accessibleName(), role, present=present))
        button.setAccessibleDescription("Here" if present else "Not marked as here")

    def set_scale(self, scale: TypeScale) -> None:
        """Board mode switched: names added from now on use ``scale``; fonts are resized
        by the page."""
        self.scale = scale
        side = max(MIN_TARGET + 8, widths(scale, MIN_TARGET + 8))
        for button in (self.fewer, self.more):
            button.setFixedSize(side, side)
        for button in self.buttons.values():
            button.setMinimumHeight(self._name_height())
        if self.buttons:
            self._place_buttons()

    def set_editable(self, editable: bool) -> None:
        for widget in (
            *self.buttons.values(),
            self.finder,
            self.others,
            self.fewer,
            self.more,
            self.facilitator,
        ):
            widget.setEnabled(editable)

    # -- saving -------------------------------------------------------------
    def _toggled(self, person_id: str, present: bool) -> None:
        try:
            self.ctx.app.huddles.record_attendance(
                self._huddle(), person_id=person_id, present=present
            )
        except HuddleError as error:
            self._show_state(person_id, not present)
            self.problem.show_error(error)
            return
        self._show_state(person_id, present)
        self.problem.clear_error()
        self._refresh_count()

    def _others_changed(self, count: int) -> None:
        try:
            self.ctx.app.huddles.set_others_count(self._huddle(), count=count)
        except HuddleError as error:
            self.problem.show_error(error)
            return
        self.problem.clear_error()
        self._refresh_count()

    def _facilitator_changed(self) -> None:
        try:
            self.ctx.app.huddles.set_facilitator(
                self._huddle(), person_id=self.facilitator.currentData()
            )
        except HuddleError as error:
            self.problem.show_error(error)
            return
        self.problem.clear_error()

    def _refresh_count(self) -> None:
        huddle = self.ctx.app.huddles.huddle(self._huddle())
        self.show_huddle(huddle, self.ctx.app.setup.people(include_inactive=True))

    def _huddle(self) -> str:
        assert self.huddle_id is not None, "show_huddle() first"
        return self.huddle_id
