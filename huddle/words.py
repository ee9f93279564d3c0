"""The words people read for the core's codes, in British English: one place.

The core stores codes (``near_miss``, ``in_progress``); every screen, PDF and
CSV says "Near miss", "In progress" from here, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from huddle.domain import (
    Action,
    ActionStatus,
    HarmLevel,
    HuddleKind,
    HuddleStatus,
    LearningKind,
    Origin,
    PdsaDecision,
    Period,
    Person,
    Priority,
    SafetyCategory,
    SectionKey,
)
from huddle.domain_escalations import (
    AnswerStatus,
    EscalationSource,
    EscalationStatus,
    EscalationView,
)
from huddle.formatting import days_phrase

ACTION_STATUS = {
    ActionStatus.IDEA: "Idea",
    ActionStatus.PLANNED: "Planned",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.STALLED: "Stalled",
    ActionStatus.DROPPED: "Dropped",
}
LEARNING_KIND = {
    LearningKind.INCIDENT: "Incident",
    LearningKind.NEAR_MISS: "Near miss",
    LearningKind.COMPLAINT: "Complaint",
    LearningKind.COMPLIMENT: "Compliment",
    LearningKind.PATIENT_FEEDBACK: "Patient feedback",
    LearningKind.EXCELLENCE: "Excellence",
    LearningKind.OTHER: "Other learning",
}
HUDDLE_KIND = {
    HuddleKind.DAILY_SAFETY: "Daily safety huddle",
    HuddleKind.WEEKLY_IMPROVEMENT: "Weekly improvement huddle",
    HuddleKind.OTHER: "Team huddle",
}
HUDDLE_STATUS = {
    HuddleStatus.RUNNING: "Running",
    HuddleStatus.FINISHED: "Finished",
    HuddleStatus.ABANDONED: "Abandoned",
}
PERIOD = {Period.DAY: "Day", Period.WEEK: "Week", Period.MONTH: "Month"}
SECTION_KEY = {
    SectionKey.SAFETY: "Safety events and risks",
    SectionKey.PATIENT_VOICE: "Patient feedback",
    SectionKey.ACTIONS: "Actions due and overdue",
    SectionKey.IDEAS: "Ideas and learning",
    SectionKey.CELEBRATE: "Excellence and compliments",
    SectionKey.REFLECT: "How the huddle went",
    SectionKey.CUSTOM: "Notes only",
}
PRIORITY = {Priority.HIGH: "High", Priority.NORMAL: "Normal", Priority.LOW: "Low"}
ORIGIN = {  # where an action came from
    Origin.HUDDLE: "A huddle",
    Origin.LEARNING: "A learning item",
    Origin.STAFF_IDEA: "A staff idea",
    Origin.PATIENT_FEEDBACK: "Patient feedback",
}
DECISION = {  # what a PDSA cycle decided
    PdsaDecision.ADOPT: "Adopt",
    PdsaDecision.ADAPT: "Adapt",
    PdsaDecision.ABANDON: "Abandon",
}
DECISION_EXPLAINED = {  # the choice as the form offers it
    PdsaDecision.ADOPT: "Adopt: keep it as it is",
    PdsaDecision.ADAPT: "Adapt: change it and test again",
    PdsaDecision.ABANDON: "Abandon: stop, and record what we learned",
}
DECISION_DONE = {  # a finished cycle, in the history
    PdsaDecision.ADOPT: "Adopted",
    PdsaDecision.ADAPT: "Adapted",
    PdsaDecision.ABANDON: "Abandoned",
}
HARM_LEVEL = {
    HarmLevel.NONE: "No harm",
    HarmLevel.LOW: "Low harm",
    HarmLevel.MODERATE: "Moderate harm",
    HarmLevel.SEVERE: "Severe harm",
    HarmLevel.DEATH: "Death",
}
SAFETY_CATEGORY = {
    SafetyCategory.FALLS: "Falls",
    SafetyCategory.PRESSURE_ULCERS: "Pressure ulcers",
    SafetyCategory.MEDICATION: "Medication",
    SafetyCategory.INFECTION: "Infection",
    SafetyCategory.DETERIORATION: "Deterioration",
    SafetyCategory.OTHER: "Other",
}
NO_OWNER = "No owner yet"


def owner_name(action: Action, people: Mapping[str, Person]) -> str:
    """The owner as the team knows them: a roster name, free text, or no owner yet."""
    if action.owner_id and action.owner_id in people:
        return people[action.owner_id].display_name
    return action.owner_text or NO_OWNER


def days(count: int) -> str:
    """``1 day``, ``5 days``."""
    return f"{count} day" if count == 1 else f"{count} days"


# Escalations to the trust's tiered huddles (#19)
_STATUS_WORDS = ("Waiting for an answer", "Answered", "Closed")
ESCALATION_STATUS = dict(zip(EscalationStatus, _STATUS_WORDS, strict=True))
ANSWER_STATUS = dict(zip(AnswerStatus, ("Answered", "In progress", "Closed"), strict=True))
_SOURCE_WORDS = ("A huddle", "An action", "A learning item", "Today's risks")
ESCALATION_SOURCE = dict(zip(EscalationSource, _SOURCE_WORDS, strict=True))
YOU_SAID_WE_DID = "You said, we did"


def _span(span: timedelta) -> str:
    """``5 h`` under two days, else ``3 days`` (whole hours and days, rounded down)."""
    hours = int(span.total_seconds() // 3600)
    return f"{hours} h" if hours < 48 else days_phrase(hours // 24)


def escalation_age(age: timedelta) -> str:
    """``under an hour old``, ``5 h old``, ``2 days old``."""
    return "under an hour old" if age < timedelta(hours=1) else f"{_span(age)} old"


def answer_due(due_in: timedelta) -> str:
    """``answer due in 5 h``, ``answer due in 3 days``, ``answer overdue by 2 h``."""
    if due_in < timedelta(0):
        late = -due_in
        return "answer overdue by " + (
            "under an hour" if late < timedelta(hours=1) else _span(late)
        )
    return "answer due in " + ("under an hour" if due_in < timedelta(hours=1) else _span(due_in))


CHART_WORDS = {
    "xmr": "XmR chart",
    "run": "Run chart",
    "safety_cross": "Safety cross",
    "days_between": "Days between events (t-chart)",
}


def escalation_line(view: EscalationView) -> str:
    """ "Site: No bariatric hoist on the site — 5 h old · answer due in 19 h"."""
    item = view.escalation
    return f"{item.tier}: {item.reason} — {escalation_age(view.age)} · {answer_due(view.due_in)}"


def answer_line(view: EscalationView) -> tuple[str, str]:
    """("You said: No bariatric hoist …", "Site (Site manager): A loan hoist arrives today"):
    the question and the tier's answer ("You said, we did")."""
    item, answer = view.escalation, view.latest_answer
    said = f"You said: {item.reason}"
    if answer is None:
        return (said, "")
    owner = f" ({answer.owner})" if answer.owner else ""
    return (said, f"{answer.tier or item.tier}{owner}: {answer.answer}")


def escalation_state(view: EscalationView) -> str:
    """An item's latest escalation in a phrase: "escalated to Site, 5 h old: answer due in
    19 h" or "escalated to Site: answered (A loan hoist arrives today)"."""
    item, answer = view.escalation, view.latest_answer
    if view.status is EscalationStatus.OPEN:
        return f"escalated to {item.tier}, {escalation_age(view.age)}: {answer_due(view.due_in)}"
    said = f" ({answer.answer})" if answer is not None else ""
    return f"escalated to {item.tier}: {ESCALATION_STATUS[view.status].lower()}{said}"


# The speak-up pulse: a week shows its results only from enough answers (the screens
# and the ward report say it the same way).
PULSE_TOO_FEW = "too few answers to show"


def pulse_share(share: float | None) -> str:
    """The share who agreed in a week: "60%"."""
    return PULSE_TOO_FEW if share is None else f"{round(share * 100)}%"


def pulse_mean(mean: float | None, *, out_of_five: bool = True) -> str:
    """A week's mean score: "3.4 out of 5" ("3.4" where a heading says the scale)."""
    if mean is None:
        return PULSE_TOO_FEW
    return f"{mean:.1f} out of 5" if out_of_five else f"{mean:.1f}"
