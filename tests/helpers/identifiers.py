"""Planting identifiers as an older version (before the guard sat on every write) could."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from huddle.identifiers import IdentifierMatch
from huddle.services import HuddleApp


class _FindsNothing:
    def find(self, text: str) -> list[IdentifierMatch]:
        return []


@contextmanager
def written_before_the_guard(app: HuddleApp) -> Iterator[None]:
    """Writes in this block skip the identifier guard, as data saved by an older
    version did: for testing what exports and pid-scan make of such data."""
    store = app.store
    kept = store.identifier_guard
    store.identifier_guard = _FindsNothing()  # type: ignore[assignment]
    try:
        yield
    finally:
        store.identifier_guard = kept
