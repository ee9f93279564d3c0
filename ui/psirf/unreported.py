"""The "not yet reported" flag: a small, self-contained panel for Today and the
huddle's safety section.

It lists incidents and near misses with no incident-system reference (Datix,
Ulysses, Radar...) until someone enters the reference or records why the event
need not be reported. It hides itself when there are none.

On Today it is ``compact``: one line saying how many, and a button that opens
the whole list (:mod:`ui.psirf.unreported_review`), so the overdue actions and
the measures stay in view on a 1366x768 screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from huddle.domain import LearningItem
from huddle.errors import ConflictError, HuddleError
from ui import theme
from ui.context import UiContext, refresh_on_change
from ui.formatting import short_date
from ui.layouts import clear_layout
from ui.psirf.words import UNREPORTED
from ui.runner.look import set_font

SHOWN = 3
WATCHES = ("learning_item", "report_exemption")


class UnreportedFlag(QFrame):
    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        scale: theme.TypeScale = theme.NORMAL,
        shown: int = SHOWN,
        stacked: bool = False,
        on_wall: bool = True,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown = shown
        self.on_wall = on_wall  # False: board mode hides it (an office task, not the wall's)
        self.stacked = stacked  # buttons under the event (narrow places: the huddle)
        self.scale = scale
        self.setObjectName("UnreportedFlag")
        self.setAccessibleName("Not yet reported to the trust's incident system")
        self.items: list[LearningItem] = []  # the events listed (compact: none, it counts)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(14, 10, 14, 10)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        # compact (Today): how many, and a button to review them; no rows
        self.review_button: QPushButton | None = None
        if compact:
            self.review_button = QPushButton("Review them")
            self.review_button.clicked.connect(self.review)
            top.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.layout_.addLayout(top)
        self.rows = QVBoxLayout()
        self.layout_.addLayout(self.rows)
        refresh_on_change(self, ctx.bus, self.refresh, *WATCHES)
        self.set_scale(scale)

    def set_scale(self, scale: theme.TypeScale) -> None:
        """Text sized from ``scale`` from now on, rows built again included.

        On a desk screen the strip stays a quiet note at body size; on a wall (the
        huddle's board mode) its heading and buttons are read from the back row, as
        big as the section's own headings and buttons beside it.
        """
        self.scale = scale
        wall = self.ctx.board_mode
        self.title_points = scale.heading if wall else scale.body * 1.15
        self.button_points = scale.heading if wall else scale.body * 0.95
        set_font(self.heading, self.title_points, bold=True)
        if self.review_button is not None:
            set_font(self.review_button, self.button_points)
        self.refresh()

    def refresh(self) -> None:
        responses = self.ctx.app.responses
        if self.review_button is not None:  # compact: how many is all it shows
            self.items = []
            count = responses.unreported_count()
        else:
            self.items = responses.unreported()
            count = len(self.items)
        clear_layout(self.rows)
        # show() on a widget not yet placed in a page would open it as a window of its own
        if not count or (self.ctx.board_mode and not self.on_wall):
            self.hide()
        elif self.parentWidget() is not None:
            self.show()
        self.heading.setText(
            f"{count} incident{'s' if count != 1 else ''} or near miss{'es' if count != 1 else ''}"
            f" {UNREPORTED}"
        )
        if self.review_button is not None:
            self.review_button.setAccessibleName(f"Review them: {self.heading.text()}")
            return
        for item in self.items[: self.shown]:
            self.rows.addWidget(self._row(item))
        if count > self.shown:
            more = QLabel(f"and {count - self.shown} more in the learning log")
            set_font(more, self.scale.body)
            self.rows.addWidget(more)

    def _row(self, item: LearningItem) -> QWidget:
        row = QWidget()
        lines = QVBoxLayout(row) if self.stacked else QHBoxLayout(row)
        lines.setContentsMargins(0, 2, 0, 2)
        lines.setSpacing(4)
        text = QLabel(f"{short_date(item.occurred_on, year=False)}  {item.title}")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        text.setWordWrap(True)
        set_font(text, self.scale.body)
        lines.addWidget(text, 0 if self.stacked else 1)
        buttons = QHBoxLayout()
        for label, slot in (
            ("Add reference", lambda _=False, i=item: self.add_reference(i)),
            ("No report needed", lambda _=False, i=item: self.not_needed(i)),
        ):
            button = QPushButton(label)
            button.setAccessibleName(f"{label}: {item.title}")
            set_font(button, self.button_points)
            button.setEnabled(not self.ctx.read_only)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        if self.stacked:
            buttons.addStretch(1)
        lines.addLayout(buttons)
        return row

    def review(self) -> None:
        """The whole list, each event with its two answers (Today's compact flag)."""
        from ui.psirf.unreported_review import UnreportedReview  # only when asked

        UnreportedReview.ask(self, ctx=self.ctx)

    def add_reference(self, item: LearningItem) -> bool:
        return self._answer(
            lambda reference: self.ctx.app.responses.record_reference(
                item.id, reference=reference, expected_version=item.version
            ),
            title="Incident-system reference",
            prompt=f"The reference the trust's incident system gave '{item.title}'.",
            hint="For example W20411",
        )

    def not_needed(self, item: LearningItem) -> bool:
        return self._answer(
            # the strip lists only events with no reason yet: one given meanwhile on
            # another PC is a conflict, not silently replaced
            lambda reason: self.ctx.app.responses.mark_not_needed(
                item.id, reason=reason, expected_version=None
            ),
            title="Why no report is needed",
            prompt=f"Why '{item.title}' need not go to the trust's incident system.",
            hint="For example: already reported by pharmacy under their reference",
        )

    def _answer(self, save: Callable[[str], object], *, title: str, prompt: str, hint: str) -> bool:
        """Ask for one line of text and ``save`` it; False if cancelled or refused."""
        from ui.psirf.text_answer import TextAnswer  # only when asked: Today paints sooner

        answer = TextAnswer.ask(self, title=title, prompt=prompt, hint=hint)
        if answer is None:
            return False
        try:
            save(answer)
        except HuddleError as error:
            from ui.dialogs import show_error

            show_error(self, error)
            if isinstance(error, ConflictError):
                self.refresh()  # show what the other PC saved (the event may be done)
            return False
        return True
