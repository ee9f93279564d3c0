"""The running huddle's screen: countdowns, the agenda, a section, attendance.

Laid out for a wall screen at 1920×1080: the section's countdown and the
whole huddle's countdown top right in big digits, the agenda down the left
as a step list, the current section's panel in the middle, names to tap on
the right, and Back / Next / Finish along the bottom. The page
(:mod:`ui.pages.huddle_runner`) decides what to show; this module lays it out.

The section panel always keeps :data:`SECTION_MIN` (grown with the text), or
more where a section asks for it (the due actions want each on one line, so
that five show on a 1366×768 screen): when the width runs short the agenda
first becomes a strip of numbers, then the names fold to a head count with
"Show names" (:func:`arrangement`). Board mode
drops the agenda and the buttons a wall screen does not need.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Huddle, Person
from ui.context import UiContext
from ui.elided import WrappedLabel
from ui.layouts import scroller
from ui.runner.agenda import panel_for
from ui.runner.attendance import AttendancePanel
from ui.runner.countdown import CountdownDisplay
from ui.runner.feedback import ErrorLabel
from ui.runner.lists import action_line, day_text
from ui.runner.look import fit_fonts, mark, set_font, settle_layout, widths
from ui.runner.sections import SectionPanel
from ui.runner.steps import StepList
from ui.theme import TypeScale
from ui.words import ACTION_STATUS, HUDDLE_KIND

STEPS_WIDTH = 400
STRIP_WIDTH = 76  # the agenda as numbers only
ATTENDANCE_WIDTH = 520
ATTENDANCE_FOLDED = 230
SECTION_MIN = 480  # the section's panel never gets less (at the normal runner size)
GAP = 16
SHORT_HEIGHT = 860  # pixels: below this the countdowns shrink (never in board mode)


class Arrangement(msgspec.Struct, frozen=True):
    """How the middle row shares its width: each part's width in pixels."""

    steps: int
    compact_steps: bool
    attendance: int
    folded: bool
    section: int


def arrangement(
    width: int, scale: TypeScale, *, board: bool = False, section_min: int = SECTION_MIN
) -> Arrangement:
    """The roomiest layout that leaves the section at least ``section_min``
    (:data:`SECTION_MIN` unless the section wants more, at the normal runner size).

    Tried in order: agenda and names in full; the agenda as numbers; the names
    folded too. Board mode shows only the essentials: no agenda, the head count.
    """
    section_min = widths(scale, section_min)
    if board:
        names = widths(scale, ATTENDANCE_FOLDED)
        return Arrangement(0, True, names, True, max(0, width - names - GAP))
    choices = [
        (widths(scale, STEPS_WIDTH), False, widths(scale, ATTENDANCE_WIDTH), False),
        (widths(scale, STRIP_WIDTH), True, widths(scale, ATTENDANCE_WIDTH), False),
        (widths(scale, STRIP_WIDTH), True, widths(scale, ATTENDANCE_FOLDED), True),
    ]
    if board:
        choices = choices[1:]
    for steps, compact, names, folded in choices:
        left = width - steps - names - 2 * GAP
        if left >= section_min:
            return Arrangement(steps, compact, names, folded, left)
    steps, compact, names, folded = choices[-1]
    return Arrangement(steps, compact, names, folded, max(0, width - steps - names - 2 * GAP))


