"""A change as it travels between devices, and reading the feed's changes.

A change names the device that made it and its place in that device's
sequence for the ward, and carries the audit row's before and after. The same
JSON shape goes to the server and into bundle files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from huddle.errors import HuddleError
from huddle.store.connection import Store

OPS = ("insert", "update", "delete")
# Columns that differ between copies of the same record without meaning a change.
BOOKKEEPING = frozenset({"updated_at", "version"})


class BadChange(HuddleError):
    """A change that is not in the shape this version writes."""


@dataclass(frozen=True)
class FeedChange:
    device: str
    ward: str
    seq: int
    entity: str
    entity_id: str
    op: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    resolves: bool = False
    # who made it (the audit's actor on the PC it was made on), for the receiving PC's audit
    actor: str | None = None

    @property
    def row(self) -> dict[str, Any]:
        return self.after if self.after is not None else (self.before or {})

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "device": self.device,
            "ward": self.ward,
            "seq": self.seq,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "op": self.op,
            "before": self.before,
            "after": self.after,
            "resolves": self.resolves,
        }
        if self.actor is not None:
            data["actor"] = self.actor
        return data

    def dumps(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: Any) -> FeedChange:
        try:
            change = cls(
                device=_text(data["device"]),
                ward=_text(data["ward"]),
                seq=int(data["seq"]),
                entity=_text(data["entity"]),
                entity_id=_text(data["entity_id"]),
                op=_text(data["op"]),
                before=_row(data.get("before")),
                after=_row(data.get("after")),
                resolves=bool(data.get("resolves", False)),
                actor=data["actor"] if isinstance(data.get("actor"), str) else None,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BadChange(f"a change is not in the expected shape ({error})") from error
        if change.op not in OPS or change.seq < 1:
            raise BadChange(f"a change has an unknown operation or number ({change.op}).")
        if (change.op != "delete" and change.after is None) or (
            change.op != "insert" and change.before is None
        ):
            raise BadChange("a change is missing the record it describes.")
        return change


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("expected text")
    return value


def _row(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("expected a record")
    return value


def content(row: dict[str, Any] | None) -> dict[str, Any]:
    """A record without its bookkeeping columns (which differ between copies)."""
    return {k: v for k, v in (row or {}).items() if k not in BOOKKEEPING}


_SELECT = (
    "SELECT c.id, c.device_id, c.ward_id, c.seq, c.resolves, c.payload, a.entity, "
    "a.entity_id, a.op, a.before_json, a.after_json, a.actor "
    "FROM sync_change c LEFT JOIN audit a ON a.id = c.audit_id "
)


def _from_row(row: dict[str, Any]) -> FeedChange:
    if row["payload"] is not None:
        return FeedChange.from_json(json.loads(row["payload"]))
    return FeedChange(
        device=row["device_id"],
        ward=row["ward_id"],
        seq=int(row["seq"]),
        entity=row["entity"],
        entity_id=row["entity_id"],
        op=row["op"],
        before=None if row["before_json"] is None else json.loads(row["before_json"]),
        after=None if row["after_json"] is None else json.loads(row["after_json"]),
        resolves=bool(row["resolves"]),
        actor=row["actor"],
    )


def unpushed(store: Store, ward_id: str, *, limit: int) -> list[tuple[int, FeedChange]]:
    """Changes the server has not acknowledged, oldest first, with their feed row ids."""
    rows = store.query(
        _SELECT + "WHERE c.ward_id = ? AND c.pushed = 0 ORDER BY c.id LIMIT ?", (ward_id, limit)
    )
    return [(int(r["id"]), _from_row(r)) for r in rows]


def known_changes(
    store: Store, ward_id: str, *, device: str | None = None, after_seq: int = 0
) -> list[FeedChange]:
    """Every change this database knows for the ward (or one device's, after a number)."""
    sql = _SELECT + "WHERE c.ward_id = ?"
    params: list[Any] = [ward_id]
    if device is not None:
        sql += " AND c.device_id = ? AND c.seq > ?"
        params += [device, after_seq]
    return [_from_row(r) for r in store.query(sql + " ORDER BY c.id", tuple(params))]


def pending_count(store: Store, ward_id: str | None = None) -> int:
    if ward_id is None:
        return int(store.scalar("SELECT count(*) FROM sync_change WHERE pushed = 0"))
    return int(
        store.scalar(
            "SELECT count(*) FROM sync_change WHERE ward_id = ? AND pushed = 0", (ward_id,)
        )
    )


def mark_pushed(store: Store, feed_ids: list[int]) -> None:
    with store.transaction():
        store.conn.executemany(
            "UPDATE sync_change SET pushed = 1 WHERE id = ?", [(i,) for i in feed_ids]
        )


def held_count(store: Store, ward_id: str) -> int:
    """Changes from elsewhere waiting for an earlier one."""
    return int(store.scalar("SELECT count(*) FROM sync_held WHERE ward_id = ?", (ward_id,)))
