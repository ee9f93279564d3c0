"""The words of a refusal: which record and which field hold a possible identifier.

A refusal names the record by its kind and date and the field by its name
("an NHS number in the closing note of the action of 3 Dec 2026") and never
repeats the matched text, not even masked: the person knows what they typed,
and a message can end up in a log, a screenshot or an email to IT.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from huddle.errors import FieldProblem, ValidationError

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

ENTITY_WORDS: Mapping[str, str] = {
    "ward": "ward",
    "person": "person on the roster",
    "agenda_template": "agenda",
    "huddle": "huddle",
    "huddle_section": "huddle section",
    "learning_item": "learning item",
    "learning_theme": "learning theme",
    "action": "action",
    "progress_note": "progress note",
    "pdsa_cycle": "PDSA cycle",
    "measure": "measure",
    "measure_point": "measure point",
    "measure_rebase": "rebase",
    "annotation": "chart note",
    "setting": "setting",
    "learning_response": "learning response",
    "report_exemption": "reporting exemption",
    "what_matters": "what-matters note",
    "touchpoint": "touchpoint",
    "excellence_credit": "thank-you",
    "escalation": "escalation",
    "escalation_answer": "answer to an escalation",
}
FIELD_WORDS: Mapping[str, str] = {
    "name": "name",
    "site": "site",
    "specialty": "specialty",
    "display_name": "name",
    "role": "role",
    "sections_json": "section titles",
    "risks_today": "risks today",
    "title": "title",
    "notes": "notes",
    "theme": "theme",
    "detail": "detail",
    "owner_text": "owner",
    "closing_note": "closing note",
    "drop_reason": "reason for dropping",
    "text": "text",
    "plan": "plan",
    "prediction": "prediction",
    "do": "do notes",
    "study": "study notes",
    "unit": "unit",
    "description": "description",
    "note": "note",
    "reason": "reason",
    "value_json": "value",
    "what_happened": "what happened",
    "what_helped": "what helped",
    "what_learned": "what we learned",
    "what_change": "what we will change",
    "incident_ref": "incident reference",
    "present_json": "who was there",
    "happened": "what happened",
    "expected": "what was expected",
    "difference": "what made the difference",
    "patient_view": "patient's view",
    "safer": "what would make it safer",
    "learning": "learning",
    "emotion": "feeling",
    "staff_suggestion": "staff suggestion",
    "patient_suggestion": "patient suggestion",
    "who": "who was excellent",
    "raised_by": "who raised it",
    "answer": "answer",
    "owner": "owner",
    "answered_by": "who answered",
}
# The columns that date a record best, in order of preference.
_DATING = (
    "occurred_on",
    "period_start",
    "on_date",
    "from_date",
    "noted_on",
    "raised_at",
    "answered_at",
    "started_at",
    "created_at",
)


def day_text(day: date) -> str:
    """6 Aug 2026, whatever the PC's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def record_day(row: Mapping[str, Any]) -> date | None:
    for column in _DATING:
        value = row.get(column)
        if isinstance(value, str) and value:
            try:
                return datetime.fromisoformat(value).date()
            except ValueError:
                try:
                    return date.fromisoformat(value[:10])
                except ValueError:
                    continue
    return None


def place(table: str, column: str, day: date | datetime | None = None) -> str:
    """'the closing note of the action of 3 Dec 2026': a record by kind and date, never by
    its text (a title may be what holds the identifier)."""
    entity = ENTITY_WORDS.get(table, table.replace("_", " "))
    field = FIELD_WORDS.get(column, column.replace("_", " "))
    if isinstance(day, datetime):
        day = day.astimezone().date() if day.tzinfo is not None else day.date()
    dated = f" of {day_text(day)}" if day is not None else ""
    return f"the {field} of the {entity}{dated}"


def where_words(table: str, column: str, row: Mapping[str, Any]) -> str:
    """:func:`place` for a stored row, dated by its best date column."""
    return place(table, column, record_day(row))


class IdentifierRefusedError(ValidationError):
    """Text that looks like a patient identifier was not saved.

    One problem per field; each message names the record and field and the kind
    of identifier, never the text. ``kinds`` maps each field to the kinds found.
    """

    code = "identifier"

    def __init__(self, problems: list[FieldProblem], kinds: Mapping[str, tuple[str, ...]]) -> None:
        super().__init__(problems)
        self.kinds = dict(kinds)
        self.message = " ".join(p.message for p in problems)


def refusal_message(nouns: list[str], where: str) -> str:
    """'Not saved: an NHS number in the title of the action of 3 Dec 2026. Edit it out, …'"""
    unique = list(dict.fromkeys(nouns))
    found = unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]
    if len(nouns) > 1 and len(unique) == 1:
        found = f"{len(nouns)} things that look like {found.split(' ', 1)[1]}s"
    return (
        f"Not saved: {found} in {where}. Edit it out, or if it is not a patient "
        "identifier, confirm that and save again."
    )
