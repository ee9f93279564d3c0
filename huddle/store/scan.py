"""Reading every stored free-text field, for the identifier audit (pid-scan)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from huddle.domain import LEARNING_TEXT_FIELDS
from huddle.store.connection import Store

# Every column a person can type into, table by table. A test checks that each
# TEXT column of the schema is either here or in NOT_FREE_TEXT.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "ward": ("name", "site", "specialty"),
    "person": ("display_name", "role"),
    "agenda_template": ("name", "sections_json"),
    "huddle": ("risks_today",),
    "huddle_section": ("title", "notes"),
    "learning_item": LEARNING_TEXT_FIELDS,
    "learning_theme": ("theme",),
    "action": ("title", "detail", "owner_text", "closing_note", "drop_reason"),
    "progress_note": ("text",),
    "pdsa_cycle": ("plan", "prediction", "do", "study"),
    "measure": ("name", "unit", "description"),
    "measure_point": ("note",),
    "measure_rebase": ("reason",),
    "annotation": ("text",),
    "setting": ("value_json",),
    "learning_response": (
        "present_json",
        "happened",
        "expected",
        "difference",
        "patient_view",
        "safer",
        "learning",
    ),
    "report_exemption": ("reason",),
    "what_matters": ("text",),
    "touchpoint": ("emotion", "what_happened", "staff_suggestion", "patient_suggestion"),
    "excellence_credit": ("who",),
    "escalation": ("reason", "raised_by"),
    "escalation_answer": ("answer", "owner", "answered_by"),
}
# Text columns the app fills itself: ids, codes, dates and timestamps.
NOT_FREE_TEXT = frozenset(
    {
        "id",
        "ward_id",
        "person_id",
        "huddle_id",
        "template_id",
        "facilitator_id",
        "learning_id",
        "action_id",
        "measure_id",
        "pdsa_id",
        "owner_id",
        "kind",
        "status",
        "key",
        "harm",
        "safety_category",
        "priority",
        "origin",
        "better",
        "period",
        "chart_kind",
        "rare_event_chart",
        "act",
        "status_from",
        "status_to",
        "created_at",
        "updated_at",
        "content_hash",  # the audit's hash chain: hex digests, never typed
        "chain_hash",
        "redacted_at",
        "started_at",
        "ended_at",
        "occurred_on",
        "due_on",
        "started_on",
        "completed_on",
        "period_start",
        "from_date",
        "on_date",
        "at",
        "actor",
        "entity",
        "entity_id",
        "op",
        "before_json",
        "after_json",
        "feeling",
        "stage",
        "noted_on",
        "escalation_id",  # 0009_escalations: codes and moments; tier names are IT's
        "source_kind",
        "source_id",
        "tier",
        "answer_by",
        "raised_at",
        "closed_at",
        "answered_at",
    }
)
KEYS = {"learning_theme": "learning_id || ':' || theme"}


def free_text_rows(store: Store, table: str) -> Iterator[tuple[str, dict[str, str]]]:
    """(record id, {field: text}) for each row of ``table`` with any text."""
    columns = FREE_TEXT[table]
    key = KEYS.get(table, "id")
    select = ", ".join(columns)
    cursor = store.conn.execute(f"SELECT {key}, {select} FROM {table}")
    for row in cursor:
        fields = {c: v for c, v in zip(columns, row[1:], strict=True) if v}
        if fields:
            yield str(row[0]), fields


def audit_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every audit row with its before and after values, oldest first."""
    cursor = store.conn.execute(
        "SELECT id, at, actor, entity, entity_id, op, before_json, after_json FROM audit "
        "ORDER BY id"
    )
    names = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def text_columns(store: Store) -> dict[str, list[str]]:
    """Every TEXT column of every domain table, for the completeness test."""
    found: dict[str, list[str]] = {}
    for table in FREE_TEXT:
        found[table] = [
            r["name"]
            for r in store.query(f"PRAGMA table_info({table})")
            if str(r["type"]).upper() == "TEXT"
        ]
    return found
