"""The identifier detector: check digit maths, written forms, masking, extra patterns.

Only numbers from the never-issued 999 range appear here. The spellings table,
the other kinds and the false-alarm corpus are in ``test_identifier_spellings``
and ``test_identifier_false_alarms``.
"""

from __future__ import annotations

import logging
import re
import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from huddle.identifiers import (
    NHS_NUMBER_KIND,
    NHS_NUMBER_LABEL,
    SWITCHABLE,
    ExtraPattern,
    IdentifierGuard,
    IdentifierMatch,
    compile_patterns,
    is_valid_nhs_number,
    mask,
    parse_extra_patterns,
)

VALID = "9990000018"  # 9*10 + 9*9 + 9*8 + 1*2 = 245; 245 % 11 = 3; 11 - 3 = 8
GUARD = IdentifierGuard()
NHS_ONLY = IdentifierGuard(switched_off=SWITCHABLE)  # wordy property text may hold "Mr Ab"


def check_digit(nine: str) -> int:
    """Worked out independently of the module: 10 means no valid number exists."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    return {11: 0}.get(11 - total % 11, 11 - total % 11)


def written(digits: str, form: str) -> str:
    if form == "plain":
        return digits
    sep = " " if form == "spaced" else "-"
    return f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}"


def first_with_check(wanted: int) -> str:
    """The first 999 number whose nine digits give the wanted check value."""
    for n in range(1_000_000):
        nine = f"999{n:06d}"
        if check_digit(nine) == wanted:
            return nine
    raise AssertionError(wanted)


@st.composite
def valid_999_numbers(draw: st.DrawFn) -> str:
    nine = f"999{draw(st.integers(0, 999_999)):06d}"
    check = check_digit(nine)
    assume(check != 10)
    return nine + str(check)


@st.composite
def wrong_check_numbers(draw: st.DrawFn) -> str:
    nine = "".join(draw(st.lists(st.sampled_from(string.digits), min_size=9, max_size=9)))
    check = check_digit(nine)
    last = draw(st.sampled_from([d for d in string.digits if int(d) != check]))
    return nine + last


FORMS = st.sampled_from(["plain", "spaced", "hyphened"])
WORDY = st.text(alphabet=string.ascii_letters + " ", max_size=40)


def kinds(text: str) -> list[str]:
    return [m.kind for m in GUARD.find(text)]


# --- the check digit -----------------------------------------------------------------


def test_the_worked_example_is_valid_and_its_neighbours_are_not() -> None:
    assert check_digit(VALID[:9]) == 8
    assert is_valid_nhs_number(VALID)
    for last in "012345679":
        assert not is_valid_nhs_number(VALID[:9] + last)


def test_a_check_value_of_eleven_means_zero() -> None:
    nine = first_with_check(0)
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    assert total % 11 == 0
    assert is_valid_nhs_number(nine + "0")
    assert kinds(f"ref {nine}0") == [NHS_NUMBER_KIND]


def test_a_check_value_of_ten_never_matches() -> None:
    nine = first_with_check(10)
    for last in string.digits:
        assert not is_valid_nhs_number(nine + last)
        for form in ("plain", "spaced", "hyphened"):
            assert GUARD.find(f"seen {written(nine + last, form)} today") == []


@pytest.mark.parametrize(
    "value", ["", "999000001", "99900000180", "999 000 0018", "999000001x", "９９９００００１８"]
)
def test_only_exactly_ten_ascii_digits_can_be_valid(value: str) -> None:
    assert not is_valid_nhs_number(value)


# --- what is found -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["9990000018", "999 000 0018", "999-000-0018"],
)
def test_all_three_written_forms_are_found(text: str) -> None:
    assert GUARD.find(text) == [
        IdentifierMatch(0, len(text), NHS_NUMBER_KIND, NHS_NUMBER_LABEL, mask(text))
    ]


def test_a_match_inside_a_sentence_has_the_right_place() -> None:
    text = "Pt in bay 4 (NHS no. 999 000 0018) moved to side room."
    [match] = GUARD.find(text)
    assert text[match.start : match.end] == "999 000 0018"
    assert match.label == "looks like an NHS number"


@pytest.mark.parametrize(
    "text",
    [
        "NHS: 9990000018.",
        "(999-000-0018)",
        "no.9990000018",
        "#9990000018",
        "9990000018\nnext line",
        "bed 4, 999 000 0018",
        "bed 4 999 000 0018",  # a bay or bed number before it must not hide it
        "+44 999 000 0018",
        "call 4 999-000-0018",
        "9990000018,9990000026",
        "999 000-0018",  # mixed separators: any run of them separates (issue 14)
        "999  000 0018",
        "99 9000 0018",
        "A9990000018",  # glued to letters
        "SN9990000018",
        "9990000018th",
        "999 000 0018 1",
        "999 0000018",  # 3-7 and 7-3 (issue 14: any grouping)
        "9990000 018",
        "9 990 000 018",  # written like thousands
        "99900 00018",
        "9990 000 018",
        "999-0000018",
        "stock 999 000 0018",  # a code word lets off no NHS number in its own shape
    ],
)
def test_numbers_in_any_grouping_or_glued_to_letters_are_found(text: str) -> None:
    assert NHS_NUMBER_KIND in [m.kind for m in NHS_ONLY.find(text)]
    assert kinds(text)  # "+44 999 000 0018" is found as a phone number first


@pytest.mark.parametrize(
    "text",
    [
        "99900000181",  # eleven digits in one run: a longer number
        "19990000018",
        "1999000001800",
        "999 000 00181",
        "1999 000 0018",
        "stock 12345678-06",  # 1234567806 passes the check, but 8-2 is no way to write one
        "12345678-06",
        "99900000-18",
        "9-990000018",
        "stock 999 0000018",  # an uneven grouping after a code word is a code
        "Cat. No. 9990000 018",
        "order no: 9990000018",
        "PO 9990000018",
        "lot 99 9000 0018",
        "time 12:9990000018",
    ],
)
def test_longer_digit_runs_are_not_flagged(text: str) -> None:
    assert kinds(text) == []


def test_masking_hides_every_digit_however_it_was_written() -> None:
    full = "999456789" + str(check_digit("999456789"))
    for form in ("plain", "spaced", "hyphened"):
        [match] = GUARD.find(f"x {written(full, form)} y")
        assert not any(ch.isdigit() for ch in match.masked)
        assert match.masked == mask(written(full, form))


def test_repr_of_a_match_never_shows_the_number() -> None:
    full = "999456789" + str(check_digit("999456789"))
    [match] = GUARD.find(f"patient {full} in bay 2")
    shown = repr(match) + str(match)
    assert full not in shown and "45678" not in shown and "456789" not in shown
    assert not hasattr(match, "text")


def test_nothing_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        GUARD.find(f"seen {VALID} today")
        GUARD.scan_fields({"a": VALID})
    assert caplog.records == []


def test_scan_fields_reports_only_fields_with_matches() -> None:
    found = GUARD.scan_fields(
        {"title": "Fall in bay 4", "detail": f"NHS {VALID}", "note": None, "empty": ""}
    )
    assert list(found) == ["detail"]
    assert [m.kind for m in found["detail"]] == [NHS_NUMBER_KIND]


def test_mask_helper_hides_every_letter_and_digit() -> None:
    assert mask("999 000 0018") == "*** *** ****"
    assert mask("RX1234567") == "*********"
    assert mask("AB12") == "****"
    assert mask("999  000\t0018") == "*** *** ****"
    assert mask("") == ""


# --- extra patterns from the machine configuration --------------------------------

SHIPPED_EXAMPLE = """
    hospital_number | Hospital number | \\bRX[0-9]{7}\\b
    mrn | Medical record number | \\bMRN[0-9]{6}\\b
