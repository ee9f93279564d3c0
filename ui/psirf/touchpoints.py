"""The patient's voice in the huddle: touchpoints of patients' journeys (how each
felt, the emotion, what staff and patients suggested) and "what matters to
you" notes, with quick dialogs to add them. Never who: only what was said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from huddle.domain_psirf import EMOTIONS, TOUCHPOINT_STAGES, Feeling, Touchpoint
from ui import style_rules, theme
from ui.context import UiContext, refresh_on_change
from ui.formatting import short_date
from ui.layouts import clear_layout
from ui.psirf.words import FEELING_WORDS
from ui.runner.look import mark, set_font
from ui.runner.quick_add import QuickAddDialog, _text_box
from ui.wrapping_row import WrappingRow

RECENT_DAYS = 30
SHOWN = 3
FEELING_COLOURS = {Feeling(name): colour for name, colour in style_rules.FEELING_COLOURS.items()}


@dataclass(frozen=True)
class TouchpointDraft:
    stage: str
    feeling: str
    emotion: str
    what_happened: str
    staff_suggestion: str
    patient_suggestion: str


class TouchpointDialog(QuickAddDialog):
    def __init__(self, parent: QWidget | None, *, save: Any) -> None:
        super().__init__(parent, title="Add a touchpoint", save=save)
        self.stage = QComboBox()
        self.stage.setAccessibleName("Touchpoint")
        for key, label in TOUCHPOINT_STAGES:
            self.stage.addItem(label, key)
        self.feeling = QComboBox()
        self.feeling.setAccessibleName("How it felt")
        for feeling in (Feeling.NEGATIVE, Feeling.POSITIVE):
            self.feeling.addItem(FEELING_WORDS[feeling], feeling.value)
        self.emotion = QComboBox()
        self.emotion.setEditable(True)
        self.emotion.setAccessibleName("Emotion")
        self.feeling.currentIndexChanged.connect(self._emotions)
        self._emotions()
        self.what = _text_box("What happened", "What the patient or family said about it")
        self.staff = _text_box("Staff suggested", "What staff suggested")
        self.patients = _text_box("Patients suggested", "What patients or families suggested")
        for box in (self.what, self.staff, self.patients):
            box.setFixedHeight(80)
        self.form.addRow("Touchpoint", self.stage)
        self.form.addRow("How it felt", self.feeling)
        self.form.addRow("Emotion", self.emotion)
        self.form.addRow("What happened", self.what)
        self.form.addRow("Staff suggested", self.staff)
        self.form.addRow("Patients suggested", self.patients)

    def _emotions(self) -> None:
        self.emotion.clear()
        self.emotion.addItems(EMOTIONS[Feeling(self.feeling.currentData())])

    def text_fields(self) -> dict[str, tuple[str, Any]]:
        return {
            "what_happened": ("What happened", self.what),
            "staff_suggestion": ("Staff suggested", self.staff),
            "patient_suggestion": ("Patients suggested", self.patients),
        }

    def draft(self) -> TouchpointDraft:
        return TouchpointDraft(
            stage=self.stage.currentData(),
            feeling=self.feeling.currentData(),
            emotion=self.emotion.currentText(),
            what_happened=self.what.toPlainText(),
            staff_suggestion=self.staff.toPlainText(),
            patient_suggestion=self.patients.toPlainText(),
        )


class WhatMattersDialog(QuickAddDialog):
    def __init__(self, parent: QWidget | None, *, save: Any) -> None:
        super().__init__(parent, title="What matters to you", save=save)
        self.text = _text_box(
            "What matters to the patient", "In their words; never their name or bed number"
        )
        self.form.addRow("What matters", self.text)

    def text_fields(self) -> dict[str, tuple[str, Any]]:
        return {"text": ("What matters", self.text)}

    def draft(self) -> str:
        return self.text.toPlainText()


def touchpoint_line(point: Touchpoint) -> str:
    """ "Night (felt bad, scared): Alarms all night"."""
    feeling = FEELING_WORDS[point.feeling] + (f", {point.emotion}" if point.emotion else "")
    return f"{point.stage_label} ({feeling.lower()}): {point.what_happened}".rstrip(": ")


def suggestion_line(point: Touchpoint) -> str:
    """ "Staff suggest: … · Patients suggest: …" (blank when neither suggested anything)."""
    ideas = [
        f"Staff suggest: {point.staff_suggestion}" if point.staff_suggestion else "",
        f"Patients suggest: {point.patient_suggestion}" if point.patient_suggestion else "",
    ]
    return " \u00b7 ".join(i for i in ideas if i)


def _list_label(name: str, points: float) -> QLabel:
    """A wrapping label for a short list the view writes in rich text (bold names)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(name)
    set_font(label, points)
    return label


