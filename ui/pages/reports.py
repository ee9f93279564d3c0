"""The Reports page: pick a report, see its first page, save it or open it to print.

Every export runs off the UI thread in a :class:`ExportJob` that opens its own
read-only connection to the ward (SQLite connections are per thread). If the
text to be printed looks like an NHS number the page lists where (masked) and
asks whether to fix it first or export anyway. The file dialog is one seam,
:meth:`SaveTarget.ask`, and opening a viewer is :attr:`ReportsPage.open_url`,
so tests patch both.
"""

from __future__ import annotations

import calendar
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import LearningKind
from huddle.errors import HuddleError
from ui import style_rules, theme
from ui.context import UiContext
from ui.date_fields import date_edit, day_of, to_qdate
from ui.exports import Export, export_work
from ui.formatting import clock_time, month_and_year, short_date
from ui.pages.base import Page
from ui.pdf_preview import PdfPreview
from ui.tasks import TaskRunner

KINDS = (
    "Huddle summary",
    "Ward report (month or quarter)",
    "Action log",
    "Huddle-board poster (A3)",
    "Thank-you slip",
    "Milestone certificate",
)
PERIODS = ("This month", "Last month", "Last quarter", "Custom dates")


@dataclass(frozen=True)
class ReportSpec:
    """What to export and the file name to suggest; ``export(app, out, allow)``."""

    file_name: str
    export: Export


def _report(file_name: str, exporter: Callable[..., Path], **options: object) -> ReportSpec:
    """The report ``exporter`` makes with ``options``, saved as ``file_name``."""
    return ReportSpec(
        file_name,
        lambda app, out, allow: exporter(app, out=out, allow_identifiers=allow, **options),
    )


class SaveTarget:
    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str) -> Path | None:
        csv = suggested.endswith(".csv")
        name, _ = QFileDialog.getSaveFileName(
            parent,
            "Save report",
            suggested,
            "CSV spreadsheet (*.csv);;PDF (*.pdf)" if csv else "PDF (*.pdf)",
        )
        return Path(name) if name else None


