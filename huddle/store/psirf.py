"""Queries for learning responses, reporting flags, the pulse, the patient's voice
and excellence credits (the tables of migration 0008_psirf)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from huddle.domain import LearningItem
from huddle.domain_psirf import (
    LearningResponse,
    ReportExemption,
    Touchpoint,
    WhatMatters,
)
from huddle.store import learning as learning_q
from huddle.store.connection import Store
from huddle.store.dates import required_date
from huddle.store.query import Select
from huddle.store.rows import by_id, from_row, from_rows, row_by_id

# The condition of the partial index learning_unreported (migration 0010), word for
# word: a query that repeats it reads only the few rows that match.
UNREPORTED = "archived = 0 AND kind IN ('incident', 'near_miss') AND trim(incident_ref) = ''"


def _response(row: dict[str, Any]) -> LearningResponse:
    present = tuple((str(role), int(n)) for role, n in json.loads(row["present_json"]))
    return from_row(LearningResponse, row, present=present)


def response(store: Store, response_id: str) -> LearningResponse:
    return _response(row_by_id(store, "learning_response", response_id))


def responses(
    store: Store,
    ward_id: str,
    *,
    learning_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[LearningResponse]:
    """Responses, newest first; ``since``/``until`` are ISO moments (until exclusive)."""
    select = Select("SELECT * FROM learning_response WHERE ward_id = ?", ward_id)
    select.where("learning_id = ?", learning_id)
    select.where("started_at >= ?", since)
    select.where("started_at < ?", until)
    return [_response(r) for r in select.rows(store, "ORDER BY started_at DESC")]


def exemption(store: Store, learning_id: str) -> ReportExemption | None:
    row = store.query_one("SELECT * FROM report_exemption WHERE learning_id = ?", (learning_id,))
    return None if row is None else from_row(ReportExemption, row)


def unreported(
    store: Store, ward_id: str, *, since: date | None = None, until: date | None = None
) -> list[LearningItem]:
    """Incidents and near misses with no incident-system reference and no reason
    why they need none, newest first."""
    select = _unreported("l.*", ward_id, since, until)
    rows = select.rows(store, "ORDER BY l.occurred_on DESC, l.created_at DESC")
    return learning_q.assemble(store, rows)


def unreported_count(
    store: Store, ward_id: str, *, since: date | None = None, until: date | None = None
) -> int:
    """How many :func:`unreported` would list (read without assembling them)."""
    return int(_unreported("count(*)", ward_id, since, until).scalar(store))


def _unreported(columns: str, ward_id: str, since: date | None, until: date | None) -> Select:
    select = Select(
        f"SELECT {columns} FROM learning_item l WHERE l.ward_id = ? AND {UNREPORTED} "
        "AND NOT EXISTS (SELECT 1 FROM report_exemption e WHERE e.learning_id = l.id)",
        ward_id,
    )
    select.where("l.occurred_on >= ?", since)
    select.where("l.occurred_on <= ?", until)
    return select


def pulse_answers(store: Store, ward_id: str, week: str, question: str) -> int:
    """How many answers a week's pulse question has had."""
    return int(
        store.scalar(
            "SELECT coalesce(sum(answers), 0) FROM pulse_tally "
            "WHERE ward_id = ? AND week = ? AND question = ?",
            (ward_id, week, question),
        )
    )


def pulse_counts(store: Store, ward_id: str, question: str) -> dict[date, dict[int, int]]:
    """week -> {score: answers} for one question."""
    found: dict[date, dict[int, int]] = {}
    for row in store.query(
        "SELECT week, score, answers FROM pulse_tally WHERE ward_id = ? AND question = ? "
        "ORDER BY week",
        (ward_id, question),
    ):
        found.setdefault(required_date(row["week"]), {})[int(row["score"])] = int(row["answers"])
    return found


def what_matters(
    store: Store, ward_id: str, *, since: date | None = None, until: date | None = None
) -> list[WhatMatters]:
    return from_rows(WhatMatters, _dated(store, "what_matters", ward_id, since, until))


def touchpoint(store: Store, touchpoint_id: str) -> Touchpoint:
    return by_id(store, "touchpoint", Touchpoint, touchpoint_id)


def touchpoints(
    store: Store, ward_id: str, *, since: date | None = None, until: date | None = None
) -> list[Touchpoint]:
    return from_rows(Touchpoint, _dated(store, "touchpoint", ward_id, since, until))


def _dated(
    store: Store, table: str, ward_id: str, since: date | None, until: date | None
) -> list[dict[str, Any]]:
    select = Select(f"SELECT * FROM {table} WHERE ward_id = ? AND archived = 0", ward_id)
    select.where("noted_on >= ?", since)
    select.where("noted_on <= ?", until)
    return select.rows(store, "ORDER BY noted_on DESC, created_at DESC")


def credit(store: Store, learning_id: str) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM excellence_credit WHERE learning_id = ?", (learning_id,))


def credits(store: Store, learning_ids: list[str]) -> dict[str, str]:
    if not learning_ids:
        return {}
    marks = ", ".join("?" for _ in learning_ids)
    return {
        r["learning_id"]: r["who"]
        for r in store.query(
            f"SELECT learning_id, who FROM excellence_credit WHERE learning_id IN ({marks})",
            tuple(learning_ids),
        )
    }
