"""Learning the PSIRF way: SWARM huddles, After Action Reviews, the speak-up
pulse, the patient's voice and Learning from Excellence milestones.

Plain frozen records and the fixed vocabularies they use (the steps of a SWARM,
the four questions of an After Action Review, the SEIPS prompts, the pulse
questions and their five-point scale, the touchpoints of a patient's journey).
Nothing here touches the database or Qt.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

import msgspec


class ResponseKind(StrEnum):
    SWARM = "swarm"
    AAR = "aar"


class ResponseStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"


class Feeling(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class Step(msgspec.Struct, frozen=True):
    """One guided step of a learning response: the field it fills, its question,
    a no-blame prompt and a time box."""

    field: str
    title: str
    prompt: str
    seconds: int


# A SWARM is short and held at the PC soon after the event: about 15 minutes.
SWARM_STEPS = (
    Step("happened", "What happened?",
         "Describe the events in order, as facts. No names of patients; roles, not people.", 180),
    Step("expected", "What was expected to happen?",
         "What should have happened, by the usual process or plan?", 120),
    Step("difference", "What got in the way, and what helped?",
         "Think about the system, not the person: workload, equipment, information, handovers.",
         180),
    Step("patient_view", "The patient's and family's view",
         "What did the patient or family see, feel and say? Have they been told and supported?",
         120),
    Step("safer", "What would make it safer?",
         "Ideas that change the system. Agree who will do what, by when, as actions below.", 180),
    Step("learning", "What have we learned?",
         "One or two sentences the whole team could repeat tomorrow.", 120),
)  # fmt: skip

# The four questions of an After Action Review; good outcomes are reviewed the same way.
AAR_STEPS = (
    Step("expected", "What was expected to happen?",
         "What did we plan or hope for? What does good look like here?", 240),
    Step("happened", "What actually happened?",
         "The facts, in order, from everyone's point of view.", 300),
    Step("difference", "Why was there a difference?",
         "What made things go differently from the plan, for better or worse?", 480),
    Step("safer", "What will we do next time?",
         "What to keep doing, what to change, and who will take it forward.", 300),
    Step("learning", "What have we learned?",
         "The learning to share with the rest of the ward.", 120),
)  # fmt: skip

STEPS = {ResponseKind.SWARM: SWARM_STEPS, ResponseKind.AAR: AAR_STEPS}
RESPONSE_TEXT_FIELDS = ("happened", "expected", "difference", "patient_view", "safer", "learning")

# SEIPS (Systems Engineering Initiative for Patient Safety) work-system factors:
# optional prompts for "why was there a difference".
SEIPS_PROMPTS = (
    ("Person", "Skills, experience, fatigue, the patient's own needs."),
    ("Tasks", "How complex, how many at once, interruptions, time pressure."),
    ("Tools and technology", "Equipment, IT systems, forms: available, working, easy to use?"),
    ("Environment", "Layout, noise, lighting, space, bay or side room."),
    ("Organisation", "Staffing, skill mix, policies, handovers, culture, support."),
)

SWARM_WINDOW = timedelta(hours=24)  # after this, an After Action Review instead


class LearningResponse(msgspec.Struct, frozen=True):
    """A SWARM huddle or an After Action Review of one learning item."""

    id: str
    ward_id: str
    learning_id: str
    kind: ResponseKind
    status: ResponseStatus
    started_at: datetime
    ended_at: datetime | None
    present: tuple[tuple[str, int], ...]  # (role, how many), as the team said
    happened: str
    expected: str
    difference: str
    patient_view: str
    safer: str
    learning: str
    version: int

    @property
    def head_count(self) -> int:
        return sum(n for _, n in self.present)

    @property
    def held_on(self) -> date:
        return self.started_at.astimezone().date()


class ReportExemption(msgspec.Struct, frozen=True):
    """Why an incident or near miss need not go to the trust's incident system."""

    id: str
    learning_id: str
    reason: str
    version: int


# -- the speak-up pulse ---------------------------------------------------------------
class PulseQuestion(msgspec.Struct, frozen=True):
    key: str
    text: str


# Speak-up items of the NHS Staff Survey, worded for the ward.
PULSE_QUESTIONS = (
    PulseQuestion("safe_to_speak_up",
                  "I feel safe to speak up about anything that concerns me on this ward."),
    PulseQuestion("confident_addressed",
                  "If I spoke up about something that concerned me, I am confident the ward "
                  "would address my concern."),
    PulseQuestion("secure_unsafe_practice",
                  "I would feel secure raising concerns about unsafe clinical practice."),
)  # fmt: skip
PULSE_BY_KEY = {q.key: q for q in PULSE_QUESTIONS}
PULSE_SCALE = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
)
AGREE_FROM = 4  # "agree" and "strongly agree"
PULSE_MIN_ANSWERS = 5  # fewer in a week and nothing is shown, so no one can be picked out


class PulseWeek(msgspec.Struct, frozen=True):
    """One week of the pulse: how many answered, and the results only from 5 answers."""

    week: date  # the Monday
    answers: int
    mean: float | None
    agree_share: float | None

    @property
    def shown(self) -> bool:
        return self.mean is not None


def week_of(day: date) -> date:
    """The Monday of ``day``'s week: the finest time a pulse answer keeps."""
    return day - timedelta(days=day.weekday())


# -- the patient's voice --------------------------------------------------------------
TOUCHPOINT_STAGES = (
    ("admission", "Admission"),
    ("first_hours", "First hours on the ward"),
    ("ward_round", "Ward round"),
    ("medicines", "Medicines"),
    ("mealtimes", "Mealtimes"),
    ("personal_care", "Personal care"),
    ("visiting", "Visiting"),
    ("night", "Night"),
    ("discharge", "Discharge"),
    ("other", "Other"),
)
STAGE_LABELS = dict(TOUCHPOINT_STAGES)
EMOTIONS = {
    Feeling.POSITIVE: ("safe", "cared for", "reassured", "listened to", "comfortable", "happy"),
    Feeling.NEGATIVE: (
        "worried",
        "frustrated",
        "ignored",
        "scared",
        "confused",
        "lonely",
        "rushed",
    ),
}


class WhatMatters(msgspec.Struct, frozen=True):
    """What a patient said matters to them: never who said it."""

    id: str
    ward_id: str
    noted_on: date
    text: str
    version: int


class Touchpoint(msgspec.Struct, frozen=True):
    """A moment of a patient's journey and how it felt (experience-based co-design)."""

    id: str
    ward_id: str
    noted_on: date
    stage: str
    feeling: Feeling
    emotion: str
    what_happened: str
    staff_suggestion: str
    patient_suggestion: str
    version: int

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, self.stage)


class StageCount(msgspec.Struct, frozen=True):
    stage: str
    label: str
    negative: int
    positive: int


# -- Learning from Excellence milestones ---------------------------------------------
class Milestone(msgspec.Struct, frozen=True):
    level: str  # bronze, silver, gold (and beyond for longer lists)
    days: int


MILESTONE_LEVELS = ("bronze", "silver", "gold", "platinum", "diamond")
DEFAULT_MILESTONES = "10, 30, 100"
