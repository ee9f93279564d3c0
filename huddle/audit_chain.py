"""The audit trail's hash chain: what each row's hashes are, and checking them.

Each audit row carries ``content_hash``, the SHA-256 of a canonical JSON of its
``at, actor, entity, entity_id, op, before_json, after_json``, and
``chain_hash``, the SHA-256 of the previous row's ``chain_hash`` followed by
this row's ``content_hash`` (the first row follows the empty string). Changing,
removing or inserting a row anywhere breaks every chain hash after it.

Redaction (the identifier guard's) replaces ``before_json``/``after_json`` with
"[redacted]" values and sets ``redacted_at``, keeping both hashes, so the chain
still verifies; such a row is accepted only when a later audit row with entity
``redaction`` and ``entity_id`` the redacted row's id records it.

The schema seal: after every migration the ``integrity_seal`` table records a
checksum of the database's structure (tables, indexes, triggers) and its
applied migrations, the bookkeeping the audit does not cover; the deep check
compares it with the file as it is (a dropped trigger, a table added by hand).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

CONTENT_FIELDS = ("at", "actor", "entity", "entity_id", "op", "before_json", "after_json")
SEAL_NAME = "schema"
REDACTION_ENTITY = "redaction"


def content_hash(row: dict[str, Any]) -> str:
    canonical = json.dumps(
        {name: row.get(name) for name in CONTENT_FIELDS},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def chain_hash(previous: str, content: str) -> str:
    return hashlib.sha256((previous + content).encode("ascii")).hexdigest()


def chain_head(conn: sqlite3.Connection) -> str:
    """The newest row's chain hash ('' for an empty trail)."""
    row = conn.execute("SELECT chain_hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return str(row[0]) if row and row[0] is not None else ""


def schema_checksum(conn: sqlite3.Connection) -> str:
    """A checksum of the structure and the applied migrations."""
    from huddle.store.versions import MIGRATIONS_TABLE

    parts: list[Any] = [
        list(r)
        for r in conn.execute(
            "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name"
        )
    ]
    parts.append(
        [
            list(r)
            for r in conn.execute(f"SELECT migration_set, name FROM {MIGRATIONS_TABLE} ORDER BY id")
        ]
    )
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    audit_id: int
    what: str


def _rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    cursor = conn.execute(
        "SELECT id, at, actor, entity, entity_id, op, before_json, after_json, content_hash, "
        "chain_hash, redacted_at FROM audit ORDER BY id"
    )
    names = [c[0] for c in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def chain_problems(conn: sqlite3.Connection, *, limit: int = 20) -> list[ChainProblem]:
    """Every break in the chain (up to ``limit``): a missing, changed, inserted,
    unrecorded-redacted or removed-at-the-end row."""
    problems: list[ChainProblem] = []
    recorded: dict[str, int] = {}  # redacted row id -> the last audit row recording it
    for entity_id, audit_id in conn.execute(
        "SELECT entity_id, max(id) FROM audit WHERE entity = ? GROUP BY entity_id",
        (REDACTION_ENTITY,),
    ):
        recorded[str(entity_id)] = int(audit_id)
    previous, expected_id, last_id = "", 1, 0
    for row in _rows(conn):
        last_id = row["id"]
        if row["id"] != expected_id:
            problems.append(
                ChainProblem(row["id"], f"audit rows {expected_id} to {row['id'] - 1} are missing")
            )
        expected_id = row["id"] + 1
        if row["redacted_at"] is not None:
            if recorded.get(str(row["id"]), 0) <= row["id"]:
                problems.append(ChainProblem(row["id"], "it was redacted without a record of it"))
        elif row["content_hash"] != content_hash(row):
            problems.append(ChainProblem(row["id"], "its content was changed"))
        if row["content_hash"] is None or row["chain_hash"] != chain_hash(
            previous, str(row["content_hash"])
        ):
            problems.append(ChainProblem(row["id"], "its place in the chain does not hold"))
        previous = str(row["chain_hash"])
        if len(problems) >= limit:
            return problems
    sequence = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    if sequence is not None and int(sequence[0]) > last_id:
        problems.append(
            ChainProblem(int(sequence[0]), f"the newest audit rows after {last_id} are missing")
        )
    return problems


def fill_chain(conn: sqlite3.Connection, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Hash rows written before the chain existed (the 0004 migration)."""
    previous = ""
    for audit_id, row in rows:
        content = content_hash(row)
        previous = chain_hash(previous, content)
        conn.execute(
            "UPDATE audit SET content_hash = ?, chain_hash = ? WHERE id = ?",
            (content, previous, audit_id),
        )
