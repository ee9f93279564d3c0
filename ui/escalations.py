"""Escalating to the trust's tiered huddles from the ward's screens.

:class:`EscalateDialog` (opened through ``ask()``, the one seam tests patch)
asks for the tier, the reason and when an answer is needed (24 h, 72 h or a
date) and saves through ``EscalationService.raise_escalation``; the huddle
runner, an action's detail and a learning item's editor each offer it through
:func:`escalate_from`. The words on screen come from :mod:`huddle.words`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from huddle.domain_escalations import EscalationSource
from ui.context import UiContext
from ui.date_fields import date_edit, day_of, to_qdate
from ui.identifier_guard import TextWidget
from ui.runner.look import mark
from ui.runner.quick_add import QuickAddDialog, _text_box

# (what the drop-down says, hours; None: a date chosen below)
ANSWER_NEEDED = (("Within 24 hours", 24), ("Within 72 hours", 72), ("By a date", None))
REASON_PROMPT = (
    "What the ward cannot solve alone, and what it needs: describe the problem and "
    "its effect on patients' safety, not who."
)


@dataclass(frozen=True)
class EscalationDraft:
    tier: str
    reason: str
    hours: int | None
    day: date | None
    raised_by: str


class EscalateDialog(QuickAddDialog):
    """Escalate to a tier: the tier, the reason and when an answer is needed."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        save: Callable[[EscalationDraft], object],
        tiers: Sequence[str],
        today: date,
        about: str = "",
    ) -> None:
        super().__init__(parent, title="Escalate", save=save)
        if about:
            what = QLabel(about)
            what.setWordWrap(True)
            mark(what, "role", "secondary")
            self.form.addRow(what)
        self.tier = QComboBox()
        self.tier.setAccessibleName("Escalate to")
        self.tier.addItems(list(tiers))
        self.reason = _text_box("Reason", REASON_PROMPT)
        self.needed = QComboBox()
        self.needed.setAccessibleName("Answer needed")
        for words, hours in ANSWER_NEEDED:
            self.needed.addItem(words, hours)
        self.day = date_edit("Answer needed by", today + timedelta(days=7))
        self.day.setMinimumDate(to_qdate(today + timedelta(days=1)))
        self.day.setMaximumDate(to_qdate(today + timedelta(days=90)))
        self.needed.currentIndexChanged.connect(self._needed_changed)
        self.raised_by = QLineEdit()
        self.raised_by.setAccessibleName("Raised by")
        self.raised_by.setPlaceholderText("A role or first name, e.g. Nurse in charge")
        self.form.addRow("Escalate to", self.tier)
        self.form.addRow("Reason", self.reason)
        self.form.addRow("Answer needed", self.needed)
        self.form.addRow("By", self.day)
        self.form.addRow("Raised by", self.raised_by)
        self._needed_changed()

    def _needed_changed(self) -> None:
        self.day.setEnabled(self.needed.currentData() is None)

    def fill(
        self, *, tier: str, reason: str, hours: int | None = 24, day: date | None = None
    ) -> None:
        """Type into the form as a person would (for tests)."""
        self.tier.setCurrentIndex(self.tier.findText(tier))
        self.reason.setPlainText(reason)
        self.needed.setCurrentIndex(self.needed.findData(hours))
        if day is not None:
            self.day.setDate(to_qdate(day))

    def text_fields(self) -> dict[str, tuple[str, TextWidget]]:
        return {"reason": ("Reason", self.reason), "raised_by": ("Raised by", self.raised_by)}

    def draft(self) -> EscalationDraft:
        hours = self.needed.currentData()
        return EscalationDraft(
            tier=self.tier.currentText(),
            reason=self.reason.toPlainText(),
            hours=hours,
            day=day_of(self.day) if hours is None else None,
            raised_by=self.raised_by.text(),
        )


def escalate_from(
    parent: QWidget, ctx: UiContext, kind: EscalationSource, source_id: str | None, about: str = ""
) -> Any:
    """Open the dialog for one source (a huddle, its risks, an action, a learning item);
    returns the escalation saved, or None if cancelled."""
    service = ctx.app.escalations

    def save(draft: EscalationDraft) -> object:
        answer_by: Any = draft.day if draft.hours is None else service.answer_needed_in(draft.hours)
        return service.raise_escalation(
            tier=draft.tier,
            reason=draft.reason,
            answer_by=answer_by,
            source_kind=kind,
            source_id=source_id,
            raised_by=draft.raised_by,
        )

    return EscalateDialog.ask(
        parent, save=save, tiers=service.tiers(), today=ctx.app.clock.today(), about=about
    )
