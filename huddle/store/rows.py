"""Turning stored rows into the domain's frozen records, in one place.

Every record's fields are named as its table's columns, so one conversion
serves them all: ISO text becomes dates and moments, codes become their enums,
0 and 1 become False and True, whole numbers become floats where a field is a
float; columns a record does not hold are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, TypeVar

import msgspec

from huddle.errors import NotFoundError
from huddle.store.connection import Store

Record = TypeVar("Record")


def from_row(kind: type[Record], row: Mapping[str, Any], **extra: Any) -> Record:
    """The ``kind`` record a row holds, with ``extra`` fields the row does not."""
    return msgspec.convert({**row, **extra} if extra else row, kind, strict=False)


@cache
def columns(kind: type[msgspec.Struct]) -> str:
    """The columns a ``kind`` record holds, as a ``SELECT`` list: for the tables read
    in bulk (a ten-year measure's points, at every start), where ``*`` would fetch
    the bookkeeping columns only to drop them."""
    return ", ".join(field.name for field in msgspec.structs.fields(kind))


def from_rows(kind: type[Record], rows: Iterable[Mapping[str, Any]]) -> list[Record]:
    """The ``kind`` records the rows hold (one conversion for them all)."""
    return msgspec.convert(list(rows), list[kind], strict=False)  # type: ignore[valid-type]


def of_ward(
    store: Store, kind: type[Record], table: str, ward_id: str, *, only: str | None, order: str
) -> list[Record]:
    """The ward's ``kind`` records in ``table``, those meeting ``only`` (a condition, or
    None for all), in ``order`` (an ``ORDER BY`` clause)."""
    where = "" if only is None else f" AND {only}"
    return from_rows(
        kind, store.query(f"SELECT * FROM {table} WHERE ward_id = ?{where} {order}", (ward_id,))
    )


def row_by_id(
    store: Store, table: str, record_id: str, *, entity: str | None = None
) -> dict[str, Any]:
    """The row with ``record_id`` in ``table`` (a view of ``entity``), or
    :class:`NotFoundError` naming the entity."""
    row = store.query_one(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    if row is None:
        raise NotFoundError(entity or table, record_id)
    return row


def by_id(store: Store, table: str, kind: type[Record], record_id: str) -> Record:
    """The ``kind`` record with ``record_id`` in ``table``, or :class:`NotFoundError`."""
    return from_row(kind, row_by_id(store, table, record_id))
