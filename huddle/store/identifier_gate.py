"""The identifier guard at the one door every write goes through.

:func:`check_write` runs in :mod:`huddle.store.records` for every insert and
update, so every service, the command line, imports and sync all pass the
same check on every free-text column (the columns are listed once, in
:data:`huddle.store.scan.FREE_TEXT`). A match a person has confirmed is not an
identifier is let through: confirmations are kept as fingerprints of the
matched text (see migration ``0006_identifier_confirmations``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from huddle.errors import FieldProblem
from huddle.identifier_refusal import IdentifierRefusedError, refusal_message, where_words
from huddle.identifier_text import normalise
from huddle.identifiers import IdentifierMatch
from huddle.store.connection import Store
from huddle.store.scan import FREE_TEXT, NOT_FREE_TEXT
from huddle.sync.feed import CONFIRMATIONS

JSON_COLUMNS = frozenset({"sections_json", "value_json"})
# Settings the app writes itself, nobody types: the manager PIN's salt and hash (random
# hex, where ten digits in a row can pass the check) and its failure count.
MACHINE_SETTINGS = frozenset({"manager_pin", "manager_pin_failures"})
# store.sync's key for confirmations arriving by sync alongside the records they confirm
ARRIVING = "arriving_confirmations"


def typed_by_people(table: str, row: Mapping[str, Any]) -> bool:
    """False for rows whose text the app makes itself (never checked): a confirmation
    holds a fingerprint (hex digits can pass the check), a masked form and a label."""
    if table == CONFIRMATIONS:
        return False
    return not (table == "setting" and row.get("id") in MACHINE_SETTINGS)


def fingerprint(matched: str) -> str:
    """The SHA-256 of a match's normalised text, however it was spelt or spaced."""
    plain = " ".join(normalise(matched).text.split())
    return hashlib.sha256(f"identifier-confirmation\n{plain}".encode()).hexdigest()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def readable_text(column: str, value: Any) -> str:
    """The text a person typed into ``column``: JSON columns give their strings."""
    if not isinstance(value, str):
        return ""
    if column in JSON_COLUMNS:
        try:
            # " | " joins them: "|" is no separator, so two strings never make one number
            return " | ".join(_strings(json.loads(value)))
        except ValueError:
            return value
    return value


def confirmed_fingerprints(store: Store) -> frozenset[str]:
    arriving: frozenset[str] = store.sync.get(ARRIVING) or frozenset()
    try:
        rows = store.conn.execute("SELECT fingerprint FROM identifier_confirmation").fetchall()
    except sqlite3.OperationalError:  # a database opened read-only before migration 0006
        return arriving
    return arriving | frozenset(str(row[0]) for row in rows)


@contextlib.contextmanager
def also_confirmed(store: Store, fingerprints: frozenset[str]) -> Iterator[None]:
    """While inside, ``fingerprints`` count as confirmed: confirmations arriving by sync
    with the records they confirm, applied in the same transaction."""
    store.sync[ARRIVING] = fingerprints
    try:
        yield
    finally:
        store.sync.pop(ARRIVING, None)


def without_confirmed(
    matches: Iterable[IdentifierMatch], text: str, confirmed: frozenset[str]
) -> list[IdentifierMatch]:
    """The ``matches`` in ``text`` whose fingerprint is not in ``confirmed``."""
    return [m for m in matches if fingerprint(text[m.start : m.end]) not in confirmed]


def confirmation_rows(store: Store) -> list[dict[str, Any]]:
    """Every confirmation, oldest first."""
    return store.query("SELECT * FROM identifier_confirmation ORDER BY created_at, id")


def unconfirmed(store: Store, text: str) -> list[IdentifierMatch]:
    """The matches in ``text`` nobody has confirmed are not identifiers."""
    matches = store.identifier_guard.find(text)
    if not matches:
        return []
    return without_confirmed(matches, text, confirmed_fingerprints(store))


def guard(
    store: Store,
    records: Iterable[tuple[str, Mapping[str, Any] | None]],
    *,
    allow_identifiers: bool = False,
) -> None:
    """The check for what leaves the PC other than as a report: sync pushes, bundles.

    ``records`` are ``(entity, row)`` pairs, a row as stored (or an audit row's
    before or after values; ``None`` is skipped). Every free-text column of the
    entity is checked (every text value, for an entity not listed). Raises
    :class:`huddle.reports.errors.IdentifiersFoundError` naming each record by
    kind, date and field, never its text, unless ``allow_identifiers``.
    """
    from huddle.reports.errors import IdentifiersFoundError

    if allow_identifiers:
        return
    findings: list[tuple[str, str]] = []
    nouns: list[str] = []
    for entity, row in records:
        if not row or not typed_by_people(entity, row):
            continue
        columns = FREE_TEXT.get(entity) or tuple(
            k for k, v in row.items() if isinstance(v, str) and k not in NOT_FREE_TEXT
        )
        for column in columns:
            text = readable_text(column, row.get(column))
            for match in unconfirmed(store, text) if text else ():
                findings.append((where_words(entity, column, row), match.noun))
                nouns.append(match.noun.split(" ", 1)[1])
    if findings:
        raise IdentifiersFoundError(findings, nouns[0] if len(set(nouns)) == 1 else "identifier")


def check_write(
    store: Store, table: str, values: Mapping[str, Any], row: Mapping[str, Any]
) -> None:
    """Refuse ``values`` if a free-text column holds an unconfirmed identifier.

    ``row`` is the record as it will be (for naming it in the message).
    """
    columns = FREE_TEXT.get(table)
    if not columns or not typed_by_people(table, row):
        return
    problems: list[FieldProblem] = []
    kinds: dict[str, tuple[str, ...]] = {}
    for column in columns:
        text = readable_text(column, values.get(column))
        if not text:
            continue
        found = unconfirmed(store, text)
        if found:
            message = refusal_message([m.noun for m in found], where_words(table, column, row))
            problems.append(FieldProblem(column, "identifier", message))
            kinds[column] = tuple(m.kind for m in found)
    if problems:
        raise IdentifierRefusedError(problems, kinds)
