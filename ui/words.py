"""The screens' words for the core's codes are the core's own (``huddle/words.py``).

Re-exported here so screen modules read ``from ui.words import ...``; the
words are defined once, shared with the PDFs and CSVs.
"""

from huddle.words import (
    ACTION_STATUS,
    DECISION,
    DECISION_DONE,
    DECISION_EXPLAINED,
    HARM_LEVEL,
    HUDDLE_KIND,
    HUDDLE_STATUS,
    LEARNING_KIND,
    NO_OWNER,
    ORIGIN,
    PERIOD,
    PRIORITY,
    SAFETY_CATEGORY,
    SECTION_KEY,
    YOU_SAID_WE_DID,
    answer_line,
    days,
    escalation_line,
    escalation_state,
    owner_name,
)

__all__ = [
    "ACTION_STATUS",
    "DECISION",
    "DECISION_DONE",
    "DECISION_EXPLAINED",
    "HARM_LEVEL",
    "HUDDLE_KIND",
    "HUDDLE_STATUS",
    "LEARNING_KIND",
    "NO_OWNER",
    "ORIGIN",
    "YOU_SAID_WE_DID",
    "PERIOD",
    "PRIORITY",
    "SAFETY_CATEGORY",
    "SECTION_KEY",
    "answer_line",
    "days",
    "escalation_line",
    "escalation_state",
    "owner_name",
]


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
