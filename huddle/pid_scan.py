"""Information-governance audit: where does stored text look like an identifier?

Scans every free-text field of a ward database with the identifier guard and
reports where matches are (table, record, field), every character of each
match masked. Matches a person has confirmed are not identifiers are left out.
The audit history is scanned too: each audit row still holding a match is a
:class:`HistoryFinding`, so an identifier edited out of a record can be found
where it lingers (and redacted by the ward manager). The matched text itself
is never printed or logged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from huddle.identifiers import IdentifierGuard, IdentifierMatch
from huddle.store import identifier_gate, scan
from huddle.store.connection import Store


@dataclass(frozen=True)
class Finding:
    table: str
    record_id: str
    field: str
    masked: str
    label: str


@dataclass(frozen=True)
class HistoryFinding:
    """An audit row whose before or after values hold a possible identifier."""

    audit_id: int
    at: str
    actor: str
    entity: str
    entity_id: str
    op: str
    masked: str
    label: str


@dataclass(frozen=True)
class ScanResult:
    findings: tuple[Finding, ...]
    fields_scanned: int
    history: tuple[HistoryFinding, ...] = ()

    @property
    def history_matches(self) -> int:
        """How many audit rows hold a match."""
        return len({h.audit_id for h in self.history})


def _audit_values(before_json: str | None, after_json: str | None) -> str:
    """The text values of an audit row, decoded (JSON escapes would hide spellings)."""
    texts: list[str] = []
    for raw in (before_json, after_json):
        if not raw:
            continue
        try:
            row = json.loads(raw)
        except ValueError:
            texts.append(raw)
            continue
        if isinstance(row, dict):
            for column, value in row.items():
                text = identifier_gate.readable_text(column, value)
                if text:
                    texts.append(text)
    return " | ".join(texts)


def scan_database(
    store: Store,
    guard: IdentifierGuard,
    *,
    include_history: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ScanResult:
    confirmed = identifier_gate.confirmed_fingerprints(store)

    def unconfirmed(text: str) -> list[IdentifierMatch]:
        return [
            m
            for m in guard.find(text)
            if identifier_gate.fingerprint(text[m.start : m.end]) not in confirmed
        ]

    findings: list[Finding] = []
    scanned = 0
    tables = list(scan.FREE_TEXT)
    for done, table in enumerate(tables):
        for record_id, fields in scan.free_text_rows(store, table):
            if not identifier_gate.typed_by_people(table, {"id": record_id}):
                continue
            for field, text in fields.items():
                scanned += 1
                found = unconfirmed(identifier_gate.readable_text(field, text))
                findings.extend(Finding(table, record_id, field, m.masked, m.label) for m in found)
        if progress is not None:
            progress(done + 1, len(tables) + int(include_history))
    history: list[HistoryFinding] = []
    if include_history:
        for row in scan.audit_rows(store):
            if not identifier_gate.typed_by_people(str(row["entity"]), {"id": row["entity_id"]}):
                continue
            text = _audit_values(row["before_json"], row["after_json"])
            for m in unconfirmed(text) if text else ():
                history.append(
                    HistoryFinding(
                        int(row["id"]), str(row["at"]), str(row["actor"]), str(row["entity"]),
                        str(row["entity_id"]), str(row["op"]), m.masked, m.label,
                    )
                )  # fmt: skip
        if progress is not None:
            progress(len(tables) + 1, len(tables) + 1)
    return ScanResult(tuple(findings), scanned, tuple(history))
