"""Spot free text that looks like a patient identifier, before it is saved or exported.

The built-in check finds NHS numbers: ten digits whose modulus 11 check digit
is valid, written in one of three ways::

    9990000018      999 000 0018      999-000-0018

The 3-3-4 form must use the same separator twice (single spaces or single
hyphens): "999 000-0018" is not matched, as nobody writes a number that way
and accepting it would only add false alarms.

A candidate is only a match when it stands on its own. It is not matched
when it is

* glued to a letter, digit or underscore on either side ("A9990000018",
  "99900000181", "9990000018th"): that is part of a longer code, such as a
  stock or serial number; a machine can add its own patterns for codes that
  are identifiers (a hospital number, say);
* joined to another digit by ".", ":", "/" or "-" ("1.9990000018",
  "12:9990000018", "9990000018-2"): a decimal, time, date or longer code;
* for the spaced form, followed by another spaced digit group
  ("999 000 0018 1"): a longer number.

A group *before* it does not hide it: "bed 4 999 000 0018" and "+44 999 000
0018" are found. Warning about a phone number now and then is cheap (the
person can save anyway); missing a bay number followed by an NHS number is
not. A comma is not a joiner, so "9990000018,9990000026" finds both.

Further patterns come from the machine configuration (``huddle.ini``), one
per line as ``name | label | regex``; see :func:`parse_extra_patterns`.

Matched text is never kept, logged or shown: a match holds its position and
a masked form only, so even its ``repr`` is safe to print. An NHS number is
always masked as "999 *** **18" (first three and last two digits), however
it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "NHS_NUMBER_KIND",
    "NHS_NUMBER_LABEL",
    "ExtraPattern",
    "IdentifierGuard",
    "IdentifierMatch",
    "compile_patterns",
    "is_valid_nhs_number",
    "mask",
    "parse_extra_patterns",
]

NHS_NUMBER_KIND = "nhs_number"
NHS_NUMBER_LABEL = "looks like an NHS number"

_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)

# One regex for the three forms. The lookbehinds and lookaheads carry the
# "stands on its own" rules in the module docstring; \w and \d are Unicode
# aware, so a number glued to any script's letters or digits is not matched,
# while the number itself must be ASCII digits.
_NHS_CANDIDATE = re.compile(
    r"(?<!\w)(?<!\d[.:/-])"
    r"(?:"
    r"[0-9]{10}"
    r"|[0-9]{3} [0-9]{3} [0-9]{4}(?! \d)"
    r"|[0-9]{3}-[0-9]{3}-[0-9]{4}"
    r")"
    r"(?![.:/-]\d)(?!\w)"
)
# The cheap pre-check: the same shapes without the lookarounds. It finds
# nothing in almost all text, and runs several times faster than the full
# pattern (or than counting digits), because it starts with a plain class.
_NHS_SHAPE = re.compile(r"[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}")
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
    kind: str  # "nhs_number" or a configured pattern's name
    label: str  # plain words for people: "looks like an NHS number"
    masked: str  # "999 *** **18": never the full text


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


def is_valid_nhs_number(digits: str) -> bool:
    """True when ``digits`` is exactly ten ASCII digits with a valid check digit.

    Weights 10 down to 2 on the first nine digits; check = 11 - (sum mod 11),
    where 11 means 0 and 10 means no valid number has these nine digits.
    """
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def mask(text: str) -> str:
    """Hide most letters and digits of ``text``, keeping its shape.

    Ten or more letters and digits: the first three and last two stay
    ("999 000 0018" becomes "999 *** **18"). Five to nine: the first and
    last two ("RX1234567" becomes "R******67"). Fewer: all are hidden.
    Spaces and punctuation stay as they are.
    """
    total = sum(ch.isalnum() for ch in text)
    if total >= 10:
        head, tail = 3, 2
    elif total >= 5:
        head, tail = 1, 2
    else:
        head, tail = 0, 0
    out: list[str] = []
    seen = 0
    for ch in text:
        if ch.isalnum():
            seen += 1
            out.append(ch if seen <= head or seen > total - tail else "*")
        else:
            out.append(ch)
    return "".join(out)


class IdentifierGuard:
    """Finds possible identifiers: NHS numbers plus the machine's extra patterns.

    Build one and reuse it: the patterns are compiled once. Safe to share
    between threads (it holds no state that changes).
    """

    __slots__ = ("_extra",)

    def __init__(self, extra_patterns: Sequence[ExtraPattern] = ()) -> None:
        self._extra = compile_patterns(extra_patterns)

    @property
    def extra_patterns(self) -> tuple[ExtraPattern, ...]:
        return tuple(pattern for pattern, _ in self._extra)

    def find(self, text: str) -> list[IdentifierMatch]:
        """Possible identifiers in ``text``: sorted by start, never overlapping.

        Where matches overlap, the earliest wins, then the longest, then the
        built-in NHS number check.
        """
        if not text:
            return []
        # (start, -length, order, end, kind, label, masked); order 0 is the NHS check,
        # so sorting gives earliest, then longest, then the built-in check first.
        spans: list[tuple[int, int, int, int, str, str, str]] = []
        if _NHS_SHAPE.search(text) is not None:
            for hit in _NHS_CANDIDATE.finditer(text):
                digits = hit.group().replace(" ", "").replace("-", "")
                if is_valid_nhs_number(digits):
                    start, end = hit.span()
                    masked = f"{digits[:3]} *** **{digits[8:]}"  # one form however written
                    spans.append(
                        (start, start - end, 0, end, NHS_NUMBER_KIND, NHS_NUMBER_LABEL, masked)
                    )
        for order, (pattern, compiled) in enumerate(self._extra, start=1):
            for hit in compiled.finditer(text):
                start, end = hit.span()
                if end > start:
                    masked = mask(hit.group())
                    spans.append(
                        (start, start - end, order, end, pattern.name, pattern.label, masked)
                    )
        spans.sort()
        matches: list[IdentifierMatch] = []
        reached = 0
        for start, _, _, end, kind, label, masked in spans:
            if start >= reached:
                matches.append(IdentifierMatch(start, end, kind, label, masked))
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
        return f"IdentifierGuard(extra_patterns=[{names}])"
