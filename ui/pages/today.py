"""The Today page: one button to start the huddle and tiles read from two metres.

Everything on it comes from one call, ``app.board.today()``. The page emits
``start_requested(kind)``; the window switches to the Huddle page and starts
(or returns to) the huddle. ``painted`` fires once the first paint after data
arrived has happened (the start-up probe waits for it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
from ui.context import UiContext
from ui.formatting import date_and_time, days_phrase, short_date
from ui.pages.base import Page
from ui.pages.today_tiles import (
    MAX_LINES,
    MAX_MEASURES,
    DotStrip,
    Tile,
    action_line,
    label,
    last_days,
    learning_line,
    mark,
    measure_lines,
)
from ui.words import HUDDLE_KIND


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
        }
    )
    start_requested = Signal(object)  # HuddleKind
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
        self.last_huddle = label("", "tilenote")
        self.harm_tile = Tile("Days since the last harm")
        self.huddles_tile = Tile("Huddles held")
        self.measures_tile = Tile("Our measures")
        self.actions_tile = Tile("Actions overdue and due this week")
        self.learning_tile = Tile("Learning since the last huddle")
        self._build_layout()
        self.setFocusProxy(self.start_button)

    def _build_layout(self) -> None:
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.weekly_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.last_huddle)
        side.addStretch(1)
        start_row.addSpacing(24)
        start_row.addLayout(side, 1)
        grid = QGridLayout()
        grid.setSpacing(18)
        grid.addWidget(self.harm_tile, 0, 0)
        grid.addWidget(self.huddles_tile, 0, 1)
        grid.addWidget(self.measures_tile, 0, 2)
        grid.addWidget(self.actions_tile, 1, 0, 1, 2)
        grid.addWidget(self.learning_tile, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(20)
        layout.addLayout(start_row)
        layout.addLayout(grid, 1)

    def set_board_mode(self, on: bool) -> None:
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
        self.update()

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
            big = tile.add(label("No harm recorded", "tileline"))
            big.setObjectName("BigNumber")
            tile.add(label("No incident with harm is in the learning log yet.", "tilenote"))
            return
        big = tile.add(label(str(board.days_since_last_harm), "tileline"))
        big.setObjectName("BigNumber")
        big.setAccessibleName(f"{days_phrase(board.days_since_last_harm)} since the last harm")
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
        tile.add(
            label(
                f"days with a huddle in the last {board.record_days} "
                "(filled dot: held; today on the right)",
                "tilenote",
            )
        )

    def _show_actions(self, board: TodayBoard, people: dict[str, str]) -> None:
        tile = self.actions_tile
        tile.clear()
        if not board.overdue and not board.due_this_week:
            tile.add(label("Nothing overdue or due this week.", "tileline"))
            return
        shown = [*board.overdue, *board.due_this_week]
        for action in shown[: MAX_LINES + 1]:
            owner = people.get(action.owner_id or "", action.owner_text or "no owner yet")
            text, role = action_line(action, owner, board.today)
            tile.add(label(text, role, wrap=False))
        if len(shown) > MAX_LINES + 1:
            tile.add(
                label(f"and {len(shown) - MAX_LINES - 1} more on the Actions page", "tilenote")
            )
        tile.add(
            label(
                f"{len(board.overdue)} overdue, {len(board.due_this_week)} due in the next 7 days",
                "tilenote",
            )
        )

    def _show_learning(self, board: TodayBoard) -> None:
        tile = self.learning_tile
        tile.clear()
        items = board.learning_since_last
        if not items:
            tile.add(label("Nothing new since the last huddle.", "tileline"))
            return
        for item in items[:MAX_LINES]:
            tile.add(label(learning_line(item), wrap=False))
        if len(items) > MAX_LINES:
            tile.add(label(f"and {len(items) - MAX_LINES} more on the Learning page", "tilenote"))

    def _show_measures(self, board: TodayBoard) -> None:
        tile = self.measures_tile
        tile.clear()
        if not board.measures:
            tile.add(label("No measures yet: add one on the Measures page.", "tileline"))
            return
        for chart in board.measures[:MAX_MEASURES]:
            tile.add(self._measure_row(chart))
        if len(board.measures) > MAX_MEASURES:
            tile.add(
                label(
                    f"and {len(board.measures) - MAX_MEASURES} more on the Measures page",
                    "tilenote",
                    wrap=False,
                )
            )

    def _measure_row(self, chart: MeasureChart) -> QWidget:
        """The Making Data Count icons beside the latest value and their meaning."""
        from ui.measures.icons import assurance_spec, icon_pixmap, variation_spec

        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        size = 40 if self.ctx.board_mode else 30
        for what, spec in (
            ("variation", variation_spec(chart)),
            ("assurance", assurance_spec(chart)),
        ):
            icon = QLabel()
            icon.setFixedSize(size, size)
            icon.setPixmap(icon_pixmap(spec, size, self.devicePixelRatioF()))
            icon.setToolTip(spec.label)
            icon.setAccessibleName(f"{chart.measure.name}, {what}: {spec.label}")
            line.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        value, status = measure_lines(chart)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(label(value, wrap=False))
        if status:
            words.addWidget(label(status, "tilenote", wrap=False))
        line.addLayout(words, 1)
        return row

    # -- the start-up probe ---------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().paintEvent(event)
        if self.board is not None and not self._painted_once:
            self._painted_once = True
            self.painted.emit()
