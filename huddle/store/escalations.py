"""Queries for escalations and their answers (the tables of migration 0009_escalations)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec

from huddle.domain_escalations import Escalation, EscalationAnswer, EscalationSource
from huddle.store import records
from huddle.store.connection import Store

# Where each kind of source lives (a risk is one of a huddle's risks today).
SOURCE_TABLES = {
    EscalationSource.HUDDLE: "huddle",
    EscalationSource.RISK: "huddle",
    EscalationSource.ACTION: "action",
    EscalationSource.LEARNING: "learning_item",
}


def _escalation(row: dict[str, Any]) -> Escalation:
    # msgspec reads the stored ISO moments and codes into the record's types
    return msgspec.convert(row, Escalation)


def _answer(row: dict[str, Any]) -> EscalationAnswer:
    return msgspec.convert(row, EscalationAnswer)


def escalation(store: Store, escalation_id: str) -> Escalation:
    return _escalation(records.fetch(store, "escalation", escalation_id))


def escalations(
    store: Store,
    ward_id: str,
    source: tuple[str, str] | None = None,
    *,
    status: str | None = None,
    answered_on_or_after: str | None = None,
) -> list[Escalation]:
    """The ward's escalations, oldest first; or only those raised from one ``source``,
    with one ``status``, or with an answer given on or after a day (ISO text)."""
    sql = "SELECT * FROM escalation WHERE ward_id = ?"
    params: list[Any] = [ward_id]
    if source is not None:
        sql += " AND source_kind = ? AND source_id = ?"
        params += list(source)
    if status is not None:
        sql += " AND status = ?"
        params.append(status)
    if answered_on_or_after is not None:
        sql += " AND id IN (SELECT escalation_id FROM escalation_answer WHERE answered_at >= ?)"
        params.append(answered_on_or_after)
    rows = store.query(sql + " ORDER BY raised_at, id", tuple(params))
    return [_escalation(r) for r in rows]


def answers(store: Store, escalation_ids: Iterable[str]) -> dict[str, list[EscalationAnswer]]:
    """Each escalation's answers, oldest first."""
    ids = list(escalation_ids)
    found: dict[str, list[EscalationAnswer]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):  # SQLite's limit on bound values
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = store.query(
            f"SELECT * FROM escalation_answer WHERE escalation_id IN ({marks}) "
            "ORDER BY answered_at, created_at, id",
            tuple(chunk),
        )
        for row in rows:
            found[row["escalation_id"]].append(_answer(row))
    return found


def source_on_ward(store: Store, kind: EscalationSource, source_id: str, ward_id: str) -> bool:
    """Does the record an escalation is raised from exist on this ward?"""
    table = SOURCE_TABLES[kind]
    return bool(
        store.scalar(
            f"SELECT count(*) FROM {table} WHERE id = ? AND ward_id = ?", (source_id, ward_id)
        )
    )
