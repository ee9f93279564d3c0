"""The words reports print for the domain's codes (British English)."""

from __future__ import annotations

from collections.abc import Mapping

from huddle.domain import (
    Action,
    ActionStatus,
    HuddleKind,
    LearningKind,
    Origin,
    PdsaDecision,
    Person,
    Priority,
)

KIND_WORDS = {
    HuddleKind.DAILY_SAFETY: "Daily safety huddle",
    HuddleKind.WEEKLY_IMPROVEMENT: "Weekly improvement huddle",
    HuddleKind.OTHER: "Huddle",
}
LEARNING_WORDS = {
    LearningKind.INCIDENT: "Incident",
    LearningKind.NEAR_MISS: "Near miss",
    LearningKind.COMPLAINT: "Complaint",
    LearningKind.COMPLIMENT: "Compliment",
    LearningKind.PATIENT_FEEDBACK: "Patient feedback",
    LearningKind.EXCELLENCE: "Excellence",
    LearningKind.OTHER: "Other",
}
STATUS_WORDS = {
    ActionStatus.IDEA: "Idea",
    ActionStatus.PLANNED: "Planned",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.STALLED: "Stalled",
    ActionStatus.DROPPED: "Dropped",
}
PRIORITY_WORDS = {Priority.HIGH: "High", Priority.NORMAL: "Normal", Priority.LOW: "Low"}
ORIGIN_WORDS = {
    Origin.HUDDLE: "Huddle",
    Origin.LEARNING: "Learning",
    Origin.STAFF_IDEA: "Staff idea",
    Origin.PATIENT_FEEDBACK: "Patient feedback",
}
DECISION_WORDS = {
    PdsaDecision.ADOPT: "Adopt",
    PdsaDecision.ADAPT: "Adapt",
    PdsaDecision.ABANDON: "Abandon",
}


def owner_name(action: Action, people: Mapping[str, Person]) -> str:
    """The owner as the team knows them: a roster name, free text, or unassigned."""
    if action.owner_id and action.owner_id in people:
        return people[action.owner_id].display_name
    return action.owner_text or "Unassigned"
