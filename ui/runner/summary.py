"""The finish summary: what the huddle captured and agreed.

Shown when a huddle finishes, from ``app.huddles.record(id)``: who came, what
was raised, agreed, moved on and closed, and each section's notes. "Save as
PDF" writes the one-page summary through :class:`ui.tasks.TaskRunner`, so the
screen stays responsive while reportlab works.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import HuddleStatus, SectionKey
from huddle.errors import HuddleError
from huddle.services import HuddleApp
from huddle.services.huddles import HuddleRecord
from ui.buttons import push_button
from ui.context import UiContext
from ui.dialogs import ConfirmDialog
from ui.exports import Export, export_work
from ui.formatting import clock_time
from ui.runner.countdown import format_clock
from ui.runner.feedback import ErrorLabel
from ui.runner.lists import action_line, day_text, learning_line
from ui.runner.look import mark, set_font
from ui.tasks import TaskRunner


def summary_export(huddle_id: str) -> Export:
    """The core's huddle-summary exporter for one huddle (reportlab loads on first use)."""

    def export(app: HuddleApp, out: Path, allow_identifiers: bool) -> Path:
        from huddle.reports import export_huddle_summary

        return export_huddle_summary(
            app, huddle_id=huddle_id, out=out, allow_identifiers=allow_identifiers
        )

    return export


def _time(moment: datetime | None) -> str:
    return clock_time(moment) if moment else "—"


def time_taken(started, ended, planned_seconds: int) -> str:
    """ "12:30 of 10:00 planned (2:30 over)", as the PDF summary says it."""
    if started is None or ended is None:
        return "not recorded"
    took = max(0, round((ended - started).total_seconds()))
    words = f"{format_clock(took)} of {format_clock(planned_seconds)} planned"
    if took > planned_seconds:
        return f"{words} ({format_clock(took - planned_seconds)} over)"
    return f"{words} (on time)"


def summary_html(record: HuddleRecord, names: dict[str, str]) -> str:
    """The summary as simple HTML for a :class:`QTextBrowser`."""
    huddle = record.huddle
    e = html.escape

    def block(title: str, lines: list[str], empty: str) -> str:
        items = "".join(f"<li>{e(line)}</li>" for line in lines)
        body = f"<ul>{items}</ul>" if lines else f"<p><i>{e(empty)}</i></p>"
        # NHS blue headings with a rule, as the PDF summary prints them
        return f"<h2 style='color:#005EB8; border-bottom:2px solid #005EB8'>{e(title)}</h2>{body}"

    planned = sum(section.seconds for section in huddle.sections)
    people = [p.display_name for p in record.attendees]
    if huddle.others_count:
        people.append(f"{huddle.others_count} not on the roster")
    heading = "Huddle finished" if huddle.status is HuddleStatus.FINISHED else "Huddle"
    parts = [
        f"<h1>{heading}: {e(day_text(huddle.held_on))}, "
        f"{_time(huddle.started_at)}–{_time(huddle.ended_at)}</h1>",
        f"<p><b>{huddle.head_count} attended:</b> {e(', '.join(people) or 'nobody recorded')}"
        f"<br><b>Facilitator:</b> "
        + (
            e(record.facilitator.display_name)
            if record.facilitator
            else "<span style='color:#D5281B'><b>nobody was chosen</b></span>: "
            "choose who led it below"
        )
        + f"<br><b>Time:</b> {e(time_taken(huddle.started_at, huddle.ended_at, planned))}</p>",
    ]
    if huddle.risks_today:
        parts.append(f"<h2>Risks to watch today</h2><p>{e(huddle.risks_today)}</p>")
    parts.append(
        block("Learning raised", [learning_line(i) for i in record.learning_raised], "None raised.")
    )
    parts.append(
        block(
            "Actions agreed", [action_line(a, names) for a in record.actions_agreed], "None agreed."
        )
    )
    closed = {a.id for a in record.actions_closed}
    parts.append(
        block(
            "Actions closed",
            [f"{a.title} ({a.status.value})" for a in record.actions_closed],
            "None closed.",
        )
    )
    parts.append(
        block(
            "Progress given",
            [f"{a.title}: {n.text}" for a, n in record.progress_given if a.id not in closed],
            "None.",
        )
    )
    closing = [s for s in huddle.sections if s.key is SectionKey.REFLECT and s.notes]
    notes = [f"{s.title}: {s.notes}" for s in huddle.sections if s.notes and s not in closing]
    parts.append(block("Notes", notes, "No notes taken."))
    if closing:
        parts.append(block("Closing notes", [s.notes for s in closing], ""))
    return "".join(parts)


