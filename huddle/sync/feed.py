"""The change feed: this database's device id and the numbering of its changes.

:func:`record_change` is called by the audit write in
:mod:`huddle.store.records`, inside the same transaction, so a change and its
place in the feed are saved together or not at all. While a change from
another device is being applied (:func:`applying_remote`), the audit row is
noted for the applier instead of being numbered as this device's own.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

from huddle.store.connection import Store

# Where the ward of a child record is found: table -> (parent table, column).
# (huddle.store.schema keeps its own copy for migration 0005, which never changes.)
SYNC_FEED_PARENTS = {
    "huddle_section": ("huddle", "huddle_id"),
    "attendance": ("huddle", "huddle_id"),
    "learning_theme": ("learning_item", "learning_id"),
    "action_learning": ("action", "action_id"),
    "action_measure": ("action", "action_id"),
    "progress_note": ("action", "action_id"),
    "pdsa_cycle": ("action", "action_id"),
    "measure_point": ("measure", "measure_id"),
    "measure_rebase": ("measure", "measure_id"),
    "annotation": ("measure", "measure_id"),
    # 0008_psirf
    "report_exemption": ("learning_item", "learning_id"),
    "excellence_credit": ("learning_item", "learning_id"),
    # 0009_escalations: a tier's answer belongs to the ward of its escalation
    "escalation_answer": ("escalation", "escalation_id"),
}
# Counts kept as one row per key, each change adding to it: applied as what it added.
TALLY_KEYS = {"pulse_tally": ("ward_id", "week", "question", "score")}
# The tables that sync, each a record of one ward (directly or through a parent).
WARD_TABLES = frozenset(
    {
        "ward",
        "person",
        "agenda_template",
        "huddle",
        "learning_item",
        "action",
        "measure",
        # 0008_psirf
        "learning_response",
        "what_matters",
        "touchpoint",
        "pulse_tally",
        # 0009_escalations
        "escalation",
    }
)
# The identifier guard's table (huddle.store.identifier_gate), named here so the feed
# need not load the guard's patterns.
CONFIRMATIONS = "identifier_confirmation"
# Preferences (the setting table) belong to the ward of a one-ward database. A person's
# word that flagged text is not an identifier (its fingerprint, never the text) holds
# for every ward of the database: it travels in each ward's feed, numbered before any
# record that needed it, so the receiving PC's guard lets that record through.
SYNCED_TABLES = WARD_TABLES | frozenset(SYNC_FEED_PARENTS) | {"setting", CONFIRMATIONS}
DEVICE_KEY = "device_id"
MACHINE_KEY = "device_machine"


def _ready(store: Store) -> bool:
    if store.sync.get("ready"):
        return True
    ready = bool(
        store.scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sync_change'"
        )
    )
    if ready:
        store.sync["ready"] = True
    return ready


def state(store: Store, key: str) -> str | None:
    value = store.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))
    return None if value is None else str(value)


def set_state(store: Store, key: str, value: str) -> None:
    """Write a bookkeeping value (inside the caller's transaction)."""
    store.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def device_id(store: Store) -> str:
    cached = store.sync.get(DEVICE_KEY)
    if cached is None:
        cached = state(store, DEVICE_KEY)
        if cached is None:  # pragma: no cover - the migration always makes one
            raise RuntimeError("this database has no device id")
        store.sync[DEVICE_KEY] = cached
    return str(cached)


def renew_device_id(store: Store) -> str:
    """Give this database a new device id, keeping everything it knows.

    Called when a backup is restored (possibly onto another PC): the restored
    copy must not number new changes in a sequence the original device may
    already have used. Changes already recorded keep the device that made them.
    """
    new = str(uuid.uuid4())
    with store.transaction():
        set_state(store, DEVICE_KEY, new)
        set_state(store, MACHINE_KEY, platform.node())
    store.sync.pop(DEVICE_KEY, None)
    return new


def renew_after_restore(path: Any) -> str | None:
    """The restore path's one call: renew the device id of the database at ``path``
    (the staged copy, before it is swapped in, so a kill never leaves it half done).

    Plain SQLite, no migration: a restore must stay quick. A backup from before
    the change feed existed gets a fresh device id from its migration anyway.
    """
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=5.0)
    try:
        exists = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
        ).fetchone()[0]
        if not exists:
            return None
        new = str(uuid.uuid4())
        # one fsync of the whole file below instead of SQLite's several: the copy
        # is not in use until it is swapped in, and a kill before then discards it
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN IMMEDIATE")
        # an update in place: the restore checks the copy holds the backup's row counts
        conn.execute("UPDATE sync_state SET value = ? WHERE key = ?", (new, DEVICE_KEY))
        conn.execute("COMMIT")
    finally:
        conn.close()
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
    return new