"""


def test_patterns_from_the_shipped_example_are_found_and_masked() -> None:
    patterns = parse_extra_patterns(SHIPPED_EXAMPLE)
    assert [p.name for p in patterns] == ["hospital_number", "mrn"]
    guard = IdentifierGuard(extra_patterns=patterns)
    text = f"RX1234567 and MRN765432 and {VALID}"
    matches = guard.find(text)
    assert [(m.kind, m.label) for m in matches] == [
        ("hospital_number", "Hospital number"),
        ("mrn", "Medical record number"),
        (NHS_NUMBER_KIND, NHS_NUMBER_LABEL),
    ]
    assert [m.masked for m in matches] == ["*********", "*********", "**********"]
    assert "12345" not in repr(matches)


def test_comments_blank_lines_and_pipes_inside_the_regex() -> None:
    text = "# a comment\n\n  code | looks like a code | \\b(?:AB|CD)[0-9]{4}\\b  \n"
    [pattern] = parse_extra_patterns(text)
    assert pattern == ExtraPattern("code", "looks like a code", r"\b(?:AB|CD)[0-9]{4}\b")
    guard = IdentifierGuard([pattern])
    assert [m.kind for m in guard.find("AB1234 CD9876 EF1111")] == ["code", "code"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ok | fine | x\nbroken | label only", "line 2: expected 'name | label | regex'"),
        ("bad | Bad | [A-Z", "line 1: identifier pattern 'bad' has an invalid regular exp"),
        ("\n\nempty | Empty | a*", "line 3: identifier pattern 'empty' matches empty text"),
        ("two words | x | y", "line 1: identifier pattern name 'two words' must start"),
        ("nhs_number | x | y", "line 1: identifier pattern name 'nhs_number' is reserved"),
        ("a | | y", "line 1: identifier pattern 'a' needs a label"),
        ("a | A | ", "line 1: identifier pattern 'a' needs a regular expression"),
        ("a | A | x\na | A | y", "line 2: the name 'a' is used twice"),
    ],
)
def test_a_bad_line_says_which_line_and_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_extra_patterns(text)


def test_a_bad_regex_is_refused_when_the_pattern_is_made() -> None:
    with pytest.raises(ValueError, match="'ward_code' has an invalid regular expression"):
        ExtraPattern("ward_code", "looks like a ward code", "(unclosed")


def test_compile_patterns_refuses_a_repeated_name() -> None:
    one = ExtraPattern("code", "a code", r"X\d{3}")
    with pytest.raises(ValueError, match="'code' is used twice"):
        compile_patterns([one, one])
    with pytest.raises(ValueError, match="'code' is used twice"):
        IdentifierGuard([one, one])


def test_overlapping_matches_keep_the_earliest_then_the_longest() -> None:
    short = ExtraPattern("pair", "two groups", r"\d{3} \d{3}")
    early = ExtraPattern("ref", "a reference", r"Ref 99")
    guard = IdentifierGuard([short])
    assert [m.kind for m in guard.find(f"x {written(VALID, 'spaced')}")] == [NHS_NUMBER_KIND]
    guard = IdentifierGuard([short, early])
    matches = guard.find(f"Ref {written(VALID, 'spaced')} and 123 456")
    assert [m.kind for m in matches] == ["ref", "pair"]
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:], strict=False))


def test_extra_patterns_run_on_text_with_few_digits() -> None:
    guard = IdentifierGuard(
        [ExtraPattern("name", "looks like a name", r"\bMr Testperson\b")],
        switched_off=["titled_name"],
    )
    [match] = guard.find("Seen by Mr Testperson")
    assert match.kind == "name" and "Testperson" not in match.masked


# --- properties ----------------------------------------------------------------------


@given(number=valid_999_numbers(), form=FORMS, before=WORDY, after=WORDY)
def test_any_valid_999_number_in_wordy_text_is_found(
    number: str, form: str, before: str, after: str
) -> None:
    shown = written(number, form)
    text = f"{before} {shown} {after}"
    [match] = NHS_ONLY.find(text)
    assert (match.start, match.end) == (len(before) + 1, len(before) + 1 + len(shown))
    assert match.masked == mask(shown)


@given(number=wrong_check_numbers(), form=FORMS, before=WORDY, after=WORDY)
def test_a_wrong_check_digit_is_never_flagged(
    number: str, form: str, before: str, after: str
) -> None:
    assert NHS_ONLY.find(f"{before} {written(number, form)} {after}") == []


@given(number=valid_999_numbers(), extra=st.text(alphabet=string.digits, min_size=1, max_size=3))
def test_a_valid_number_inside_a_longer_digit_run_is_not_flagged(number: str, extra: str) -> None:
    assert NHS_ONLY.find(extra + number) == []
    assert NHS_ONLY.find(number + extra) == []


@given(st.text(alphabet=string.digits + " -.:/ab", max_size=60))
def test_every_match_is_ten_digits_with_a_valid_check_digit(text: str) -> None:
    for match in NHS_ONLY.find(text):
        digits = "".join(ch for ch in text[match.start : match.end] if ch.isdigit())
        assert is_valid_nhs_number(digits)
        assert not text[match.start - 1 : match.start].isdigit()
        assert not text[match.end : match.end + 1].isdigit()
