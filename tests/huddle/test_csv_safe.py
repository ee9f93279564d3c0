"""Excel-safe CSV: formula cells neutralised, UTF-8 with BOM, CRLF, written atomically."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huddle.csv_safe import csv_bytes, neutralise_cell, write_csv

BOM = b"\xef\xbb\xbf"


def read_back(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://example.invalid","x")', '\'=HYPERLINK("http://example.invalid","x")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "'-3"),  # text that looks like a number is still text
    ],
)
def test_hostile_cells_get_a_leading_apostrophe(value: str, safe: str) -> None:
    assert neutralise_cell(value) == safe


@pytest.mark.parametrize(
    "value",
    ["", "Falls huddle", "Review 3 = done", "a-b", "1+1", " =not first", "'quoted", "x\ny"],
)
def test_ordinary_text_is_untouched(value: str) -> None:
    assert neutralise_cell(value) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [(-3, "-3"), (-1.5, "-1.5"), (Decimal("-2.50"), "-2.50"), (7, "7"), (None, ""), (True, "True")],
)
def test_real_numbers_stay_numbers_and_other_values_become_text(value: object, text: str) -> None:
    assert neutralise_cell(value) == text


def test_a_file_is_utf8_with_bom_crlf_and_reads_back_neutralised(tmp_path: Path) -> None:
    out = tmp_path / "actions.csv"
    write_csv(out, ["Title", "=Owner"], [["=1+2", "Sam"], ["Line one\nline two", -4], ["ok", None]])
    raw = out.read_bytes()
    assert raw.startswith(BOM)
    assert raw.count(b"\r\n") == 4 and b"\n\n" not in raw
    assert read_back(out) == [
        ["Title", "'=Owner"],
        ["'=1+2", "Sam"],
        ["Line one\nline two", "-4"],
        ["ok", ""],
    ]


def test_non_latin_text_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "learning.csv"
    rows = [
        ["Café staff – Zoë", "Ελληνικά"],
        ["病棟の振り返り", "مراجعة الجناح"],
        ["emoji ✓ 🎉", "ß"],
    ]
    write_csv(out, ["Ward", "Note"], rows)
    assert read_back(out)[1:] == rows


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    out.write_text("old\r\n", encoding="utf-8")
    write_csv(out, ["A"], [["new"]])
    assert read_back(out) == [["A"], ["new"]]
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]


def failing_rows() -> Iterator[Sequence[object]]:
    yield ["first", "row"]
    raise RuntimeError("the database went away")


def test_a_failure_mid_write_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    with pytest.raises(RuntimeError, match="went away"):
        write_csv(out, ["A", "B"], failing_rows())
    assert list(tmp_path.iterdir()) == []


def test_a_failure_mid_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    write_csv(out, ["A", "B"], [["kept", "intact"]])
    before = out.read_bytes()
    with pytest.raises(RuntimeError):
        write_csv(out, ["A", "B"], failing_rows())
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]


def test_a_missing_folder_is_an_os_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_csv(tmp_path / "nowhere" / "log.csv", ["A"], [["x"]])
    assert list(tmp_path.iterdir()) == []


def test_a_binary_stream_gets_the_same_bytes_and_stays_open() -> None:
    stream = io.BytesIO()
    write_csv(stream, ["A"], [["@x"], [1]])
    assert not stream.closed
    assert stream.getvalue() == csv_bytes(["A"], [["@x"], [1]]) == BOM + b"A\r\n'@x\r\n1\r\n"


def test_a_text_stream_gets_text_with_a_bom() -> None:
    stream = io.StringIO(newline="")
    write_csv(stream, ["A"], [["+x"]])
    assert stream.getvalue() == "\ufeffA\r\n'+x\r\n"


cells = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.floats(allow_nan=False),
    st.none(),
)


@given(rows=st.lists(st.lists(cells, min_size=1, max_size=4), max_size=5))
def test_any_cells_read_back_as_their_neutralised_text(rows: list[list[object]]) -> None:
    data = csv_bytes(["Col"], rows)
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    expected = [["Col"]] + [[neutralise_cell(cell) for cell in row] for row in rows]
    # csv cannot tell a row with one empty cell from an empty row
    assert [r if r else [""] for r in read] == expected
    for row in read[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) or cell == ""


def test_a_failed_replace_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "log.csv"
    out.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError("the file is open in Excel")

    monkeypatch.setattr("huddle.csv_safe.os.replace", refuse)
    with pytest.raises(PermissionError):
        write_csv(out, ["A"], [["new"]])
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]
