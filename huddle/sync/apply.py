"""Applying changes made on other devices, through the same write path as a local edit.

Each change is applied once (its device and number are remembered), in its
device's order: one that arrives before an earlier one is held until the gap
is filled, and so is one whose record has not arrived yet. A change goes
through :mod:`huddle.store.records` (so it is checked against the schema,
audited and versioned like any edit). When the record was changed here too
since the version the change was based on, both versions are kept and a
person chooses (:mod:`huddle.sync.conflicts`); an archive on one PC and an
edit on the other keeps the edit and notes it. Appends never conflict.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from huddle.clock import iso_now
from huddle.errors import StoreError
from huddle.store import identifier_gate, records
from huddle.store.connection import Store
from huddle.sync import feed
from huddle.sync.changes import BadChange, FeedChange, content
from huddle.sync.guard import carried_confirmations


@dataclass(frozen=True)
class Received:
    applied: int = 0
    already: int = 0
    held: int = 0
    conflicts: int = 0

    def __add__(self, other: Received) -> Received:
        return Received(
            self.applied + other.applied,
            self.already + other.already,
            self.held + other.held,
            self.conflicts + other.conflicts,
        )


class _Wait(Exception):
    """The change refers to a record that has not arrived yet."""


def receive(store: Store, changes: Iterable[FeedChange], *, pushed: bool) -> Received:
    """Apply ``changes`` (from the server when ``pushed``, else from a bundle).

    All of it is one transaction: a failure leaves the database as it was.
    """
    counts = {"applied": 0, "already": 0, "held": 0, "conflicts": 0}
    own = feed.device_id(store)
    if not store.sync.get("big_cache"):
        # applying thousands of changes walks the indexes of a ten-year ward: a
        # 64 MB page cache (not SQLite's 2 MB) keeps them in memory
        store.conn.execute("PRAGMA cache_size = -65536")
        store.sync["big_cache"] = True
    changes = list(changes)
    # a confirmation counts from the start of what arrives with it, whatever its place
    arriving = carried_confirmations(changes)
    with store.transaction(), identifier_gate.also_confirmed(store, arriving):
        for change in changes:
            if change.device == own:
                counts["already"] += 1
                continue
            counts[_offer(store, change, pushed)] += 1
        drained = _drain_held(store)
    counts["applied"] += drained[0]
    counts["conflicts"] += drained[1]
    counts["held"] = int(store.scalar("SELECT count(*) FROM sync_held"))
    return Received(**counts)


def _known(store: Store, change: FeedChange) -> bool:
    return bool(
        store.scalar(
            "SELECT count(*) FROM sync_change WHERE device_id = ? AND ward_id = ? AND seq = ?",
            (change.device, change.ward, change.seq),
        )
    )


def _next_seq(store: Store, device: str, ward: str) -> int:
    last = store.scalar(
        "SELECT max(seq) FROM sync_change WHERE device_id = ? AND ward_id = ?", (device, ward)
    )
    return int(last or 0) + 1


def _hold(store: Store, change: FeedChange, pushed: bool, reason: str) -> None:
    payload = {**change.to_json(), "pushed": pushed}
    store.execute(
        "INSERT OR IGNORE INTO sync_held (device_id, ward_id, seq, payload, reason) "
        "VALUES (?, ?, ?, ?, ?)",
        (change.device, change.ward, change.seq, json.dumps(payload), reason),
    )


def _offer(store: Store, change: FeedChange, pushed: bool) -> str:
    if _known(store, change):
        return "already"
    if change.after is not None:  # before it can be held or kept as a conflict's copy
        identifier_gate.check_write(store, change.entity, change.after, change.after)
    expected = _next_seq(store, change.device, change.ward)
    if change.seq != expected:
        _hold(store, change, pushed, f"waiting for change {expected} from that PC")
        return "held"
    outcome = _apply_one(store, change, pushed)
    if outcome == "waiting":
        _hold(store, change, pushed, "waiting for the record it changes")
        return "held"
    return "conflicts" if outcome == "conflict" else "applied"


def _drain_held(store: Store) -> tuple[int, int]:
    """Apply held changes whose turn has come, until none can move."""
    applied = conflicts = 0
    progress = True
    while progress:
        progress = False
        for row in store.query("SELECT * FROM sync_held ORDER BY device_id, ward_id, seq"):
            if row["seq"] != _next_seq(store, row["device_id"], row["ward_id"]):
                continue
            data = json.loads(row["payload"])
            change = FeedChange.from_json(data)
            outcome = _apply_one(store, change, bool(data.get("pushed")))
            if outcome == "waiting":
                continue
            store.execute(
                "DELETE FROM sync_held WHERE device_id = ? AND ward_id = ? AND seq = ?",
                (row["device_id"], row["ward_id"], row["seq"]),
            )
            applied += outcome != "conflict"
            conflicts += outcome == "conflict"
            progress = True
    return applied, conflicts


_COLUMNS: dict[str, frozenset[str]] = {}


def _columns(store: Store, table: str) -> frozenset[str]:
    if table not in _COLUMNS:
        names = [r["name"] for r in store.query(f"PRAGMA table_info({table})")]
        _COLUMNS[table] = frozenset(names)
    return _COLUMNS[table]


def _check_shape(store: Store, change: FeedChange) -> None:
    if change.entity not in feed.SYNCED_TABLES:
        raise BadChange(f"a change names a table this version does not sync ({change.entity}).")
    unknown = set(change.row) - _columns(store, change.entity)
    if unknown:
        raise BadChange(
            f"a change to {change.entity} has fields this version does not know "
            f"({', '.join(sorted(unknown))}); update Ward Huddle on this PC."
        )


# Records that are one per natural key as well as per id: two PCs may each make
# "the point for the week of 3 Aug" under their own ids. They are the same record.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "measure_point": ("measure_id", "period_start"),
    "measure_rebase": ("measure_id", "from_date"),
    "pdsa_cycle": ("action_id", "number"),
    "huddle_section": ("huddle_id", "position"),
    "report_exemption": ("learning_id",),
    "excellence_credit": ("learning_id",),
    # the same text confirmed on two PCs: one confirmation, whichever PC's words it has
    feed.CONFIRMATIONS: ("fingerprint",),
}


def _current(store: Store, change: FeedChange) -> dict[str, Any] | None:
    table = change.entity
    if table in records.LINK_KEYS:
        first, second = records.LINK_KEYS[table]
        row = change.row
        return store.query_one(
            f"SELECT * FROM {table} WHERE {first} = ? AND {second} = ?", (row[first], row[second])
        )
    found = store.query_one(f"SELECT * FROM {table} WHERE id = ?", (change.entity_id,))
    if found is None and table in NATURAL_KEYS:
        return _twin(store, table, change.before or change.row)
    return found


def _twin(store: Store, table: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """This PC's record with the same natural key as ``row`` (made here under another id)."""
    key = NATURAL_KEYS[table]
    where = " AND ".join(f"{column} = ?" for column in key)
    return store.query_one(f"SELECT * FROM {table} WHERE {where}", tuple(row[c] for c in key))


