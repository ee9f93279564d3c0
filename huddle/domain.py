"""The ward's domain as plain, frozen records and the vocabularies they use.

The records are ``msgspec.Struct`` classes: like frozen dataclasses (typed
fields, ``==``, hashing, ``msgspec.structs.replace``) but made and built far
faster, which the desktop app's start-up and the long lists need.

Services return these; nothing here touches the database or Qt. Dates are
``datetime.date`` (the ward's local calendar), moments are UTC-aware
``datetime``. Every edited record carries a ``version`` so a stale edit can be
detected.

No ``from __future__ import annotations`` here (nor in domain_escalations): msgspec
reads a record's annotations the first time it converts one, and annotations kept
as text it must parse and evaluate, a dozen record kinds at every start.
Evaluated here, once, at import, they cost nothing more. The records name only
types defined above them or imported, so none needs to be text.
"""

from datetime import date, datetime
from enum import StrEnum

import msgspec


class HuddleKind(StrEnum):
    DAILY_SAFETY = "daily_safety"
    WEEKLY_IMPROVEMENT = "weekly_improvement"
    OTHER = "other"


class HuddleStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"
    ABANDONED = "abandoned"


class SectionKey(StrEnum):
    """What an agenda section is about, so the runner knows what to show."""

    SAFETY = "safety"
    PATIENT_VOICE = "patient_voice"
    ACTIONS = "actions"
    IDEAS = "ideas"
    CELEBRATE = "celebrate"
    REFLECT = "reflect"
    CUSTOM = "custom"


class LearningKind(StrEnum):
    INCIDENT = "incident"
    NEAR_MISS = "near_miss"
    COMPLAINT = "complaint"
    COMPLIMENT = "compliment"
    PATIENT_FEEDBACK = "patient_feedback"
    EXCELLENCE = "excellence"
    OTHER = "other"


class HarmLevel(StrEnum):
    """Harm to a patient, in the national reporting system's grades."""

    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"
    SEVERE = "severe"
    DEATH = "death"


class SafetyCategory(StrEnum):
    FALLS = "falls"
    PRESSURE_ULCERS = "pressure_ulcers"
    MEDICATION = "medication"
    INFECTION = "infection"
    DETERIORATION = "deterioration"
    OTHER = "other"


class ActionStatus(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    STALLED = "stalled"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        return self not in (ActionStatus.DONE, ActionStatus.DROPPED)

    @property
    def is_committed(self) -> bool:
        """Open and taken on by someone: planned, in progress or stalled."""
        return self.is_open and self is not ActionStatus.IDEA


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Origin(StrEnum):
    HUDDLE = "huddle"
    LEARNING = "learning"
    STAFF_IDEA = "staff_idea"
    PATIENT_FEEDBACK = "patient_feedback"


class PdsaDecision(StrEnum):
    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"


class Direction(StrEnum):
    """Which way a measure improves."""

    UP = "up"
    DOWN = "down"
    NEUTRAL = "neutral"


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class ChartKind(StrEnum):
    XMR = "xmr"
    RUN = "run"
    SAFETY_CROSS = "safety_cross"


class RareEventChart(StrEnum):
    """Whether a count of rare harms is also (or only) read as days between events."""

    NONE = "none"
    ALONGSIDE = "alongside"
    INSTEAD = "instead"


class Ward(msgspec.Struct, frozen=True):
    id: str
    name: str
    site: str
    specialty: str
    version: int


class Person(msgspec.Struct, frozen=True):
    id: str
    ward_id: str
    display_name: str
    role: str
    active: bool
    version: int


class SectionPlan(msgspec.Struct, frozen=True):
    """One section of an agenda template: what it covers and its time box."""

    key: SectionKey
    title: str
    seconds: int


class AgendaTemplate(msgspec.Struct, frozen=True):
    id: str
    ward_id: str
    name: str
    kind: HuddleKind
    sections: tuple[SectionPlan, ...]
    is_default: bool
    archived: bool
    version: int

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.sections)


class HuddleSection(msgspec.Struct, frozen=True):
    id: str
    huddle_id: str
    position: int
    key: SectionKey
    title: str
    seconds: int
    notes: str
    version: int


