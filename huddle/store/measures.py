"""Queries for measures, their points, rebases and annotations."""

from __future__ import annotations

from typing import Any

from huddle.domain import (
    Annotation,
    Measure,
    MeasurePoint,
    Rebase,
)
from huddle.store.connection import Store
from huddle.store.rows import by_id, columns, from_rows, of_ward


def measures(store: Store, ward_id: str, *, include_archived: bool = False) -> list[Measure]:
    only = None if include_archived else "archived = 0"
    return of_ward(
        store, Measure, "measure", ward_id, only=only, order="ORDER BY name COLLATE NOCASE"
    )


def measure(store: Store, measure_id: str) -> Measure:
    return by_id(store, "measure", Measure, measure_id)


def points(store: Store, measure_id: str, *, last: int | None = None) -> list[MeasurePoint]:
    """A measure's points in period order (only the latest ``last`` if given)."""
    held = columns(MeasurePoint)
    if last is None:
        rows = store.query(
            f"SELECT {held} FROM measure_point WHERE measure_id = ? ORDER BY period_start",
            (measure_id,),
        )
    else:
        rows = store.query(
            f"SELECT * FROM (SELECT {held} FROM measure_point WHERE measure_id = ? "
            "ORDER BY period_start DESC LIMIT ?) ORDER BY period_start",
            (measure_id, last),
        )
    return from_rows(MeasurePoint, rows)


def point_on(store: Store, measure_id: str, period_start: str) -> dict[str, Any] | None:
    return store.query_one(
        "SELECT * FROM measure_point WHERE measure_id = ? AND period_start = ?",
        (measure_id, period_start),
    )


def rebases(store: Store, measure_id: str) -> list[Rebase]:
    rows = store.query(
        "SELECT * FROM measure_rebase WHERE measure_id = ? ORDER BY from_date", (measure_id,)
    )
    return from_rows(Rebase, rows)


def annotations_for(store: Store, measure_id: str) -> list[Annotation]:
    rows = store.query(
        "SELECT * FROM annotation WHERE measure_id = ? ORDER BY on_date", (measure_id,)
    )
    return from_rows(Annotation, rows)
