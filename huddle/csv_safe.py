"""CSV files that are safe to open in Excel.

Every cell goes through :func:`neutralise_cell`: text a spreadsheet would run
as a formula (starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading apostrophe, as OWASP advises against CSV injection, so
Excel shows it as text and never runs it. Real numbers (``int``, ``float``,
``Decimal``) are left alone, so ``-3`` stays a number people can sum; the
*text* ``"-3"`` is treated like any other text and becomes ``'-3``.

Files are UTF-8 with a byte order mark (so Excel reads accents and non-Latin
scripts) and CRLF line endings, written through a temporary file in the same
folder that replaces the target only once complete, so a failure never leaves
a half-written file and an older file stays as it was.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, cast

__all__ = ["FORMULA_STARTS", "csv_bytes", "neutralise_cell", "write_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"  # UTF-8 with a byte order mark
LINE_END = "\r\n"


def neutralise_cell(value: object) -> str:
    """The text of one cell, with a leading ``'`` if a spreadsheet would run it.

    ``None`` is an empty cell. ``bool`` is text ("True"/"False"), not a number.
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)  # a real number: "-3" must stay numeric in the sheet
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _write_rows(stream: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(stream, lineterminator=LINE_END)
    writer.writerow([neutralise_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The whole file as bytes, for callers with their own safe writer."""
    buffer = io.StringIO(newline="")
    _write_rows(buffer, header, rows)
    return buffer.getvalue().encode(ENCODING)


def write_csv(
    path_or_stream: str | os.PathLike[str] | IO[str] | IO[bytes],
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> None:
    """Write ``header`` and ``rows`` as an Excel-safe CSV.

    Given a path, the file appears complete or not at all (an existing file is
    kept until the new one is whole). Given a binary stream, the bytes are
    written to it. Given a text stream, text is written (with its byte order
    mark); open it with ``newline=""`` and UTF-8 so line endings and accents
    survive. A stream is left open.
    """
    if isinstance(path_or_stream, str | os.PathLike):
        _write_file(Path(path_or_stream), header, rows)
    elif isinstance(path_or_stream, io.TextIOBase):
        path_or_stream.write("\ufeff")
        _write_rows(path_or_stream, header, rows)
    else:
        binary = cast(IO[bytes], path_or_stream)
        text = io.TextIOWrapper(binary, encoding=ENCODING, newline="")
        try:
            _write_rows(text, header, rows)
            text.flush()
        finally:
            text.detach()  # hand the caller's stream back open


def _write_file(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    handle, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
    )
    temp = Path(temp_name)
    try:
        with open(handle, "w", encoding=ENCODING, newline="") as stream:
            _write_rows(stream, header, rows)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):  # mkstemp makes it private; match a normal file
            os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
