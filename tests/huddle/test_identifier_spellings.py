"""Every way people write an identifier: generated spellings and the hostile table.

The generated spellings take a valid (or invalid) NHS number from the 999 range
and write it as people and systems do: any grouping, any run of separators,
other scripts' digits, invisible characters inside, letters glued on.
"""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from huddle.identifier_text import normalise
from huddle.identifiers import SWITCHABLE, IdentifierGuard, is_valid_nhs_number
from tests.huddle.identifier_cases import HOSTILE

GUARD = IdentifierGuard()
DATE = re.compile(r"(?<![0-9])[0-9]{1,2}([./-])[0-9]{1,2}\1([0-9]{4}|[0-9]{2})(?![0-9])")
NHS_ONLY = IdentifierGuard(switched_off=SWITCHABLE)

SEPARATORS = [" ", "  ", "\t", "\n", " \n ", "\r\n", ".", "/", "-", " - ", "\u2013", "\u2014",
              "\u2212", "\u00a0", "\u2009", "\u202f", "\u3000", " / ", ". "]  # fmt: skip
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]
DIGIT_ZEROS = [ord("0"), 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE, 0x1D7EC]


def check_digit(nine: str) -> int:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    return {11: 0}.get(11 - total % 11, 11 - total % 11)


@st.composite
def numbers(draw: st.DrawFn, *, valid: bool) -> str:
    nine = f"999{draw(st.integers(0, 999_999)):06d}"
    check = check_digit(nine)
    assume(check != 10 or not valid)
    if valid:
        return nine + str(check)
    return nine + draw(st.sampled_from([d for d in string.digits if d != str(check)]))


@st.composite
def groupings(draw: st.DrawFn) -> list[int]:
    """How the ten digits are split: any way at all (3-3-4, 3-7, 7-3, 1-3-3-3, 2-4-4,
    one by one …) but a group of eight or more with a suffix, which is a code's shape."""
    if draw(st.booleans()) and draw(st.booleans()):
        return draw(st.sampled_from([[10], [1] * 10]))
    cuts = draw(st.lists(st.integers(1, 9), min_size=1, max_size=9, unique=True).map(sorted))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]
    assume(max(sizes) <= 7)
    return sizes


@st.composite
def spellings(draw: st.DrawFn, number: str) -> str:
    zero = draw(st.sampled_from(DIGIT_ZEROS))
    digits = [chr(zero + int(d)) for d in number]
    sizes = draw(groupings())
    groups: list[str] = []
    at = 0
    for size in sizes:
        part = digits[at : at + size]
        at += size
        if size > 1 and draw(st.booleans()):
            cut = draw(st.integers(1, size - 1))
            part.insert(cut, draw(st.sampled_from(INVISIBLE)))
        groups.append("".join(part))
    out = groups[0]
    for group in groups[1:]:
        out += draw(st.sampled_from(SEPARATORS)) + group
    return out


AROUND = st.sampled_from(["", "NHS", "nhs no ", "Pt ", "(", "ref:", "bed 4 "])
AFTER = st.sampled_from(["", " today", ")", "pt", ".", ", seen", " in bay 2"])


@given(data=st.data(), before=AROUND, after=AFTER)
def test_any_spelling_of_a_valid_number_is_found_where_it_was_written(
    data: st.DataObject, before: str, after: str
) -> None:
    number = data.draw(numbers(valid=True))
    spelt = data.draw(spellings(number))
    one_by_one = not any(
        a.isdigit() and b.isdigit() for a, b in zip(spelt, spelt[1:], strict=False)
    )
    # "bed 4 9 9 9 …": the bed number may start a valid run of ten digits too, when the
    # number starts with a group of one
    single = any(len(g) == 1 for g in re.findall(r"[0-9]+", normalise(spelt).text))
    assume(not ((one_by_one or single) and before.endswith("4 ")))
    assume(DATE.search(normalise(spelt).text) is None)  # "9.9.90 00018" holds a date
    text = f"{before}{spelt}{after}"
    found = [m for m in NHS_ONLY.find(text) if m.kind == "nhs_number"]
    assert len(found) == 1, repr(text)
    [match] = found
    assert (match.start, match.end) == (len(before), len(before) + len(spelt)), repr(text)
    assert not any(ch.isdigit() for ch in match.masked)
    assert number[-4:] not in repr(match)


@given(data=st.data(), before=AROUND, after=AFTER)
def test_no_spelling_of_a_wrong_check_digit_is_flagged(
    data: st.DataObject, before: str, after: str
) -> None:
    number = data.draw(numbers(valid=False))
    assert not is_valid_nhs_number(number)
    spelt = data.draw(spellings(number))
    text = f"{before}{spelt}{after}"
    # "bed 4 9 9 9 0 0 0 725 0": the bed number and the first nine digits can make a
    # different ten that does pass the check, and finding that is right; no match may
    # come from the wrong number's own digits alone
    inside = [
        m
        for m in NHS_ONLY.find(text)
        if len(before) <= m.start and m.end <= len(before) + len(spelt)
    ]
    assert inside == [], repr(text)


@pytest.mark.parametrize(("label", "text", "kind", "secret"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_every_hostile_spelling_is_found_and_masked(
    label: str, text: str, kind: str, secret: str
) -> None:
    matches = GUARD.find(f"Seen today: {text}.")
    assert kind in [m.kind for m in matches], label
    for match in matches:
        assert secret not in match.masked and secret not in repr(match)
        assert not any(ch.isalnum() and ch != "+" for ch in match.masked)


def test_the_table_is_big_and_covers_every_kind() -> None:
    assert len(HOSTILE) >= 60
    assert {kind for _, _, kind, _ in HOSTILE} == {"nhs_number", *SWITCHABLE}


@pytest.mark.parametrize("kind", SWITCHABLE)
def test_each_other_kind_can_be_switched_off(kind: str) -> None:
    guard = IdentifierGuard(switched_off=[kind])
    for _, text, case_kind, _ in HOSTILE:
        if case_kind == kind:
            assert kind not in [m.kind for m in guard.find(text)]


def test_the_nhs_number_check_cannot_be_switched_off() -> None:
    with pytest.raises(ValueError, match="'nhs_number' cannot be switched off"):
        IdentifierGuard(switched_off=["nhs_number"])
