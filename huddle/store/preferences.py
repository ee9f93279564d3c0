"""Ward preferences (kept in the database) and the audit trail's read side."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from huddle.clock import to_iso
from huddle.domain import AuditEntry
from huddle.store.connection import Store
from huddle.store.dates import required_moment


def preference_row(store: Store, key: str) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM setting WHERE id = ?", (key,))


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
    sql = "SELECT * FROM audit WHERE 1 = 1"
    params: list[Any] = []
    if since is not None:
        sql += " AND at >= ?"
        params.append(to_iso(since))
    if until is not None:
        sql += " AND at < ?"
        params.append(to_iso(until))
    if entity is not None:
        sql += " AND entity = ?"
        params.append(entity)
    if entity_id is not None:
        sql += " AND entity_id = ?"
        params.append(entity_id)
    sql += " ORDER BY id DESC" if newest_first else " ORDER BY id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
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
        for r in store.query(sql, tuple(params))
    ]


def table_counts(store: Store, tables: tuple[str, ...]) -> dict[str, int]:
    return {t: int(store.scalar(f"SELECT count(*) FROM {t}")) for t in tables}
