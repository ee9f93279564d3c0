"""The words the Actions page uses for the core's codes, in British English."""

from __future__ import annotations

from huddle.domain import ActionStatus, Origin, PdsaDecision, Priority
from ui.words import ACTION_STATUS

# The board's columns, left to right: open work first, closed work last.
BOARD_ORDER = (
    ActionStatus.IDEA,
    ActionStatus.PLANNED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.STALLED,
    ActionStatus.DONE,
    ActionStatus.DROPPED,
)
STATUS = ACTION_STATUS
PRIORITY = {Priority.HIGH: "High", Priority.NORMAL: "Normal", Priority.LOW: "Low"}
ORIGIN = {
    Origin.HUDDLE: "A huddle",
    Origin.LEARNING: "A learning item",
    Origin.STAFF_IDEA: "A staff idea",
    Origin.PATIENT_FEEDBACK: "Patient feedback",
}
DECISION = {
    PdsaDecision.ADOPT: "Adopt: keep it as it is",
    PdsaDecision.ADAPT: "Adapt: change it and test again",
    PdsaDecision.ABANDON: "Abandon: stop, and record what we learned",
}
DECISION_SHORT = {
    PdsaDecision.ADOPT: "Adopted",
    PdsaDecision.ADAPT: "Adapted",
    PdsaDecision.ABANDON: "Abandoned",
}
NO_OWNER = "No owner yet"


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"
