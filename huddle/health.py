"""Is a ward database healthy? Used by ``huddle check`` and at start-up."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from huddle.integrity import integrity_problem


def quick_problem(conn: sqlite3.Connection) -> str | None:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return None if [r[0] for r in rows] == ["ok"] else str(rows[0][0])


@dataclass(frozen=True)
class Health:
    ok: bool
    problem: str  # one line, empty when healthy
    schema_version: int | None
    pending: tuple[str, ...] = ()


def header_problem(path: Path) -> str | None:
    """What is wrong with the file's SQLite header, found without reading it all:
    the magic text, a possible page size, and a file no shorter than the pages
    the header says it holds (a truncated copy fails this)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return f"the file cannot be read ({error})"
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return "the file is not a readable database (its header is damaged)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the file is not a readable database (its page size is damaged)"
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0  # the log completes the file
    if counter_valid and pages and not pending and path.stat().st_size < pages * page_size:
        return "the file is shorter than its header says: it has been truncated"
    return None


def integrity_details(path: Path) -> list[str]:
    """Every finding of SQLite's integrity check, one per line (``--verbose``)."""
    from huddle.store.connection import open_read_only

    try:
        conn = open_read_only(path, timeout=5.0)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return [str(error)]
    finally:
        conn.close()
    return [line for r in rows for line in str(r[0]).splitlines() if line.strip()]


def check_database(path: Path, *, thorough: bool = True) -> Health:
    """Integrity, foreign keys and schema version, without changing anything.

    ``thorough=False`` (for start-up, where every second counts on a ten-year
    ward) checks the header and runs SQLite's ``quick_check`` instead of the
    full integrity and foreign-key checks; the full check still runs before
    every backup and in ``huddle check``.
    """
    from huddle.store.versions import MIGRATION_NAMES, MIGRATION_SET

    if not path.exists():
        return Health(False, f"there is no database at {path}", None)
    if path.stat().st_size == 0:
        return Health(False, "the database file is empty (0 bytes)", None)
    problem = header_problem(path)
    if problem is not None:
        return Health(False, problem, None)
    from huddle.store.connection import open_read_only

    try:
        conn = open_read_only(path, timeout=5.0)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return Health(False, f"the file is not a readable database ({error})", None)
    except sqlite3.Error as error:
        return Health(False, f"the file cannot be opened: {error}", None)
    try:
        problem = integrity_problem(conn) if thorough else quick_problem(conn)
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
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
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


class EarlyCheck:
    """The start-up check (:func:`check_database`, quick) begun on a thread of its own.

    A ten-year ward's ``quick_check`` reads every page: over 100 ms on a warm
    disk, more after a reboot. SQLite leaves Python free while it reads, so the
    app starts it before loading Qt and asks for the answer when it needs it,
    before the ward is opened: the same check, no later, in time the start spent
    anyway. It only reads; a file swapped meanwhile (an interrupted restore
    finished) is checked again by the caller.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._health: Health | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="start-up check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._health = check_database(self.path, thorough=False)
        except BaseException as error:  # handed to whoever asks for the answer
            self._error = error

    @property
    def finished(self) -> bool:
        """Has the check let go of the file?"""
        return not self._thread.is_alive()

    def result(self) -> Health:
        """The check's answer, waiting for it if it is still reading."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._health is not None
        return self._health
