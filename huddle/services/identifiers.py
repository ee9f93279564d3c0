"""Confirming that text the identifier guard flags is not a patient identifier.

Every write of free text passes the guard in :mod:`huddle.store.identifier_gate`.
When a person knows a match is not an identifier (a stock code, a ward phone
extension the guard took for a phone number), :meth:`IdentifierChecks.confirm`
records that: the field it was typed in, the kind and the masked form, and a
fingerprint of the exact text, so the same text is not flagged again anywhere.
The audit row of the confirmation says who confirmed it and when.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from huddle.domain import Change
from huddle.identifiers import IdentifierMatch
from huddle.services.base import Service
from huddle.services.validation import Checker
from huddle.store import identifier_gate, records


@dataclass(frozen=True)
class Confirmation:
    id: str
    field: str  # where it was confirmed: "action.title", or the label a person saw
    kind: str
    masked: str
    created_at: str


class IdentifierChecks(Service):
    def find(self, text: str) -> list[IdentifierMatch]:
        """What the guard would refuse in ``text``: matches nobody has confirmed."""
        return identifier_gate.unconfirmed(self.store, text) if text else []

    def confirm(self, *, field: str, text: str) -> tuple[tuple[Confirmation, ...], Change]:
        """Record that every match in ``text`` (typed into ``field``) is not an identifier."""
        check = Checker()
        field = check.text("field", field, required=True, max_len=200)
        if not isinstance(text, str):
            check.fail("text", "type", "Text must be text.")
        check.done()
        made: list[Confirmation] = []
        with self.store.transaction():
            for match in identifier_gate.unconfirmed(self.store, text):
                row = records.insert(
                    self.store,
                    "identifier_confirmation",
                    {
                        "fingerprint": identifier_gate.fingerprint(text[match.start : match.end]),
                        "field": field,
                        "kind": match.kind,
                        "masked": match.masked,
                    },
                )
                made.append(_confirmation(row))
        change = self._changed("identifier_confirmation", ids=tuple(c.id for c in made))
        return tuple(made), change

    def guard(
        self,
        records: Iterable[tuple[str, Mapping[str, Any] | None]],
        *,
        allow_identifiers: bool = False,
    ) -> None:
        """Check what is about to leave the PC (a sync push, a bundle): ``(entity, row)``
        pairs. Raises ``IdentifiersFoundError`` naming each record, never its text."""
        identifier_gate.guard(self.store, records, allow_identifiers=allow_identifiers)

    def confirmations(self) -> list[Confirmation]:
        return [_confirmation(row) for row in identifier_gate.confirmation_rows(self.store)]


def _confirmation(row: dict[str, object]) -> Confirmation:
    return Confirmation(
        id=str(row["id"]),
        field=str(row["field"]),
        kind=str(row["kind"]),
        masked=str(row["masked"]),
        created_at=str(row["created_at"]),
    )
