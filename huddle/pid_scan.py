"""Information-governance audit: where does stored text look like an identifier?

Scans every free-text field of a ward database with the identifier guard and
reports where matches are (table, record, field) with the digits masked. The
matched text itself is never printed or logged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from huddle.identifiers import IdentifierGuard
from huddle.store import scan
from huddle.store.connection import Store


@dataclass(frozen=True)
class Finding:
    table: str
    record_id: str
    field: str
    masked: str
    label: str


@dataclass(frozen=True)
class ScanResult:
    findings: tuple[Finding, ...]
    fields_scanned: int
    history_matches: int  # audit rows (permanent history) that hold a match


def scan_database(
    store: Store,
    guard: IdentifierGuard,
    *,
    include_history: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ScanResult:
    findings: list[Finding] = []
    scanned = 0
    tables = list(scan.FREE_TEXT)
    for done, table in enumerate(tables):
        for record_id, fields in scan.free_text_rows(store, table):
            scanned += len(fields)
            for field, matches in guard.scan_fields(fields).items():
                findings.extend(
                    Finding(table, record_id, field, m.masked, m.label) for m in matches
                )
        if progress is not None:
            progress(done + 1, len(tables) + int(include_history))
    history = 0
    if include_history:
        history = sum(1 for _, text in scan.audit_texts(store) if guard.find(text))
        if progress is not None:
            progress(len(tables) + 1, len(tables) + 1)
    return ScanResult(tuple(findings), scanned, history)