def _apply_one(store: Store, change: FeedChange, pushed: bool) -> str:
    """Apply one change in its own savepoint; returns applied, conflict, noted or waiting."""
    _check_shape(store, change)
    try:
        with store.transaction(), feed.applying_remote(store, change.actor) as audit_ids:
            outcome, payload = _write(store, change)
            audit_id = audit_ids[0] if audit_ids else None
            store.execute(
                "INSERT INTO sync_change (device_id, ward_id, seq, audit_id, resolves, pushed, "
                "payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    change.device,
                    change.ward,
                    change.seq,
                    audit_id,
                    int(change.resolves),
                    int(pushed),
                    change.dumps() if audit_id is None or payload else None,
                ),
            )
    except _Wait:
        return "waiting"
    except StoreError as error:
        if "FOREIGN KEY" in str(error).upper():
            return "waiting"
        raise
    return outcome


def _write(store: Store, change: FeedChange) -> tuple[str, bool]:
    """Write the change; returns (outcome, keep the change's own copy)."""
    table = change.entity
    if table in feed.TALLY_KEYS:  # an anonymous count: what it added, whatever the total here
        key = {column: change.row[column] for column in feed.TALLY_KEYS[table]}
        added = int((change.after or {}).get("answers", 0)) - int(
            (change.before or {}).get("answers", 0)
        )
        if change.op != "delete" and added > 0:  # a huddle's answers are saved together
            records.count_anonymously(store, table, key, week=str(key["week"]), by=added)
        return "applied", False
    current = _current(store, change)
    if change.op == "insert":
        if current is not None and current.get("id", change.entity_id) != change.entity_id:
            # the same record made on both PCs (say, this week's measure point)
            if _same(current, change.after) or table == feed.CONFIRMATIONS:
                return "applied", True
            _conflict(store, change, current, "edited_twice")
            return "conflict", True
        if current is None:
            records.insert(store, table, content(change.after))
        elif content(current) != content(change.after) and table not in records.LINK_KEYS:
            _conflict(store, change, current, "edited_twice")  # e.g. one preference set on both
            return "conflict", True
        return "applied", False
    if change.op == "delete":
        if current is not None:
            key = current if table in records.LINK_KEYS else {"id": current["id"]}
            records.delete(store, table, key)
        return "applied", False
    if current is None:
        raise _Wait
    now, before, after = content(current), content(change.before), content(change.after)
    if current.get("id") != change.entity_id:  # our twin of their record: compare content only
        now = {**now, "id": change.entity_id, "created_at": before.get("created_at")}
    if change.resolves:
        _update(store, change, current, after)
        _close_conflicts(store, change, "chosen on another PC", entity_id=current["id"])
        return "applied", False
    if now == after:
        return "applied", False
    if now == before:
        _update(store, change, current, after)
        return "applied", False
    theirs = {k for k in after if after.get(k) != before.get(k)}
    ours = {k for k in now if now.get(k) != before.get(k)}
    if theirs == {"archived"} and after.get("archived"):
        _conflict(store, change, current, "archive_undone")  # keep our edit, note it
        return "applied", True
    if ours == {"archived"} and now.get("archived") and "archived" not in theirs:
        _update(store, change, current, {**after, "archived": 0})
        _conflict(store, change, current, "archive_undone")
        return "applied", False
    _conflict(store, change, current, "edited_twice")
    return "conflict", True


