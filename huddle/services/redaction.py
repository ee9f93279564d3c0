"""Removing identifiers from the audit history for good (the ward manager, with the PIN).

The audit trail is permanent, so an identifier typed before the guard caught it
(or saved by an older version) stays in the audit rows of the record it was
edited out of. :func:`redact_history` replaces every before or after value that
still holds a possible identifier with "[redacted]" and sets the row's
``redacted_at``; the row keeps who and when, and its hashes, and a new audit
row (entity ``redaction``) records each redaction, so the hash chain still
verifies (see :mod:`huddle.audit_chain`). Backups taken before the redaction
still hold the identifiers: the caller names them so IT can destroy them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from huddle.clock import iso_now
from huddle.domain import Change
from huddle.errors import HuddleError, ValidationError
from huddle.pid_scan import scan_database
from huddle.store import identifier_gate, records
from huddle.store import redaction as redaction_q

if TYPE_CHECKING:
    from huddle.services.app import HuddleApp

REDACTED = "[redacted]"
REDACTION_ENTITY = "redaction"


@dataclass(frozen=True)
class Redaction:
    audit_ids: tuple[int, ...]
    redacted_at: str  # ISO moment: backups taken before it still hold the identifiers


def _redacted(raw: str | None, find: Any) -> tuple[str | None, list[str]]:
    """``raw`` (an audit row's JSON) with each value holding a match replaced."""
    if not raw:
        return raw, []
    try:
        row = json.loads(raw)
    except ValueError:
        return json.dumps(REDACTED), ["(value)"]
    if not isinstance(row, dict):
        return raw, []
    fields: list[str] = []
    for column, value in row.items():
        text = identifier_gate.readable_text(column, value)
        if text and find(text):
            row[column] = REDACTED
            fields.append(column)
    return json.dumps(row, sort_keys=True), fields


def redact_history(app: HuddleApp, *, pin: str) -> Redaction:
    """Redact every audit row still holding a possible identifier (nothing confirmed)."""
    store = app.store
    if not redaction_q.can_redact(store):
        raise HuddleError(
            "This database has no room to record redactions yet: open it once with this "
            "version of Ward Huddle (it upgrades the audit trail), then try again."
        )
    if not app.manager.verify(pin):
        raise ValidationError.single("pin", "wrong", "The manager PIN is not right.")
    found = scan_database(store, store.identifier_guard)
    ids = sorted({h.audit_id for h in found.history})
    now = iso_now(store.clock)
    done: list[int] = []
    with store.transaction():
        for audit_id in ids:
            row = redaction_q.unredacted_values(store, audit_id)
            if row is None:
                continue
            before, before_fields = _redacted(row["before_json"], app.identifiers.find)
            after, after_fields = _redacted(row["after_json"], app.identifiers.find)
            if not before_fields and not after_fields:
                continue
            redaction_q.redact_row(store, audit_id, before_json=before, after_json=after, at=now)
            records.record_event(
                store,
                REDACTION_ENTITY,
                str(audit_id),
                "insert",  # the audit's op CHECK knows insert/update/delete; the entity says what
                {"audit_id": audit_id, "fields": sorted({*before_fields, *after_fields})},
            )
            done.append(audit_id)
    app.notify(Change(frozenset({"audit"}), frozenset(str(i) for i in done)))
    return Redaction(tuple(done), now)
