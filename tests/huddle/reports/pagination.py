"""Reading a PDF's pages back as a reader meets them: what opens each page, how full
the last one is. For #15's pagination rules (no orphan line at the top of a page, no
nearly empty last page), checked on the exported files with pypdf."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader

from huddle.reports.layout import FOOTER_H, HEADER_H, MARGIN

HEADING_SIZE = 11.0  # h2 and up (the house styles' h2 is 11 pt, h1 14 pt)
LAST_PAGE_SHARE = 0.25  # the last page holds at least this share of a full page's lines
MIN_ROWS = 2  # a table carried over to a new page brings at least this many rows
ROW_GAP = 13.0  # points between baselines: more than a wrapped line's leading


@dataclass(frozen=True)
class Run:
    text: str
    y: float
    size: float
    white: bool  # drawn in white: a table's header row, on its blue band


def body_runs(path: Path) -> list[list[Run]]:
    """Each page's text runs between the running header and footer, top first."""
    return [page_runs(page) for page in PdfReader(path).pages]


def page_runs(page: PageObject) -> list[Run]:
    height = float(page.mediabox.height)
    top, bottom = height - MARGIN - HEADER_H, MARGIN + FOOTER_H
    fill = [(0.0, 0.0, 0.0)]
    found: list[Run] = []

    def colour(op: bytes, args: list, cm: list, tm: list) -> None:
        if op == b"rg":
            fill[0] = tuple(float(a) for a in args)  # type: ignore[assignment]
        elif op == b"g":
            fill[0] = (float(args[0]),) * 3  # type: ignore[assignment]

    def text(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if not text.strip():
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if bottom <= y <= top:
            scale = abs(tm[3] * cm[3]) or 1.0
            white = all(c > 0.99 for c in fill[0])
            found.append(Run(text.strip(), y, size * scale, white))

    page.extract_text(visitor_operand_before=colour, visitor_text=text)
    return sorted(found, key=lambda r: -r.y)


def rows_of(runs: list[Run]) -> list[tuple[float, list[Run]]]:
    """Runs on the same baseline (within 2 pt) together, top to bottom."""
    rows: list[tuple[float, list[Run]]] = []
    for run in runs:
        if rows and abs(rows[-1][0] - run.y) < 2:
            rows[-1][1].append(run)
        else:
            rows.append((run.y, [run]))
    return rows


def lines(runs: list[Run]) -> list[str]:
    return [" ".join(r.text for r in row) for _, row in rows_of(runs)]


def continued_rows(runs: list[Run]) -> int:
    """How many table rows follow a page's repeated header before the next heading.

    A wrapped cell's lines sit one leading (10.5 pt) apart; the next row starts
    further down, past the cell padding and the hairline, so a wider gap is a new row.
    """
    body = [(y, row) for y, row in rows_of(runs) if not all(r.white for r in row)]
    count, last_y = 0, None
    for y, row in body:
        if row[0].size >= HEADING_SIZE:
            break
        if last_y is None or last_y - y > ROW_GAP:
            count += 1
        last_y = y
    return count


def pagination_problems(path: Path, *, first_page_free: bool = True) -> list[str]:
    """What breaks the rules: a page that opens with anything but a heading or a
    continued table's header row; a continued table with only one row on its new
    page (its last row, or a lone "+34 more"); a heading left at a page's foot; a
    last page holding under a quarter of a full page's lines."""
    pages = body_runs(path)
    problems = []
    for number, runs in enumerate(pages, start=1):
        if number == 1 and first_page_free or not runs:
            continue
        first = runs[0]
        if not (first.size >= HEADING_SIZE or first.white):
            problems.append(f"page {number} opens with {first.text!r}")
        elif first.white and continued_rows(runs) < MIN_ROWS:
            after = next((r.text for r in runs if not r.white), "")
            problems.append(f"page {number} continues a table with one row: {after!r}")
        if number < len(pages) and runs[-1].size >= HEADING_SIZE:
            problems.append(f"page {number} ends with the heading {runs[-1].text!r}")
    if len(pages) > 1:
        counts = [len(lines(runs)) for runs in pages]
        full = max(counts[:-1])
        if counts[-1] < LAST_PAGE_SHARE * full:
            problems.append(f"the last page holds {counts[-1]} lines of a full page's {full}")
    return problems
