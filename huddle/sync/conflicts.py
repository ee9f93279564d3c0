"""Records changed on two PCs: both versions, side by side, until a person chooses.

Choosing writes the chosen version as an ordinary edit marked as a
resolution, so it reaches the other PCs and closes the same conflict there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from huddle.clock import iso_now
from huddle.errors import NotFoundError, ValidationError
from huddle.store import records
from huddle.store.connection import Store
from huddle.sync import feed
from huddle.sync.changes import BOOKKEEPING

# Never offered for choosing: bookkeeping, and what tells the two PCs' copies apart.
IGNORED = BOOKKEEPING | {"id", "created_at"}
KEEP_LOCAL = "local"
KEEP_REMOTE = "remote"
MERGED = "merged"


@dataclass(frozen=True)
class SyncConflict:
    id: str
    ward_id: str
    entity: str
    entity_id: str
    kind: str  # edited_twice | archive_undone
    status: str  # open | resolved | noted
    local: dict[str, Any]
    remote: dict[str, Any]
    created_at: str
    resolution: str

    @property
    def differing_fields(self) -> list[str]:
        """The fields the two versions disagree on (bookkeeping left out)."""
        names = sorted(set(self.local) | set(self.remote))
        return [n for n in names if n not in IGNORED and self.local.get(n) != self.remote.get(n)]


def _from_row(row: dict[str, Any]) -> SyncConflict:
    return SyncConflict(
        id=row["id"],
        ward_id=row["ward_id"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        kind=row["kind"],
        status=row["status"],
        local=json.loads(row["local_json"]),
        remote=json.loads(row["remote_json"]),
        created_at=row["created_at"],
        resolution=row["resolution"],
    )


def conflicts(store: Store, ward_id: str, *, open_only: bool = True) -> list[SyncConflict]:
    sql = "SELECT * FROM sync_conflict WHERE ward_id = ?"
    if open_only:
        sql += " AND status = 'open'"
    return [_from_row(r) for r in store.query(sql + " ORDER BY created_at, id", (ward_id,))]


def open_count(store: Store, ward_id: str) -> int:
    return int(
        store.scalar(
            "SELECT count(*) FROM sync_conflict WHERE ward_id = ? AND status = 'open'", (ward_id,)
        )
    )


def conflict_entity(store: Store, conflict_id: str) -> str:
    found = store.scalar("SELECT entity FROM sync_conflict WHERE id = ?", (conflict_id,))
    if found is None:
        raise NotFoundError("sync_conflict", conflict_id)
    return str(found)


def records_changed_twice(store: Store, ward_id: str, entity: str) -> frozenset[str]:
    """Ids of the ``entity`` records that show "changed on two PCs"."""
    rows = store.query(
        "SELECT entity_id FROM sync_conflict WHERE ward_id = ? AND entity = ? AND status = 'open'",
        (ward_id, entity),
    )
    return frozenset(r["entity_id"] for r in rows)


def resolve(
    store: Store, conflict_id: str, *, keep: str, merged: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Settle a conflict with this PC's version, the other PC's, or a hand merge.

    ``merged`` maps a differing field to the value chosen for it. Returns the
    record as saved.
    """
    row = store.query_one("SELECT * FROM sync_conflict WHERE id = ?", (conflict_id,))
    if row is None:
        raise NotFoundError("sync_conflict", conflict_id)
    conflict = _from_row(row)
    if conflict.status != "open":
        raise ValidationError.single(
            "conflict", "settled", "This record has already been settled; refresh the list."
        )
    if keep == KEEP_LOCAL:
        wanted = conflict.local
    elif keep == KEEP_REMOTE:
        wanted = conflict.remote
    elif keep == MERGED and merged is not None:
        unknown = set(merged) - set(conflict.differing_fields)
        if unknown:
            raise ValidationError.single(
                "merged", "unknown", f"Only the fields that differ can be chosen ({unknown})."
            )
        wanted = {**conflict.local, **merged}
    else:
        raise ValidationError.single("keep", "choice", "Choose one version, or merge by hand.")
    current = records.fetch(store, conflict.entity, conflict.entity_id)
    changes = {
        k: v for k, v in wanted.items() if k not in IGNORED and k in current and current[k] != v
    }
    with store.transaction(), feed.resolving(store):
        saved = records.update(
            store,
            conflict.entity,
            conflict.entity_id,
            changes,
            expected_version=records.ANY_VERSION,
            force=True,
        )
        store.execute(
            "UPDATE sync_conflict SET status = 'resolved', resolved_at = ?, resolution = ? "
            "WHERE id = ?",
            (iso_now(store.clock), keep, conflict_id),
        )
    return saved


def dismiss_note(store: Store, conflict_id: str) -> None:
    """Mark a note (an archive undone) as read."""
    with store.transaction():
        store.execute(
            "UPDATE sync_conflict SET status = 'resolved', resolved_at = ?, resolution = 'read' "
            "WHERE id = ? AND status = 'noted'",
            (iso_now(store.clock), conflict_id),
        )
