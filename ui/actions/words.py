"""The Actions board's column order (the words themselves are ``huddle/words.py``)."""

from __future__ import annotations

from huddle.domain import ActionStatus

# The board's columns, left to right: open work first, closed work last.
BOARD_ORDER = (
    ActionStatus.IDEA,
    ActionStatus.PLANNED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.STALLED,
    ActionStatus.DONE,
    ActionStatus.DROPPED,
)
