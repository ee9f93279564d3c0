"""Settings: agenda templates. Sections (title, time box, what they show), their
order, and which template Start huddle uses by default.

Edits are made to a working copy of the sections in the table and saved
together with "Save agenda", which the core validates in one go. A section
title goes through the patient-identifier guard as it enters the working copy
(Add section, Change section), while it is still in the box to be edited.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import AgendaTemplate, SectionKey, SectionPlan
from huddle.errors import HuddleError
from ui.buttons import push_button
from ui.context import UiContext
from ui.identifier_guard import confirm_no_identifiers
from ui.models.roster import SectionsModel
from ui.pages.settings_parts import Card, FieldErrors
from ui.tables import row_table
from ui.words import HUDDLE_KIND, SECTION_KEY
from ui.wrapping_row import WrappingRow


def agenda_label(template: AgendaTemplate) -> str:
    """ "Night huddle — Daily safety huddle", but never the same words twice."""
    kind = HUDDLE_KIND[template.kind]
    name = template.name.strip()
    words = name if name.casefold() == kind.casefold() else f"{name} — {kind}"
    return words + (" (used by Start huddle)" if template.is_default else "")


def narrow_combo(box: QComboBox) -> None:
    """A drop-down whose width does not grow with its longest item (that cut the page)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(14)


