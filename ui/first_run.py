"""The welcome shown when the database has no ward yet.

Name the ward (site and specialty if wanted), type the roster one person a
line ("Name, Role") or leave it for later, pick the agenda the team starts
with, and go. Or explore a sample ward: it is built beside the ward's database
(``sample-ward.db``) off the UI thread, with a progress bar, then opened.
Everything typed goes through the patient-identifier guard before the ward is
set up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import HuddleKind
from huddle.errors import HuddleError, ValidationError
from huddle.resources import welcome_preview
from ui import dialogs
from ui.buttons import push_button
from ui.context import UiContext
from ui.identifier_guard import TextWidget, confirm_no_identifiers, highlighted_spans
from ui.tasks import TaskRunner

Field = TypeVar("Field", QLineEdit, QPlainTextEdit)


class FittedPicture(QLabel):
    """A picture as wide as its column (never wider than drawn), its shape kept."""

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = pixmap
        self.setMinimumWidth(160)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return not self.original.isNull()

    def heightForWidth(self, width: int) -> int:
        shown = min(width, self.original.width())
        return round(shown * self.original.height() / max(self.original.width(), 1))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.original.isNull():
            self.setPixmap(
                self.original.scaledToWidth(
                    min(self.width(), self.original.width()),
                    Qt.TransformationMode.SmoothTransformation,
                )
            )


SAMPLE_NAME = "sample-ward.db"
SAMPLE_WEEKS = 26


def parse_roster(text: str) -> list[tuple[str, str]]:
    """One person a line, ``Name, Role`` (the role may be left off)."""
    people = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _, role = line.partition(",")
        people.append((name.strip(), role.strip()))
    return people


def build_sample_ward(path: Path, progress) -> Path:
    """Build the sample ward at ``path`` (a new file). Runs on a worker thread."""
    from huddle.demo import build_demo  # heavy and rarely needed: imported only here

    build_demo(path, weeks=SAMPLE_WEEKS, progress=progress)
    return path


class FirstRunPage(QWidget):
    ward_created = Signal()
    open_requested = Signal(object)  # Path of a database to open instead

    def __init__(self, ctx: UiContext, *, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.database = Path(database)
        self.tasks = TaskRunner(self)
        self.setObjectName("Welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.errors: dict[str, QLabel] = {}
        card = QFrame()
        card.setObjectName("Card")
        form_box = QVBoxLayout(card)
        form_box.setContentsMargins(32, 24, 32, 24)
        form_box.setSpacing(12)
        title = QLabel("Welcome to Ward Huddle")
        title.setProperty("role", "pagetitle")
        intro = QLabel(
            "Set up your ward in a minute: its name, who is on the team, and the "
            "agenda you start with. You can change all of it later in Settings."
        )
        intro.setWordWrap(True)
        form_box.addWidget(title)
        form_box.addWidget(intro)
        if ctx.read_only:
            locked = QLabel(
                "Someone else has this ward's data open, so it cannot be set up "
                "from here right now. You can still explore the sample ward."
            )
            locked.setObjectName("Banner")
            locked.setWordWrap(True)
            form_box.addWidget(locked)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.name = self._field(form, "name", "Ward name (required)", QLineEdit())
        self.site = self._field(form, "site", "Hospital or site (optional)", QLineEdit())
        self.specialty = self._field(form, "specialty", "Specialty (optional)", QLineEdit())
        self.roster = self._field(
            form,
            "roster",
            "The team, one person a line: Name, Role (or leave it blank for now)",
            QPlainTextEdit(),
        )
        self.roster.setPlaceholderText("Amara K, Ward Sister\nBen T, Staff Nurse")
        self.roster.setTabChangesFocus(True)
        self.roster.setMinimumHeight(140)
        form_box.addLayout(form)
        form_box.addWidget(self._template_choice())
        self.create_button = push_button(
            "Set up the ward", kind="primary", clicked=self.create_ward
        )
        self.sample_button = push_button("Explore with sample data", clicked=self.open_sample)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sample_button)
        form_box.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Building the sample ward")
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "secondary")
        form_box.addWidget(self.progress)
        form_box.addWidget(self.status)
        for widget in (self.name, self.site, self.specialty, self.roster, self.create_button):
            widget.setEnabled(not ctx.read_only)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 3)
        outer.addWidget(self._preview(), 2, Qt.AlignmentFlag.AlignTop)
        outer.addStretch(1)

    def _preview(self) -> QFrame:
        """What a huddle looks like: the runner on the sample ward, with what it shows."""
        card = QFrame()
        card.setObjectName("Card")
        column = QVBoxLayout(card)
        column.setContentsMargins(24, 24, 24, 24)
        heading = QLabel("What a huddle looks like")
        heading.setProperty("role", "cardheading")
        self.picture = FittedPicture(QPixmap(str(welcome_preview())))
        self.picture.setAccessibleName("A running huddle on the sample ward")
        caption = QLabel(
            "Ten minutes at the ward's PC: a countdown for each part of the agenda, "
            "yesterday's safety events and today's risks, the actions due, ideas and "
            "things to celebrate. Everyone taps their name as they join."
        )
        caption.setWordWrap(True)
        caption.setProperty("role", "secondary")
        column.addWidget(heading)
        column.addWidget(self.picture)
        column.addWidget(caption)
        return card

    def _field(self, form: QFormLayout, key: str, text: str, widget: Field) -> Field:
        widget.setAccessibleName(text)
        error = QLabel("")
        error.setProperty("role", "fielderror")
        error.setWordWrap(True)
        error.hide()
        self.errors[key] = error
        column = QVBoxLayout()
        column.addWidget(widget)
        column.addWidget(error)
        caption = QLabel(text)
        caption.setBuddy(widget)
        form.addRow(caption, column)
        return widget

    def _template_choice(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("The agenda you start with"))
        self.template_group = QButtonGroup(self)
        self.daily = QRadioButton("Daily safety huddle: about 10 minutes, every day")
        self.weekly = QRadioButton("Weekly improvement huddle: about 15 minutes, once a week")
        for kind, button in (
            (HuddleKind.DAILY_SAFETY, self.daily),
            (HuddleKind.WEEKLY_IMPROVEMENT, self.weekly),
        ):
            button.setAccessibleName(button.text())
            button.setProperty("kind_value", kind.value)
            self.template_group.addButton(button)
            column.addWidget(button)
        self.daily.setChecked(True)
        note = QLabel("Both are added; this one is what Start huddle uses.")
        note.setProperty("role", "secondary")
        column.addWidget(note)
        return box

    # -- setting up -------------------------------------------------------------
    def chosen_kind(self) -> HuddleKind:
        return HuddleKind.WEEKLY_IMPROVEMENT if self.weekly.isChecked() else HuddleKind.DAILY_SAFETY

    def _clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()

    def show_problems(self, error: ValidationError) -> None:
        for problem in error.problems:
            key = problem.field.split("[", 1)[0]
            key = "roster" if key in ("roster", "role") else key
            shown = self.errors.get(key)
            if shown is None:
                dialogs.show_error(self, error, title="The ward could not be set up")
                continue
            prefix = ""
            if problem.field.startswith("roster["):
                line = int(problem.field[7:].split("]", 1)[0]) + 1
                prefix = f"Line {line}: "
            shown.setText(prefix + problem.message)
            shown.show()

    def _no_identifiers(self) -> bool:
        """The identifier guard on every field; False (and said beside it) to edit."""
        fields: dict[str, TextWidget] = {
            "name": self.name,
            "site": self.site,
            "specialty": self.specialty,
            "roster": self.roster,
        }
        labels = {
            "name": "Ward name",
            "site": "Hospital or site",
            "specialty": "Specialty",
            "roster": "The team",
        }
        if confirm_no_identifiers(self, fields, labels=labels):
            return True
        for key, widget in fields.items():
            if highlighted_spans(widget):
                self.errors[key].setText(
                    "Not set up yet: this looks like a patient identifier, so edit it out. "
                    "If it is not one, choose Set up the ward again and then Save anyway."
                )
                self.errors[key].show()
        return False

    def create_ward(self) -> None:
        self._clear_errors()
        if not self._no_identifiers():
            return
        setup = self.ctx.app.setup
        try:
            setup.create_ward(
                name=self.name.text(),
                site=self.site.text(),
                specialty=self.specialty.text(),
                roster=parse_roster(self.roster.toPlainText()),
                starter_templates=True,
            )
            if self.chosen_kind() is HuddleKind.WEEKLY_IMPROVEMENT:
                weekly = setup.default_template(HuddleKind.WEEKLY_IMPROVEMENT)
                if weekly is not None:
                    setup.save_template(
                        name=weekly.name,
                        kind=weekly.kind,
                        sections=weekly.sections,
                        is_default=True,
                        template_id=weekly.id,
                        expected_version=weekly.version,
                    )
        except ValidationError as error:
            self.show_problems(error)
            return
        except HuddleError as error:
            dialogs.show_error(self, error, title="The ward could not be set up")
            return
        self.ward_created.emit()

    # -- the sample ward --------------------------------------------------------
    @property
    def sample_path(self) -> Path:
        return self.database.parent / SAMPLE_NAME

    def open_sample(self) -> None:
        path = self.sample_path
        if path.exists():
            self.open_requested.emit(path)
            return
        self.sample_button.setEnabled(False)
        self.create_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Building a sample ward with six months of huddles…")
        self.tasks.run(
            lambda progress: build_sample_ward(path, progress),
            on_result=self._sample_built,
            on_error=self._sample_failed,
            on_progress=self._sample_progress,
        )

    def _sample_progress(self, value) -> None:
        if isinstance(value, tuple) and len(value) == 2 and value[1]:
            self.progress.setRange(0, int(value[1]))
            self.progress.setValue(int(value[0]))
        elif isinstance(value, (int, float)):
            self.progress.setRange(0, 100)
            self.progress.setValue(int(value * 100 if value <= 1 else value))
        elif isinstance(value, str):
            self.status.setText(value)

    def _sample_built(self, path: Path) -> None:
        self.progress.hide()
        self.status.setText("")
        self.open_requested.emit(Path(path))

    def _sample_failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.sample_button.setEnabled(True)
        self.create_button.setEnabled(not self.ctx.read_only)
        try:
            if self.sample_path.exists():
                self.sample_path.unlink()
        except OSError:
            pass
        if isinstance(error, ImportError):
            self.status.setText("The sample ward is not available in this version.")
            return
        self.status.setText("")
        dialogs.show_error(self, error, title="The sample ward could not be built")
