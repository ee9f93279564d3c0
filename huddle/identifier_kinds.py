"""The built-in kinds of patient identifier, and how each is recognised.

Every check reads text already normalised by :mod:`huddle.identifier_text`
(ASCII digits, one kind of space and hyphen, nothing invisible) and returns the
spans it found. Each kind is on by default; IT can switch any but the NHS
number off (setting ``identifier_checks_off``).

The rules lean towards being quiet about ordinary ward text: bed and bay
numbers, times, dates of this century, blood pressures, scores, incident
references and ward phone extensions are not identifiers, and a warning the
team learns to click through protects nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

Span = tuple[int, int]

NHS_NUMBER = "nhs_number"
TITLED_NAME = "titled_name"
DATE_OF_BIRTH = "date_of_birth"
POSTCODE = "postcode"
PHONE = "phone_number"
NI_NUMBER = "ni_number"
EMAIL = "email"
HOSPITAL_NUMBER = "hospital_number"


@dataclass(frozen=True)
class Kind:
    name: str
    noun: str  # "an NHS number": what a message calls one
    find: Callable[[str], Iterator[Span]]

    @property
    def label(self) -> str:
        return f"looks like {self.noun}"


# -- NHS numbers -------------------------------------------------------------
_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
# Digit groups joined by runs of spaces (any, line breaks included), dots, slashes or hyphens.
_RUN = re.compile(r"[0-9]+(?:[\s./-]+[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
_DATE_SHAPE = re.compile(r"(?<![0-9])([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})(?![0-9])")


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


def _is_date(day: str, month: str, year: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and len(year) in (2, 4)


# Machine identifiers: a UUID, or a long hex string mixing letters and digits (a hash).
# Their digit groups are never a person's number ("05-2133-4780" inside a record id).
_MACHINE_ID = re.compile(
    r"(?<![0-9A-Za-z])(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{20,})(?![0-9A-Za-z])",
    re.IGNORECASE,
)


def _machine_ids(text: str) -> list[tuple[int, int]]:
    return [hit.span() for hit in _MACHINE_ID.finditer(text)]


def _groups(text: str, run: re.Match[str], machine: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The run's digit groups, leaving out those in a date, a time or a machine id."""
    start = run.start()
    body = run.group()
    dated: set[int] = set()
    for shape in _DATE_SHAPE.finditer(body):
        if _is_date(shape.group(1), shape.group(3), shape.group(4)):
            dated.update(range(shape.start(), shape.end()))
    groups: list[tuple[int, int]] = []
    for group in _GROUP.finditer(body):
        a, b = start + group.start(), start + group.end()
        if group.start() in dated:
            groups.append((-1, -1))  # a date breaks the run
        elif any(x <= a and b <= y for x, y in machine):
            groups.append((-1, -1))  # so does a record id or a hash
        elif (a >= 2 and text[a - 1] == ":" and text[a - 2].isdigit()) or (
            b + 1 < len(text) and text[b] == ":" and text[b + 1].isdigit()
        ):
            groups.append((-1, -1))  # so does a time ("14:30")
        else:
            groups.append((a, b))
    return groups


def _plausible(widths: list[int]) -> bool:
    """Ten digits in any grouping people use: all ten together, 3-3-4, 4-3-3, 3-7, 7-3,
    2-4-4, 1-3-3-3, one by one … A group of eight or more is a code of its own with a
    suffix ("stock 12345678-06"), never how anyone writes an NHS number."""
    return len(widths) == 1 or max(widths) <= 7


# Words that say the digits after them are a code, not a person's number. Only an
# uneven grouping is let off by them: three, three and four is an NHS number's shape.
_CODE_WORD = re.compile(
    r"(?:\b(?:stock|cat(?:alogue)?|code|product|item|lot|batch|serial|order|part|sku"
    r"|barcode|gtin|po)\b[\s.:#-]*(?:(?:no|num|number|ref)\b[\s.:#-]*)?)$",
    re.IGNORECASE,
)
_NHS_SHAPE = [3, 3, 4]


def _a_code(text: str, start: int, widths: list[int]) -> bool:
    """True when the digits at ``start`` follow a code word ("stock 123 4567890")."""
    return widths != _NHS_SHAPE and _CODE_WORD.search(text, max(0, start - 40), start) is not None


_TEN_DIGITS = re.compile(r"[0-9](?:[\s./-]*[0-9]){9}")


def find_nhs_numbers(text: str) -> Iterator[Span]:
    """Ten digits in any grouping (glued to letters or not) that pass the modulus 11 check."""
    if _TEN_DIGITS.search(text) is None:  # most text: no run of ten digits at all
        return
    machine = _machine_ids(text)
    for run in _RUN.finditer(text):
        if run.end() - run.start() < 10:
            continue
        groups = _groups(text, run, machine)
        for first in range(len(groups)):
            if groups[first][0] < 0:
                continue
            width = 0
            widths: list[int] = []
            for last in range(first, len(groups)):
                a, b = groups[last]
                if a < 0:
                    break
                widths.append(b - a)
                width += b - a
                if width > 10:
                    break
                if width == 10:
                    digits = "".join(text[x:y] for x, y in groups[first : last + 1])
                    start = groups[first][0]
                    if (
                        _plausible(widths)
                        and is_valid_nhs_number(digits)
                        and not _a_code(text, start, widths)
                    ):
                        yield start, b
                    break


