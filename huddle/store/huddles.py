"""Queries for huddles, their agenda sections and attendance."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from huddle.clock import to_iso
from huddle.domain import Huddle, HuddleSection, HuddleStatus
from huddle.errors import NotFoundError
from huddle.store.connection import Store
from huddle.store.dates import required_moment
from huddle.store.rows import from_row, row_by_id


def _assemble(store: Store, rows: list[dict[str, Any]]) -> list[Huddle]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ", ".join("?" for _ in ids)
    sections: dict[str, list[HuddleSection]] = {i: [] for i in ids}
    for s in store.query(
        f"SELECT * FROM huddle_section WHERE huddle_id IN ({marks}) ORDER BY position", tuple(ids)
    ):
        sections[s["huddle_id"]].append(from_row(HuddleSection, s))
    attendees: dict[str, set[str]] = {i: set() for i in ids}
    for a in store.query(
        f"SELECT huddle_id, person_id FROM attendance WHERE huddle_id IN ({marks})", tuple(ids)
    ):
        attendees[a["huddle_id"]].add(a["person_id"])
    return [
        from_row(Huddle, r, sections=sections[r["id"]], attendee_ids=attendees[r["id"]])
        for r in rows
    ]


def huddle(store: Store, huddle_id: str) -> Huddle:
    return _assemble(store, [row_by_id(store, "huddle", huddle_id)])[0]


def status(store: Store, huddle_id: str) -> HuddleStatus:
    found = store.scalar("SELECT status FROM huddle WHERE id = ?", (huddle_id,))
    if found is None:
        raise NotFoundError("huddle", huddle_id)
    return HuddleStatus(found)


def is_attending(store: Store, huddle_id: str, person_id: str) -> bool:
    return bool(
        store.scalar(
            "SELECT 1 FROM attendance WHERE huddle_id = ? AND person_id = ?",
            (huddle_id, person_id),
        )
    )


def running(store: Store, ward_id: str) -> Huddle | None:
    rows = store.query(
        "SELECT * FROM huddle WHERE ward_id = ? AND status = 'running' "
        "ORDER BY started_at DESC LIMIT 1",
        (ward_id,),
    )
    found = _assemble(store, rows)
    return found[0] if found else None


def latest_finished(store: Store, ward_id: str, *, before: datetime | None = None) -> Huddle | None:
    sql = "SELECT * FROM huddle WHERE ward_id = ? AND status = 'finished'"
    params: tuple[Any, ...] = (ward_id,)
    if before is not None:
        sql += " AND started_at < ?"
        params += (to_iso(before),)
    found = _assemble(store, store.query(sql + " ORDER BY started_at DESC LIMIT 1", params))
    return found[0] if found else None


def between(
    store: Store,
    ward_id: str,
    start: datetime,
    end: datetime,
    *,
    statuses: tuple[HuddleStatus, ...] = (HuddleStatus.FINISHED,),
) -> list[Huddle]:
    marks = ", ".join("?" for _ in statuses)
    rows = store.query(
        f"SELECT * FROM huddle WHERE ward_id = ? AND started_at >= ? AND started_at < ? "
        f"AND status IN ({marks}) ORDER BY started_at",
        (ward_id, to_iso(start), to_iso(end), *statuses),
    )
    return _assemble(store, rows)


def start_times(store: Store, ward_id: str, start: datetime, end: datetime) -> list[datetime]:
    """When finished huddles started in a window (cheap: no sections or names)."""
    rows = store.query(
        "SELECT started_at FROM huddle WHERE ward_id = ? AND status = 'finished' "
        "AND started_at >= ? AND started_at < ? ORDER BY started_at",
        (ward_id, to_iso(start), to_iso(end)),
    )
    return [required_moment(r["started_at"]) for r in rows]


def field_at_version(store: Store, huddle_id: str, version: int, field: str) -> object:
    """A huddle field as it was at ``version`` (from the audit trail), or None."""
    row = store.query_one(
        "SELECT after_json FROM audit WHERE entity = 'huddle' AND entity_id = ? "
        "AND json_extract(after_json, '$.version') = ? ORDER BY id DESC LIMIT 1",
        (huddle_id, version),
    )
    return None if row is None else json.loads(row["after_json"]).get(field)