class Huddle(msgspec.Struct, frozen=True):
    id: str
    ward_id: str
    kind: HuddleKind
    status: HuddleStatus
    started_at: datetime
    ended_at: datetime | None
    facilitator_id: str | None
    others_count: int
    risks_today: str
    sections: tuple[HuddleSection, ...]
    attendee_ids: frozenset[str]
    version: int

    @property
    def head_count(self) -> int:
        return len(self.attendee_ids) + self.others_count

    @property
    def held_on(self) -> date:
        return self.started_at.astimezone().date()


# The free-text fields of a learning item, in the order the editor shows them.
LEARNING_TEXT_FIELDS = (
    "title",
    "what_happened",
    "what_helped",
    "what_learned",
    "what_change",
    "incident_ref",
)


class LearningItem(msgspec.Struct, frozen=True):
    id: str
    ward_id: str
    kind: LearningKind
    occurred_on: date
    title: str
    what_happened: str
    what_helped: str
    what_learned: str
    what_change: str
    harm: HarmLevel
    safety_category: SafetyCategory | None
    incident_ref: str
    themes: tuple[str, ...]
    huddle_id: str | None
    action_ids: tuple[str, ...]
    archived: bool
    created_at: datetime
    version: int


class ProgressNote(msgspec.Struct, frozen=True):
    id: str
    action_id: str
    huddle_id: str | None
    text: str
    status_from: ActionStatus | None
    status_to: ActionStatus | None
    created_at: datetime


class PdsaCycle(msgspec.Struct, frozen=True):
    id: str
    action_id: str
    number: int
    plan: str
    prediction: str
    do: str
    study: str
    act: PdsaDecision | None
    started_on: date
    completed_on: date | None
    version: int


class Action(msgspec.Struct, frozen=True):
    id: str
    ward_id: str
    title: str
    detail: str
    owner_id: str | None
    owner_text: str
    due_on: date | None
    status: ActionStatus
    priority: Priority
    origin: Origin
    huddle_id: str | None
    closing_note: str
    drop_reason: str
    learning_ids: tuple[str, ...]
    measure_ids: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    last_progress_at: datetime | None
    archived: bool
    version: int

    def is_overdue(self, today: date) -> bool:
        return self.status.is_open and self.due_on is not None and self.due_on < today

    def overdue_days(self, today: date) -> int:
        """How many days past its due date an open action is (0 when it is not overdue)."""
        if self.due_on is None or not self.is_overdue(today):
            return 0
        return (today - self.due_on).days

    def stale_days(self, now: datetime, after: int) -> int:
        """Days without a progress note (or since creation) once that reaches ``after``, else 0.

        The one "stalled" rule: only work someone has taken on goes stale, and
        ``after`` is the ward's ``stale_days`` preference.
        """
        if not self.status.is_committed:
            return 0
        quiet = (now - (self.last_progress_at or self.created_at)).days
        return quiet if quiet >= after else 0


class Measure(msgspec.Struct, frozen=True):
    id: str
    ward_id: str
    name: str
    unit: str
    better: Direction
    target: float | None
    period: Period
    chart_kind: ChartKind
    baseline_points: int | None
    description: str
    archived: bool
    version: int
    rare_event_chart: RareEventChart = RareEventChart.NONE


class MeasurePoint(msgspec.Struct, frozen=True):
    id: str
    measure_id: str
    period_start: date
    value: float
    note: str
    version: int


class Annotation(msgspec.Struct, frozen=True):
    id: str
    measure_id: str
    on_date: date
    text: str
    action_id: str | None
    pdsa_id: str | None


class Rebase(msgspec.Struct, frozen=True):
    id: str
    measure_id: str
    from_date: date
    reason: str


class AuditEntry(msgspec.Struct, frozen=True):
    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: str
    op: str
    before: dict[str, object] | None
    after: dict[str, object] | None


class Change(msgspec.Struct, frozen=True):
    """What a mutation changed, for views to decide whether to redraw."""

    entities: frozenset[str]
    ids: frozenset[str] = msgspec.field(default_factory=frozenset)

    def touches(self, *entities: str) -> bool:
        return bool(self.entities.intersection(entities))