def check_machine(store: Store) -> bool:
    """Renew the device id if this database was carried to another computer.

    Returns True when it did. The first sync on a PC records the PC's name.
    """
    here = platform.node()
    seen = state(store, MACHINE_KEY)
    if seen == here:
        return False
    if seen is None:
        with store.transaction():
            set_state(store, MACHINE_KEY, here)
        return False
    renew_device_id(store)
    return True


def ward_of(store: Store, entity: str, entity_id: str, row: dict[str, Any]) -> str | None:
    """The ward a changed record belongs to, or None for one that does not sync."""
    if entity == "ward":
        return entity_id
    ward = row.get("ward_id")
    if ward:
        return str(ward)
    if entity == "setting":
        wards = store.query("SELECT id FROM ward LIMIT 2")
        return str(wards[0]["id"]) if len(wards) == 1 else None
    parent = SYNC_FEED_PARENTS.get(entity)
    if parent is None:
        return None
    table, column = parent
    found = store.scalar(f"SELECT ward_id FROM {table} WHERE id = ?", (row.get(column),))
    return None if found is None else str(found)


def record_change(
    store: Store,
    audit_id: int,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Number a just-audited change in this device's feed (same transaction)."""
    if entity not in SYNCED_TABLES or not _ready(store):
        return
    if store.sync.get("remote") is not None:
        store.sync["remote_audit_ids"].append(audit_id)
        return
    if entity == CONFIRMATIONS:
        wards = [str(r["id"]) for r in store.query("SELECT id FROM ward ORDER BY id")]
    else:
        ward = ward_of(store, entity, entity_id, after or before or {})
        wards = [] if ward is None else [ward]
    for ward in wards:
        _number(store, ward, audit_id)


def _number(store: Store, ward: str, audit_id: int) -> None:
    device = device_id(store)
    store.execute(
        "INSERT INTO sync_change (device_id, ward_id, seq, audit_id, resolves) "
        "VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM sync_change "
        "WHERE device_id = ? AND ward_id = ?), ?, ?)",
        (device, ward, device, ward, audit_id, int(bool(store.sync.get("resolving")))),
    )


def number_confirmations(store: Store, ward_id: str) -> None:
    """Put in the ward's feed every confirmation it does not carry yet: one made before
    confirmations travelled, or one received for another ward of this database.

    Called before a push or a bundle; the receiving PC honours a confirmation anywhere
    in what it receives at once, so one numbered late still reaches the record it
    confirms in the same push.
    """
    missing = store.query(
        "SELECT a.id FROM audit a WHERE a.entity = ? AND a.op = 'insert' AND NOT EXISTS "
        "(SELECT 1 FROM sync_change c WHERE c.audit_id = a.id AND c.ward_id = ?) ORDER BY a.id",
        (CONFIRMATIONS, ward_id),
    )
    if missing and _ready(store):
        with store.transaction():
            for row in missing:
                _number(store, ward_id, int(row["id"]))


@contextlib.contextmanager
def applying_remote(store: Store, actor: str | None = None) -> Iterator[list[int]]:
    """While inside, audit rows are collected (their ids yielded), not numbered, and
    name ``actor`` (who made the change on the other PC) when it is known."""
    store.sync["remote"] = True
    ids: list[int] = []
    store.sync["remote_audit_ids"] = ids
    here, store.actor = store.actor, actor or store.actor
    try:
        yield ids
    finally:
        store.sync["remote"] = None
        store.actor = here


@contextlib.contextmanager
def resolving(store: Store) -> Iterator[None]:
    """Changes written inside are a person's answer to a conflict (they win elsewhere)."""
    store.sync["resolving"] = True
    try:
        yield
    finally:
        store.sync["resolving"] = False
