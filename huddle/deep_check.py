"""``huddle check --deep``: is every stored row what the ward's saves made it?

On top of the ordinary check (integrity, links, schema version) it:

1. recomputes the audit trail's hash chain (:mod:`huddle.audit_chain`), so a
   changed, inserted, removed or replaced audit row is found;
2. compares the structure and applied migrations with the seal the last
   migration recorded (a dropped trigger, a table added by hand);
3. rebuilds every audited table from the audit trail and compares it with the
   table, row by row, so a row changed outside the app (a bit flip, an edit
   with a database tool) is found.

What no check can see: committed transactions lost with a deleted ``-wal``
file leave a database that is consistent, only older (docs/reliability.md).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huddle.audit_chain import SEAL_NAME, chain_problems, schema_checksum
from huddle.health import Health, check_database

if TYPE_CHECKING:
    from huddle.store.connection import Store


@dataclass(frozen=True)
class DeepHealth:
    ok: bool
    problem: str  # one line, empty when healthy
    details: tuple[str, ...] = field(default=())
    schema_version: int | None = None


def _open(path: Path) -> sqlite3.Connection:
    from huddle.store.connection import open_read_only

    return open_read_only(path, timeout=5.0)


def _tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    return {
        name: [str(c[1]) for c in conn.execute(f'PRAGMA table_info("{name}")')] for name in names
    }


@dataclass(frozen=True)
class Difference:
    """One row where a table and its rebuild from the audit trail disagree."""

    table: str
    key: str
    audited: dict[str, Any] | None  # the row as the audit trail has it (None: absent)
    stored: dict[str, Any] | None  # the row as the table has it (None: absent)
    column: str = ""

    def describe(self) -> str:
        if self.audited is None:
            return f"{self.table} {self.key} is not in the audit trail"
        if self.stored is None:
            return f"{self.table} {self.key} is missing, though the audit trail has it"
        return f"{self.table} {self.key} differs from its audit trail ({self.column})"


def rebuild_differences(conn: sqlite3.Connection, *, limit: int | None = 20) -> list[Difference]:
    """Where an audited table differs from its rebuild from the audit trail."""
    from huddle.store.records import LINK_KEYS, SECRET_SETTINGS

    tables = _tables(conn)
    rebuilt: dict[str, dict[str, dict[str, Any]]] = {}
    for entity, entity_id, op, after_json in conn.execute(
        "SELECT entity, entity_id, op, after_json FROM audit ORDER BY id"
    ):
        if entity not in tables:
            continue  # an event, not a table's row
        rows = rebuilt.setdefault(entity, {})
        if op == "delete":
            rows.pop(entity_id, None)
        else:
            try:
                rows[entity_id] = json.loads(after_json)
            except (TypeError, ValueError):
                rows[entity_id] = {"": "unreadable audit row"}
    found: list[Difference] = []
    # a record table (id, version, timestamps) or a link table is audited even
    # before its first audit row: a row added to it by hand is found too
    record_columns = {"id", "version", "created_at", "updated_at"}
    audited = [
        t
        for t, columns in tables.items()
        if t != "audit" and (t in rebuilt or t in LINK_KEYS or record_columns <= set(columns))
    ]
    for table in sorted(audited):
        columns = tables[table]
        if table in LINK_KEYS:
            first, second = LINK_KEYS[table]
            key_sql = f'"{first}" || \':\' || "{second}"'
        elif "id" in columns:
            key_sql = '"id"'
        else:
            continue
        cursor = conn.execute(f'SELECT {key_sql}, * FROM "{table}"')
        names = [c[0] for c in cursor.description][1:]
        actual = {str(r[0]): dict(zip(names, r[1:], strict=True)) for r in cursor}
        expected = rebuilt.get(table, {})
        for key in sorted(set(actual) | set(expected)):
            row, audit = actual.get(key), expected.get(key)
            if row is None or audit is None:
                found.append(Difference(table, key, audit, row))
            else:
                # columns added later by a migration are not in older audit rows
                secret = table == "setting" and key in SECRET_SETTINGS  # kept out of the audit
                changed = [
                    c
                    for c in audit
                    if c in row and row[c] != audit[c] and not (secret and c == "value_json")
                ]
                if changed:
                    found.append(Difference(table, key, audit, row, changed[0]))
            if limit is not None and len(found) >= limit:
                return found
    return found


def rebuild_problems(conn: sqlite3.Connection, *, limit: int = 20) -> list[str]:
    return [d.describe() for d in rebuild_differences(conn, limit=limit)]


def record_migration_changes(store: Store) -> int:
    """Audit the rows a migration changed (it writes SQL, not through the services),
    so the tables still match their audit trail afterwards; returns how many."""
    from huddle.store import records

    differences = rebuild_differences(store.conn, limit=None)
    with store.transaction():
        for d in differences:
            op = "insert" if d.audited is None else "delete" if d.stored is None else "update"
            records._audit(store, d.table, d.key, op, d.audited, d.stored)
    return len(differences)


def seal_problem(conn: sqlite3.Connection) -> str | None:
    row = conn.execute(
        "SELECT checksum FROM integrity_seal WHERE name = ?", (SEAL_NAME,)
    ).fetchone()
    if row is None:
        return "the structure has no seal (it was removed outside Ward Huddle)"
    if row[0] != schema_checksum(conn):
        return "the structure (tables, triggers or migrations) was changed outside Ward Huddle"
    return None


def deep_problems(conn: sqlite3.Connection) -> tuple[str, tuple[str, ...]] | None:
    """The chain, the seal and the rebuild on an open connection: None when all
    hold, else (one line, every problem). A ward from before the chain existed
    (awaiting its upgrade) has nothing to check here."""
    columns = {str(c[1]) for c in conn.execute("PRAGMA table_info(audit)")}
    if "chain_hash" not in columns:
        return None
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")  # one snapshot: a save landing mid-check is not a break
    try:
        return _deep_problems(conn)
    except UnicodeDecodeError as error:  # a flipped bit in stored text
        what = f"stored text is damaged (not valid UTF-8 at byte {error.start})"
        return f"rows were changed outside Ward Huddle ({what})", (what,)
    finally:
        if began:
            conn.execute("ROLLBACK")


def _deep_problems(conn: sqlite3.Connection) -> tuple[str, tuple[str, ...]] | None:
    details: list[str] = []
    chain = chain_problems(conn)
    details += [f"audit row {p.audit_id}: {p.what}" for p in chain]
    seal = seal_problem(conn)
    if seal:
        details.append(seal)
    rebuild = rebuild_problems(conn)
    details += rebuild
    if not details:
        return None
    if chain:
        first = f"the audit trail was changed outside Ward Huddle ({details[0]})"
    elif seal:
        first = seal
    else:
        first = f"rows were changed outside Ward Huddle ({rebuild[0]})"
    more = f"; {len(details) - 1} more problem(s), see --verbose" if len(details) > 1 else ""
    return first + more, tuple(details)


def deep_check(path: Path) -> DeepHealth:
    """The ordinary check, then the chain, the seal and the rebuild; read-only."""
    health: Health = check_database(path)
    if not health.ok:
        return DeepHealth(False, health.problem, (), health.schema_version)
    if health.pending:
        return DeepHealth(
            False,
            "the database needs upgrading before it can be checked deeply; open it once "
            "in Ward Huddle",
            (),
            health.schema_version,
        )
    conn = _open(path)
    try:
        found = deep_problems(conn)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return DeepHealth(False, f"the database cannot be read ({error})", ())
    finally:
        conn.close()
    if found is None:
        return DeepHealth(True, "", (), health.schema_version)
    return DeepHealth(False, found[0], found[1], health.schema_version)
