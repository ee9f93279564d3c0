"""The Today page: one button to start the huddle and tiles read from two metres.

It says what to act on: days since harm, huddles held, the ward's focus harm
as this month's safety cross, the three most overdue actions title first, and
each measure's Making Data Count icons with their words. In board mode (a
wall screen) only those essentials show, bigger. Everything on it comes from
one call, ``app.board.today()``. The page emits
``start_requested(kind)``; the window switches to the Huddle page and starts
(or returns to) the huddle. ``painted`` fires once the first paint after data
arrived has happened (the start-up probe waits for it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import HuddleKind
from huddle.services.board import TodayBoard
from huddle.services.charts import MeasureChart
from ui import theme
from ui.context import UiContext
from ui.formatting import counted, date_and_time, days_phrase, short_date
from ui.layouts import fill, scroller
from ui.pages.base import Page
from ui.pages.today_tiles import (
    BOARD_ICON_SIZE,
    ICON_SIZE,
    TOP_OVERDUE,
    DotStrip,
    Tile,
    action_row,
    label,
    last_days,
    learning_line,
    mark,
    measure_lines,
    measure_verdict,
    rest_of_actions,
    split_row,
)
from ui.psirf.unreported import UnreportedFlag
from ui.words import HUDDLE_KIND, NO_OWNER, YOU_SAID_WE_DID, answer_line, escalation_line

SAMPLE_WARD_WORDS = "Sample ward: nothing here is real. Look around, then set up your own."
LEARNING_LINES = 2  # beside the start button: the rest are a count
TOP_ESCALATIONS = 3  # open escalations listed; the rest are a count
TOP_ANSWERS = 2  # "You said, we did" lines


class TodayPage(Page):
    title = "Today"
    watches = frozenset(
        {
            "ward",
            "person",
            "huddle",
            "attendance",
            "learning_item",
            "action",
            "progress_note",
            "measure",
            "measure_point",
            "agenda_template",
            "escalation",
            "escalation_answer",
        }
    )
    start_requested = Signal(object)  # HuddleKind
    own_ward_requested = Signal()  # leave the sample ward for one's own
    painted = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.board: TodayBoard | None = None
        self._painted_once = False
        self.start_button = QPushButton("Start huddle")
        self.start_button.setObjectName("StartHuddle")
        self.start_button.setAccessibleName("Start huddle")
        mark(self.start_button, "kind", "primary")
        self.start_button.clicked.connect(lambda: self.start_requested.emit(self._start_kind()))
        self.weekly_button = QPushButton("Weekly improvement huddle")
        self.weekly_button.setObjectName("StartWeekly")
        self.weekly_button.setAccessibleName("Start a weekly improvement huddle")
        self.weekly_button.clicked.connect(
            lambda: self.start_requested.emit(HuddleKind.WEEKLY_IMPROVEMENT)
        )
        self.last_huddle = label("", "tilenote", wrap=False)
        self.harm_tile = Tile("Days since the last harm")
        self.huddles_tile = Tile("Huddles held")
        self.focus_tile = Tile("This month's safety cross")
        self.measures_tile = Tile("Our measures")
        self.actions_tile = Tile("Act on these")
        self.learning_tile = Tile("Learning since the last huddle")
        self.escalations_tile = Tile("Escalations")
        # self-contained: it reads and refreshes itself (issue #20)
        self.unreported = UnreportedFlag(ctx, on_wall=False, compact=True)
        self._build_layout()
        self.setFocusProxy(self.start_button)

    def _build_layout(self) -> None:
        self.start_row = QWidget()
        start_row = QHBoxLayout(self.start_row)
        start_row.setContentsMargins(0, 0, 0, 0)
        start_row.addWidget(self.start_button)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.weekly_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.last_huddle)
        side.addStretch(1)
        start_row.addSpacing(24)
        start_row.addLayout(side, 1)
        start_row.addSpacing(18)
        start_row.addWidget(self.learning_tile, 1)
        self.grid = grid = QGridLayout()
        grid.setSpacing(18)
        grid.addWidget(self.harm_tile, 0, 0)
        grid.addWidget(self.huddles_tile, 0, 1)
        grid.addWidget(self.focus_tile, 0, 2, 3, 1)
        grid.addWidget(self.actions_tile, 1, 0, 1, 2)
        grid.addWidget(self.measures_tile, 2, 0, 1, 2)
        grid.addWidget(self.escalations_tile, 3, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        content = QWidget()
        content.setObjectName("PageArea")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(18)
        layout.addWidget(self._sample_strip())
        layout.addWidget(self.start_row)
        layout.addWidget(self.unreported)
        layout.addLayout(grid, 1)
        # a short screen scrolls down rather than squeezing tiles until lines overlap
        self.scroller = scroller(content)  # Tab stops at its tiles, not at it
        content.installEventFilter(self)
        fill(self, self.scroller)

    def _sample_strip(self) -> QWidget:
        """On the sample ward: nothing here is real, and the way to a ward of your own."""
        strip = self.sample_strip = theme.styled(QWidget(), "SampleStrip")
        row = QHBoxLayout(strip)
        row.setContentsMargins(16, 8, 16, 8)
        words = label(SAMPLE_WARD_WORDS, "sampleline")
        self.own_ward_button = QPushButton("Set up your own ward")
        self.own_ward_button.setAccessibleName("Set up your own ward (leaves the sample ward)")
        self.own_ward_button.clicked.connect(self.own_ward_requested.emit)
        row.addWidget(words, 1)
        row.addWidget(self.own_ward_button)
        strip.hide()  # shown by refresh on the sample ward (never before it has a parent)
        return strip

    def is_sample_ward(self) -> bool:
        return bool(self.ctx.app.preferences.get("sample_ward"))

    def set_board_mode(self, on: bool) -> None:
        """A wall screen: only the essentials, bigger; leaving restores the page."""
        self.start_row.setVisible(not on)
        self._show_sample_strip()
        self.unreported.refresh()
        if self.board is not None:
            self.refresh()

    def _start_kind(self) -> HuddleKind:
        running = self.board.running if self.board else None
        return running.kind if running is not None else HuddleKind.DAILY_SAFETY

    # -- filling the tiles ----------------------------------------------------
    def refresh(self) -> None:
        app = self.ctx.app
        if not app.has_ward:
            return
        board = app.board.today()
        self.board = board
        people = {p.id: p.display_name for p in app.setup.people(include_inactive=True)}
        self._show_start(board)
        self._show_harm(board)
        self._show_huddles(board)
        self._show_actions(board, people)
        self._show_learning(board)
        self._show_measures(board)
        self._show_focus(board)
        self._show_escalations(board)
        self.learning_tile.setVisible(not self.ctx.board_mode)
        self._show_sample_strip()
        self.update()

    def _show_sample_strip(self) -> None:
        """Off the wall, on the sample ward; a ward opened read-only (the trust view, a
        ward another PC has open) says so, without the way out it cannot take."""
        self.sample_strip.setVisible(not self.ctx.board_mode and self.is_sample_ward())
        self.own_ward_button.setVisible(not self.ctx.read_only)

    def _show_start(self, board: TodayBoard) -> None:
        running = board.running
        text = "Return to running huddle" if running is not None else "Start huddle"
        self.start_button.setText(text)
        self.start_button.setAccessibleName(text)
        self.start_button.setEnabled(not self.ctx.read_only)
        self.weekly_button.setVisible(running is None)
        self.weekly_button.setEnabled(not self.ctx.read_only)
        if self.ctx.read_only:
            self.start_button.setToolTip("Read-only here: someone else has this ward open.")
        if running is not None:
            self.last_huddle.setText(
                f"A {HUDDLE_KIND[running.kind].lower()} started "
                f"{date_and_time(running.started_at)} is still running."
            )
        elif board.last_huddle is not None:
            last = board.last_huddle
            self.last_huddle.setText(
                f"Last huddle: {date_and_time(last.started_at)}, "
                f"{last.head_count} {'person' if last.head_count == 1 else 'people'} there."
            )
        else:
            self.last_huddle.setText("No huddle held yet: start the first one.")

    def _show_harm(self, board: TodayBoard) -> None:
        tile = self.harm_tile
        tile.clear()
        if board.days_since_last_harm is None:
            # not a giant "no harm" that reads as good news on a ward with no records
            tile.add(label("Nothing recorded yet", "tileline"))
            tile.add(
                label(
                    "Record incidents and near misses in the huddle or on the Learning page; "
                    "this then counts the days since the last harm.",
                    "tilenote",
                )
            )
            return
        big = tile.add(label(str(board.days_since_last_harm), "tileline"))
        big.setObjectName("BigNumber")
        big.setAccessibleName(f"{days_phrase(board.days_since_last_harm)} since the last harm")
        if self.ctx.board_mode:  # the wall shows the number; the sentence is for the desk
            return
        tile.add(
            label(
                f"{days_phrase(board.days_since_last_harm)} since harm was last "
                f"recorded, on {short_date(board.last_harm_on)}.",
                "tilenote",
            )
        )

    def _show_huddles(self, board: TodayBoard) -> None:
        tile = self.huddles_tile
        tile.clear()
        big = tile.add(label(f"{board.huddles_held}/{board.record_days}", "tileline"))
        big.setObjectName("BigNumber")
        big.setAccessibleName(f"{board.huddles_held} huddles in the last {board.record_days} days")
        strip = DotStrip()
        strip.set_days(last_days(board.today, board.record_days), board.huddle_days)
        tile.add(strip)
        if self.ctx.board_mode:
            return
        tile.add(
            label(
                f"days with a huddle, last {board.record_days} (today on the right)",
                "tilenote",
            )
        )

    def _show_actions(self, board: TodayBoard, people: dict[str, str]) -> None:
        """The three most overdue, title first, then a count of the rest."""
        tile = self.actions_tile
        tile.clear()
        if not board.overdue and not board.due_this_week:
            tile.add(label("Nothing overdue or due this week.", "tileline"))
            return
        worst = sorted(board.overdue, key=lambda a: (a.due_on or board.today, a.title))
        shown = [*worst[:TOP_OVERDUE]]
        if not shown:
            shown = list(board.due_this_week[:TOP_OVERDUE])
        for action in shown:
            owner = people.get(action.owner_id or "", action.owner_text or NO_OWNER.lower())
            tile.add(action_row(action, owner, board.today))
        due_soon = len(board.due_this_week) - (0 if board.overdue else len(shown))
        rest = rest_of_actions(len(shown), len(board.overdue), due_soon)
        if rest:
            tile.add(label(rest, "tilenote", wrap=False))

    def _show_learning(self, board: TodayBoard) -> None:
        tile = self.learning_tile
        tile.clear()
        items = board.learning_since_last
        if not items:
            tile.add(label("Nothing new since the last huddle.", "tilenote", wrap=False))
            return
        for item in items[:LEARNING_LINES]:
            tile.add(label(learning_line(item), "tilenote", wrap=False))
        if len(items) > LEARNING_LINES:
            more = len(items) - LEARNING_LINES
            tile.add(label(f"and {more} more on the Learning page", "tilenote", wrap=False))

    def _show_escalations(self, board: TodayBoard) -> None:
        """Open escalations (overdue first) and, for 14 days, what the tiers answered;
        on the wall, the count and the oldest. Hidden while there is neither."""
        tile = self.escalations_tile
        tile.clear()
        waiting, answered = board.open_escalations, board.recent_answers
        tile.setVisible(bool(waiting or answered))
        if self.ctx.board_mode:
            if waiting:
                oldest = max(waiting, key=lambda v: v.age)
                tile.add(label(counted(len(waiting), "open escalation"), "tileline"))
                role = "overdueline" if oldest.overdue else "tilenote"
                tile.add(split_row(f"Oldest: {escalation_line(oldest)}", role, one_line=True))
            elif answered:
                tile.add(label(YOU_SAID_WE_DID, "tileline", wrap=False))
                tile.add(label(answer_line(answered[0])[1], "tilenote", wrap=False))
            return
        for view in waiting[:TOP_ESCALATIONS]:
            role = "overdueline" if view.overdue else "tileline"
            tile.add(split_row(escalation_line(view), role, one_line=True))
        if len(waiting) > TOP_ESCALATIONS:
            more = len(waiting) - TOP_ESCALATIONS
            tile.add(label(f"and {more} more waiting for an answer", "tilenote", wrap=False))
        if answered:
            heading = tile.add(label(YOU_SAID_WE_DID, "tileline", wrap=False))
            heading.setObjectName("TileTitle")
        for view in answered[:TOP_ANSWERS]:
            said, did = answer_line(view)
            tile.add(label(said, "tilenote", wrap=False))
            tile.add(label(did, "tileline", wrap=False))  # whole in its tooltip and name

    def _show_focus(self, board: TodayBoard) -> None:
        from ui.measures.safety_cross_view import SafetyCrossView

        tile = self.focus_tile
        tile.clear()
        chart = board.focus_harm
        tile.grow_body(False)
        if chart is None:
            tile.heading.setText("This month's safety cross")
            tile.add(
                label(
                    "No safety cross yet: add one on the Measures page (falls, say) "
                    "to see this month's harm-free days here.",
                    "tilenote",
                )
            )
            return
        tile.heading.setText(chart.measure.name)
        tile.heading.setToolTip(chart.measure.name)
        cross = SafetyCrossView()
        cross.setMinimumSize(200, 180)
        cross.show_month(chart, board.today)
        tile.add(cross)
        tile.body.setStretchFactor(cross, 1)
        tile.grow_body(True)

    def _show_measures(self, board: TodayBoard) -> None:
        tile = self.measures_tile
        tile.clear()
        if not board.measures:
            tile.add(label("No measures yet: add one on the Measures page.", "tileline"))
            return
        for chart in board.measures:
            tile.add(self._measure_row(chart))
        if board.measure_count > len(board.measures):
            tile.add(
                label(
                    f"and {board.measure_count - len(board.measures)} more on the Measures page",
                    "tilenote",
                    wrap=False,
                )
            )

    def _measure_row(self, chart: MeasureChart) -> QWidget:
        """The Making Data Count icons (at least 32 px) with their words beside them."""
        from ui.measures.icons import assurance_spec, icon_pixmap, variation_spec

        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        size = BOARD_ICON_SIZE if self.ctx.board_mode else ICON_SIZE
        for what, spec in (
            ("variation", variation_spec(chart)),
            ("assurance", assurance_spec(chart)),
        ):
            icon = QLabel()
            icon.setFixedSize(size, size)
            icon.setPixmap(icon_pixmap(spec, size, self.devicePixelRatioF()))
            icon.setToolTip(spec.label)
            icon.setAccessibleName(f"{chart.measure.name}, {what}: {spec.label}")
            line.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        value, _details = measure_lines(chart)
        line.addSpacing(8)
        line.addWidget(label(value, "tilenote", wrap=False), 2)
        verdict = label(measure_verdict(chart), "tilenote", wrap=False)
        # on the wall the icons speak; the words stay one hover (and a screen reader) away
        verdict.setVisible(not self.ctx.board_mode)
        line.addWidget(verdict, 3)
        return row

    # -- the start-up probe ---------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        """The tiles' first paint with data (they sit in a scroll area, not on the page)."""
        if event.type() == QEvent.Type.Paint and self.board is not None and not self._painted_once:
            self._painted_once = True
            QTimer.singleShot(0, self, self.painted.emit)
        return super().eventFilter(watched, event)
