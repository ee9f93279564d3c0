"""The SQL of redacting audit rows (issue 14, item 6): only what the audit trigger allows.

The audit UPDATE trigger (migration ``0004_audit_chain``) accepts exactly one
change to a row: ``redacted_at`` set from empty, with only its before and after
values changed and its hashes kept.
"""

from __future__ import annotations

from typing import Any

from huddle.store.connection import Store


def can_redact(store: Store) -> bool:
    """True once the audit trail has room to record redactions."""
    return any(r["name"] == "redacted_at" for r in store.query("PRAGMA table_info(audit)"))


def unredacted_values(store: Store, audit_id: int) -> dict[str, Any] | None:
    return store.query_one(
        "SELECT before_json, after_json FROM audit WHERE id = ? AND redacted_at IS NULL",
        (audit_id,),
    )


def redact_row(
    store: Store, audit_id: int, *, before_json: str | None, after_json: str | None, at: str
) -> None:
    store.execute(
        "UPDATE audit SET before_json = ?, after_json = ?, redacted_at = ? WHERE id = ?",
        (before_json, after_json, at, audit_id),
    )
