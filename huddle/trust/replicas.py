"""Trust replicas: one SQLite copy of each ward, pulled from the trust server.

Each replica is a normal, migrated ward database at ``<cache>/<ward id>.db``,
kept up to date with :func:`huddle.sync.server.pull` (a cursor per ward, so a
refresh fetches only what is new). The replica is a device of its ward like
any ward PC: what the tier-2 huddle writes into it travels back with a push.
One server query lists every ward with its latest change, so a refresh skips
the wards that have not changed without opening them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from huddle.clock import Clock
from huddle.errors import HuddleError
from huddle.store import open_store
from huddle.sync import server
from huddle.sync.engine import cursor_key
from huddle.sync.server_schema import check_schema

CURSORS_FILE = "cursors.json"
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
_LIST_WARDS = """
SELECT w.id, w.name, c.id, c.received_at
FROM huddle_sync.ward w
LEFT JOIN LATERAL (
    SELECT id, received_at FROM huddle_sync.change
    WHERE ward_id = w.id ORDER BY id DESC LIMIT 1
) c ON true
ORDER BY w.name, w.id
"""


class UnknownWard(HuddleError):
    """A ward asked for by name or id is not on the trust server."""


@dataclass(frozen=True)
class ServerWard:
    """A ward as the server knows it: its latest change id and when it arrived."""

    ward_id: str
    name: str
    last_change_id: int
    last_sync_at: datetime | None


@dataclass(frozen=True)
class Replica:
    ward: ServerWard
    path: Path
    pulled: int  # changes applied by this refresh


def server_wards(conn: Any) -> list[ServerWard]:
    """Every ward on the server with its latest change: one query, an index probe a ward."""
    return [
        ServerWard(str(ward_id), str(name), int(top or 0), received)
        for ward_id, name, top, received in conn.execute(_LIST_WARDS).fetchall()
    ]


def choose(wards: list[ServerWard], wanted: Iterable[str] | None) -> list[ServerWard]:
    """The wards named (by id or name, any case), in the server's order; all when none named."""
    if wanted is None:
        return wards
    names = [w.strip() for w in wanted if w.strip()]
    chosen: list[ServerWard] = []
    for name in names:
        found = [w for w in wards if w.ward_id == name or w.name.casefold() == name.casefold()]
        if not found:
            raise UnknownWard(
                f"There is no ward called {name!r} on the trust server; "
                "check the spelling, or leave the ward out to see them all."
            )
        chosen.extend(w for w in found if w not in chosen)
    return [w for w in wards if w in chosen]


def replica_path(cache_dir: Path, ward_id: str) -> Path:
    """Where a ward's replica lives (the id is checked: it names a file)."""
    if not _SAFE_ID.match(ward_id):
        raise UnknownWard(f"The ward id {ward_id!r} cannot name a replica file.")
    return Path(cache_dir) / f"{ward_id}.db"


def _read_cursors(cache_dir: Path) -> dict[str, int]:
    try:
        data = json.loads((cache_dir / CURSORS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): int(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_cursors(cache_dir: Path, cursors: dict[str, int]) -> None:
    # a hint only (the replica's own cursor is the truth): write it whole, then swap
    spare = cache_dir / f"{CURSORS_FILE}.new"
    spare.write_text(json.dumps(cursors, sort_keys=True), encoding="utf-8")
    spare.replace(cache_dir / CURSORS_FILE)


def pull_replica(
    conn: Any, address: str, ward: ServerWard, cache_dir: Path, *, clock: Clock | None = None
) -> int:
    """Bring one ward's replica up to the server's latest change; returns changes applied."""
    with open_store(replica_path(cache_dir, ward.ward_id), clock=clock, actor="trust") as store:
        got = server.pull(conn, store, ward.ward_id, cursor_key=cursor_key(address, ward.ward_id))
    return got.applied


def refresh(
    address: str,
    cache_dir: Path,
    wards: Iterable[str] | None = None,
    *,
    clock: Clock | None = None,
    on_ward: Callable[[int, int, ServerWard], None] | None = None,
) -> list[Replica]:
    """List the server's wards and pull each (or those named) into its replica.

    A ward whose replica already holds the server's latest change is not
    opened. ``on_ward(done, total, ward)`` reports progress after each ward.
    """
    import psycopg

    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cursors = _read_cursors(cache_dir)
    done: list[Replica] = []
    try:
        with server.connect(address) as conn:
            check_schema(conn)
            chosen = choose(server_wards(conn), wards)
            for number, ward in enumerate(chosen, start=1):
                path = replica_path(cache_dir, ward.ward_id)
                pulled = 0
                if not path.exists() or cursors.get(ward.ward_id, -1) < ward.last_change_id:
                    pulled = pull_replica(conn, address, ward, cache_dir, clock=clock)
                    cursors[ward.ward_id] = ward.last_change_id
                done.append(Replica(ward, path, pulled))
                if on_ward is not None:
                    on_ward(number, len(chosen), ward)
    except psycopg.Error as error:
        raise server.translate(error, address) from error
    finally:
        _write_cursors(cache_dir, cursors)
    return done


def list_wards(address: str, wards: Iterable[str] | None = None) -> list[ServerWard]:
    """The server's wards (or those named) without touching any replica: one query."""
    import psycopg

    try:
        with server.connect(address) as conn:
            check_schema(conn)
            return choose(server_wards(conn), wards)
    except psycopg.Error as error:
        raise server.translate(error, address) from error
