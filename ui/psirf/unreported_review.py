"""Every incident and near miss not yet reported, each with its two answers.

Opened from Today's compact "not yet reported" line. It is the huddle's flag in
full (the same rows and buttons), in a dialog that closes itself once nothing is
left to report.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ui.context import UiContext, refresh_on_change
from ui.dialogs import ACCEPT, accepted, answer_buttons, stack
from ui.layouts import scroller
from ui.psirf.unreported import WATCHES, UnreportedFlag

LISTED = 12  # events listed at once; the rest are a count (the learning log has them all)
TITLE = "Not yet reported to the trust's incident system"


class UnreportedReview(QDialog):
    def __init__(self, parent: QWidget | None, *, ctx: UiContext) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.flag = UnreportedFlag(ctx, shown=LISTED)
        listed = QWidget()  # the flag at the top, however tall the dialog
        column = QVBoxLayout(listed)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.flag)
        column.addStretch(1)
        buttons, (self.close_button,) = answer_buttons(self, ("Close", ACCEPT, "Close"))
        stack(self, scroller(listed, see_through=True), buttons)
        self.resize(900, 560)
        refresh_on_change(self, ctx.bus, self._close_when_done, *WATCHES)

    def _close_when_done(self) -> None:
        if not self.flag.items:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, *, ctx: UiContext) -> None:
        accepted(cls(parent, ctx=ctx))
