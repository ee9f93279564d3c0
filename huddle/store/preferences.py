"""Ward preferences (kept in the database) and the audit trail's read side."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from huddle.domain import AuditEntry
from huddle.store import records
from huddle.store.connection import Store
from huddle.store.dates import required_moment
from huddle.store.query import Select


def preference_row(store: Store, key: str) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM setting WHERE id = ?", (key,))


def write_preference(store: Store, key: str, value: Any) -> None:
    """Save ``value`` (as JSON) under ``key``, a new setting or a change to the one there,
    through the audited write path (inside the caller's transaction)."""
    # a setting: the newest word replaces the last
    records.put(
        store,
        "setting",
        {"id": key},
        {"value_json": json.dumps(value)},
        expected_version=records.ANY_VERSION,
    )


def preferences(store: Store) -> dict[str, Any]:
    return {r["id"]: json.loads(r["value_json"]) for r in store.query("SELECT * FROM setting")}


def audit_entries(
    store: Store,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    limit: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    newest_first: bool = False,
) -> list[AuditEntry]:
    """Audit rows, oldest first (or newest first); ``since`` inclusive, ``until``
    exclusive."""
    select = Select("SELECT * FROM audit WHERE 1 = 1")
    select.where("at >= ?", since)
    select.where("at < ?", until)
    select.where("entity = ?", entity)
    select.where("entity_id = ?", entity_id)
    rows = select.rows(store, "ORDER BY id DESC" if newest_first else "ORDER BY id", limit=limit)
    return [
        AuditEntry(
            r["id"],
            required_moment(r["at"]),
            r["actor"],
            r["entity"],
            r["entity_id"],
            r["op"],
            None if r["before_json"] is None else json.loads(r["before_json"]),
            None if r["after_json"] is None else json.loads(r["after_json"]),
        )
        for r in rows
    ]


def table_counts(store: Store, tables: tuple[str, ...]) -> dict[str, int]:
    return {t: int(store.scalar(f"SELECT count(*) FROM {t}")) for t in tables}
