"""Writing rows with their audit trail and optimistic version checks.

Every insert, update and delete in the app goes through these three functions,
inside :meth:`Store.transaction`, so the audit row is part of the same save as
the change it describes. Updates name the version they were based on; a stale
one raises :class:`ConflictError` carrying the current row.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Final

from huddle.clock import iso_now
from huddle.errors import ConflictError, NotFoundError, ValidationError
from huddle.store.connection import Store
from huddle.sync import feed

# Tables keyed by two columns rather than an ``id``.
LINK_KEYS: dict[str, tuple[str, str]] = {
    "attendance": ("huddle_id", "person_id"),
    "learning_theme": ("learning_id", "theme"),
    "action_learning": ("action_id", "learning_id"),
    "action_measure": ("action_id", "measure_id"),
}


# Settings whose value never goes into the audit trail (a PIN's salted hash could
# be guessed offline); the audit records only that it changed.
SECRET_SETTINGS = frozenset({"manager_pin"})
SECRET_CHANGED = json.dumps("changed (not recorded)")


def _audited(entity: str, entity_id: str, row: dict[str, Any] | None) -> str | None:
    if row is None:
        return None
    if entity == "setting" and entity_id in SECRET_SETTINGS:
        row = {**row, "value_json": SECRET_CHANGED}
    return json.dumps(row, sort_keys=True)


def new_id() -> str:
    return str(uuid.uuid4())


def _audit(
    store: Store,
    entity: str,
    entity_id: str,
    op: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    at: str | None = None,
    actor: str | None = None,
) -> None:
    # ``at`` and ``actor`` are given only for anonymous counts (see count_anonymously).
    row = {
        "at": iso_now(store.clock) if at is None else at,
        "actor": store.actor if actor is None else actor,
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "before_json": _audited(entity, entity_id, before),
        "after_json": _audited(entity, entity_id, after),
    }
    # the hash chain (huddle.audit_chain): inside the write transaction, so the
    # previous row read here is still the newest when this one is written
    from huddle import audit_chain  # (and hashlib) on the first write: reading needs neither

    content = audit_chain.content_hash(row)
    chained = audit_chain.chain_hash(audit_chain.chain_head(store.conn), content)
    cursor = store.execute(
        "INSERT INTO audit (at, actor, entity, entity_id, op, before_json, after_json, "
        "content_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*row.values(), content, chained),
    )
    # the sync change feed numbers the change in the same transaction (issue 18);
    # a secret's audit row holds no value, so it cannot travel (each PC keeps its PIN)
    if not (entity == "setting" and entity_id in SECRET_SETTINGS):
        feed.record_change(store, int(cursor.lastrowid or 0), entity, entity_id, before, after)


def _check_identifiers(
    store: Store, table: str, written: dict[str, Any], row: dict[str, Any]
) -> None:
    """The identifier guard on every write (imported on the first: its patterns are
    compiled then, so a screen that only reads opens without them)."""
    from huddle.store import identifier_gate

    identifier_gate.check_write(store, table, written, row)


def _link_id(table: str, row: dict[str, Any]) -> str:
    first, second = LINK_KEYS[table]
    return f"{row[first]}:{row[second]}"


def fetch(store: Store, table: str, record_id: str) -> dict[str, Any]:
    row = store.query_one(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    if row is None:
        raise NotFoundError(table, record_id)
    return row


def insert(store: Store, table: str, values: dict[str, Any]) -> dict[str, Any]:
    """Insert a record (or a link row) and audit it; returns the stored row."""
    row = dict(values)
    now = iso_now(store.clock)
    if table in LINK_KEYS:
        row.setdefault("created_at", now)
        entity_id = _link_id(table, row)
    else:
        row.setdefault("id", new_id())
        row.setdefault("created_at", now)
        row["updated_at"] = now
        row["version"] = 1
        entity_id = row["id"]
    _check_identifiers(store, table, row, row)
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    # RETURNING gives the row as stored, defaults included, for a faithful audit.
    cursor = store.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING *", tuple(row.values())
    )
    names = [c[0] for c in cursor.description]
    stored = dict(zip(names, cursor.fetchone(), strict=True))
    cursor.close()
    _audit(store, table, entity_id, "insert", None, stored)
    return stored


def put(
    store: Store,
    table: str,
    key: dict[str, Any],
    values: dict[str, Any],
    *,
    expected_version: int | None | AnyVersion,
) -> dict[str, Any]:
    """Insert the record ``key`` names with ``values``, or change the one there: for
    records kept one per key (a setting, an item's credit or exemption).

    ``expected_version`` is the version the person saw, ``None`` when they saw none:
    a record added or changed since then is a :class:`ConflictError`, as any stale
    edit is. ``ANY_VERSION`` (a setting) lets the newest word replace the last.
    Returns the stored row.
    """
    where = " AND ".join(f"{column} = ?" for column in key)
    current = store.query_one(f"SELECT * FROM {table} WHERE {where}", tuple(key.values()))
    if current is None and (expected_version is None or expected_version is ANY_VERSION):
        return insert(store, table, {**key, **values})
    if current is None:  # the one they saw has gone (purged)
        raise ConflictError(table, "", check_version(expected_version), {})
    if expected_version is None:  # added by someone else since they looked
        raise ConflictError(table, current["id"], 0, current)
    return update(store, table, current["id"], values, expected_version=expected_version)


class AnyVersion:
    """The type of :data:`ANY_VERSION`."""

    def __repr__(self) -> str:
        return "ANY_VERSION"


# For the few changes that cannot lose anyone's work (a running huddle's head
# count, its status, the PIN failure counter, a link cleared by a purge); every
# edit a person makes names the version it started from.
ANY_VERSION: Final = AnyVersion()


# The largest whole number SQLite stores: a version beyond it was never any record's.
MAX_VERSION = 2**63 - 1


def check_version(expected_version: object) -> int:
    """The version an edit started from: a whole number from 1 to :data:`MAX_VERSION`."""
    if (
        isinstance(expected_version, bool)
        or not isinstance(expected_version, int)
        or not 1 <= expected_version <= MAX_VERSION
    ):
        raise ValidationError.single(
            "expected_version",
            "required",
            "Say which version of the record this edit started from.",
        )
    return expected_version


def update(
    store: Store,
    table: str,
    record_id: str,
    changes: dict[str, Any],
    *,
    expected_version: int | AnyVersion,
    force: bool = False,
) -> dict[str, Any]:
    """Apply ``changes`` if the record is still at ``expected_version``.

    ``ANY_VERSION`` is only for changes that cannot lose anyone's work. Returns
    the new row; an update that changes nothing writes nothing, unless ``force``
    (a person's choice between two PCs' versions must reach the other PC).
    """
    expected = None if isinstance(expected_version, AnyVersion) else check_version(expected_version)
    before = fetch(store, table, record_id)
    if expected is not None and before["version"] != expected:
        raise ConflictError(table, record_id, expected, before)
    real = {k: v for k, v in changes.items() if before.get(k) != v}
    if not real and not force:
        return before
    after = {**before, **real}
    _check_identifiers(store, table, real, after)
    after["version"] = before["version"] + 1
    after["updated_at"] = iso_now(store.clock)
    assignments = ", ".join(f"{column} = ?" for column in (*real, "version", "updated_at"))
    cursor = store.execute(
        f"UPDATE {table} SET {assignments} WHERE id = ? AND version = ?",
        (*real.values(), after["version"], after["updated_at"], record_id, before["version"]),
    )
    if cursor.rowcount != 1:  # changed between our read and write: another connection
        raise ConflictError(table, record_id, before["version"], fetch(store, table, record_id))
    _audit(store, table, record_id, "update", before, after)
    return after


def delete(store: Store, table: str, key: dict[str, Any]) -> bool:
    """Delete one row (a link row, or a purge by a manager); audited."""
    if table in LINK_KEYS:
        first, second = LINK_KEYS[table]
        where = f"{first} = ? AND {second} = ?"
        params: tuple[Any, ...] = (key[first], key[second])
        entity_id = _link_id(table, key)
    else:
        where, params, entity_id = "id = ?", (key["id"],), key["id"]
    before = store.query_one(f"SELECT * FROM {table} WHERE {where}", params)
    if before is None:
        return False
    store.execute(f"DELETE FROM {table} WHERE {where}", params)
    _audit(store, table, entity_id, "delete", before, None)
    return True


ANONYMOUS = "anonymous"


def count_anonymously(
    store: Store, table: str, key: dict[str, Any], *, week: str, by: int = 1
) -> int:
    """Add ``by`` to the ``answers`` count of the row ``key`` (creating it); audited
    without naming or timing anyone.

    For answers that must stay anonymous (the speak-up pulse): the row holds no
    moment and no person, and its audit row says ``anonymous`` and carries the
    Monday of ``week`` at midnight as its time, never the moment of the answer
    or the login of the PC. Returns the new count.
    """
    where = " AND ".join(f"{column} = ?" for column in key)
    before = store.query_one(f"SELECT * FROM {table} WHERE {where}", tuple(key.values()))
    if before is None:
        after = {**key, "answers": by}
        columns = ", ".join(after)
        marks = ", ".join("?" for _ in after)
        store.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(after.values()))
    else:
        after = {**before, "answers": int(before["answers"]) + by}
        store.execute(
            f"UPDATE {table} SET answers = ? WHERE {where}", (after["answers"], *key.values())
        )
    entity_id = ":".join(str(v) for v in key.values())
    _audit(
        store,
        table,
        entity_id,
        "insert" if before is None else "update",
        before,
        after,
        at=f"{week}T00:00:00+00:00",
        actor=ANONYMOUS,
    )
    return int(after["answers"])


def record_event(
    store: Store, entity: str, entity_id: str, op: str, details: dict[str, Any]
) -> None:
    """An audit row for an event that changes no table of its own (a redaction)."""
    _audit(store, entity, entity_id, op, None, details)