def _same(ours: dict[str, Any], theirs: dict[str, Any] | None) -> bool:
    """The same content, whatever id and moment each PC gave it."""
    skip = {"id", "created_at"}
    return {k: v for k, v in content(ours).items() if k not in skip} == {
        k: v for k, v in content(theirs).items() if k not in skip
    }


def _update(
    store: Store, change: FeedChange, current: dict[str, Any], wanted: dict[str, Any]
) -> None:
    changes = {
        k: v for k, v in wanted.items() if k not in ("id", "created_at") and current.get(k) != v
    }
    if changes:
        records.update(
            store, change.entity, current["id"], changes, expected_version=records.ANY_VERSION
        )


def _conflict(store: Store, change: FeedChange, current: dict[str, Any], kind: str) -> None:
    _close_conflicts(store, change, "superseded by a newer change", entity_id=current["id"])
    store.execute(
        "INSERT INTO sync_conflict (id, ward_id, entity, entity_id, kind, local_json, "
        "remote_json, remote_device, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            str(uuid.uuid4()),
            change.ward,
            change.entity,
            current["id"],  # this PC's record (a twin may have another id)
            kind,
            json.dumps(current, sort_keys=True),
            json.dumps(change.after, sort_keys=True),
            change.device,
            "open" if kind == "edited_twice" else "noted",
            iso_now(store.clock),
        ),
    )


def _close_conflicts(store: Store, change: FeedChange, resolution: str, *, entity_id: str) -> None:
    store.execute(
        "UPDATE sync_conflict SET status = 'resolved', resolved_at = ?, resolution = ? "
        "WHERE entity = ? AND entity_id = ? AND status = 'open'",
        (iso_now(store.clock), resolution, change.entity, entity_id),
    )
