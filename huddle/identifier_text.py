"""Text as the identifier checks read it: one spelling for the many ways people type.

Identifiers arrive spelt every way a keyboard, a phone or a copy from another
system allows: full-width or other scripts' digits, non-breaking and thin
spaces, en dashes and minus signs, zero-width characters and soft hyphens
hidden inside. :func:`normalise` turns each of those into the plain form the
patterns look for, and keeps, for every character of the result, where it came
from in the original, so a match can be highlighted (or redacted) where the
person typed it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Invisible characters that only split what a person reads as one word or number.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
# Every dash and minus sign reads as a hyphen.
_DASHES = frozenset(
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
)


@dataclass(frozen=True)
class NormalisedText:
    """``text`` as the checks read it, and where each of its characters came from."""

    text: str
    origin: tuple[int, ...] | None  # None: the same as the original, character for character
    original_length: int

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """The original text's (start, end) for the normalised ``start:end``."""
        if self.origin is None:
            return start, end
        first = self.origin[start] if start < len(self.origin) else self.original_length
        last = self.origin[end - 1] + 1 if end > 0 else 0
        return first, max(first, last)


def _one(ch: str) -> str:
    if ch in _INVISIBLE:
        return ""
    if ch in _DASHES:
        return "-"
    value = unicodedata.decimal(ch, None)
    if value is not None:
        return str(value)
    if unicodedata.category(ch) == "Zs":  # every kind of space, non-breaking and thin included
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    return "".join("-" if c in _DASHES else c for c in folded)


def normalise(text: str) -> NormalisedText:
    """Unicode NFKC, any digit as an ASCII digit, any dash as "-", any space as " ",
    with zero-width characters and soft hyphens removed."""
    if text.isascii():
        return NormalisedText(text, None, len(text))
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            origin.append(index)
            continue
        for piece in _one(ch):
            out.append(piece)
            origin.append(index)
    return NormalisedText("".join(out), tuple(origin), len(text))
