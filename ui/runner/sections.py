"""One panel per agenda section key: what the team needs to see and capture.

Every panel has a notes box (saved a moment after typing, with the section's
``version`` so a clash with another PC shows rather than silently losing
text) and its own content: the safety panel shows events since the last
huddle and today's risks; patient voice and celebrate show recent feedback;
ideas and learning offers the quick-add dialogs. The actions section lives in
:mod:`ui.runner.actions_panel`; :mod:`ui.runner.agenda` picks the panel for
a section.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from huddle.domain import Huddle, HuddleSection, LearningKind, SectionKey
from huddle.domain_escalations import EscalationSource
from huddle.errors import ConflictError
from ui.context import UiContext
from ui.escalations import escalate_from
from ui.psirf.excellence import ExcellenceDialog, ExcellenceDraft
from ui.psirf.pulse import PulseOffer
from ui.psirf.start import pick_and_start
from ui.psirf.touchpoints import TouchpointView
from ui.psirf.unreported import UnreportedFlag
from ui.runner.autosave import AutoSaveText
from ui.runner.lists import BulletList, action_line, learning_line
from ui.runner.look import mark, set_font
from ui.runner.measures_glance import MeasuresGlance
from ui.runner.quick_add import QUICK_KINDS, IdeaDialog, IdeaDraft, LearningDialog, LearningDraft
from ui.theme import TypeScale
from ui.wrapping_row import WrappingRow

RECENT_DAYS = 14
RECENT_LIMIT = 8
NOTES_PROMPTS = {
    SectionKey.REFLECT: (
        "What went well in this huddle? What will we change next time?",
        "Went well: … Change next time: …",
    ),
}
RISKS_PLACEHOLDER = (
    "Bay 3: two at high falls risk — no names or NHS numbers. "
    "Describe the risk and where, never who."
)


def strip_points(scale: TypeScale) -> float:
    """The identifier warning: bold, between body and heading, so it reads from two
    metres yet leaves the box it is about on screen."""
    return scale.body * 1.25


class SectionPanel(QWidget):
    """Base panel: a content area above the section's notes."""

    # the width (at the normal runner size) this section needs; more than the
    # runner's minimum folds the names while it is shown
    wants_width = 0

    def __init__(
        self, ctx: UiContext, section: HuddleSection, scale, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SectionPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ctx = ctx
        self.section = section
        self.scale = scale
        self.huddle_id = section.huddle_id
        self._version = section.version
        self.editors: list[QWidget] = []  # controls disabled when read-only
        self.content = QVBoxLayout()
        self.content.setSpacing(12)
        label, placeholder = NOTES_PROMPTS.get(
            section.key, ("Notes for this section", "Anything agreed or worth remembering")
        )
        self.notes = AutoSaveText(
            label, placeholder, self._save_notes, overrule=self._overrule_notes
        )
        self.notes.box.setAccessibleName(f"Notes: {section.title}")
        set_font(self.notes.label, scale.heading, bold=True)
        self.notes.strip.set_points(strip_points(scale))
        self.notes.show_saved(section.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(self.content)
        layout.addWidget(self.notes, 1)
        self.quick_row: WrappingRow | None = None  # a panel's row of quick-add buttons
        self.build()
        if section.key is not SectionKey.REFLECT:
            self._add_escalate()
        self.reload()

    # -- for subclasses -----------------------------------------------------
    def build(self) -> None:
        """Add the section's own widgets to ``self.content``."""

    def reload(self) -> None:
        """Fetch the section's lists again from the services."""

    def heading(self, text: str, points: float | None = None) -> QLabel:
        """A bold, wrapping line added to the content: heading size unless ``points``."""
        label = QLabel(text)
        label.setWordWrap(True)
        set_font(label, points or self.scale.heading, bold=True)
        self.content.addWidget(label)
        return label

    def button(self, text: str, slot, row: WrappingRow | None = None) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        set_font(button, self.scale.heading)
        button.clicked.connect(slot)
        self.editors.append(button)
        if row is not None:
            row.add(button)
        else:
            self.content.addWidget(button)
        return button

    def recent_list(self, heading: str, add_text: str, *, name: str = "") -> BulletList:
        """A heading, the list beneath it (``name`` is what a screen reader calls it, the
        heading unless given) and the row of quick-add buttons, the first ``add_text``
        calling ``_quick_add``."""
        self.heading(heading)
        shown = BulletList(name or heading)
        self.content.addWidget(shown)
        row = WrappingRow()
        self.add_button = self.button(add_text, self._quick_add, row)
        self.content.addWidget(row)
        self.quick_row = row
        return shown

    def _quick_add(self) -> object | None:
        """Add to the section's list (a panel with a ``recent_list`` says how)."""
        raise NotImplementedError

    def _add_escalate(self) -> None:
        row = self.quick_row
        if row is None:
            row = WrappingRow()
            self.content.addWidget(row)
        self.escalate_button = self.button("Escalate…", self.escalate, row)
        self.escalate_button.setAccessibleName("Escalate to a tier")

    def escalate(self) -> object | None:
        """Escalate what the team cannot solve (on the safety section: today's risks)."""
        kind = (
            EscalationSource.RISK
            if self.section.key is SectionKey.SAFETY
            else EscalationSource.HUDDLE
        )
        about = f"From this huddle: {self.section.title}"
        return escalate_from(self, self.ctx, kind, self.huddle_id, about=about)

    def add_learning(self, kinds, title: str) -> object | None:
        return LearningDialog.ask(self, save=self._record_learning, kinds=kinds, title=title)

    def _record_learning(self, draft: LearningDraft):
        # the draft's fields are the service's own words for them
        return self.ctx.app.learning.record_learning(**asdict(draft), huddle_id=self.huddle_id)

    def recent(self, *kinds: LearningKind) -> list[str]:
        since = self.ctx.app.clock.today() - timedelta(days=RECENT_DAYS)
        found = self.ctx.app.learning.items(kinds=kinds, since=since, limit=RECENT_LIMIT)
        return [learning_line(item) for item in found]

    def show_agreed_last_time(self, lines: list[str], when: str) -> None:
        """Open the huddle with what the last one agreed (the first section shows it)."""
        if not lines:
            return
        heading = QLabel(f"What we agreed last time ({when})")
        heading.setWordWrap(True)
        set_font(heading, self.scale.heading, bold=True)
        self.last_time = BulletList("What we agreed at the last huddle")
        self.last_time.set_lines(lines, "")
        self.content.insertWidget(0, heading)
        self.content.insertWidget(1, self.last_time)

    # -- for the page -------------------------------------------------------
    def show_huddle(self, huddle: Huddle) -> None:
        """Take the latest saved state (notes text and version) of this huddle."""
        for section in huddle.sections:
            if section.id == self.section.id:
                self.section = section
                if not self.notes.dirty:
                    self._version = section.version
                self.notes.show_saved(section.notes)

    def set_editable(self, editable: bool) -> None:
        self.notes.set_editable(editable)
        for widget in self.editors:
            widget.setEnabled(editable)

    def flush(self) -> bool:
        """Save anything typed but not yet saved; False if that failed."""
        return self.notes.save_now()

    def holds_identifier(self) -> bool:
        """True while a box here keeps back text that looks like a patient identifier."""
        return self.notes.held

    def set_scale(self, scale: TypeScale) -> None:
        """Board mode switched: widgets built from now on use ``scale``."""
        self.scale = scale

    def _save_notes(self, text: str) -> None:
        huddle = self.ctx.app.huddles.save_section_notes(
            self.section.id, notes=text, expected_version=self._version
        )
        for section in huddle.sections:
            if section.id == self.section.id:
                self.section, self._version = section, section.version

    def _overrule_notes(self, conflict: ConflictError) -> None:
        self._version = int(conflict.current.get("version", self._version))


class SafetyPanel(SectionPanel):
    def build(self) -> None:
        self.harm_free = self.heading("", self.scale.title)
        self.events = self.recent_list(
            "Incidents and near misses since the last huddle", "Add a near &miss or incident"
        )
        self.swarm_button = self.button("S&WARM or review…", self._swarm, self.quick_row)
        self.unreported = UnreportedFlag(self.ctx, scale=self.scale, stacked=True)
        self.content.addWidget(self.unreported)
        self._risks_version = 0  # the huddle version the risks text started from
        self.risks = AutoSaveText(
            "Patients or risks to watch today",
            RISKS_PLACEHOLDER,
            self._save_risks,
            overrule=self._overrule_risks,
        )
        set_font(self.risks.label, self.scale.heading, bold=True)
        self.risks.strip.set_points(strip_points(self.scale))
        self.content.addWidget(self.risks)
        # the measures as the Measures page judges them on the huddle's day
        self.measures = MeasuresGlance(self.ctx, self.scale)
        self.content.addWidget(self.measures)

    def reload(self) -> None:
        days = self.ctx.app.board.days_since_last_harm()
        self.harm_free.setText(
            "No harm recorded yet"
            if days is None
            else f"{days} day{'s' if days != 1 else ''} since the last harm"
        )
        self.harm_free.setAccessibleName(self.harm_free.text())
        safety = (LearningKind.INCIDENT, LearningKind.NEAR_MISS)
        events = [i for i in self.ctx.app.learning.since_last_huddle() if i.kind in safety]
        self.events.set_lines(
            [learning_line(i) for i in events], "None recorded since the last huddle."
        )
        self.measures.show_day(self.measures.day or self.ctx.app.clock.today())

    def show_huddle(self, huddle: Huddle) -> None:
        super().show_huddle(huddle)
        if self.measures.day != huddle.held_on:
            self.measures.show_day(huddle.held_on)
        if not self.risks.dirty:
            self._risks_version = huddle.version
        self.risks.show_saved(huddle.risks_today)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.risks.set_editable(editable)

    def set_scale(self, scale: TypeScale) -> None:
        super().set_scale(scale)
        self.measures.set_scale(scale)
        self.unreported.set_scale(scale)

    def flush(self) -> bool:
        return self.risks.save_now() & super().flush()

    def holds_identifier(self) -> bool:
        return self.risks.held or super().holds_identifier()

    def _save_risks(self, text: str) -> None:
        huddle = self.ctx.app.huddles.set_risks_today(
            self.huddle_id, text=text, expected_version=self._risks_version or 1
        )
        self._risks_version = huddle.version

    def _overrule_risks(self, conflict: ConflictError) -> None:
        self._risks_version = int(conflict.current.get("version", self._risks_version))

    def _quick_add(self) -> None:
        self.add_learning(
            (LearningKind.NEAR_MISS, LearningKind.INCIDENT), "Add a near miss or incident"
        )

    def _swarm(self) -> None:
        pick_and_start(self, self.ctx)


class PatientVoicePanel(SectionPanel):
    KINDS = (LearningKind.PATIENT_FEEDBACK, LearningKind.COMPLAINT, LearningKind.COMPLIMENT)

    def build(self) -> None:
        self.feedback = self.recent_list(
            f"What patients and families told us (last {RECENT_DAYS} days)",
            "Add &patient feedback",
            name="Recent patient feedback",
        )
        self.touchpoints = TouchpointView(self.ctx, self.scale.body)
        self.editors += [self.touchpoints.add_touchpoint, self.touchpoints.add_matters]
        self.content.addWidget(self.touchpoints)

    def reload(self) -> None:
        self.feedback.set_lines(self.recent(*self.KINDS), "No feedback recorded recently.")

    def _quick_add(self) -> None:
        self.add_learning(self.KINDS, "Add patient feedback")


class IdeasPanel(SectionPanel):
    def build(self) -> None:
        row = WrappingRow()  # side by side when they fit, else one above the other
        self.idea_button = self.button("Add an &idea as an action", self.add_idea, row)
        self.learning_button = self.button("Add &learning", self._add_learning, row)
        self.content.addWidget(row)
        self.quick_row = row
        self.heading("Agreed in this huddle")
        self.agreed = BulletList("Actions agreed in this huddle")
        self.content.addWidget(self.agreed)
        self.heading("Learning raised in this huddle")
        self.raised = BulletList("Learning raised in this huddle")
        self.content.addWidget(self.raised)

    def reload(self) -> None:
        record = self.ctx.app.huddles.record(self.huddle_id)
        names = {p.id: p.display_name for p in self.ctx.app.setup.people(include_inactive=True)}
        self.agreed.set_lines(
            [action_line(a, names) for a in record.actions_agreed], "No actions agreed yet."
        )
        self.raised.set_lines(
            [learning_line(i) for i in record.learning_raised], "Nothing raised yet."
        )

    def add_idea(self) -> object | None:
        return IdeaDialog.ask(
            self,
            save=self._create_action,
            people=self.ctx.app.setup.people(),
            today=self.ctx.app.clock.today(),
        )

    def _create_action(self, draft: IdeaDraft):
        return self.ctx.app.actions.create_action(
            **asdict(draft),
            status="planned" if (draft.owner_id or draft.owner_text) else "idea",
            origin="huddle",
            huddle_id=self.huddle_id,
        )

    def _add_learning(self) -> None:
        self.add_learning(QUICK_KINDS, "Add learning")


class CelebratePanel(SectionPanel):
    KINDS = (LearningKind.EXCELLENCE, LearningKind.COMPLIMENT)

    def build(self) -> None:
        self.milestone = self.heading("")
        self.good = self.recent_list(
            f"Excellence and compliments (last {RECENT_DAYS} days)",
            "Add &excellence",
            name="Recent excellence and compliments",
        )

    def reload(self) -> None:
        self.good.set_lines(self.recent(*self.KINDS), "Nothing recorded recently: add some!")
        days = self.ctx.app.board.days_since_last_harm()
        reached = self.ctx.app.excellence.reached(days)
        self.milestone.setText(
            f"{reached.level.capitalize()} milestone: {days} days without a harm. "
            "Print the certificate from Reports and celebrate!"
            if reached is not None
            else ""
        )
        self.milestone.setVisible(reached is not None)

    def _quick_add(self) -> object | None:
        return ExcellenceDialog.ask(self, save=self._record_excellence)

    def _record_excellence(self, draft: ExcellenceDraft):
        item = self._record_learning(draft.learning)
        if draft.who.strip():
            self.ctx.app.excellence.credit(item.id, who=draft.who, expected_version=None)
        return item


class ReflectPanel(SectionPanel):
    def build(self) -> None:
        prompt = QLabel(
            "Half a minute on the huddle itself: what went well, and what will we change next time?"
        )
        prompt.setWordWrap(True)
        mark(prompt, "role", "secondary")
        self.content.addWidget(prompt)
        # the weekly speak-up pulse, on the day set in Settings
        self.pulse: PulseOffer | None = None
        if self.ctx.app.pulse.is_pulse_day():
            self.pulse = PulseOffer(self.ctx, self.scale.body)
            self.editors += list(self.pulse.buttons.values())
            self.content.addWidget(self.pulse)

    def flush(self) -> bool:
        # the pulse's answers are saved together as the team moves on (see PulseOffer)
        saved = self.pulse.flush() if self.pulse is not None else True
        return saved & super().flush()
