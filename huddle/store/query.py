"""A SELECT narrowed by optional filters: each filter given a value adds its condition.

The store's list queries take many optional filters (a ward's actions by status
and due date, its learning by kind and dates, the audit trail by record and
time); each used to repeat "if given, add the condition and its parameter".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from huddle.clock import to_iso
from huddle.store.connection import Store


def stored(value: Any) -> Any:
    """A parameter as the database keeps it: moments and days as ISO text, codes as text."""
    if isinstance(value, datetime):
        return to_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


class Select:
    """``SELECT … WHERE <first condition>``, then ``AND`` each filter given a value."""

    def __init__(self, sql: str, *params: Any) -> None:
        self.sql = sql
        self.params: list[Any] = list(params)

    def where(self, condition: str, value: Any) -> None:
        """Add ``condition`` (holding one ``?``) unless ``value`` is None."""
        if value is not None:
            self.sql += f" AND {condition}"
            self.params.append(stored(value))

    def where_if(self, condition: str, wanted: bool) -> None:
        """Add ``condition`` (no parameters) when ``wanted``."""
        if wanted:
            self.sql += f" AND {condition}"

    def where_in(self, column: str, values: Iterable[Any]) -> None:
        """Keep rows whose ``column`` is one of ``values`` (all rows when there are none)."""
        values = [stored(v) for v in values]
        if values:
            self.sql += f" AND {column} IN ({', '.join('?' for _ in values)})"
            self.params += values

    def scalar(self, store: Store) -> Any:
        """The first column of the first row (a count, say)."""
        return store.scalar(self.sql, tuple(self.params))

    def rows(self, store: Store, order: str, *, limit: int | None = None) -> list[dict[str, Any]]:
        """The rows, in ``order`` (an ``ORDER BY`` clause), at most ``limit`` of them."""
        sql = f"{self.sql} {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return store.query(sql, tuple(self.params))
