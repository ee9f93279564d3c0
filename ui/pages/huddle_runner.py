"""The Huddle page: start a huddle, run it section by section, finish it.

Shows one of three views: a big "Start huddle" prompt, the running huddle
(:class:`ui.runner.run_view.RunView`) or the finish summary. On
:meth:`HuddlePage.refresh` a huddle already running on this ward is resumed,
so a restarted PC carries on where the team was. Time comes from an
injectable ``now()`` (the app's clock by default) read by a QTimer, so tests
move a fake clock instead of sleeping.

Keyboard: Page Down / Page Up (or Alt+N / Alt+B) move between sections,
Ctrl+1…9 jump to one, Space toggles a focused name. F11 (the window's board
mode) makes the countdowns, titles, names and text bigger still for a wall
screen, and back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from huddle.domain import Change, Huddle, HuddleKind, HuddleStatus
from huddle.errors import HuddleError
from ui import theme
from ui.context import UiContext
from ui.dialogs import ConfirmDialog
from ui.pages.base import Page
from ui.runner.countdown import SectionTimer
from ui.runner.look import fit_fonts, rescale_fonts, runner_scale, set_font
from ui.runner.run_view import RunView
from ui.runner.start_prompt import StartPrompt
from ui.runner.summary import SummaryView
from ui.shortcuts import WITHIN, add_shortcut

TICK_MS = 250
HUDDLE_ENTITIES = ("huddle", "attendance")
# the safety section shows the measures, so a new point or rebase redraws them too
CONTENT_ENTITIES = (
    "learning_item",
    "action",
    "progress_note",
    "person",
    "measure",
    "measure_point",
    "measure_rebase",
)


class HuddlePage(Page):
    title = "Huddle"
    watches = frozenset({*HUDDLE_ENTITIES, *CONTENT_ENTITIES, "agenda_template", "ward"})
    finished = Signal(str)  # the huddle's id, when it is finished or abandoned

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._now = now or ctx.app.clock.now
        self.scale = runner_scale(ctx)
        self.huddle: Huddle | None = None
        self.timer_book = SectionTimer(self._now)
        theme.styled(self, "HuddleRunner")  # its rules: ui.style_rules.runner_rules
        set_font(self, self.scale.body)
        self.prompt = StartPrompt(ctx, self.scale)
        self.run_view = RunView(ctx, self.scale)
        self.summary = SummaryView(ctx, self.scale)
        self.views = QStackedWidget()
        for view in (self.prompt, self.run_view, self.summary):
            self.views.addWidget(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        self.prompt.start_requested.connect(self.start)
        self.summary.closed.connect(self._close_summary)
        rv = self.run_view
        rv.next_button.clicked.connect(self.next_section)
        rv.back_button.clicked.connect(self.previous_section)
        rv.steps.chosen.connect(self.go_to)
        rv.finish_button.clicked.connect(self.finish)
        rv.abandon_button.clicked.connect(self.abandon)
        self._shortcuts()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        fit_fonts(self, self.scale.body)

    def _shortcuts(self) -> None:
        add_shortcut(Qt.Key.Key_PageDown, self.run_view, self.next_section, context=WITHIN)
        add_shortcut(Qt.Key.Key_PageUp, self.run_view, self.previous_section, context=WITHIN)
        for number in range(1, 10):
            add_shortcut(
                f"Ctrl+{number}", self.run_view, partial(self.go_to, number - 1), context=WITHIN
            )

    def set_board_mode(self, on: bool) -> None:
        """Resize for board mode (``ctx.board_mode``), keeping whatever is typed or shown."""
        scale = runner_scale(self.ctx)
        if scale == self.scale:
            return
        ratio, self.scale = scale.body / self.scale.body, scale
        rescale_fonts(self, ratio)
        for view in (self.prompt, self.run_view):
            view.set_scale(scale)
        fit_fonts(self, scale.body)

    # -- what to show -------------------------------------------------------
    @property
    def current_index(self) -> int:
        return self.timer_book.current or 0

    def refresh(self) -> None:
        app = self.ctx.app
        if not app.has_ward:
            self.prompt.show_message("Set up the ward first (Settings), then start a huddle.")
            self._show(self.prompt)
            return
        running = app.huddles.running()
        if running is not None:
            self._show_running(running)
        elif self.huddle is not None:
            ended = app.huddles.huddle(self.huddle.id)
            self._ended(ended)
        elif self.views.currentWidget() is not self.summary:
            self.prompt.refresh()
            self._show(self.prompt)
        fit_fonts(self, self.scale.body)

    def on_changed(self, change: Change) -> None:
        if not self.due(change):
            return
        if change.touches(*HUDDLE_ENTITIES, "agenda_template", "ward") or self.huddle is None:
            self.refresh()
        if self.huddle is not None and change.touches(*CONTENT_ENTITIES):
            if change.touches("person"):
                self.run_view.update_huddle(self.huddle, self._people())
            self.run_view.reload_panels()
            fit_fonts(self, self.scale.body)

    def _show(self, view: QWidget) -> None:
        self.views.setCurrentWidget(view)
        if view is self.run_view:
            self.timer.start()
        else:
            self.timer.stop()

    def _people(self):
        return self.ctx.app.setup.people(include_inactive=True)

    def _show_running(self, huddle: Huddle) -> None:
        if self.huddle is None or self.huddle.id != huddle.id:
            self.huddle = huddle
            self.timer_book = SectionTimer(self._now)
            self.run_view.load(huddle, self._people())
            elapsed = (self._now() - huddle.started_at).total_seconds()
            index = self.timer_book.resume(elapsed, [s.seconds for s in huddle.sections])
            self.run_view.show_section(index)
        else:
            self.huddle = huddle
            self.run_view.update_huddle(huddle, self._people())
        self._show(self.run_view)
        self.tick()

    def _ended(self, huddle: Huddle) -> None:
        """The huddle we showed has ended (here or on another PC)."""
        self.huddle = None
        if huddle.status is HuddleStatus.FINISHED:
            self.summary.show_record(self.ctx.app.huddles.record(huddle.id))
            self._show(self.summary)
        else:
            self.prompt.refresh()
            self.prompt.show_message("The huddle was abandoned; it does not count as held.")
            self._show(self.prompt)

    def _close_summary(self) -> None:
        self.prompt.refresh()
        self._show(self.prompt)

    # -- the clock ----------------------------------------------------------
    def tick(self) -> None:
        """Redraw both countdowns from the time source."""
        if self.huddle is None or not self.huddle.sections:
            return
        sections = self.huddle.sections
        index = min(self.current_index, len(sections) - 1)
        spent = self.timer_book.spent(index)
        self.run_view.section_countdown.show_remaining(sections[index].seconds - spent)
        total = sum(s.seconds for s in sections)
        elapsed = (self._now() - self.huddle.started_at).total_seconds()
        self.run_view.huddle_countdown.show_remaining(total - elapsed)

    # -- moving through the agenda ------------------------------------------
    def go_to(self, index: int) -> None:
        if self.huddle is None or not 0 <= index < len(self.huddle.sections):
            return
        if index != self.timer_book.current:
            self.run_view.panels[self.current_index].flush()
            self.timer_book.enter(index)
        self.run_view.show_section(index)
        self.tick()

    def next_section(self) -> None:
        self.go_to(self.current_index + 1)

    def previous_section(self) -> None:
        self.go_to(self.current_index - 1)

    # -- starting and ending ------------------------------------------------
    def start(self, kind: HuddleKind = HuddleKind.DAILY_SAFETY) -> None:
        """Start a huddle of ``kind`` (or carry on with the one running)."""
        app = self.ctx.app
        if self.ctx.read_only:
            self.refresh()
            return
        try:
            if app.huddles.running() is None:
                app.huddles.start_huddle(kind=kind)
        except HuddleError as error:
            self.prompt.show_error(error)
            return
        self.refresh()

    def finish(self) -> None:
        if self.huddle is None or self.ctx.read_only:
            return
        unsaved = self.run_view.unsaved_sections()
        if unsaved:
            self.go_to(unsaved[0])
            panel = self.run_view.panels[unsaved[0]]
            self.run_view.problem.show_error(
                "some notes look like they hold a patient identifier: edit it out, or choose "
                "Save anyway."
                if panel.holds_identifier()
                else "some notes could not be saved; see the section marked in red.",
                "Not finished: ",
            )
            return
        self._end(self.ctx.app.huddles.finish_huddle, "Not finished: ")

    def abandon(self) -> None:
        if self.huddle is None or self.ctx.read_only:
            return
        if not ConfirmDialog.ask(
            self,
            title="Abandon this huddle?",
            question="Abandon this huddle? Use this for a huddle started by mistake: it will "
            "not count as held. Anything already added (learning, actions) is kept.",
            yes="Abandon huddle",
            no="Keep going",
        ):
            return
        self._end(self.ctx.app.huddles.abandon_huddle, "Not abandoned: ")

    def _end(self, ending: Callable[[str], object], refused: str) -> None:
        """End the running huddle by ``ending``; if it is refused, say why after ``refused``."""
        if self.huddle is None:
            return
        huddle_id = self.huddle.id
        try:
            ending(huddle_id)
        except HuddleError as error:
            self.run_view.problem.show_error(error, refused)
            return
        self._ended(self.ctx.app.huddles.huddle(huddle_id))
        self.finished.emit(huddle_id)