class RunView(QWidget):
    def __init__(self, ctx: UiContext, scale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scale = scale
        self.panels: list[SectionPanel] = []
        self.banner = QLabel("Read-only: you can follow this huddle, but not change it here.")
        mark(self.banner, "role", "banner")
        self.banner.setVisible(ctx.read_only)
        self.kind_title = QLabel("")
        set_font(self.kind_title, scale.heading, bold=True)
        mark(self.kind_title, "role", "secondary")
        self.section_title = WrappedLabel("", lines=2)
        set_font(self.section_title, scale.title * 1.3, bold=True)
        self.section_countdown = CountdownDisplay("This section", scale.huge * 1.25, scale.heading)
        self.huddle_countdown = CountdownDisplay("Whole huddle", scale.huge, scale.heading)
        self.steps = StepList(scale.heading)
        self.steps_scroller = _scroller(self.steps)
        self.steps_scroller.setFixedWidth(widths(scale, STEPS_WIDTH))
        self.section_stack = QStackedWidget()
        self.section_stack.setAccessibleName("Current section")
        self.attendance = AttendancePanel(ctx, scale)
        self.attendance.setFixedWidth(widths(scale, ATTENDANCE_WIDTH))
        self.attendance.fold_toggled.connect(lambda _=False: self.arrange())
        self.layout_now: Arrangement | None = None
        self.back_button = self._button("&Back", "Back to the previous section")
        self.next_button = self._button("&Next", "Next section", "primary")
        self.abandon_button = self._button("&Abandon huddle", "Abandon huddle", "danger")
        self.finish_button = self._button("&Finish huddle", "Finish huddle", "primary")
        self.problem = ErrorLabel()
        self._lay_out()

    def _button(self, text: str, name: str, kind: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setMinimumWidth(180)
        set_font(button, self.scale.heading, bold=True)
        if kind:
            mark(button, "kind", kind)
        return button

    def _lay_out(self) -> None:
        titles = QVBoxLayout()
        titles.addWidget(self.kind_title)
        titles.addWidget(self.section_title)
        titles.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.section_countdown)
        top.addWidget(self.huddle_countdown)
        middle = QHBoxLayout()
        middle.setSpacing(GAP)
        middle.addWidget(self.steps_scroller)
        middle.addWidget(self.section_stack, 1)
        middle.addWidget(self.attendance)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.next_button)
        bottom.addWidget(self.problem, 1)
        bottom.addWidget(self.abandon_button)
        bottom.addWidget(self.finish_button)
        self.outer = layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(12)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

    # -- showing a huddle -----------------------------------------------------
    def load(self, huddle: Huddle, people: Sequence[Person]) -> None:
        """Build the agenda and one panel per section for a newly shown huddle."""
        while (old := self.section_stack.widget(0)) is not None:
            self.section_stack.removeWidget(old)
            old.deleteLater()
        self.panels = []
        self.steps.set_sections(huddle.sections)
        self.kind_title.setText(HUDDLE_KIND[huddle.kind])
        for section in huddle.sections:
            panel = panel_for(self.ctx, section, self.scale)
            holder = _scroller(panel)
            holder.setAccessibleName(section.title)
            self.section_stack.addWidget(holder)
            self.panels.append(panel)
        self.update_huddle(huddle, people)
        self._show_last_time(people)
        self.set_editable(not self.ctx.read_only)
        fit_fonts(self, self.scale.body)
        self.arrange()

    def _show_last_time(self, people: Sequence[Person]) -> None:
        """The first section opens with what the last huddle agreed, and where each stands."""
        huddles = self.ctx.app.huddles
        last = huddles.latest_finished()
        if last is None or not self.panels:
            return
        names = {p.id: p.display_name for p in people}
        agreed = huddles.record(last.id).actions_agreed
        lines = []
        for agreed_then in agreed:
            now = self.ctx.app.actions.action(agreed_then.id)  # where it stands today
            lines.append(f"{action_line(now, names)} · {ACTION_STATUS[now.status].lower()}")
        self.panels[0].show_agreed_last_time(lines, day_text(last.held_on))

    def update_huddle(self, huddle: Huddle, people: Sequence[Person]) -> None:
        self.attendance.show_huddle(huddle, people)
        for panel in self.panels:
            panel.show_huddle(huddle)

    def reload_panels(self) -> None:
        for panel in self.panels:
            panel.reload()

    def show_section(self, index: int) -> None:
        panel = self.panels[index]
        self.section_stack.setCurrentIndex(index)
        if self.layout_now is not None:
            self.arrange()  # a section may want more width: widths first, then lay out once
        settle_layout(panel)
        self.section_title.setText(panel.section.title)
        self.section_title.setAccessibleName(f"Now: {panel.section.title}")
        self.steps.set_current(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.panels) - 1)

    def set_editable(self, editable: bool) -> None:
        self.banner.setVisible(not editable)
        self.attendance.set_editable(editable)
        for panel in self.panels:
            panel.set_editable(editable)
        self.finish_button.setEnabled(editable)
        self.abandon_button.setEnabled(editable)

    def flush(self) -> bool:
        """Save every section's pending text; False if any could not be saved."""
        return not self.unsaved_sections()

    def unsaved_sections(self) -> list[int]:
        """Save every section's pending text; the sections whose text is still unsaved."""
        return [index for index, panel in enumerate(self.panels) if not panel.flush()]

    # -- sharing the width ----------------------------------------------------
    def middle_width(self) -> int:
        margins = self.outer.contentsMargins()
        return self.width() - margins.left() - margins.right()

    def arrange(self) -> None:
        """Share the middle row's width (see :func:`arrangement`); redone on every resize."""
        chosen = arrangement(
            self.middle_width(),
            self.scale,
            board=self.ctx.board_mode,
            section_min=self._wanted_width(),
        )
        self.layout_now = chosen
        self.steps.set_compact(chosen.compact_steps)
        self.steps_scroller.setVisible(chosen.steps > 0)
        self.steps_scroller.setFixedWidth(max(chosen.steps, 1))
        self.attendance.set_foldable(chosen.folded)
        opened = chosen.folded and not self.attendance.folded
        # names opened on a narrow screen take the section's place until folded again
        self.section_stack.setVisible(not opened)
        if opened:
            self.attendance.setMinimumWidth(0)
            self.attendance.setMaximumWidth(16_777_215)
        else:
            self.attendance.setFixedWidth(chosen.attendance)
        self.attendance.set_columns(
            3 if opened or chosen.attendance >= self._three_columns() else 2
        )
        self.abandon_button.setVisible(not self.ctx.board_mode)
        self._size_countdowns()

    def _size_countdowns(self) -> None:
        """Full-size countdowns when there is height to spare, smaller on a short screen.

        The middle row needs room for five actions under the section's title;
        below that height the countdowns give up some of theirs.
        """
        scale = self.scale
        # a wall screen keeps them big: the countdowns are what the back row reads
        short = self.height() < SHORT_HEIGHT and not self.ctx.board_mode
        factor = 0.75 if short else 1.0
        caption = scale.body * 1.1 if short else scale.heading
        self.section_countdown.set_points(scale.huge * 1.25 * factor, caption)
        self.huddle_countdown.set_points(scale.huge * factor, caption)

    def _wanted_width(self) -> int:
        """The width the current section asks for (never less than SECTION_MIN)."""
        index = self.section_stack.currentIndex()
        if not 0 <= index < len(self.panels):
            return SECTION_MIN
        return max(SECTION_MIN, self.panels[index].wants_width)

    def _three_columns(self) -> int:
        return widths(self.scale, ATTENDANCE_WIDTH) + 1  # a wider panel than normal

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.arrange()

    def set_scale(self, scale: TypeScale) -> None:
        """Board mode switched: lay out for ``scale`` (the page resizes the fonts)."""
        self.scale = scale
        self.arrange()
        self.attendance.set_scale(scale)
        settle_layout(self.steps)
        self.steps.points = scale.heading
        for countdown in (self.section_countdown, self.huddle_countdown):
            countdown.fit_digits()
        for panel in self.panels:
            panel.set_scale(scale)


def _scroller(content: QWidget) -> QScrollArea:
    """A frameless, vertical-only scroll area around ``content``."""
    return scroller(content, see_through=True)
