"""Queries for measures, their points, rebases and annotations."""

from __future__ import annotations

from typing import Any

from huddle.domain import (
    Annotation,
    ChartKind,
    Direction,
    Measure,
    MeasurePoint,
    Period,
    RareEventChart,
    Rebase,
)
from huddle.errors import NotFoundError
from huddle.store.connection import Store
from huddle.store.dates import required_date


def measure_from_row(row: dict[str, Any]) -> Measure:
    return Measure(
        row["id"],
        row["ward_id"],
        row["name"],
        row["unit"],
        Direction(row["better"]),
        row["target"],
        Period(row["period"]),
        ChartKind(row["chart_kind"]),
        row["baseline_points"],
        row["description"],
        bool(row["archived"]),
        row["version"],
        RareEventChart(row.get("rare_event_chart") or "none"),
    )


def measures(store: Store, ward_id: str, *, include_archived: bool = False) -> list[Measure]:
    sql = "SELECT * FROM measure WHERE ward_id = ?"
    if not include_archived:
        sql += " AND archived = 0"
    rows = store.query(sql + " ORDER BY name COLLATE NOCASE", (ward_id,))
    return [measure_from_row(r) for r in rows]


def measure(store: Store, measure_id: str) -> Measure:
    row = store.query_one("SELECT * FROM measure WHERE id = ?", (measure_id,))
    if row is None:
        raise NotFoundError("measure", measure_id)
    return measure_from_row(row)


def point_from_row(row: dict[str, Any]) -> MeasurePoint:
    return MeasurePoint(
        row["id"],
        row["measure_id"],
        required_date(row["period_start"]),
        float(row["value"]),
        row["note"],
        row["version"],
    )


def points(store: Store, measure_id: str, *, last: int | None = None) -> list[MeasurePoint]:
    """A measure's points in period order (only the latest ``last`` if given)."""
    if last is None:
        rows = store.query(
            "SELECT * FROM measure_point WHERE measure_id = ? ORDER BY period_start",
            (measure_id,),
        )
    else:
        rows = store.query(
            "SELECT * FROM (SELECT * FROM measure_point WHERE measure_id = ? "
            "ORDER BY period_start DESC LIMIT ?) ORDER BY period_start",
            (measure_id, last),
        )
    return [point_from_row(r) for r in rows]


def point_on(store: Store, measure_id: str, period_start: str) -> dict[str, Any] | None:
    return store.query_one(
        "SELECT * FROM measure_point WHERE measure_id = ? AND period_start = ?",
        (measure_id, period_start),
    )


def rebases(store: Store, measure_id: str) -> list[Rebase]:
    rows = store.query(
        "SELECT * FROM measure_rebase WHERE measure_id = ? ORDER BY from_date", (measure_id,)
    )
    return [
        Rebase(r["id"], r["measure_id"], required_date(r["from_date"]), r["reason"]) for r in rows
    ]


def annotations_for(store: Store, measure_id: str) -> list[Annotation]:
    rows = store.query(
        "SELECT * FROM annotation WHERE measure_id = ? ORDER BY on_date", (measure_id,)
    )
    return [
        Annotation(
            r["id"],
            r["measure_id"],
            required_date(r["on_date"]),
            r["text"],
            r["action_id"],
            r["pdsa_id"],
        )
        for r in rows
    ]
