"""Spot free text that looks like a patient identifier, before it is saved or exported.

One guard, used by every service that stores text and by every export. It
reads the text as :mod:`huddle.identifier_text` normalises it (so full-width
digits, non-breaking or thin spaces, en dashes, zero-width characters and soft
hyphens change nothing) and looks for the kinds in
:mod:`huddle.identifier_kinds`:

* NHS numbers: ten digits in any grouping (3-3-4, 3-7, 7-3, 2-4-4, 1-3-3-3,
  one by one, all together …) separated by any run of spaces, dots, slashes,
  hyphens or dashes (line breaks included), glued to letters or not, that
  pass the modulus 11 check; but not a group of eight or more with a suffix
  ("12345678-06"), nor an uneven grouping right after a code word ("stock",
  "cat no", "lot", "order", "PO" …): those are codes;
* names with a title, dates of birth, full UK postcodes, UK phone numbers,
  National Insurance numbers, email addresses and hospital numbers.

Each kind but the NHS number can be switched off by IT, and further patterns
added, one per line as ``name | label | regex`` (see
:func:`parse_extra_patterns`); a malformed one is an error, never skipped.

Matched text is never kept, logged or shown: a match holds its position in the
original text and a masked form in which every letter and digit is hidden
("*** *** ****"), so even its ``repr`` is safe to print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from huddle.identifier_kinds import (
    BY_NAME,
    KINDS,
    NHS_NUMBER,
    SWITCHABLE,
    is_valid_nhs_number,
)
from huddle.identifier_text import normalise

__all__ = [
    "NHS_NUMBER_KIND",
    "NHS_NUMBER_LABEL",
    "SWITCHABLE",
    "ExtraPattern",
    "IdentifierGuard",
    "IdentifierMatch",
    "compile_patterns",
    "is_valid_nhs_number",
    "mask",
    "noun_for",
    "parse_extra_patterns",
    "parse_switched_off",
]

NHS_NUMBER_KIND = NHS_NUMBER
NHS_NUMBER_LABEL = BY_NAME[NHS_NUMBER].label
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass(frozen=True)
class IdentifierMatch:
    """Where a possible identifier is, what kind, and a masked form to show people.

    The matched text itself is deliberately not kept (so neither ``repr`` nor a
    log line can leak it); slice the original text with ``start:end`` if the
    caller really holds it, e.g. to highlight it.
    """

    start: int
    end: int
    kind: str  # "nhs_number", another built-in kind, or a configured pattern's name
    label: str  # plain words for people: "looks like an NHS number"
    masked: str  # "*** *** ****": every letter and digit hidden

    @property
    def noun(self) -> str:
        """What a message calls it: "an NHS number"."""
        return noun_for(self.label)


def noun_for(label: str) -> str:
    """'looks like an NHS number' -> 'an NHS number'."""
    words = label.split()
    if words[:2] == ["looks", "like"]:
        words = words[2:]
    if not words:
        return "an identifier"
    if words[0] not in ("a", "an"):
        first = words[0]
        vowel = first[0] in ("AEFHILMNORSX" if first.isupper() else "aeiouAEIOU")
        words.insert(0, "an" if vowel else "a")
    return " ".join(words)


@dataclass(frozen=True)
class ExtraPattern:
    """A further identifier format set by the machine's configuration.

    ``name`` is a short key (letters, digits, underscore; it becomes the match's
    ``kind``), ``label`` the plain words shown to people, ``regex`` a Python
    regular expression matched as written (add ``\\b`` for word boundaries).
    Checked when made: a bad one raises :class:`ValueError` naming it.
    """

    name: str
    label: str
    regex: str

    def __post_init__(self) -> None:
        _compile_one(self)


def _compile_one(pattern: ExtraPattern) -> re.Pattern[str]:
    name = pattern.name
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"identifier pattern name {name!r} must start with a letter and hold only "
            "letters, digits and underscores"
        )
    if name == NHS_NUMBER_KIND:
        raise ValueError(f"identifier pattern name {name!r} is reserved for the built-in check")
    if not pattern.label.strip():
        raise ValueError(f"identifier pattern {name!r} needs a label")
    if not pattern.regex:
        raise ValueError(f"identifier pattern {name!r} needs a regular expression")
    try:
        compiled = re.compile(pattern.regex)
    except re.error as error:
        raise ValueError(
            f"identifier pattern {name!r} has an invalid regular expression: {error}"
        ) from None
    if compiled.fullmatch("") is not None:
        raise ValueError(
            f"identifier pattern {name!r} matches empty text, so it would match everywhere"
        )
    return compiled


def compile_patterns(
    patterns: Iterable[ExtraPattern],
) -> tuple[tuple[ExtraPattern, re.Pattern[str]], ...]:
    """Each pattern with its compiled regex; ValueError naming a bad or repeated one."""
    compiled: list[tuple[ExtraPattern, re.Pattern[str]]] = []
    seen: set[str] = set()
    for pattern in patterns:
        if pattern.name in seen:
            raise ValueError(f"identifier pattern name {pattern.name!r} is used twice")
        seen.add(pattern.name)
        compiled.append((pattern, _compile_one(pattern)))
    return tuple(compiled)


def parse_extra_patterns(text: str) -> list[ExtraPattern]:
    """Patterns from a configuration value: one ``name | label | regex`` a line.

    Blank lines and lines starting with ``#`` are skipped. Only the first two
    ``|`` split a line, so the regex may hold ``|`` itself; each part is
    stripped of surrounding spaces. A bad line raises :class:`ValueError`
    saying which line and why.
    """
    patterns: list[ExtraPattern] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|", 2)]
        if len(parts) != 3:
            raise ValueError(f"identifier patterns, line {number}: expected 'name | label | regex'")
        name, label, regex = parts
        try:
            pattern = ExtraPattern(name=name, label=label, regex=regex)
        except ValueError as error:
            raise ValueError(f"identifier patterns, line {number}: {error}") from None
        if name in seen:
            raise ValueError(f"identifier patterns, line {number}: the name {name!r} is used twice")
        seen.add(name)
        patterns.append(pattern)
    return patterns


def mask(text: str) -> str:
    """Hide every letter and digit of ``text``, keeping only its shape.

    Runs of spaces become one space; other punctuation stays:
    "999 000 0018" becomes "*** *** ****".
    """
    out = "".join("*" if ch.isalnum() else ch for ch in text)
    return " ".join(out.split())


def parse_switched_off(text: str) -> frozenset[str]:
    """Kinds IT has switched off, from a setting such as ``postcode, email``.

    ValueError naming an unknown kind (the NHS number check cannot be switched off).
    """
    names = frozenset(part.strip() for part in text.replace(";", ",").split(",") if part.strip())
    unknown = sorted(names - set(SWITCHABLE))
    if unknown:
        raise ValueError(
            f"identifier checks {', '.join(repr(n) for n in unknown)} cannot be switched off; "
            f"the names are: {', '.join(SWITCHABLE)}"
        )
    return names


class IdentifierGuard:
    """Finds possible identifiers: the built-in kinds plus the machine's extra patterns.

    Build one and reuse it: the patterns are compiled once. Safe to share
    between threads (it holds no state that changes).
    """

    __slots__ = ("_extra", "_kinds")

    def __init__(
        self,
        extra_patterns: Sequence[ExtraPattern] = (),
        *,
        switched_off: Iterable[str] = (),
    ) -> None:
        off = parse_switched_off(",".join(switched_off))
        self._kinds = tuple(kind for kind in KINDS if kind.name not in off)
        self._extra = compile_patterns(extra_patterns)

    @property
    def extra_patterns(self) -> tuple[ExtraPattern, ...]:
        return tuple(pattern for pattern, _ in self._extra)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The names of the built-in kinds this guard looks for."""
        return tuple(kind.name for kind in self._kinds)

    def find(self, text: str) -> list[IdentifierMatch]:
        """Possible identifiers in ``text``: sorted by start, never overlapping.

        Where matches overlap, the earliest wins, then the longest, then the
        built-in kinds in their order, then the extra patterns.
        """
        if not text:
            return []
        plain = normalise(text)
        seen = plain.text
        # (start, -length, order, end, kind, label); sorting gives earliest, then longest.
        spans: list[tuple[int, int, int, int, str, str]] = []
        for order, kind in enumerate(self._kinds):
            for start, end in kind.find(seen):
                if end > start:
                    spans.append((start, start - end, order, end, kind.name, kind.label))
        for order, (pattern, compiled) in enumerate(self._extra, start=len(self._kinds)):
            for hit in compiled.finditer(seen):
                start, end = hit.span()
                if end > start:
                    spans.append((start, start - end, order, end, pattern.name, pattern.label))
        if not spans:
            return []
        spans.sort()
        matches: list[IdentifierMatch] = []
        reached = 0
        for start, _, _, end, kind_name, label in spans:
            if start >= reached:
                first, last = plain.span_in_original(start, end)
                masked = mask(seen[start:end])
                matches.append(IdentifierMatch(first, last, kind_name, label, masked))
                reached = end
        return matches

    def scan_fields(self, fields: Mapping[str, str | None]) -> dict[str, list[IdentifierMatch]]:
        """Matches per field name, for the fields that have any (``None`` is skipped)."""
        found: dict[str, list[IdentifierMatch]] = {}
        for name, text in fields.items():
            if text:
                matches = self.find(text)
                if matches:
                    found[name] = matches
        return found

    def __repr__(self) -> str:
        names = ", ".join(pattern.name for pattern, _ in self._extra)
        return f"IdentifierGuard(kinds=[{', '.join(self.kinds)}], extra_patterns=[{names}])"
