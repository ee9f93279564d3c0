"""Talking to the trust's PostgreSQL server: push, pull, join (psycopg 3).

Push sends the changes the server has not acknowledged, in order, in batches;
each batch is one server transaction, and a change already there (same
device, ward and number) is skipped, so a batch sent twice is stored once.
The local "pushed" marks are set only after the server has committed.
Pull fetches the ward's changes after this database's cursor, made on other
devices, and applies them through :func:`huddle.sync.apply.receive`; the
cursor moves in the same SQLite transaction as the changes it covers.

A ward's pushes take a per-ward advisory lock, so the server's change ids
grow in commit order within a ward and a cursor never skips a late commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from huddle.errors import HuddleError
from huddle.store.connection import Store
from huddle.sync import feed
from huddle.sync.address import connect_kwargs, without_password
from huddle.sync.apply import Received, receive
from huddle.sync.changes import FeedChange, mark_pushed, unpushed
from huddle.sync.guard import check_changes

PUSH_BATCH = 2000
PULL_BATCH = 5000
_INSERT = (
    "INSERT INTO huddle_sync.change (ward_id, device_id, seq, entity, entity_id, op, payload) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (device_id, ward_id, seq) DO NOTHING"
)


class ServerUnavailable(HuddleError):
    """The server could not be reached or stopped answering; nothing is lost."""


class ServerRefused(HuddleError):
    """The server refused what was asked (permissions, another ward)."""


def connect(address: str, *, autocommit: bool = False) -> Any:
    import psycopg

    try:
        return psycopg.connect(address, autocommit=autocommit, **connect_kwargs())  # type: ignore[arg-type]
    except psycopg.OperationalError as error:
        raise ServerUnavailable(
            f"The sync server at {without_password(address)} could not be reached "
            f"({_first_line(error)}); the ward keeps working and will sync later."
        ) from error
    except psycopg.ProgrammingError as error:
        raise ServerRefused(
            f"The sync server address is not usable ({_first_line(error)})."
        ) from error


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def translate(error: Exception, address: str) -> HuddleError:
    """A psycopg error as a one-line problem a person can act on."""
    import psycopg

    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return ServerRefused(
            f"The sync server refused this PC's changes ({_first_line(error)}): this login "
            "may write only its own ward. Ask IT to check which ward the login belongs to."
        )
    if isinstance(error, psycopg.errors.RaiseException | psycopg.errors.NoDataFound):
        return ServerRefused(f"The sync server refused: {_first_line(error)}.")
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return ServerUnavailable(
            f"The sync server at {without_password(address)} stopped answering "
            f"({_first_line(error)}); nothing was lost, the next sync carries on."
        )
    return ServerRefused(f"The sync server reported a problem: {_first_line(error)}.")


def _rows(changes: list[FeedChange]) -> list[tuple[Any, ...]]:
    from psycopg.types.json import Jsonb

    return [
        (c.ward, c.device, c.seq, c.entity, c.entity_id, c.op, Jsonb(c.to_json())) for c in changes
    ]


def claim(conn: Any, ward_id: str, ward_name: str) -> None:
    conn.execute("SELECT huddle_sync.claim_ward(%s, %s)", (ward_id, ward_name))


def push(
    conn: Any,
    store: Store,
    ward_id: str,
    *,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Send every unacknowledged change of the ward; returns how many were sent."""
    sent = 0
    device = feed.device_id(store)
    feed.number_confirmations(store, ward_id)
    while True:
        batch = unpushed(store, ward_id, limit=PUSH_BATCH)
        if not batch:
            return sent
        changes = [change for _id, change in batch]
        check_changes(changes, store)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (ward_id,))
            conn.execute(
                "INSERT INTO huddle_sync.device (id, ward_id) VALUES (%s, %s) "
                "ON CONFLICT (id, ward_id) DO UPDATE SET last_seen = now()",
                (device, ward_id),
            )
            with conn.cursor() as cursor:
                cursor.executemany(_INSERT, _rows(changes))
        mark_pushed(store, [feed_id for feed_id, _change in batch])
        sent += len(batch)
        if on_batch is not None:
            on_batch(sent)


def pull(conn: Any, store: Store, ward_id: str, *, cursor_key: str) -> Received:
    """Fetch and apply the ward's changes made elsewhere since this database's cursor."""
    device = feed.device_id(store)
    total = Received()
    while True:
        after = int(feed.state(store, cursor_key) or 0)
        rows = conn.execute(
            "SELECT id, payload FROM huddle_sync.change WHERE ward_id = %s AND id > %s "
            "AND device_id <> %s ORDER BY id LIMIT %s",
            (ward_id, after, device, PULL_BATCH),
        ).fetchall()
        if not rows:
            # nothing from others: still move past our own changes
            top = conn.execute(
                "SELECT coalesce(max(id), 0) FROM huddle_sync.change WHERE ward_id = %s",
                (ward_id,),
            ).fetchone()[0]
            if int(top) > after:
                with store.transaction():
                    feed.set_state(store, cursor_key, str(top))
            return total
        changes = [FeedChange.from_json(payload) for _id, payload in rows]
        with store.transaction():
            got = receive(store, changes, pushed=True)
            feed.set_state(store, cursor_key, str(rows[-1][0]))
        total = total + got
        if len(rows) < PULL_BATCH:
            continue


def join(conn: Any, ward: str) -> str:
    """Bind this login to an existing ward (by name or id); returns the ward id."""
    row = conn.execute("SELECT huddle_sync.join_ward(%s)", (ward,)).fetchone()
    return str(row[0])


def load_bundle_changes(
    address: str, ward_id: str, ward_name: str, changes: list[FeedChange]
) -> int:
    """IT's ``trust import``: store a bundle's changes on the server; returns how many were new."""
    import psycopg

    check_changes(changes)
    try:
        with connect(address) as conn, conn.transaction():
            from huddle.sync.server_schema import check_schema

            check_schema(conn)
            conn.execute(
                "INSERT INTO huddle_sync.ward (id, name) VALUES (%s, %s) "
                "ON CONFLICT (id) DO NOTHING",
                (ward_id, ward_name),
            )
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (ward_id,))
            before = conn.execute(
                "SELECT count(*) FROM huddle_sync.change WHERE ward_id = %s", (ward_id,)
            ).fetchone()[0]
            with conn.cursor() as cursor:
                cursor.executemany(_INSERT, _rows(changes))
            after = conn.execute(
                "SELECT count(*) FROM huddle_sync.change WHERE ward_id = %s", (ward_id,)
            ).fetchone()[0]
    except psycopg.Error as error:
        raise translate(error, address) from error
    return int(after) - int(before)
