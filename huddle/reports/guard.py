"""The identifier check every export runs before it writes anything.

Each report gathers the free text it will print as ``(where, text)`` pairs;
:func:`check_texts` scans them and raises :class:`IdentifiersFoundError` with
the places and masked matches unless the caller allows identifiers. Matched
text is never logged or kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from huddle.reports.errors import IdentifiersFoundError

# Ten digits, alone or grouped 3-3-4 with single spaces or hyphens, not part of a longer number.
_NHS_NUMBER = re.compile(r"(?<![\d])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d])")
_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class Match:
    masked: str
    label: str


def nhs_number_valid(digits: str) -> bool:
    """The modulus 11 check digit of a ten-digit NHS number."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _mask(text: str) -> str:
    """Keep the first three and last two digits: '999 *** **18'."""
    seen = 0
    total = sum(ch.isdigit() for ch in text)
    out = []
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= 3 or seen > total - 2 else "*")
        else:
            out.append(ch)
    return "".join(out)


def _private_find(text: str) -> list[Match]:
    found = []
    for hit in _NHS_NUMBER.finditer(text):
        digits = hit.group(1) + hit.group(3) + hit.group(4)
        if nhs_number_valid(digits):
            found.append(Match(_mask(hit.group(0)), "NHS number"))
    return found


def find_identifiers(text: str) -> list[Match]:
    """Things in ``text`` that look like patient identifiers, masked."""
    return _private_find(text) if text else []


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
