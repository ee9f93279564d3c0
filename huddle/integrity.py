"""Is a database file sound, and is it a ward this version can use?

The lowest layer of the safety net, shared by the health check, backups and
restore (and kept free of them, so they can all import it).
"""

from __future__ import annotations

import sqlite3


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """None when the database is healthy, else the first problem found."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    if [r[0] for r in rows] != ["ok"]:
        # one line: SQLite may pack a hundred findings into one text (--verbose lists them)
        lines = [line for r in rows for line in str(r[0]).splitlines() if line.strip()]
        first = next((line for line in lines if not line.startswith("***")), lines[0])
        more = f" and {len(lines) - 1} more finding(s)" if len(lines) > 1 else ""
        return f"{first.strip()}{more}"
    try:
        bad_keys = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    if bad_keys:
        return f"{len(bad_keys)} broken links between records (first in table {bad_keys[0][0]})"
    return None


def backup_problem(conn: sqlite3.Connection) -> str | None:
    """Why this database must not be backed up (or used as a backup), else None:
    damaged, not a Ward Huddle database (an empty or unrelated file), or written
    by a newer version."""
    from huddle.store.versions import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE

    problem = integrity_problem(conn)
    if problem is not None:
        return problem
    try:
        has_schema = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
            (MIGRATIONS_TABLE,),
        ).fetchone()[0]
        if not has_schema:
            return "it is not a Ward Huddle database (an empty or unrelated file)"
        applied = [
            str(r[0])
            for r in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (MIGRATION_SET,)
            )
        ]
    except sqlite3.DatabaseError as error:
        return str(error)
    if not applied:
        return "it is not a Ward Huddle database (an empty or unrelated file)"
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        return f"it was written by a newer version of Ward Huddle (schema {unknown[-1]})"
    return None


__all__ = ["backup_problem", "integrity_problem"]
