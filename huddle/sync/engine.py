"""One sync of a ward with the trust server: what ``huddle sync`` and the app run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from huddle.clock import iso_now
from huddle.errors import HuddleError
from huddle.store import roster as roster_q
from huddle.store.connection import Store
from huddle.sync import conflicts, feed, server
from huddle.sync.address import without_password
from huddle.sync.changes import pending_count, unpushed
from huddle.sync.server_schema import check_schema


@dataclass(frozen=True)
class SyncResult:
    ward_id: str
    ward_name: str
    pushed: int
    pulled: int
    conflicts: int
    held: int
    pending: int
    device_renewed: bool = False


class NothingToSync(HuddleError):
    """The database holds no ward and no ward to join was named."""


LAST_SYNC_KEY = "last_sync_at"
PUSH_LIMIT = 1_000_000


def cursor_key(address: str, ward_id: str) -> str:
    # a cursor belongs to one server: another server starts from the beginning
    return f"cursor:{without_password(address)}:{ward_id}"


def sync_ward(
    store: Store,
    address: str,
    *,
    join: str | None = None,
    ward_id: str | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> SyncResult:
    """Push this database's unacknowledged changes for the ward, then pull the others'."""
    import psycopg

    renewed = feed.check_machine(store)
    wards = roster_q.wards(store)
    if join is None and not wards:
        raise NothingToSync(
            "This database holds no ward yet: set one up, or give --join WARD to join one."
        )
    if join is not None and wards and ward_id is None:
        raise NothingToSync(
            "--join is for a new, empty database; this one already holds "
            f"{wards[0].name}. Run 'huddle sync' without --join."
        )
    try:
        with server.connect(address) as conn:
            check_schema(conn)
            if join is not None:
                ward_id = server.join(conn, join)
                conn.commit()
                name = ""
            else:
                ward_id = ward_id or wards[0].id
                name = next(w.name for w in wards if w.id == ward_id)
                server.claim(conn, ward_id, name)
                conn.commit()
            pushed = server.push(conn, store, ward_id, on_batch=on_batch)
            got = server.pull(conn, store, ward_id, cursor_key=cursor_key(address, ward_id))
    except psycopg.Error as error:
        raise server.translate(error, address) from error
    with store.transaction():
        feed.set_state(store, f"{LAST_SYNC_KEY}:{ward_id}", iso_now(store.clock))
    if not name:
        found = store.scalar("SELECT name FROM ward WHERE id = ?", (ward_id,))
        name = str(found or "the ward")
    return SyncResult(
        ward_id=ward_id,
        ward_name=name,
        pushed=pushed,
        pulled=got.applied,
        conflicts=conflicts.open_count(store, ward_id),
        held=got.held,
        pending=pending_count(store, ward_id),
        device_renewed=renewed,
    )


# What a tier login may send (the server's huddle_tier role allows only these).
TIER_ENTITIES = frozenset({"escalation_answer"})


class NotATierChange(HuddleError):
    """A tier PC's replica holds a change other than a tier's answer."""


def push_tier_answers(store: Store, address: str, ward_id: str) -> int:
    """Push the answers written on a tier PC's replica of a ward, with the tier login.

    The replica was pulled from the server (:func:`huddle.sync.server.pull`) and
    the tier-2 huddle wrote answers into it through ``EscalationService.answer``;
    only those leave. Any other change waiting in the replica's feed is refused
    here, before anything is sent, as the server would refuse it. Returns how many
    changes were pushed; the ward's PCs apply them at their next pull.
    """
    import psycopg

    waiting = [change for _id, change in unpushed(store, ward_id, limit=PUSH_LIMIT)]
    others = sorted({c.entity for c in waiting if c.entity not in TIER_ENTITIES})
    if others:
        from huddle.identifier_refusal import ENTITY_WORDS

        named = ", ".join(ENTITY_WORDS.get(e, e.replace("_", " ")) for e in others)
        raise NotATierChange(
            f"This PC's copy of the ward holds changes a tier login may not send ({named}); "
            "a tier PC sends only its answers to escalations. Nothing was sent: make those "
            "changes on the ward's own PC."
        )
    if not waiting:
        return 0
    try:
        with server.connect(address) as conn:
            check_schema(conn)
            return server.push(conn, store, ward_id)
    except psycopg.errors.InsufficientPrivilege as error:
        raise server.ServerRefused(
            "The sync server refused this PC's answers: the login is not a tier login. "
            "Ask IT to run 'GRANT huddle_tier TO <login>' on the server."
        ) from error
    except psycopg.Error as error:
        raise server.translate(error, address) from error
