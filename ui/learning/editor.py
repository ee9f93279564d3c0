"""The learning item editor: questions that fit the kind, themes, save, act.

The questions change with the kind (see :mod:`ui.learning.prompts`); a field
the new kind does not ask about stays visible while it holds text, so nothing
typed is hidden. Before saving, every free-text field goes through the
identifier guard. A version conflict keeps the person's typing and offers to
save theirs over the other one or to show the saved version. "Turn into an
action" saves if needed, then creates an action linked to the item.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import HarmLevel, LearningItem, LearningKind, Origin, SafetyCategory
from huddle.domain_escalations import EscalationSource
from huddle.errors import ConflictError, HuddleError, ValidationError
from ui import identifier_guard
from ui.buttons import push_button
from ui.context import UiContext
from ui.date_fields import date_edit, day_of, to_qdate
from ui.dialogs import MessageDialog, show_error
from ui.escalations import escalate_from
from ui.formatting import clock_time
from ui.layouts import scroller
from ui.learning.look import heading, label, problem_label
from ui.learning.prompts import (
    DEFAULT_TITLE_PROMPT,
    FIELD_NAMES,
    HARM_KINDS,
    PROMPT_FIELDS,
    SAFETY_KINDS,
    TITLE_PROMPT,
    prompts_for,
)
from ui.learning.themes import ThemeTags
from ui.words import HARM_LEVEL, LEARNING_KIND, SAFETY_CATEGORY, escalation_state

NEW_KIND = LearningKind.NEAR_MISS


class LearningEditor(QFrame):
    """Edits one learning item (or a new one) through the learning service."""

    saved = Signal(object)  # LearningItem
    action_created = Signal(object)  # Action

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("Card")
        self.item: LearningItem | None = None
        self._loaded: dict[str, Any] = {}
        self._conflict_version: int | None = None
        self.heading = heading("New learning")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of learning")
        for kind in LearningKind:
            self.kind.addItem(LEARNING_KIND[kind], kind)
        self.kind.currentIndexChanged.connect(lambda _: self._show_prompts())
        self.day = date_edit("The day it happened")
        self.title = QLineEdit()
        self.title.setAccessibleName("Short title")
        self.title.setMaxLength(200)
        self.title_prompt = label(DEFAULT_TITLE_PROMPT)
        self.prompt_labels: dict[str, QLabel] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        for name in PROMPT_FIELDS:
            self.prompt_labels[name] = label("")
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)
            box.setFixedHeight(76)
            self.texts[name] = box
        self.incident_ref = QLineEdit()
        self.incident_ref.setAccessibleName("Incident system reference (optional)")
        self.incident_ref.setPlaceholderText("Optional, for example W123456")
        self.category = QComboBox()
        self.category.setAccessibleName("Patient safety category (optional)")
        self.category.addItem("Not set", None)
        for category, words in SAFETY_CATEGORY.items():
            self.category.addItem(words, category)
        self.harm = QComboBox()
        self.harm.setAccessibleName("Harm to the patient")
        for harm, words in HARM_LEVEL.items():
            self.harm.addItem(words, harm)
        self.themes = ThemeTags()
        self.links = label("", "secondary")
        self.conflict = label("")
        self.conflict.setObjectName("Banner")
        self.keep_mine = QPushButton("Save mine over theirs")
        self.show_theirs = QPushButton("Show their version")
        self.keep_mine.clicked.connect(self._save_over_conflict)
        self.show_theirs.clicked.connect(self._load_theirs)
        self.problem = problem_label()
        self.status = label("", "secondary")
        self.save_button = push_button(
            "Save", name="Save this learning", kind="primary", clicked=self.save
        )
        self.action_button = push_button(
            "Turn into an action",
            name="Turn this learning into an improvement action",
            clicked=self.turn_into_action,
        )
        self.escalate_button = push_button(
            "Escalate…", name="Escalate this learning to a tier", clicked=self.escalate
        )
        self._build()
        self.start_new()
        self.set_read_only(ctx.read_only)

    def _build(self) -> None:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.kind, 1)
        top.addSpacing(12)
        top.addWidget(label("Date"))
        top.addWidget(self.day)
        form.addRow(label("Kind"), top)
        self.safety_box = QWidget()
        safety = QFormLayout(self.safety_box)
        safety.setContentsMargins(0, 0, 0, 0)
        safety.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        safety.addRow(label("Incident reference"), self.incident_ref)
        safety.addRow(label("Safety category"), self.category)
        self.harm_label = label("Harm")
        safety.addRow(self.harm_label, self.harm)
        fields = QWidget()
        fields.setObjectName("EditorFields")
        column = QVBoxLayout(fields)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(4)
        column.addLayout(form)
        column.addSpacing(6)
        column.addWidget(self.title_prompt)
        column.addWidget(self.title)
        for name in PROMPT_FIELDS:
            column.addSpacing(6)
            column.addWidget(self.prompt_labels[name])
            column.addWidget(self.texts[name])
        column.addSpacing(8)
        column.addWidget(self.safety_box)
        column.addSpacing(6)
        column.addWidget(label("Themes"))
        column.addWidget(self.themes)
        column.addWidget(self.links)
        column.addStretch(1)
        scroll = scroller(fields, sideways=True)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.keep_mine)
        conflict_row.addWidget(self.show_theirs)
        conflict_row.addStretch(1)
        self.conflict_box = QWidget()
        conflict_layout = QVBoxLayout(self.conflict_box)
        conflict_layout.setContentsMargins(0, 0, 0, 0)
        conflict_layout.addWidget(self.conflict)
        conflict_layout.addLayout(conflict_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.escalate_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.conflict_box)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    # -- what is shown -----------------------------------------------------
    def current_kind(self) -> LearningKind:
        return LearningKind(self.kind.currentData())  # Qt hands the enum back as text

    def visible_prompts(self) -> dict[str, str]:
        """Field → the question shown for it right now."""
        return {
            name: self.prompt_labels[name].text()
            for name in PROMPT_FIELDS
            if not self.texts[name].isHidden()
        }

    def _show_prompts(self) -> None:
        kind = self.current_kind()
        asked = prompts_for(kind)
        for name in PROMPT_FIELDS:
            has_text = bool(self.texts[name].toPlainText().strip())
            shown = name in asked or has_text
            question = asked.get(name, FIELD_NAMES[name])
            self.prompt_labels[name].setText(question)
            self.texts[name].setAccessibleName(question)
            self.prompt_labels[name].setVisible(shown)
            self.texts[name].setVisible(shown)
        self.title_prompt.setText(TITLE_PROMPT.get(kind, DEFAULT_TITLE_PROMPT))
        safety = (
            kind in SAFETY_KINDS
            or bool(self.incident_ref.text().strip())
            or self.category.currentData() is not None
        )
        self.safety_box.setVisible(safety)
        harm_shown = kind in HARM_KINDS
        self.harm.setVisible(harm_shown)
        self.harm_label.setVisible(harm_shown)

    def text_widgets(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        """Every free-text field, by its name in the service (for the identifier guard)."""
        return {"title": self.title, **self.texts, "incident_ref": self.incident_ref}

    def field_labels(self) -> dict[str, str]:
        prompts = prompts_for(self.current_kind())
        return {name: prompts.get(name, FIELD_NAMES[name]) for name in self.text_widgets()}

    # -- loading -------------------------------------------------------------
    def start_new(self, kind: LearningKind = NEW_KIND) -> None:
        self.item = None
        self.heading.setText("New learning")
        today = self.ctx.app.clock.today()
        self._fill(
            kind=kind,
            occurred_on=today,
            title="",
            harm=HarmLevel.NONE,
            safety_category=None,
            incident_ref="",
            themes=(),
            **dict.fromkeys(PROMPT_FIELDS, ""),
        )
        self.links.setText("")

    def load(self, item: LearningItem) -> None:
        self.item = item
        self.heading.setText(f"{LEARNING_KIND[item.kind]}: {item.title}")
        self._fill(
            kind=item.kind,
            occurred_on=item.occurred_on,
            title=item.title,
            harm=item.harm,
            safety_category=item.safety_category,
            incident_ref=item.incident_ref,
            themes=item.themes,
            **{name: getattr(item, name) for name in PROMPT_FIELDS},
        )
        self._show_links(item)

    def _fill(self, **values: Any) -> None:
        self._clear_conflict()
        self.problem.setText("")
        self.status.setText("")
        self.day.setMaximumDate(to_qdate(self.ctx.app.clock.today()))
        self.day.setDate(to_qdate(values["occurred_on"]))
        self.title.setText(values["title"])
        for name in PROMPT_FIELDS:
            self.texts[name].setPlainText(values[name])
        self.incident_ref.setText(values["incident_ref"])
        self.category.setCurrentIndex(max(self.category.findData(values["safety_category"]), 0))
        self.harm.setCurrentIndex(max(self.harm.findData(values["harm"]), 0))
        self.themes.set_known(self.ctx.app.learning.themes())
        self.themes.set_themes(values["themes"])
        self.kind.setCurrentIndex(self.kind.findData(values["kind"]))
        self._show_prompts()
        self._loaded = self.values()

    def _show_links(self, item: LearningItem) -> None:
        escalated = self.ctx.app.escalations.for_source(EscalationSource.LEARNING, item.id)
        said = f" This learning was {escalation_state(escalated[-1])}." if escalated else ""
        if not item.action_ids:
            self.links.setText("Not linked to an action yet." + said)
            return
        titles = []
        for action_id in item.action_ids:
            try:
                titles.append(f"“{self.ctx.app.actions.action(action_id).title}”")
            except HuddleError:
                continue
        self.links.setText("Actions from this learning: " + ", ".join(titles) + "." + said)

    def escalate(self) -> object | None:
        """Save if needed, then escalate this learning to a tier."""
        if self.ctx.read_only:
            return None
        if self.item is None or self.is_dirty():
            if self.save() is None:
                return None
        assert self.item is not None
        about = f"The learning: {self.item.title}"
        saved = escalate_from(self, self.ctx, EscalationSource.LEARNING, self.item.id, about)
        self._show_links(self.item)
        return saved

    def values(self) -> dict[str, Any]:
        """The form's values as the service's keyword arguments."""
        kind = self.current_kind()
        return {
            "kind": kind,
            "occurred_on": day_of(self.day),
            "title": self.title.text(),
            **{name: self.texts[name].toPlainText() for name in PROMPT_FIELDS},
            "incident_ref": self.incident_ref.text(),
            "safety_category": None
            if self.category.currentData() is None
            else SafetyCategory(self.category.currentData()),
            "harm": HarmLevel(self.harm.currentData()) if kind in HARM_KINDS else HarmLevel.NONE,
            "themes": self.themes.themes(),
        }

    def is_dirty(self) -> bool:
        return not self.ctx.read_only and self.values() != self._loaded

    def set_read_only(self, on: bool) -> None:
        for widget in (self.kind, self.day, self.category, self.harm):
            widget.setEnabled(not on)
        for text in self.text_widgets().values():
            text.setReadOnly(on)
        self.themes.set_read_only(on)
        self.save_button.setVisible(not on)
        self.action_button.setVisible(not on)
        self.escalate_button.setVisible(not on)

    # -- saving --------------------------------------------------------------
    def save(self, *, expected_version: int | None = None) -> LearningItem | None:
        """Guard, then save; the saved item, or None (kept on screen) when it was not."""
        if self.ctx.read_only:
            return None
        self.problem.setText("")
        if not identifier_guard.confirm_no_identifiers(
            self,
            self.text_widgets(),
            labels=self.field_labels(),
        ):
            self.status.setText("Not saved: edit the highlighted text, then save again.")
            return None
        values = self.values()
        learning = self.ctx.app.learning
        try:
            if self.item is None:
                item = learning.record_learning(**values)
            else:
                version = self.item.version if expected_version is None else expected_version
                item = learning.update_learning(self.item.id, expected_version=version, **values)
        except ConflictError as error:
            self._show_conflict(error)
            return None
        except ValidationError as error:
            self.problem.setText(" ".join(p.message for p in error.problems))
            widget = self.text_widgets().get(error.problems[0].field)
            if widget is not None:
                widget.setFocus()
            return None
        except HuddleError as error:
            show_error(self, error, title="The learning could not be saved")
            return None
        self.load(item)
        self.status.setText(f"Saved at {self._now_text()}.")
        self.saved.emit(item)
        return item

    def _now_text(self) -> str:
        return clock_time(self.ctx.app.clock.now())

    def _show_conflict(self, error: ConflictError) -> None:
        self._conflict_version = error.current.get("version")
        self.conflict.setText(
            "Someone else saved this learning while you were editing it. Your typing is "
            "still here and has not been saved. Save yours over theirs, or show their "
            "version (your changes will be lost)."
        )
        self.conflict_box.setVisible(True)

    def _clear_conflict(self) -> None:
        self._conflict_version = None
        self.conflict_box.setVisible(False)

    def _save_over_conflict(self) -> None:
        if self._conflict_version is not None:
            self.save(expected_version=self._conflict_version)

    def _load_theirs(self) -> None:
        if self.item is not None:
            self.load(self.ctx.app.learning.item(self.item.id))

    def turn_into_action(self) -> None:
        """Save if needed, then create an action from this learning, linked both ways."""
        if self.ctx.read_only:
            return
        if self.item is None or self.is_dirty():
            if self.save() is None:
                return
        assert self.item is not None
        item = self.item
        detail = item.what_change or item.what_learned or item.what_happened
        try:
            action = self.ctx.app.actions.create_action(
                title=item.title, detail=detail, origin=Origin.LEARNING, learning_ids=[item.id]
            )
        except HuddleError as error:
            show_error(self, error, title="The action could not be created")
            return
        self.load(self.ctx.app.learning.item(item.id))
        self.action_created.emit(action)
        MessageDialog.ask(
            self,
            title="Action created",
            text=(
                f"The action “{action.title}” has been created from this learning and linked to "
                "it. You will find it on the Actions page, ready for an owner and a due date."
            ),
        )