class AgendaCard(Card):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Agendas", parent)
        self.ctx = ctx
        self.templates: list[AgendaTemplate] = []
        self.template_box = QComboBox()
        narrow_combo(self.template_box)
        self.template_box.setAccessibleName("Agenda to edit")
        self.template_box.currentIndexChanged.connect(self._load_template)
        self.default_box = QCheckBox("Start huddle uses this agenda")
        self.default_box.setAccessibleName("Start huddle uses this agenda")
        top = QVBoxLayout()  # one above the other: the agenda's name gets the whole width
        top.addWidget(self.template_box)
        top.addWidget(self.default_box)
        self.model = SectionsModel()
        self.table = row_table(self.model, name="Sections of the agenda, in order")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(260)
        self.table.selectionModel().selectionChanged.connect(self._section_selected)
        self._build_section_form()
        self.body.addLayout(top)
        self.body.addWidget(self.table)
        self.body.addLayout(self.section_form)
        self.body.addWidget(self.section_buttons)

    def _build_section_form(self) -> None:
        self.errors = FieldErrors(self)
        self.title = QLineEdit()
        self.title.setAccessibleName("Section title")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 60)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Time box minutes")
        self.seconds = QSpinBox()
        self.seconds.setRange(0, 59)
        self.seconds.setSingleStep(15)
        self.seconds.setSuffix(" sec")
        self.seconds.setAccessibleName("Time box seconds")
        self.key = QComboBox()
        narrow_combo(self.key)
        self.key.setAccessibleName("What the section shows")
        for key, words in SECTION_KEY.items():
            self.key.addItem(words, key)
        time_row = QHBoxLayout()
        time_row.addWidget(self.minutes)
        time_row.addWidget(self.seconds)
        time_row.addStretch(1)
        self.section_form = QFormLayout()
        self.section_form.addRow("Section title", self.title)
        self.section_form.addRow("", self.errors.add("title"))
        self.section_form.addRow("Time box", time_row)
        self.section_form.addRow("Shows", self.key)
        self.section_form.addRow("", self.errors.add("sections"))
        self.add_section_button = push_button("Add section", clicked=self.add_section)
        self.update_section_button = push_button("Change section", clicked=self.update_section)
        self.remove_button = push_button("Remove section", clicked=self.remove_section)
        self.up_button = push_button(
            "Move up", name="Move section up", clicked=lambda: self.move_section(-1)
        )
        self.down_button = push_button(
            "Move down", name="Move section down", clicked=lambda: self.move_section(+1)
        )
        self.save_button = push_button("Save agenda", kind="primary", clicked=self.save)
        self.section_buttons = WrappingRow()  # stacks on a narrow screen, never cut
        for made in (
            self.add_section_button,
            self.update_section_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.save_button,
        ):
            self.section_buttons.add(made)

    # -- loading ----------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.current_template()
        self.templates = self.ctx.app.setup.templates()
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for template in self.templates:
            self.template_box.addItem(agenda_label(template), template.id)
        index = 0
        if chosen is not None:
            index = max(0, self.template_box.findData(chosen.id))
        self.template_box.setCurrentIndex(index)
        self.template_box.blockSignals(False)
        self._load_template()

    def current_template(self) -> AgendaTemplate | None:
        template_id = self.template_box.currentData()
        return next((t for t in self.templates if t.id == template_id), None)

    def _load_template(self, *_args) -> None:
        template = self.current_template()
        self.errors.clear()
        self.model.set_rows(template.sections if template else ())
        self.default_box.setChecked(bool(template and template.is_default))
        self._section_selected()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _section_selected(self, *_args) -> None:
        row = self.selected_row()
        editable = not self.ctx.read_only
        for made in (
            self.update_section_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            made.setEnabled(editable and row is not None)
        for field in (
            self.add_section_button,
            self.save_button,
            self.default_box,
            self.title,
            self.minutes,
            self.seconds,
            self.key,
            self.template_box,
        ):
            field.setEnabled(editable or field is self.template_box)
        if row is not None:
            section = self.model.sections()[row]
            self.title.setText(section.title)
            self.minutes.setValue(section.seconds // 60)
            self.seconds.setValue(section.seconds % 60)
            self.key.setCurrentIndex(max(0, self.key.findData(section.key)))

    # -- editing the working copy -----------------------------------------------
    def _form_section(self) -> SectionPlan:
        key = self.key.currentData() or SectionKey.CUSTOM
        return SectionPlan(
            SectionKey(key), self.title.text(), self.minutes.value() * 60 + self.seconds.value()
        )

    def _set_sections(self, sections: list[SectionPlan], select: int | None) -> None:
        self.model.set_rows(sections)
        if select is not None and 0 <= select < len(sections):
            self.select_row(select)
        self._section_selected()

    def _title_ok(self) -> bool:
        """The identifier guard on the section title; False (and said) to edit it."""
        self.errors.clear()
        if confirm_no_identifiers(self, {"title": self.title}, labels={"title": "Section title"}):
            return True
        shown = self.errors.labels["title"]
        shown.setText(
            "Not added: this looks like a patient identifier. Edit the title, or "
            "choose Save anyway if it is not one."
        )
        shown.show()
        return False

    def add_section(self) -> None:
        if not self._title_ok():
            return
        sections = self.model.sections()
        sections.append(self._form_section())
        self._set_sections(sections, len(sections) - 1)

    def update_section(self) -> None:
        row = self.selected_row()
        if row is None or not self._title_ok():
            return
        sections = self.model.sections()
        sections[row] = self._form_section()
        self._set_sections(sections, row)

    def remove_section(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        sections = self.model.sections()
        del sections[row]
        self._set_sections(sections, min(row, len(sections) - 1) if sections else None)

    def move_section(self, step: int) -> None:
        row = self.selected_row()
        sections = self.model.sections()
        if row is None or not 0 <= row + step < len(sections):
            return
        sections[row], sections[row + step] = sections[row + step], sections[row]
        self._set_sections(sections, row + step)

    # -- saving -----------------------------------------------------------------
    def save(self) -> None:
        template = self.current_template()
        if template is None:
            return
        self.errors.clear()
        try:
            self.ctx.app.setup.save_template(
                name=template.name,
                kind=template.kind,
                sections=self.model.sections(),
                is_default=self.default_box.isChecked(),
                template_id=template.id,
                expected_version=template.version,
            )
        except HuddleError as error:
            self.errors.show(error, title="The agenda could not be saved")