class ReportsPage(Page):
    title = "Reports"
    watches = frozenset({"huddle", "learning_item", "action", "measure", "measure_point", "ward"})
    open_url: Callable[[QUrl], bool] = staticmethod(QDesktopServices.openUrl)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # A newer choice replaces a preview still being made.
        self.tasks = TaskRunner(self, latest_wins=True)
        self._serial = 0
        self._allow = False
        self._preview_dir = Path(tempfile.mkdtemp(prefix="ward-huddle-preview-"))
        self.destroyed.connect(lambda *_: shutil.rmtree(self._preview_dir, ignore_errors=True))
        self.preview_file: Path | None = None
        self.last_saved: Path | None = None
        self._build()

    # -- widgets ---------------------------------------------------------------
    def _fit_kinds(self) -> None:
        """The list exactly as tall as its rows as styled now, so choosing the last
        never scrolls the first out of view."""
        kinds = self.kinds
        kinds.ensurePolished()
        rows = sum(kinds.sizeHintForRow(row) for row in range(kinds.count()))
        kinds.setFixedHeight(rows + 2 * kinds.frameWidth())
        kinds.scrollToTop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_kinds()  # the window's style sheet (and board mode's type) reach it now

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_kinds()

    def _build(self) -> None:
        self.kinds = QListWidget()
        self.kinds.addItems(list(KINDS))
        self.kinds.setAccessibleName("Report to make")
        self.kinds.setFont(theme.app_font(theme.NORMAL.body * 1.25))
        self.kinds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.kinds.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        pad_y, pad_x = style_rules.REPORT_KIND_PADDING
        self.kinds.setObjectName("ReportKinds")  # its rules: ui.style_rules.widget_rules
        metrics = self.kinds.fontMetrics()  # every report in view, none cut short
        frame = 2 * self.kinds.frameWidth() + 2
        self.kinds.setFixedWidth(
            max(metrics.horizontalAdvance(k) for k in KINDS) + 2 * pad_x + frame + 20
        )
        self._fit_kinds()
        self.options = QStackedWidget()
        self.huddle_choice = QComboBox()
        self.period_choice = QComboBox()
        self.period_choice.addItems(list(PERIODS))
        self.start_edit, self.end_edit = date_edit("From date"), date_edit("To date")
        self.status_choice = QComboBox()
        self.status_choice.addItem("Open actions", "open")
        self.status_choice.addItem("All actions", "all")
        self.month_choice = QComboBox()
        self.slip_choice = QComboBox()
        self.certificate_choice = QComboBox()
        for label, widget in (
            ("Huddle", self.huddle_choice),
            ("Period", self.period_choice),
            ("Actions", self.status_choice),
            ("Month", self.month_choice),
            ("Excellence item", self.slip_choice),
            ("Milestone", self.certificate_choice),
        ):
            widget.setAccessibleName(label)
            panel = QWidget()
            form = QFormLayout(panel)
            form.addRow(label, widget)
            if widget is self.period_choice:
                form.addRow("From", self.start_edit)
                form.addRow("To", self.end_edit)
            self.options.addWidget(panel)

        self.preview = PdfPreview()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Report status")
        self.anyway_button = QPushButton("Export anyway (they are not identifiers)")
        self.anyway_button.hide()
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setAccessibleName("Save PDF")
        self.save_button.setMinimumHeight(48)
        self.save_button.setObjectName("SaveReport")
        self.open_button = QPushButton("Open in PDF viewer")
        self.open_button.setMinimumHeight(48)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        left = QVBoxLayout()
        heading = QLabel("Reports")
        heading.setProperty("role", "pagetitle")
        left.addWidget(heading)
        left.addWidget(self.kinds)
        left.addWidget(self.options)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.message)
        right.addWidget(self.anyway_button)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        self.kinds.currentRowChanged.connect(self._kind_changed)
        for combo in (
            self.huddle_choice,
            self.period_choice,
            self.status_choice,
            self.month_choice,
            self.slip_choice,
            self.certificate_choice,
        ):
            combo.currentIndexChanged.connect(self._choice_changed)
        self.start_edit.dateChanged.connect(self._choice_changed)
        self.end_edit.dateChanged.connect(self._choice_changed)
        self.save_button.clicked.connect(self.save)
        self.open_button.clicked.connect(self.open_in_viewer)
        self.anyway_button.clicked.connect(self._export_anyway)
        self._set_ready(False)

    # -- choices ---------------------------------------------------------------
    def refresh(self) -> None:
        app = self.ctx.app
        if not app.has_ward:
            self.preview.show_message("Set up the ward first.")
            return
        today = app.clock.today()
        self._fill(
            self.huddle_choice,
            [
                (f"{short_date(h.held_on)}, {clock_time(h.started_at)}", h.id)
                for h in reversed(
                    app.huddles.held_between(
                        _midnight(today - timedelta(days=120)), _midnight(today + timedelta(days=1))
                    )
                )
            ][:60],
        )
        months = [date(today.year, today.month, 1)]
        for _ in range(11):
            months.append((months[-1] - timedelta(days=1)).replace(day=1))
        self._fill(self.month_choice, [(month_and_year(m, long=True), m) for m in months])
        self._fill(
            self.slip_choice,
            [
                (f"{i.title} ({short_date(i.occurred_on)})", i.id)
                for i in app.learning.items(
                    kinds=(LearningKind.EXCELLENCE, LearningKind.COMPLIMENT), limit=80
                )
            ],
        )
        since = app.board.days_since_last_harm()
        self._fill(
            self.certificate_choice,
            [
                (f"{m.level.capitalize()}: {m.days} days without a harm", m.days)
                for m in reversed(app.excellence.milestones())
                if since is None or since >= m.days
            ],
        )
        if self.start_edit.date() == QDate(2000, 1, 1):
            self.start_edit.setDate(to_qdate(today.replace(day=1)))
            self.end_edit.setDate(to_qdate(today))
        if self.kinds.currentRow() < 0:
            self.kinds.setCurrentRow(0)
        else:
            self._choice_changed()

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _kind_changed(self, row: int) -> None:
        self.options.setCurrentIndex(max(row, 0))
        self._choice_changed()

    def _choice_changed(self, *_: object) -> None:
        custom = self.period_choice.currentIndex() == PERIODS.index("Custom dates")
        self.start_edit.setEnabled(custom)
        self.end_edit.setEnabled(custom)
        self._allow = False
        self.make_preview()

    def period(self) -> tuple[date, date]:
        today = self.ctx.app.clock.today()
        first = today.replace(day=1)
        choice = PERIODS[max(self.period_choice.currentIndex(), 0)]
        if choice == "This month":
            return first, _month_end(first)
        if choice == "Last month":
            start = (first - timedelta(days=1)).replace(day=1)
            return start, _month_end(start)
        if choice == "Last quarter":
            quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
            end = quarter_start - timedelta(days=1)
            return date(end.year, end.month - 2, 1), end
        return day_of(self.start_edit), day_of(self.end_edit)

    def spec(self) -> ReportSpec | None:
        """The chosen report as something a worker can run, or None if incomplete."""
        from huddle import reports

        kind = KINDS[max(self.kinds.currentRow(), 0)]
        ward = self.ctx.app.setup.ward().name.replace("/", "-")
        if kind == KINDS[1]:
            start, end = self.period()
            return _report(
                f"{ward} report {start} to {end}.pdf",
                reports.export_period_report,
                start=start,
                end=end,
            )
        if kind == KINDS[2]:
            status = self.status_choice.currentData() or "open"
            return _report(
                f"{ward} action log ({status}).pdf", reports.export_action_log, status=status
            )
        # the others are of one thing chosen from their list: none yet, no report
        picked = {
            KINDS[0]: self.huddle_choice,
            KINDS[3]: self.month_choice,
            KINDS[4]: self.slip_choice,
            KINDS[5]: self.certificate_choice,
        }[kind].currentData()
        if not picked:
            return None
        if kind == KINDS[0]:
            when = self.huddle_choice.currentText().split(",")[0]
            return _report(
                f"{ward} huddle {when}.pdf", reports.export_huddle_summary, huddle_id=picked
            )
        if kind == KINDS[3]:
            month = picked.isoformat()[:7]
            return _report(f"{ward} poster {month}.pdf", reports.export_poster, month=picked)
        if kind == KINDS[5]:
            return _report(
                f"{ward} certificate {picked} days.pdf", reports.export_certificate, days=picked
            )
        return _report(f"{ward} thank-you slip.pdf", reports.export_slip, learning_id=picked)

    # -- running ---------------------------------------------------------------
    def _start(self, spec: ReportSpec, out: Path, on_done: Callable[[Path], None]) -> None:
        self._serial += 1  # names the next preview file
        self._set_ready(False)
        self.message.setText("Making the report…")
        self.tasks.run(
            export_work(self.ctx.app, spec.export, out, allow_identifiers=self._allow),
            on_result=on_done,
            on_error=self._show_problem,
        )

    def make_preview(self) -> None:
        spec = self.spec()
        self.anyway_button.hide()
        if spec is None:
            self.tasks.forget_running()  # a preview still being made is no longer wanted
            self.preview.show_message(
                "Nothing to show yet: there is nothing of this kind to report on."
            )
            self.message.setText("")
            self._set_ready(False)
            return
        self._start(spec, self._preview_dir / f"preview-{self._serial + 1}.pdf", self._previewed)

    def _previewed(self, path: Path) -> None:
        old, self.preview_file = self.preview_file, path
        if old is not None and old != path:
            old.unlink(missing_ok=True)
        self.preview.show_pdf(path)
        pages = "1 page" if self.preview.pages == 1 else f"{self.preview.pages} pages"
        self.message.setText(f"First page shown ({pages} in all).")
        self._set_ready(True)

    def save(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        target = SaveTarget.ask(self, spec.file_name)
        if target is None:
            return
        self._start(spec, target, self._saved)

    def _saved(self, path: Path) -> None:
        self.last_saved = path
        self.message.setText(f"Saved to {path}")
        self._set_ready(True)

    def open_in_viewer(self) -> None:
        if self.preview_file is not None and self.preview_file.exists():
            self.open_url(QUrl.fromLocalFile(str(self.preview_file)))

    def _export_anyway(self) -> None:
        self._allow = True
        self.make_preview()

    def _show_problem(self, problem: object) -> None:
        from huddle.reports import IdentifiersFoundError

        self._set_ready(False)
        if isinstance(problem, IdentifiersFoundError):
            lines = "\n".join(f"• {what} in {where}" for where, what in problem.findings)
            self.preview.show_message(
                "Some text looks like a patient identifier, so this report was not made:"
                f"\n\n{lines}\n\n"
                "Please fix these in the app first. If they are not identifiers, "
                "you can export anyway."
            )
            self.message.setText("")
            self.anyway_button.show()
        elif isinstance(problem, HuddleError):
            self.message.setText(problem.message)
        else:
            self.message.setText(f"The report could not be made: {problem}")

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.open_button.setEnabled(ready)

    @property
    def busy(self) -> bool:
        return self.tasks.busy


def _month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _midnight(day: date) -> Any:
    from huddle.services.board import local_day_start

    return local_day_start(day)
