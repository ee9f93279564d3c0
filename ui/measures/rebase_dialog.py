"""Rebase a chart: new limits from a chosen point, with the reason recorded.

Opened through :meth:`RebaseDialog.ask`. Only points that leave at least two
points on each side are offered (a segment of one point has no moving range).
The reason goes through the patient-identifier guard before it is saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from huddle.domain import Rebase
from huddle.errors import ValidationError
from huddle.services.charts import MeasureChart
from ui.context import UiContext
from ui.dialogs import ACCEPT, REJECT, answer_buttons, stack
from ui.formatting import number
from ui.identifier_guard import confirm_no_identifiers
from ui.measures import words
from ui.measures.measure_dialog import NOT_SAVED, mark_problem

EXPLANATION = (
    "Rebase only when the process has changed for a known reason, for example when a "
    "new way of working has been adopted after a PDSA cycle. The chart then works out "
    "new limits from the chosen point onwards; earlier points keep their own."
)


class RebaseDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        ctx: UiContext,
        chart: MeasureChart,
        suggested_index: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chart = chart
        self.rebase: Rebase | None = None
        title = f"Rebase “{chart.measure.name}”"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(560)
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        self.from_point = QComboBox()
        self.from_point.setAccessibleName("New limits from")
        taken = {r.from_date for r in chart.rebases}
        points = chart.points
        for i in range(2, len(points) - 1):
            day = points[i].period_start
            if day not in taken:
                self.from_point.addItem(
                    f"{words.period_label(day, chart.measure.period)} "
                    f"(value {number(points[i].value, chart.measure.unit)})",
                    day.isoformat(),
                )
        if suggested_index is not None and self.from_point.count():
            found = self.from_point.findData(points[suggested_index].period_start.isoformat())
            self.from_point.setCurrentIndex(found if found >= 0 else self.from_point.count() - 1)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why the process changed")
        self.reason.setPlaceholderText("For example: falls bundle adopted after PDSA 2")
        self.problems = QLabel()
        self.problems.setProperty("role", "error")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setVisible(not self.from_point.count())
        if not self.from_point.count():
            self.problems.setText(
                "This chart needs at least five points before it can be "
                "rebased (two before the new limits, two after)."
            )
        form = QFormLayout()
        form.addRow("New limits from", self.from_point)
        form.addRow("Why the process changed", self.reason)
        buttons, (self.save_button, self.cancel_button) = answer_buttons(
            self,
            ("Rebase chart", ACCEPT, ""),
            ("Cancel", REJECT, ""),
            default=None,
            on_accept=self.save,
        )
        self.save_button.setProperty("kind", "primary")
        self.save_button.setEnabled(self.from_point.count() > 0)
        stack(self, explanation, form, self.problems, buttons)

    def save(self) -> None:
        mark_problem(self.reason, None)
        mark_problem(self.from_point, None)
        if not confirm_no_identifiers(
            self, {"reason": self.reason}, labels={"reason": "Why the process changed"}
        ):
            self.problems.setText(NOT_SAVED)
            self.problems.show()
            return
        try:
            self.rebase = self.ctx.app.measures.rebase(
                self.chart.measure.id,
                from_date=self.from_point.currentData(),
                reason=self.reason.text(),
            )
        except ValidationError as error:
            fields = {"reason": self.reason, "from_date": self.from_point}
            for problem in error.problems:
                if problem.field in fields:
                    mark_problem(fields[problem.field], problem.message)
            self.problems.setText("\n".join(p.message for p in error.problems))
            self.problems.show()
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        ctx: UiContext,
        chart: MeasureChart,
        suggested_index: int | None = None,
    ) -> Rebase | None:
        """Open the dialog; the rebase made, or None if it was cancelled."""
        dialog = cls(parent, ctx, chart, suggested_index)
        try:
            return dialog.rebase if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