class TouchpointView(QWidget):
    """Which touchpoints felt bad most often lately, the latest ones, and what matters."""

    def __init__(self, ctx: UiContext, points: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.points = points
        self.setAccessibleName("Touchpoints of patients' journeys")
        # never squeezed below what it needs by the notes box that stretches beneath
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(f"How patients' journeys felt (last {RECENT_DAYS} days)")
        set_font(self.heading, points * 1.2, bold=True)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.bars = QGridLayout()
        self.bars.setHorizontalSpacing(12)
        layout.addLayout(self.bars)
        self.latest = _list_label("Latest touchpoints", points)
        self.matters = _list_label("What matters to patients", points)
        layout.addWidget(self.latest)
        layout.addWidget(self.matters)
        row = WrappingRow()  # stacked when the section is narrow (a 1366×768 screen)
        self.add_touchpoint = QPushButton("Add a &touchpoint")
        self.add_matters = QPushButton("Add what &matters")
        for button, slot in ((self.add_touchpoint, self.touchpoint_dialog),
                             (self.add_matters, self.matters_dialog)):  # fmt: skip
            button.setAccessibleName(button.text().replace("&", ""))
            set_font(button, points)
            button.setEnabled(not ctx.read_only)
            button.clicked.connect(slot)
            row.add(button)
        layout.addWidget(row)
        refresh_on_change(self, ctx.bus, self.refresh, "touchpoint", "what_matters")
        self.refresh()

    def refresh(self) -> None:
        voice = self.ctx.app.patient_voice
        since = self.ctx.app.clock.today() - timedelta(days=RECENT_DAYS)
        clear_layout(self.bars)
        ranked = voice.felt_bad_most(since=since)[:5]
        top = max((c.negative + c.positive for c in ranked), default=1)
        for row, count in enumerate(ranked):
            label = QLabel(count.label)
            label.setWordWrap(True)  # a long touchpoint name wraps rather than widening the panel
            set_font(label, self.points)
            self.bars.addWidget(label, row, 0)
            for column, (value, feeling) in enumerate(
                ((count.negative, Feeling.NEGATIVE), (count.positive, Feeling.POSITIVE)), start=1
            ):
                bar = QProgressBar()
                bar.setRange(0, top)
                bar.setValue(value)
                bar.setFormat(f"{value} {FEELING_WORDS[feeling].lower()}")
                bar.setAccessibleName(f"{count.label}: {value} {FEELING_WORDS[feeling].lower()}")
                bar.setProperty("feeling", feeling.value)
                set_font(bar, self.points * 0.9)
                bar.setMinimumHeight(round(self.points * 2.2))
                bar.setMinimumWidth(round(self.points * 6))  # the count and word still show
                policy = bar.sizePolicy()
                policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
                bar.setSizePolicy(policy)
                self.bars.addWidget(bar, row, column)
        if not ranked:
            none = QLabel("No touchpoints recorded lately: ask a patient how their stay feels.")
            mark(none, "role", "secondary")
            self.bars.addWidget(none, 0, 0)
        latest = voice.touchpoints(since=since)[:SHOWN]
        lines = []
        for t in latest:
            line = (
                f"<span style='color:{FEELING_COLOURS[t.feeling]}'>\u25cf</span> "
                f"{short_date(t.noted_on, year=False)}: {_html(touchpoint_line(t))}"
            )
            ideas = suggestion_line(t)
            if ideas:
                line += f"<br><span style='color:{theme.SECONDARY_TEXT}'>{_html(ideas)}</span>"
            lines.append(line)
        self.latest.setText("<b>Latest</b><br>" + "<br>".join(lines) if lines else "")
        matters = voice.what_matters(since=since)[:SHOWN]
        self.matters.setText(
            "<b>What matters to you</b><br>"
            + "<br>".join(f"\u201c{_html(m.text)}\u201d" for m in matters)
            if matters
            else ""
        )

    def touchpoint_dialog(self) -> object | None:
        def save(draft: TouchpointDraft) -> object:
            return self.ctx.app.patient_voice.record_touchpoint(**draft.__dict__)

        return TouchpointDialog.ask(self, save=save)

    def matters_dialog(self) -> object | None:
        return WhatMattersDialog.ask(
            self, save=lambda text: self.ctx.app.patient_voice.note_what_matters(text=text)
        )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["TouchpointDialog", "TouchpointView", "WhatMattersDialog"]
