"""The identifier check every export runs before it writes anything.

Each report gathers the free text it will print as ``(where, text)`` pairs;
:func:`check_texts` scans them and raises :class:`IdentifiersFoundError` with
the places and masked matches unless the caller allows identifiers. Matched
text is never logged or kept.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from huddle.config import identifier_guard
from huddle.identifiers import IdentifierGuard
from huddle.reports.errors import IdentifiersFoundError


@dataclass(frozen=True)
class Match:
    masked: str
    label: str


@functools.cache
def _guard() -> IdentifierGuard:
    return identifier_guard()


def _noun(label: str) -> str:
    """'looks like an NHS number' -> 'NHS number', for counting in messages."""
    words = label.split()
    if words[:2] == ["looks", "like"]:
        words = words[2:]
    if words[:1] in (["a"], ["an"]):
        words = words[1:]
    return " ".join(words) or "identifier"


def find_identifiers(text: str) -> list[Match]:
    """Things in ``text`` that look like patient identifiers, masked."""
    return [Match(m.masked, _noun(m.label)) for m in _guard().find(text)] if text else []


def check_texts(texts: Iterable[tuple[str, str]], *, allow_identifiers: bool = False) -> None:
    """Raise :class:`IdentifiersFoundError` if any text holds an identifier."""
    if allow_identifiers:
        return
    findings: list[tuple[str, str]] = []
    labels: list[str] = []
    for where, text in texts:
        for match in find_identifiers(text):
            findings.append((where, match.masked))
            labels.append(match.label)
    if findings:
        label = labels[0] if len(set(labels)) == 1 else "identifier"
        raise IdentifiersFoundError(findings, label)
