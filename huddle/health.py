"""Is a ward database healthy? Used by ``huddle check`` and at start-up."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from huddle.backup import integrity_problem


@dataclass(frozen=True)
class Health:
    ok: bool
    problem: str  # one line, empty when healthy
    schema_version: int | None
    pending: tuple[str, ...] = ()


def check_database(path: Path) -> Health:
    """Integrity, foreign keys and schema version, without changing anything."""
    from huddle.store.versions import MIGRATION_NAMES, MIGRATION_SET

    if not path.exists():
        return Health(False, f"there is no database at {path}", None)
    if path.stat().st_size == 0:
        return Health(False, "the database file is empty (0 bytes)", None)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error as error:
        return Health(False, f"the file cannot be opened: {error}", None)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            return Health(False, f"the file is not a readable database ({error})", None)
        problem = integrity_problem(conn)
        if problem is not None:
            return Health(False, f"the integrity check failed: {problem}", None)
        has_table = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = '_sqlite_migrations'"
        ).fetchone()[0]
        if not has_table:
            return Health(False, "this is not a Ward Huddle database (no schema record)", None)
        applied = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
                (MIGRATION_SET,),
            )
        ]
    except sqlite3.DatabaseError as error:
        return Health(False, f"the database cannot be read ({error})", None)
    finally:
        conn.close()
    known = list(MIGRATION_NAMES)
    unknown = [name for name in applied if name not in known]
    if unknown:
        return Health(
            False, f"written by a newer version of Ward Huddle (schema {unknown[-1]})", len(applied)
        )
    pending = tuple(name for name in known if name not in applied)
    return Health(True, "", len(applied), pending)
