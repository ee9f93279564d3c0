"""The identifier check every export runs before it writes anything.

Each report gathers the free text it will print as ``(where, text)`` pairs,
``where`` naming the record by kind and date ("the title of the action of
3 Dec 2026", see :func:`huddle.identifier_refusal.place`), never by its text.
:func:`check_texts` scans them with the ward's guard (the same one every save
passes, less what people have confirmed is not an identifier) and raises
:class:`IdentifiersFoundError` unless the caller allows identifiers. Matched
text is never logged, kept or shown, not even masked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from huddle.config import identifier_guard
from huddle.identifiers import IdentifierMatch
from huddle.reports.errors import IdentifiersFoundError

Finder = Callable[[str], Sequence[IdentifierMatch]]


@dataclass(frozen=True)
class Match:
    masked: str
    label: str  # the noun: "NHS number"


def _noun(label: str) -> str:
    """'looks like an NHS number' -> 'NHS number', for counting in messages."""
    words = label.split()
    if words[:2] == ["looks", "like"]:
        words = words[2:]
    if words[:1] in (["a"], ["an"]):
        words = words[1:]
    return " ".join(words) or "identifier"


def find_identifiers(text: str, finder: Finder | None = None) -> list[Match]:
    """Things in ``text`` that look like patient identifiers, masked."""
    if not text:
        return []
    find = finder or identifier_guard().find
    return [Match(m.masked, _noun(m.label)) for m in find(text)]


def check_texts(
    texts: Iterable[tuple[str, str]],
    *,
    allow_identifiers: bool = False,
    finder: Finder | None = None,
) -> None:
    """Raise :class:`IdentifiersFoundError` if any text holds an identifier.

    ``finder`` is the ward's check (``app.identifiers.find``); without one, this
    PC's guard is used. A malformed setting raises, never skips the check.
    """
    if allow_identifiers:
        return
    find = finder or identifier_guard().find
    findings: list[tuple[str, str]] = []
    labels: list[str] = []
    for where, text in texts:
        if not text:
            continue
        for match in find(text):
            findings.append((where, match.noun))
            labels.append(_noun(match.label))
    if findings:
        label = labels[0] if len(set(labels)) == 1 else "identifier"
        raise IdentifiersFoundError(findings, label)
