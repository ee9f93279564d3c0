"""The words the PSIRF screens show, in one place (beside ui/formatting.py)."""

from __future__ import annotations

from huddle.domain_psirf import PULSE_MIN_ANSWERS, Feeling, ResponseKind

RESPONSE_NAMES = {ResponseKind.SWARM: "SWARM huddle", ResponseKind.AAR: "After Action Review"}
FEELING_WORDS = {Feeling.POSITIVE: "Felt good", Feeling.NEGATIVE: "Felt bad"}
UNREPORTED = "not yet reported to the trust's incident system"
PULSE_PRIVACY = (
    f"Anonymous: no name, no time, just this week's count. Results show only once "
    f"{PULSE_MIN_ANSWERS} or more have answered."
)
SWARM_TOO_LATE = (
    "It is more than 24 hours since this was logged, so a SWARM huddle is no longer the "
    "right fit. Hold an After Action Review instead: the same learning, with time to reflect."
)


def response_title(kind: ResponseKind, title: str) -> str:
    return f"{RESPONSE_NAMES[kind]}: {title}"


def pulse_count(answers: int) -> str:
    return f"{answers} answer{'s' if answers != 1 else ''} this week"
