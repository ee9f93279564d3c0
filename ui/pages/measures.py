"""The Measures page: the ward's measures, their SPC charts, and entering points.

Top: every measure with its latest value and its variation and assurance
icons, each with words. Below: the chosen measure's chart (painted by
:class:`~ui.measures.chart_view.ChartView` from ``app.charts.chart``) beside
the data grid where points are typed or pasted and saved in one call.
Define, change, rebase and archive through dialogs opened by their ``ask()``
seams. In read-only mode everything can be seen and nothing changed. Every
text typed here (names, units, descriptions, rebase reasons, point notes) goes
through the patient-identifier guard before it is saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huddle.csv_safe import write_csv
from huddle.domain import ChartKind, RareEventChart
from huddle.errors import HuddleError, ValidationError
from huddle.services.charts import MeasureChart
from huddle.services.measure_summary import CSV_HEADER, csv_row
from huddle.spc.verdict import limits_text
from ui import dialogs, theme
from ui.buttons import push_button
from ui.context import UiContext
from ui.dialogs import ConfirmDialog
from ui.formatting import measure_value
from ui.identifier_guard import IdentifierWarning, confirm_not_identifiers, explanation
from ui.layouts import fill, scroller
from ui.measures import words
from ui.measures.chart_plan import numbered_annotations
from ui.measures.chart_view import ChartView
from ui.measures.days_between_view import DaysBetweenView
from ui.measures.icons import IconWithLabel, assurance_spec, variation_spec
from ui.measures.list_model import ID_ROLE, SORT_ROLE, MeasureListModel
from ui.measures.measure_dialog import MeasureDialog
from ui.measures.points_grid import NOTE, PointsGrid, PointsModel
from ui.measures.rebase_dialog import RebaseDialog
from ui.measures.safety_cross_view import SafetyCrossView
from ui.measures.starters import StartersPanel
from ui.pages.base import Page
from ui.psirf.pulse import PulsePanel

PASTE_HINT = (
    "Type in the grid, or copy a column of values (or dates and values) in Excel "
    "and press Ctrl+V here. Save writes every changed row at once."
)

CARD_MIN_HEIGHT = 560  # pixels: the chart, its verdict and the points grid, readable


def _label(text: str = "", role: str = "") -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class IconsSummaryChooser(dialogs.SaveFileChooser):
    """Where to save the icons summary; the seam tests patch."""

    title = "Save the icons summary as CSV"


class MeasuresPage(Page):
    title = "Measures"
    watches = frozenset({"measure", "measure_point", "measure_rebase", "annotation", "pdsa_cycle"})

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.scale = theme.scale_for(ctx.board_mode, ctx.board_factor)
        theme.styled(self, "MeasuresPage")  # its rules: ui.style_rules.measures_rules
        self.setAccessibleName("Measures")
        self.chart: MeasureChart | None = None

        heading = _label("Measures", "title")
        heading.setAccessibleName("Measures")
        self.banner = _label("View only: this copy cannot change measures or points.", "banner")
        self.banner.setVisible(ctx.read_only)
        self.new_button = push_button(
            "New measure…", name="New measure", kind="primary", clicked=self.define_measure
        )
        self.pulse_button = push_button("Speak-up pulse", name="Show the speak-up pulse")
        self.pulse_button.setCheckable(True)
        self.pulse_button.toggled.connect(self.show_pulse)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.pulse_button)
        top.addWidget(self.new_button)

        self.list_model = MeasureListModel(self)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.list_model)
        self.sorted.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.sorted)
        self.table.setAccessibleName("The ward's measures")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setIconSize(QSize(28, 28))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(round(self.scale.body * 3.4))
        self.table.selectionModel().currentRowChanged.connect(self._chosen)

        self.measure_name = _label("", "heading")
        self.details = _label("", "secondary")
        self.limits = _label("", "secondary")
        self.limits.setAccessibleName("Centre line and process limits")
        self.variation = IconWithLabel("Variation", 36)
        self.assurance = IconWithLabel("Assurance", 36)
        self.edit_button = push_button("Change…", name="Change measure", clicked=self.edit_measure)
        self.rebase_button = push_button("Rebase…", name="Rebase chart", clicked=self.rebase_chart)
        self.archive_button = push_button(
            "Archive", name="Archive measure", kind="danger", clicked=self.archive_measure
        )
        icons = QHBoxLayout()
        icons.addWidget(self.variation)
        icons.addSpacing(24)
        icons.addWidget(self.assurance)
        icons.addStretch(1)
        self.export_button = push_button(
            "Icons summary (CSV)…",
            name="Save the icons summary as CSV",
            clicked=self.export_icons_summary,
        )
        icons.addWidget(self.export_button)
        for button in (self.edit_button, self.rebase_button, self.archive_button):
            icons.addWidget(button)

        self.chart_view = ChartView(scale=self.scale)
        self.points_model = PointsModel(self)
        self.grid = PointsGrid(self.points_model)
        self.grid.pasted.connect(self._say)
        self.points_model.problems_changed.connect(self._show_problems)
        self.status = _label("", "secondary")
        self.status.setAccessibleName("Status")
        self.problems = _label("", "error")
        self.problems.setAccessibleName("Problems with the points")
        self.problems.hide()
        self.save_button = push_button(
            "&Save points", name="Save points", kind="primary", clicked=self.save_points
        )
        self.undo_button = push_button(
            "Undo changes", name="Undo changes to the points", clicked=self._reload_points
        )
        save_row = QHBoxLayout()
        save_row.addWidget(self.undo_button)
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(12, 0, 0, 0)
        entry.setMinimumWidth(round(self.scale.body * 36))
        entry_layout.addWidget(_label("Enter or correct points", "heading"))
        self.hint = _label(PASTE_HINT, "secondary")
        entry_layout.addWidget(self.hint)
        entry_layout.addWidget(self.grid, 1)
        entry_layout.addWidget(self.problems)
        entry_layout.addWidget(self.status)
        entry_layout.addLayout(save_row)
        self.cross_view = SafetyCrossView()
        self.views = QStackedWidget()
        self.views.addWidget(self.chart_view)
        self.views.addWidget(self.cross_view)
        # the key to the chart's numbered annotation markers, under the chart
        self.annotation_key = _label("", "secondary")
        self.annotation_key.setWordWrap(True)
        self.annotation_key.setAccessibleName("Annotations on the chart")
        key_scroll = QScrollArea()
        key_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the key is read, not a Tab stop
        key_scroll.setWidget(self.annotation_key)
        key_scroll.setWidgetResizable(True)
        key_scroll.setFrameShape(QFrame.Shape.NoFrame)
        key_scroll.setMaximumHeight(round(self.scale.body * 6))
        self.key_scroll = key_scroll
        chart_side = QWidget()
        chart_layout = self.chart_layout = QVBoxLayout(chart_side)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.views, 1)
        chart_layout.addWidget(key_scroll)
        # a rare-event measure's days between events, under its chart or in its place
        self.days_between = DaysBetweenView(self.scale)
        chart_layout.addWidget(self.days_between, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(chart_side)
        self.splitter.addWidget(entry)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        card = QFrame()
        card.setObjectName("Card")
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.measure_name)
        card_layout.addWidget(self.details)
        card_layout.addWidget(self.limits)
        card_layout.addLayout(icons)
        card_layout.addWidget(self.splitter, 1)
        # a short screen scrolls down to the chart rather than squeezing it and the grid
        card.setMinimumHeight(CARD_MIN_HEIGHT)
        content = QWidget()
        content.setObjectName("MeasuresContent")
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        # the speak-up pulse shows in place of the measure's card (issue #20)
        self.pulse_panel: PulsePanel | None = None
        self.cards = QStackedWidget()
        self.cards.addWidget(card)
        layout.addWidget(self.cards, 1)
        # a new ward sees starters, not empty grids and buttons with nothing to act on
        self.starters = StartersPanel(ctx)
        self.starters.started.connect(self._started)
        self.starters.hide()
        layout.addWidget(self.starters, 1)
        fill(self, scroller(content))
        self._apply_read_only()

    def show_pulse(self, on: bool) -> None:
        """Show the speak-up pulse's run charts instead of the chosen measure."""
        if on and self.pulse_panel is None:
            self.pulse_panel = PulsePanel(self.ctx)
            self.cards.addWidget(self.pulse_panel)
        self.cards.setCurrentIndex(1 if on else 0)
        self._show_empty(not on and not self.list_model.charts)
        self.pulse_button.setText("Back to measures" if on else "Speak-up pulse")

    def set_board_mode(self, on: bool) -> None:
        self.scale = theme.scale_for(on, self.ctx.board_factor)
        self.chart_view.set_scale(self.scale)
        self.days_between.set_scale(self.scale)
        self.table.verticalHeader().setDefaultSectionSize(round(self.scale.body * 3.4))
        self._fit_table(len(self.list_model.charts))

    # -- showing ------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.chart.measure.id if self.chart else None
        charts = self.ctx.app.charts.all_charts()
        self.list_model.set_rows(charts)
        self._fit_table(len(charts))
        self._show_empty(not charts and not self.pulse_button.isChecked())
        if not charts:
            self._show_chart(None)
            return
        row = self.list_model.row_of(keep) if keep else None
        self.select(charts[row if row is not None else 0].measure.id)

    def _show_empty(self, empty: bool) -> None:
        """No measures: the starters alone (no grid, chart or buttons with nothing to act on)."""
        self.starters.setVisible(empty)
        self.cards.setVisible(not empty)
        self.table.setVisible(not empty)
        self.export_button.setVisible(not empty)

    def _started(self, measure_id: str) -> None:
        self.refresh()
        self.select(measure_id)

    def _fit_table(self, rows: int) -> None:
        """Tall enough for every measure up to six; it scrolls beyond that."""
        shown = min(max(rows, 1), 6)
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + shown * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
            + 2
        )
        self.table.setFixedHeight(height)

    def select(self, measure_id: str) -> None:
        """Choose a measure in the list (and so show its chart and points)."""
        source_row = self.list_model.row_of(measure_id)
        if source_row is None:
            return
        index = self.sorted.mapFromSource(self.list_model.index(source_row, 0))
        selection = self.table.selectionModel()
        if selection.currentIndex().row() == index.row():
            self._chosen(index)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _chosen(self, index) -> None:
        if not index.isValid():
            return
        measure_id = self.sorted.data(index, ID_ROLE)
        chart = self.list_model.charts[self.list_model.row_of(measure_id) or 0]
        self._show_chart(chart)

    def _show_chart(self, chart: MeasureChart | None) -> None:
        same = (
            chart is not None
            and self.chart is not None
            and chart.measure.id == self.chart.measure.id
        )
        self.chart = chart
        self.chart_view.set_chart(chart)
        if chart is not None and chart.measure.chart_kind is ChartKind.SAFETY_CROSS:
            # a safety cross is read as a calendar of days, not as a line
            self.cross_view.show_month(chart, today=self.ctx.app.clock.today())
            self.views.setCurrentWidget(self.cross_view)
        else:
            self.views.setCurrentWidget(self.chart_view)
        self.days_between.show_chart(chart)
        # instead: the days between events take the chart's place once there are any;
        # a safety cross keeps its calendar, which is read day by day, not judged
        instead = (
            chart is not None
            and chart.measure.rare_event_chart is RareEventChart.INSTEAD
            and self.days_between.chart is not None
            and chart.measure.chart_kind is not ChartKind.SAFETY_CROSS
        )
        self.views.setVisible(not instead)
        self.chart_layout.setStretchFactor(
            self.days_between, int(self.days_between.chart is not None)
        )
        has = chart is not None
        for button in (
            self.edit_button,
            self.rebase_button,
            self.archive_button,
            self.save_button,
            self.undo_button,
        ):
            button.setEnabled(has)
        if chart is None:
            self.measure_name.setText("No measures yet")
            self.details.setText("Choose “New measure…” to start one.")
            self.limits.setText("")
            self.annotation_key.setText("")
            self.key_scroll.hide()
            self.variation.set_spec(None)
            self.assurance.set_spec(None)
            self.points_model.load([], self.points_model.period, read_only=True)
            return
        m = chart.measure
        self.measure_name.setText(m.name)
        target = (
            f"target {measure_value(m.target, m.unit, name=m.name)}"
            if m.target is not None
            else "no target"
        )
        self.details.setText(
            " · ".join(
                [
                    words.DIRECTION_WORDS[m.better],
                    words.PERIOD_ADJECTIVES[m.period],
                    target,
                    words.KIND_WORDS[m.chart_kind],
                    f"{len(chart.points)} points",
                ]
            )
        )
        self.limits.setText(limits_text(chart.verdict))
        key = [f"{n}  {text}" for n, _, text in numbered_annotations(chart)]
        self.annotation_key.setText("\n".join(key))
        self.key_scroll.setVisible(
            bool(key) and chart.measure.chart_kind is not ChartKind.SAFETY_CROSS and not instead
        )
        self.variation.set_spec(variation_spec(chart))
        self.assurance.set_spec(assurance_spec(chart))
        self.rebase_button.setEnabled(chart.xmr is not None and len(chart.points) >= 5)
        if not (same and self.points_model.changed_rows()):
            self._reload_points()  # never throw away rows typed but not yet saved

    def export_icons_summary(self) -> Path | None:
        """Every measure's verdicts as the CSV trusts ask for (what huddle measures --csv
        prints, from the same charts)."""
        suggested = f"measures-icons-{self.ctx.app.clock.today().isoformat()}.csv"
        path = IconsSummaryChooser.ask_path(self, suggested=suggested, suffix=".csv")
        if path is None:
            return None
        charts = self.ctx.app.charts.all_charts()
        try:
            write_csv(path, CSV_HEADER, [csv_row(chart) for chart in charts])
        except OSError as error:
            self._say(f"The icons summary was not saved: {error.strerror or error}.")
            return None
        self._say(f"Saved the icons summary of {len(charts)} measures to {path.name}.")
        return path

    def _reload_points(self) -> None:
        if self.chart is not None:
            self.points_model.load(
                # every point, even one dated after today that the chart does not judge yet
                self.ctx.app.measures.points(self.chart.measure.id),
                self.chart.measure.period,
                read_only=self.ctx.read_only,
                unit=self.chart.measure.unit,
            )
            self.grid.scrollToBottom()  # new points go at the end
        self._say("")

    def _apply_read_only(self) -> None:
        editing = not self.ctx.read_only
        for widget in (
            self.new_button,
            self.edit_button,
            self.rebase_button,
            self.archive_button,
            self.save_button,
            self.undo_button,
            self.hint,
        ):
            widget.setVisible(editing)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleDescription(text)

    def _show_problems(self) -> None:
        lines = self.points_model.problem_lines()
        shown = lines[:6] + ([f"…and {len(lines) - 6} more."] if len(lines) > 6 else [])
        self.problems.setText("\n".join(shown))
        self.problems.setVisible(bool(lines))

    # -- changing ------------------------------------------------------------
    def define_measure(self) -> None:
        measure = MeasureDialog.ask(self, self.ctx)
        if measure is not None:
            self.chart = None
            self.refresh()
            self.select(measure.id)

    def edit_measure(self) -> None:
        if self.chart is not None and MeasureDialog.ask(self, self.ctx, self.chart.measure):
            self.refresh()

    def rebase_chart(self) -> None:
        if self.chart is None:
            return
        suggested = self.chart_view.focus_index
        if suggested is None and self.chart.annotations:
            suggested = self.chart.annotations[-1].index
        if RebaseDialog.ask(self, self.ctx, self.chart, suggested) is not None:
            self.refresh()

    def archive_measure(self) -> None:
        if self.chart is None:
            return
        m = self.chart.measure
        if not ConfirmDialog.ask(
            self,
            title="Archive measure",
            yes="Archive measure",
            no="Keep it",
            question=f"Archive “{m.name}”? It leaves this "
            "list and the Today page; its points are kept.",
        ):
            return
        try:
            self.ctx.app.measures.archive_measure(m.id, expected_version=m.version)
        except HuddleError as error:
            self._say(error.message)
            return
        self.chart = None
        self.refresh()

    def save_points(self) -> None:
        if self.chart is None or self.ctx.read_only:
            return
        entries, rows = self.points_model.entries()
        if not entries:
            self._say("There are no changed rows to save.")
            return
        found = self.points_model.identifier_matches(self.ctx.app.identifiers)
        if found and not IdentifierWarning.ask(self, text=explanation(found)):
            row = self.points_model.identifier_rows()[0]
            self._say(
                "Nothing was saved: a note looks like a patient identifier (marked !). "
                "Edit it, or save again and choose Save anyway."
            )
            self.grid.setCurrentIndex(self.points_model.index(row, NOTE))
            self.grid.setFocus()
            return
        self.points_model.clear_identifier_marks()
        for field in dict.fromkeys(m.field for m in found):
            index = int(field.split("[")[1].split("]")[0])  # "points[3].note"
            confirm_not_identifiers(
                self.ctx.app, "measure point note", self.points_model.rows[index].note
            )
        try:
            # the versions of the points the person had on screen when they started
            seen = {p.period_start.isoformat(): p.version for p in self.chart.points}
            self.ctx.app.measures.record_points(self.chart.measure.id, entries, versions=seen)
        except ValidationError as error:
            unplaced = self.points_model.show_problems(error, rows)
            bad = self.points_model.problem_rows()
            self._say(
                f"Nothing was saved: {len(bad)} row{'s' if len(bad) != 1 else ''} "
                "need checking (marked !)." + (" " + " ".join(unplaced) if unplaced else "")
            )
            if bad:
                self.grid.setCurrentIndex(self.points_model.index(bad[0], 0))
                self.grid.setFocus()
            return
        except HuddleError as error:
            self._say(f"Nothing was saved: {error.message}")
            return
        measure_id = self.chart.measure.id
        self.points_model.load([], self.points_model.period, read_only=self.ctx.read_only)
        self.refresh()
        self.select(measure_id)
        self._say(f"Saved {len(entries)} point{'s' if len(entries) != 1 else ''}.")
