"""Define a new measure or change one: name, unit, better direction, target,
period, chart kind and a fixed baseline. Opened through :meth:`MeasureDialog.ask`.

The dialog saves through the measures service itself, so a problem (a missing
name, a target that is not a number) is shown beside its field and the dialog
stays open until it is fixed or cancelled. The name, unit and description go
through the patient-identifier guard first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from huddle.domain import ChartKind, Direction, Measure, Period, RareEventChart
from huddle.errors import ConflictError, ValidationError
from ui.context import UiContext
from ui.dialogs import ACCEPT, REJECT, answer_buttons, stack
from ui.formatting import exact_number
from ui.identifier_guard import confirm_no_identifiers
from ui.measures import words
from ui.measures.entry_text import clean_number, read_number

ADVISED_BASELINE = 12
NOT_SAVED = (
    "Not saved: edit the highlighted text, or choose Save anyway if it is not a patient identifier."
)


def _choices(box: QComboBox, labels: Mapping[Any, str]) -> None:
    for value, label in labels.items():
        box.addItem(label, value)


def mark_problem(widget: QWidget, message: str | None) -> None:
    """Flag a field (red border from the style sheet, message for screen readers)."""
    widget.setProperty("problem", bool(message))
    widget.setAccessibleDescription(message or "")
    widget.setToolTip(message or "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class MeasureDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, ctx: UiContext, measure: Measure | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing = measure
        self.measure: Measure | None = None
        title = f"Change “{measure.name}”" if measure else "New measure"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(620)

        self.name = QLineEdit()
        self.name.setPlaceholderText("For example: Inpatient falls")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("For example: falls, %, days")
        self.better = QComboBox()
        _choices(self.better, words.DIRECTION_WORDS)
        self.target = QLineEdit()
        self.target.setPlaceholderText("Leave blank for no target")
        self.period = QComboBox()
        _choices(self.period, words.PERIOD_WORDS)
        self.chart_kind = QComboBox()
        _choices(self.chart_kind, words.KIND_WORDS)
        self.rare_events = QComboBox()
        _choices(self.rare_events, words.RARE_EVENT_WORDS)
        self.fix_baseline = QCheckBox("Fix the limits on the first")
        self.baseline = QSpinBox()
        self.baseline.setRange(2, 10_000)
        self.baseline.setValue(ADVISED_BASELINE)
        self.baseline.setSuffix(" points")
        self.baseline.setEnabled(False)
        self.fix_baseline.toggled.connect(self.baseline.setEnabled)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)  # Tab moves on; it never types a tab
        self.description.setPlaceholderText("What it counts and where the numbers come from")
        self.description.setFixedHeight(90)
        self.problems = QLabel()
        self.problems.setProperty("role", "error")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.problems.hide()

        names = {
            self.name: "Name",
            self.unit: "Unit",
            self.better: "Which way is better",
            self.target: "Target (optional)",
            self.period: "Period",
            self.chart_kind: "Chart",
            self.rare_events: "Days between events (for rare harms)",
            self.fix_baseline: "Fix the limits on the first points",
            self.baseline: "Number of baseline points",
            self.description: "Description",
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
        baseline_row = QHBoxLayout()
        baseline_row.addWidget(self.fix_baseline)
        baseline_row.addWidget(self.baseline)
        baseline_row.addStretch(1)
        hint = QLabel(
            f"{ADVISED_BASELINE} or more points are advised; fewer give trial "
            "limits, and the chart says so."
        )
        hint.setProperty("role", "secondary")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Unit", self.unit)
        form.addRow("Which way is better", self.better)
        form.addRow("Target (optional)", self.target)
        form.addRow("Period", self.period)
        form.addRow("Chart", self.chart_kind)
        form.addRow("Days between events", self.rare_events)
        form.addRow("Baseline", baseline_row)
        form.addRow("", hint)
        form.addRow("Description", self.description)

        buttons, (self.save_button, self.cancel_button) = answer_buttons(
            self, ("Save measure", ACCEPT, ""), ("Cancel", REJECT, ""), on_accept=self.save
        )
        self.save_button.setProperty("kind", "primary")
        stack(self, form, self.problems, buttons)
        self.fields: dict[str, QWidget] = {
            "name": self.name,
            "unit": self.unit,
            "better": self.better,
            "target": self.target,
            "period": self.period,
            "chart_kind": self.chart_kind,
            "rare_event_chart": self.rare_events,
            "baseline_points": self.baseline,
            "description": self.description,
        }
        if measure is not None:
            self._show(measure)

    def _show(self, m: Measure) -> None:
        self.name.setText(m.name)
        self.unit.setText(m.unit)
        self.better.setCurrentIndex(self.better.findData(m.better))
        self.target.setText("" if m.target is None else exact_number(m.target))
        self.period.setCurrentIndex(self.period.findData(m.period))
        self.chart_kind.setCurrentIndex(self.chart_kind.findData(m.chart_kind))
        self.rare_events.setCurrentIndex(self.rare_events.findData(m.rare_event_chart))
        self.fix_baseline.setChecked(m.baseline_points is not None)
        if m.baseline_points is not None:
            self.baseline.setValue(m.baseline_points)
        self.description.setPlainText(m.description)

    def values(self) -> dict[str, object]:
        """What the form says, as the service's keyword arguments."""
        target_text = self.target.text().strip()
        number = read_number(target_text) if target_text else None
        return {
            "name": self.name.text(),
            "unit": self.unit.text(),
            "better": Direction(self.better.currentData()),
            "target": (
                number
                if number is not None or not target_text
                else clean_number(target_text) or target_text
            ),
            "period": Period(self.period.currentData()),
            "chart_kind": ChartKind(self.chart_kind.currentData()),
            "rare_event_chart": RareEventChart(self.rare_events.currentData()),
            "baseline_points": self.baseline.value() if self.fix_baseline.isChecked() else None,
            "description": self.description.toPlainText(),
        }

    def save(self) -> None:
        for widget in self.fields.values():
            mark_problem(widget, None)
        self._say("")
        if not confirm_no_identifiers(
            self,
            {"name": self.name, "unit": self.unit, "description": self.description},
            labels={"name": "Name", "unit": "Unit", "description": "Description"},
        ):
            self._say(NOT_SAVED)
            return
        service = self.ctx.app.measures
        try:
            if self.editing is None:
                self.measure = service.define_measure(**self.values())  # type: ignore[arg-type]
            else:
                self.measure = service.update_measure(
                    self.editing.id, expected_version=self.editing.version, **self.values()
                )
        except ValidationError as error:
            lines = []
            for problem in error.problems:
                field_widget = self.fields.get(problem.field)
                message = (
                    "Enter the target as a number, such as 95, or leave it blank."
                    if problem.field == "target"
                    else problem.message
                )
                if field_widget is not None:
                    mark_problem(field_widget, message)
                lines.append(message)
            self._say("\n".join(lines))
            first = self.fields.get(error.problems[0].field)
            if first is not None:
                first.setFocus()
            return
        except ConflictError as error:
            self._say(error.message)
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.setVisible(bool(text))

    @classmethod
    def ask(
        cls, parent: QWidget | None, ctx: UiContext, measure: Measure | None = None
    ) -> Measure | None:
        """Open the dialog; the saved measure, or None if it was cancelled."""
        dialog = cls(parent, ctx, measure)
        try:
            return dialog.measure if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
