"""Settings: the ward's roster. Add, rename, change role, deactivate, reactivate.

Nobody is deleted: a person who leaves is marked inactive, so past huddles
still name who was there. Names and roles go through the patient-identifier
guard before they are saved: a roster is the wrong place for a patient's
details, and a typed number could be one.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from huddle.domain import Person
from huddle.errors import HuddleError
from ui.buttons import push_button
from ui.context import UiContext
from ui.identifier_guard import confirm_no_identifiers, highlighted_spans
from ui.models.base import RECORD_ROLE, SORT_ROLE
from ui.models.roster import PeopleModel
from ui.pages.settings_parts import Card, FieldErrors
from ui.tables import row_table
from ui.wrapping_row import WrappingRow

NOT_SAVED = (
    "Not saved: this looks like a patient identifier. Edit it, or choose Save "
    "anyway if it is not one."
)


class RosterCard(Card):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("The team (roster)", parent)
        self.ctx = ctx
        self.model = PeopleModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = row_table(self.proxy, name="People on the roster")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PeopleModel.ACTIVE, self.proxy.sortOrder())
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(240)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.errors = FieldErrors(self)
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.role = QLineEdit()
        self.role.setAccessibleName("Role")
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("", self.errors.add("display_name"))
        form.addRow("Role", self.role)
        form.addRow("", self.errors.add("role"))
        self.add_button = push_button("Add to roster", kind="primary", clicked=self.add_person)
        self.save_button = push_button(
            "Save changes", name="Save changes to this person", clicked=self.save_person
        )
        self.active_button = push_button("Mark as left the ward", clicked=self.toggle_active)
        row = WrappingRow()  # stacks on a narrow screen rather than widening the page
        for made in (self.add_button, self.save_button, self.active_button):
            row.add(made)
        self.body.addWidget(self.table)
        self.body.addLayout(form)
        self.body.addWidget(row)
        self._selected()

    def refresh(self) -> None:
        chosen = self.selected()
        self.model.set_rows(self.ctx.app.setup.people(include_inactive=True))
        if chosen is not None:
            self.select(chosen.id)
        self._selected()

    def selected(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def select(self, person_id: str) -> None:
        row = self.model.row_of(person_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _selected(self, *_args) -> None:
        person = self.selected()
        editable = not self.ctx.read_only
        self.save_button.setEnabled(editable and person is not None)
        self.active_button.setEnabled(editable and person is not None)
        self.add_button.setEnabled(editable)
        self.name.setEnabled(editable)
        self.role.setEnabled(editable)
        if person is not None:
            self.name.setText(person.display_name)
            self.role.setText(person.role)
            text = "Mark as left the ward" if person.active else "Back on the roster"
            self.active_button.setText(text)
            self.active_button.setAccessibleName(text)

    def _run(self, do, title: str) -> Person | None:
        self.errors.clear()
        try:
            return do()
        except HuddleError as error:
            self.errors.show(error, title=title)
            return None

    def _no_identifiers(self) -> bool:
        """The identifier guard on name and role; False (and said) when the person edits."""
        fields = {"display_name": self.name, "role": self.role}
        if confirm_no_identifiers(self, fields, labels={"display_name": "Name", "role": "Role"}):
            return True
        self.errors.clear()
        for key, widget in fields.items():
            if highlighted_spans(widget):
                shown = self.errors.labels[key]
                shown.setText(NOT_SAVED)
                shown.show()
        return False

    def add_person(self) -> None:
        if not self._no_identifiers():
            return
        setup = self.ctx.app.setup
        added = self._run(
            lambda: setup.add_person(display_name=self.name.text(), role=self.role.text()),
            "That person could not be added",
        )
        if added is not None:
            self.refresh()
            self.select(added.id)

    def save_person(self) -> None:
        person = self.selected()
        if person is None or not self._no_identifiers():
            return
        setup = self.ctx.app.setup
        self._run(
            lambda: setup.update_person(
                person.id,
                expected_version=person.version,
                display_name=self.name.text(),
                role=self.role.text(),
            ),
            "The change could not be saved",
        )

    def toggle_active(self) -> None:
        person = self.selected()
        if person is None:
            return
        setup = self.ctx.app.setup
        self._run(
            lambda: setup.set_person_active(
                person.id, active=not person.active, expected_version=person.version
            ),
            "The change could not be saved",
        )
