"""The identifier guard on what leaves this PC (a push or a bundle), as on the PDFs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from huddle.reports.guard import check_texts
from huddle.sync.changes import FeedChange


def _texts(changes: Iterable[FeedChange]) -> Iterator[tuple[str, str]]:
    for change in changes:
        for field, value in (change.after or {}).items():
            if isinstance(value, str) and any(ch.isdigit() for ch in value):
                yield f"{change.entity} {change.entity_id[:8]} {field}", value


def check_changes(changes: Iterable[FeedChange]) -> None:
    """Raise :class:`IdentifiersFoundError` if anything leaving holds an identifier."""
    check_texts(_texts(changes))
