"""The identifier guard on what leaves this PC (a push or a bundle), as on the PDFs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from huddle.identifier_refusal import where_words
from huddle.reports.guard import check_texts
from huddle.store import identifier_gate
from huddle.store.scan import FREE_TEXT, NOT_FREE_TEXT
from huddle.sync.changes import FeedChange


def _texts(changes: Iterable[FeedChange]) -> Iterator[tuple[str, str]]:
    """The free text of each change (never ids, codes or times: a uuid's hex digits can
    spell a valid NHS number), placed by kind, date and field as every export is."""
    for change in changes:
        after = change.after or {}
        if not identifier_gate.typed_by_people(change.entity, after):
            continue  # the manager PIN's salt and hash
        columns = FREE_TEXT.get(change.entity) or tuple(
            k for k, v in after.items() if isinstance(v, str) and k not in NOT_FREE_TEXT
        )
        for field in columns:
            text = identifier_gate.readable_text(field, after.get(field))
            if text:
                yield where_words(change.entity, field, after), text


def check_changes(changes: Iterable[FeedChange]) -> None:
    """Raise :class:`IdentifiersFoundError` if anything leaving holds an identifier."""
    check_texts(_texts(changes))
