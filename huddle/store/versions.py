"""Which schema versions exist and which a database has, without sqlite-utils.

Opening an up-to-date database is the common case at start-up, so it must not
pay for importing the migration machinery; :mod:`huddle.store.schema` (which
does) is imported only when there is something to migrate. A test checks this
list matches the migrations registered there.
"""

from __future__ import annotations

import sqlite3

from huddle.errors import DatabaseTooNewError

MIGRATION_SET = "ward_huddle"
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_NAMES = (
    "0001_initial",
    "0002_learning_search",
    "0003_huddle_screen_indexes",
    "0004_audit_chain",
    "0005_sync_feed",
    "0006_identifier_confirmations",
    "0007_measure_chart_kind",
    "0008_psirf",
    "0009_escalations",
    "0010_unreported_index",
)


def applied_names(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
        (MIGRATIONS_TABLE,),
    ).fetchone()[0]
    if not exists:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY id",
        (MIGRATION_SET,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def pending_names(conn: sqlite3.Connection) -> list[str]:
    applied = set(applied_names(conn))
    return [name for name in MIGRATION_NAMES if name not in applied]


def check_not_newer(conn: sqlite3.Connection) -> None:
    unknown = [name for name in applied_names(conn) if name not in MIGRATION_NAMES]
    if unknown:
        raise DatabaseTooNewError(
            f"This database was written by a newer version of Ward Huddle (it has schema "
            f"change {unknown[-1]}, which this version does not know). Install the newer "
            "version to open it; nothing has been changed."
        )