# -- names with a title --------------------------------------------------------
_TITLED = re.compile(
    r"(?<![A-Za-z])(?:Mrs|Mr|Ms|Miss|Mx|Master)\.?[ \t]+"
    # words that follow a title in ward text without naming anyone ("Ms Teams call")
    r"(?!(?:Teams|Out|Universe|World|Men|Muscle)(?![A-Za-z]))"
    r"[A-Z][A-Za-z'’-]*[a-z](?![A-Za-z])"
)
# -- dates of birth ----------------------------------------------------------
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for m in names.split()
}
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC_DATE = r"(?<![0-9])([0-9]{1,2}) ?([./-]) ?([0-9]{1,2}) ?\2 ?([0-9]{4}|[0-9]{2})(?![0-9])"
_WORD_DATE = (
    r"(?<![0-9])([0-9]{1,2})(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?(" + _MONTH_WORD + r")\.?,?[ ]+"
    r"([0-9]{4}|'?[0-9]{2})(?![0-9])"
)
_ISO_DATE = r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])"
_DATES = re.compile(f"{_NUMERIC_DATE}|{_WORD_DATE}|{_ISO_DATE}", re.IGNORECASE)
_BIRTH_WORDS = re.compile(
    r"(?<![A-Za-z])(?:d\.? ?o\.? ?b\.?|born(?:[ ]+on)?|date[ ]+of[ ]+birth)(?![A-Za-z])"
    r"[ \t]*[:=-]?[ \t]*(?:is[ \t]+|on[ \t]+)?",
    re.IGNORECASE,
)
BIRTH_BEFORE = date(1990, 1, 1)


def _date_of(hit: re.Match[str]) -> tuple[date | None, bool]:
    """The date a match names (None if it is no real date), and whether its year is full."""
    g = hit.groups()
    try:
        if g[0] is not None:
            day, month, year = int(g[0]), int(g[2]), g[3]
        elif g[4] is not None:
            day, month, year = int(g[4]), _MONTHS[g[5].lower()], g[6].lstrip("'")
        else:
            day, month, year = int(g[9]), int(g[8]), g[7]
        full = len(year) == 4
        number = int(year) if full else 1900 + int(year)
        return date(number, month, day), full
    except ValueError:
        return None, False


_DATE_HINT = re.compile(
    r"[0-9] ?[./-] ?[0-9]|[0-9](?:st|nd|rd|th)? +(?:of +)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)",
    re.IGNORECASE,
)


def _find_dates_of_birth(text: str) -> Iterator[Span]:
    if _DATE_HINT.search(text) is None:  # no date of any kind: the common case
        return
    for hit in _DATES.finditer(text):
        when, full = _date_of(hit)
        if when is None:
            continue
        if full and when < BIRTH_BEFORE:
            yield hit.span()
            continue
        before = text[max(0, hit.start() - 40) : hit.start()]
        words = list(_BIRTH_WORDS.finditer(before))
        if words and words[-1].end() == len(before):
            yield hit.span()


# -- postcodes, phone numbers, NI numbers, email addresses ------------------------
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][A-HJKPSTUW0-9]?|[A-HK-Y][0-9][ABEHMNPRVWXY0-9]?)"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})"
    r"(?![A-Za-z0-9])"
)
_PHONE = re.compile(
    r"(?<![\w+./-])(?:(?:\+|00) ?44[ -]?(?:\(0\)[ -]?)?\(?|\(?0)[1-9](?:[ \-()]*[0-9]){8,9}"
    r"(?![ -]?[0-9])(?!\w)"
)
_NI_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r" ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![A-Za-z0-9])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HOSPITAL = re.compile(
    r"(?<![A-Za-z])(?:hospital[ ]*(?:number|num|no)|hosp\.?[ ]*(?:number|num|no)|MRN|"
    r"unit[ ]*(?:number|num|no))(?![A-Za-z])\.?[ \t]*(?:is[ \t]+|[:#=-][ \t]*)?"
    r"([A-Za-z]{0,3}[0-9][A-Za-z0-9/-]{2,14})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def _spans(
    pattern: re.Pattern[str], group: int = 0, *, hint: Callable[[str], bool] | None = None
) -> Callable[[str], Iterator[Span]]:
    """A finder for one pattern; ``hint`` is a cheap test that skips text it cannot match."""

    def find(text: str) -> Iterator[Span]:
        if hint is not None and not hint(text):
            return
        for hit in pattern.finditer(text):
            yield hit.span(group)

    return find


def _has_email_sign(text: str) -> bool:
    return "@" in text


def _has_hospital_word(text: str) -> bool:
    lowered = text.lower()
    return "hosp" in lowered or "mrn" in lowered or "unit" in lowered


KINDS: tuple[Kind, ...] = (
    Kind(NHS_NUMBER, "an NHS number", find_nhs_numbers),
    Kind(TITLED_NAME, "a name with a title", _spans(_TITLED)),
    Kind(DATE_OF_BIRTH, "a date of birth", _find_dates_of_birth),
    Kind(POSTCODE, "a postcode", _spans(_POSTCODE)),
    Kind(PHONE, "a phone number", _spans(_PHONE)),
    Kind(NI_NUMBER, "a National Insurance number", _spans(_NI_NUMBER)),
    Kind(EMAIL, "an email address", _spans(_EMAIL, hint=_has_email_sign)),
    Kind(HOSPITAL_NUMBER, "a hospital number", _spans(_HOSPITAL, 1, hint=_has_hospital_word)),
)
BY_NAME = {kind.name: kind for kind in KINDS}
SWITCHABLE = tuple(kind.name for kind in KINDS if kind.name != NHS_NUMBER)
