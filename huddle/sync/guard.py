"""The identifier guard on what leaves this PC (a push or a bundle), as on the PDFs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from huddle.config import identifier_guard
from huddle.identifier_refusal import where_words
from huddle.identifiers import IdentifierMatch
from huddle.reports.guard import check_texts
from huddle.store import identifier_gate
from huddle.store.connection import Store
from huddle.store.scan import FREE_TEXT, NOT_FREE_TEXT
from huddle.sync import feed
from huddle.sync.changes import FeedChange


def _texts(changes: Iterable[FeedChange]) -> Iterator[tuple[str, str]]:
    """The free text of each change (never ids, codes or times: a uuid's hex digits can
    spell a valid NHS number), placed by kind, date and field as every export is."""
    for change in changes:
        after = change.after or {}
        if not identifier_gate.typed_by_people(change.entity, after):
            continue  # the manager PIN's salt and hash, a confirmation's fingerprint
        columns = FREE_TEXT.get(change.entity) or tuple(
            k for k, v in after.items() if isinstance(v, str) and k not in NOT_FREE_TEXT
        )
        for field in columns:
            text = identifier_gate.readable_text(field, after.get(field))
            if text:
                yield where_words(change.entity, field, after), text


def carried_confirmations(changes: Iterable[FeedChange]) -> frozenset[str]:
    """The fingerprints of the confirmations that travel among ``changes``."""
    return frozenset(
        str(change.after["fingerprint"])
        for change in changes
        if change.entity == feed.CONFIRMATIONS and change.after and change.after.get("fingerprint")
    )


def check_changes(changes: Sequence[FeedChange], store: Store | None = None) -> None:
    """Raise :class:`IdentifiersFoundError` if anything leaving holds an identifier.

    Text a person confirmed is not an identifier passes when the confirmation
    travels too (the receiving PC's guard must let it through): one among
    ``changes``, or, with the ``store`` they come from, one in its feed.
    """
    confirmed = carried_confirmations(changes)
    find = identifier_guard().find
    if store is not None:
        confirmed |= identifier_gate.confirmed_fingerprints(store)
        find = store.identifier_guard.find

    def unconfirmed(text: str) -> list[IdentifierMatch]:
        return identifier_gate.without_confirmed(find(text), text, confirmed)

    check_texts(_texts(changes), finder=unconfirmed)
