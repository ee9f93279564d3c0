"""The words people see for the core's codes, in British English.

The core returns codes (``near_miss``, ``in_progress``); the screens say
"Near miss", "In progress". Kept in one place so every page words them alike.
"""

from __future__ import annotations

from huddle.domain import (
    ActionStatus,
    HuddleKind,
    HuddleStatus,
    LearningKind,
    Period,
    SectionKey,
)

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


# -- sync between the ward's PCs (issue 18) -----------------------------------
CHANGED_ON_TWO_PCS = "Changed on two PCs"
SYNC_NO_SERVER = "This PC only"


def sync_line(
    *, last_synced: str, pending: int, conflicts: int, problem: str = "", syncing: bool = False
) -> str:
    """The header's one line about sync: when it last worked and what is waiting."""
    if conflicts:
        return f"{conflicts} {'record' if conflicts == 1 else 'records'} changed on two PCs"
    if syncing:
        return "Syncing…"
    waiting = f", {pending} {'change' if pending == 1 else 'changes'} waiting" if pending else ""
    if problem:
        return f"Not synced: server unreachable{waiting}"
    if not last_synced:
        return f"Not synced yet{waiting}"
    return f"Synced {last_synced}{waiting}"
