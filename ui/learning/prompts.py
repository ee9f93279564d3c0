"""The editor's questions for each kind of learning, and the words for its choices.

Every prompt is no-blame and practical: it asks about events, systems and what
we will do, never about who is at fault. Each prompt fills one of the learning
item's text fields; a kind asks only the questions that fit it.
"""

from __future__ import annotations

from huddle.domain import LearningKind

# The four free-text fields the prompts write into, in the editor's order.
PROMPT_FIELDS = ("what_happened", "what_helped", "what_learned", "what_change")

# What a field is called when it has text but the chosen kind does not ask for it.
FIELD_NAMES = {
    "title": "Short title",
    "what_happened": "What happened",
    "what_helped": "What helped or got in the way",
    "what_learned": "What we learned",
    "what_change": "What we will change",
    "incident_ref": "Incident system reference",
}

_SAFETY = {
    "what_happened": "What happened? (describe events, not people)",
    "what_helped": "What helped or got in the way?",
    "what_learned": "What did we learn?",
    "what_change": "What will we change?",
}
PROMPTS: dict[LearningKind, dict[str, str]] = {
    LearningKind.INCIDENT: _SAFETY,
    LearningKind.NEAR_MISS: _SAFETY,
    LearningKind.EXCELLENCE: {
        "what_happened": "Who did what well?",
        "what_helped": "Why did it matter?",
        "what_learned": "What can we learn from it?",
    },
    LearningKind.PATIENT_FEEDBACK: {
        "what_happened": "What did the patient or family tell us?",
        "what_change": "What will we do?",
    },
    LearningKind.COMPLAINT: {
        "what_happened": "What did the patient or family tell us?",
        "what_change": "What will we do?",
    },
    LearningKind.COMPLIMENT: {
        "what_happened": "What did the patient or family tell us?",
        "what_learned": "What made the difference for them?",
        "what_change": "Who should hear it, and what will we keep doing?",
    },
    LearningKind.OTHER: {
        "what_happened": "What happened? (describe events, not people)",
        "what_learned": "What did we learn?",
        "what_change": "What will we change?",
    },
}

# Kinds that carry the incident-system reference, safety category and (incidents) harm.
SAFETY_KINDS = frozenset({LearningKind.INCIDENT, LearningKind.NEAR_MISS})
HARM_KINDS = frozenset({LearningKind.INCIDENT})


TITLE_PROMPT = {
    LearningKind.EXCELLENCE: "Short title (for example: calm handling of a busy admission)",
    LearningKind.COMPLIMENT: "Short title (for example: thank-you card from bay 3)",
}
DEFAULT_TITLE_PROMPT = "Short title (events, not names)"


def prompts_for(kind: LearningKind) -> dict[str, str]:
    """Field → question for ``kind``, in the editor's order."""
    return dict(PROMPTS[kind])