class SummaryView(QWidget):
    """The summary, with Save as PDF (when available) and a way back."""

    closed = Signal()
    pdf_written = Signal(object)  # the Path

    def __init__(self, ctx: UiContext, scale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.huddle_id: str | None = None
        self.tasks = TaskRunner(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Huddle summary")
        self.text.setOpenLinks(False)
        self.saved_to = QLabel("")
        mark(self.saved_to, "role", "secondary")
        self.problem = ErrorLabel()
        self.pdf_button = push_button("Save as &PDF…", name="Save as PDF", clicked=self.save_pdf)
        self.close_button = push_button("&Close summary", kind="primary", clicked=self.closed.emit)
        set_font(self.text, scale.body)
        # asked only when nobody was chosen while the huddle ran
        self.facilitator_question = QLabel("Who facilitated this huddle?")
        self.facilitator = QComboBox()
        self.facilitator.setAccessibleName("Who facilitated this huddle")
        self.facilitator_question.setBuddy(self.facilitator)
        self.facilitator_button = push_button("Save &facilitator", clicked=self.save_facilitator)
        asking = QHBoxLayout()
        asking.addWidget(self.facilitator_question)
        asking.addWidget(self.facilitator, 1)
        asking.addWidget(self.facilitator_button)
        self.asking = QWidget()
        self.asking.setLayout(asking)
        self.asking.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.asking)
        layout.addWidget(self.saved_to)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    def show_record(self, record: HuddleRecord) -> None:
        self.huddle_id = record.huddle.id
        names = {p.id: p.display_name for p in self.ctx.app.setup.people(include_inactive=True)}
        self.text.setHtml(summary_html(record, names))
        self._ask_facilitator(record)
        self.saved_to.clear()
        self.problem.clear_error()

    def _ask_facilitator(self, record: HuddleRecord) -> None:
        """Nobody was chosen: offer who came first, then the rest of the roster."""
        asking = (
            record.facilitator is None
            and record.huddle.status is HuddleStatus.FINISHED
            and not self.ctx.read_only
        )
        self.asking.setVisible(asking)
        if not asking:
            return
        came = {p.id for p in record.attendees}
        roster = self.ctx.app.setup.people()
        self.facilitator.clear()
        self.facilitator.addItem("Choose a name", None)
        for person in [*record.attendees, *(p for p in roster if p.id not in came)]:
            self.facilitator.addItem(person.display_name, person.id)

    def save_facilitator(self) -> None:
        person_id = self.facilitator.currentData()
        if self.huddle_id is None:
            return
        if person_id is None:
            self.problem.show_error("choose a name from the list first.", "Not saved: ")
            return
        try:
            self.ctx.app.huddles.set_facilitator(self.huddle_id, person_id=person_id)
        except HuddleError as error:
            self.problem.show_error(error, "Not saved: ")
            return
        self.show_record(self.ctx.app.huddles.record(self.huddle_id))

    @classmethod
    def choose_path(cls, parent: QWidget, suggested: str) -> Path | None:
        """Ask where to save the PDF (the seam tests patch)."""
        chosen, _ = QFileDialog.getSaveFileName(
            parent, "Save huddle summary", suggested, "PDF files (*.pdf)"
        )
        return Path(chosen) if chosen else None

    def save_pdf(self) -> None:
        if self.huddle_id is None:
            return
        huddle = self.ctx.app.huddles.huddle(self.huddle_id)
        path = self.choose_path(self, f"huddle-{huddle.held_on.isoformat()}.pdf")
        if path is None:
            return
        self.write_pdf(path)

    @property
    def busy(self) -> bool:
        """A PDF is being written (``pdf_written`` follows)."""
        return self.tasks.busy

    def write_pdf(self, path: Path, *, allow_identifiers: bool = False) -> None:
        """Start writing the summary to ``path`` (off the UI thread).

        If the exporter finds text that looks like an NHS number it writes
        nothing and says where; the user may then save anyway.
        """
        assert self.huddle_id is not None
        self.pdf_button.setEnabled(False)
        self.saved_to.setText("Saving the PDF…")
        self.tasks.run(
            export_work(
                self.ctx.app,
                summary_export(self.huddle_id),
                path,
                allow_identifiers=allow_identifiers,
            ),
            on_result=self._written,
            on_error=lambda error: self._not_written(error, path, allow_identifiers),
        )

    def _written(self, path: Path) -> None:
        self.pdf_button.setEnabled(True)
        self.problem.clear_error()
        self.saved_to.setText(f"Saved to {path}")
        self.pdf_written.emit(path)

    def _not_written(self, error: BaseException, path: Path, allowed: bool) -> None:
        self.pdf_button.setEnabled(True)
        self.saved_to.clear()
        if not isinstance(error, HuddleError):
            self.problem.show_error(f"The PDF could not be made ({error}).", "PDF not saved: ")
            return
        findings = getattr(error, "findings", None)
        if findings and not allowed and self._save_anyway(error.message):
            self.write_pdf(path, allow_identifiers=True)
            return
        self.problem.show_error(error.message, "PDF not saved: ")

    def _save_anyway(self, found: str) -> bool:
        return ConfirmDialog.ask(
            self,
            title="Possible patient identifier",
            question=f"The summary has text that looks like a patient identifier ({found}). "
            "Summaries must not hold patient-identifiable data. Save it anyway only "
            "if you are sure it is not an identifier.",
            yes="Save anyway",
            no="Do not save",
        )
