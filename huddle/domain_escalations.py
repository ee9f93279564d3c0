"""Escalations from a ward to the trust's tiered huddles, and the tiers' answers.

Plain frozen records and their codes. A ward raises an escalation (to a tier the
trust names, with a reason and when an answer is needed); the tier answers in
rows of its own, so what the ward and the tier write never collide. What a
person reads as an escalation's state is decided once, by :func:`effective_status`.
Nothing here touches the database or Qt.
"""

from datetime import datetime, timedelta
from enum import StrEnum

import msgspec

# Where an escalation was raised from; the ward's state of it; a tier's answer's status.
EscalationSource = StrEnum(
    "EscalationSource",
    [("HUDDLE", "huddle"), ("ACTION", "action"), ("LEARNING", "learning"), ("RISK", "risk")],
)
EscalationStatus = StrEnum(
    "EscalationStatus", [("OPEN", "open"), ("ANSWERED", "answered"), ("CLOSED", "closed")]
)
AnswerStatus = StrEnum(
    "AnswerStatus",
    [("ANSWERED", "answered"), ("IN_PROGRESS", "in_progress"), ("CLOSED", "closed")],
)


class Escalation(msgspec.Struct, frozen=True):
    id: str
    ward_id: str
    source_kind: EscalationSource
    source_id: str | None
    tier: str
    reason: str
    answer_by: datetime
    raised_at: datetime
    raised_by: str
    status: EscalationStatus  # the ward's own: open, or closed by the ward
    closed_at: datetime | None
    version: int


class EscalationAnswer(msgspec.Struct, frozen=True):
    id: str
    escalation_id: str
    answer: str
    owner: str
    status: AnswerStatus
    answered_at: datetime
    answered_by: str
    tier: str
    version: int


class EscalationView(msgspec.Struct, frozen=True):
    """An escalation as a screen shows it at a moment: its state, age and latest answer."""

    escalation: Escalation
    latest_answer: EscalationAnswer | None
    status: EscalationStatus
    age: timedelta  # since it was raised
    due_in: timedelta  # until the answer is needed; negative once overdue
    overdue: bool  # still waiting for an answer after it was needed

    @property
    def id(self) -> str:
        return self.escalation.id


def effective_status(escalation: Escalation, latest: EscalationAnswer | None) -> EscalationStatus:
    """What the escalation's state reads as: closed by the ward or the tier, answered,
    or open (no answer yet, or the tier's answer says it is in progress)."""
    if escalation.status is EscalationStatus.CLOSED:
        return EscalationStatus.CLOSED
    if latest is None or latest.status is AnswerStatus.IN_PROGRESS:
        return EscalationStatus.OPEN
    if latest.status is AnswerStatus.CLOSED:
        return EscalationStatus.CLOSED
    return EscalationStatus.ANSWERED


def agenda_key(view: EscalationView) -> tuple[bool, datetime, datetime]:
    """The tier-2 huddle's order: overdue first, then the answer needed soonest,
    then the oldest."""
    return (not view.overdue, view.escalation.answer_by, view.escalation.raised_at)
