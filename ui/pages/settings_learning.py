"""Settings for learning together: the harm Today shows as its safety cross, the
speak-up pulse's day and question, and the days without harm that earn bronze,
silver and gold certificates."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from huddle.domain import ChartKind
from huddle.domain_psirf import PULSE_QUESTIONS
from huddle.errors import HuddleError
from ui.buttons import push_button
from ui.context import UiContext
from ui.pages.settings_parts import SettingsCard

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class LearningCard(SettingsCard):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Focus harm, speak-up pulse and milestones", ctx, parent)
        self.focus = QComboBox()
        self.focus.setAccessibleName("The harm Today shows as a safety cross")
        self.weekday = QComboBox()
        self.weekday.setAccessibleName("Day of the speak-up pulse")
        self.weekday.addItems(list(WEEKDAYS))
        self.question = QComboBox()
        self.question.setAccessibleName("Speak-up pulse question")
        for question in PULSE_QUESTIONS:
            self.question.addItem(question.text, question.key)
        # long questions must not widen the whole Settings page
        self.question.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.question.setMinimumContentsLength(24)
        self.milestones = QLineEdit()
        self.milestones.setAccessibleName("Days without harm for bronze, silver and gold")
        self.milestones.setPlaceholderText("10, 30, 100")
        self.save_button = push_button(
            "Save", kind="primary", name="Save pulse and milestones", clicked=self.save
        )
        form = QFormLayout()
        form.addRow("Focus harm on Today", self.focus)
        form.addRow("", self.errors.add("focus_measure_id"))
        form.addRow("Pulse day", self.weekday)
        form.addRow("", self.errors.add("pulse_weekday"))
        form.addRow("Pulse question", self.question)
        form.addRow("", self.errors.add("pulse_question"))
        form.addRow("Certificates at (days without harm)", self.milestones)
        form.addRow("", self.errors.add("milestone_days"))
        self.body.addLayout(form)
        self.body.addWidget(self.save_button)
        for widget in (self.focus, self.weekday, self.question, self.milestones, self.save_button):
            widget.setEnabled(not ctx.read_only)

    def refresh(self) -> None:
        prefs = self.ctx.app.preferences
        self.focus.clear()
        self.focus.addItem("The first safety cross (none chosen)", "")
        for measure in self.ctx.app.measures.measures():
            if measure.chart_kind is ChartKind.SAFETY_CROSS:
                self.focus.addItem(measure.name, measure.id)
        self.focus.setCurrentIndex(max(self.focus.findData(prefs.get("focus_measure_id")), 0))
        self.weekday.setCurrentIndex(int(prefs.get("pulse_weekday")))
        self.question.setCurrentIndex(max(self.question.findData(prefs.get("pulse_question")), 0))
        self.milestones.setText(str(prefs.get("milestone_days")))

    def save(self) -> bool:
        self.errors.clear()
        prefs = self.ctx.app.preferences
        try:
            prefs.set("focus_measure_id", str(self.focus.currentData() or ""))
            prefs.set("milestone_days", self.milestones.text().strip())
            prefs.set("pulse_weekday", self.weekday.currentIndex())
            prefs.set("pulse_question", str(self.question.currentData()))
        except HuddleError as error:
            self.errors.show(error, title="The settings could not be saved")
            return False
        return True
