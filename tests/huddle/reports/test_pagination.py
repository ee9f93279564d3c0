"""#15 item 3: on a ten-year ward, the ward report (1, 3 and 12 months), the action
log (open and all) and the huddle summary never open a page with an orphan line
(a lone "+34 more" or a table's last row) and never end on a nearly empty page.

The rules, read back from the PDFs (:mod:`tests.huddle.reports.pagination`): every
page after the first opens with a heading or a continued table's header row, a
continued table brings at least two rows, and the last page holds at least a
quarter of the lines of the fullest page (or the document is one page).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from huddle.clock import FixedClock
from huddle.reports import export_action_log, export_huddle_summary, export_period_report
from huddle.reports.layout import make_styles
from huddle.reports.parts import MIN_ROWS, TAIL_SHARE, data_table
from huddle.services import HuddleApp
from tests.huddle.reports.pagination import pagination_problems

END = date(2026, 11, 30)
STARTS = {1: date(2026, 11, 1), 3: date(2026, 9, 1), 12: date(2025, 12, 1)}


@pytest.fixture(scope="module")
def ward(ten_year_ward: Path) -> Iterator[HuddleApp]:
    clock = FixedClock(datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    app = HuddleApp.open(ten_year_ward, clock=clock, read_only=True)
    try:
        yield app
    finally:
        app.close()


@pytest.mark.parametrize("months", sorted(STARTS))
def test_the_ward_report_paginates_cleanly(ward: HuddleApp, tmp_path: Path, months: int):
    out = export_period_report(ward, start=STARTS[months], end=END, out=tmp_path / "r.pdf")
    assert pagination_problems(out) == []


@pytest.mark.parametrize("status", ["open", "all"])
def test_the_action_log_paginates_cleanly(ward: HuddleApp, tmp_path: Path, status: str):
    out = export_action_log(ward, out=tmp_path / "a.pdf", status=status)
    assert pagination_problems(out) == []


def test_the_huddle_summary_paginates_cleanly(ward: HuddleApp, tmp_path: Path):
    latest = ward.huddles.latest_finished()
    assert latest is not None
    out = export_huddle_summary(ward, huddle_id=latest.id, out=tmp_path / "s.pdf")
    assert pagination_problems(out) == []


def tables_at_every_height(tmp_path: Path, rows: int, **options) -> Iterator[Path]:
    """One PDF per vertical start, so the table breaks after each of its rows in turn."""
    from reportlab.platypus import Spacer

    styles = make_styles()
    body = [[f"Action {n}", "Falls lead", "+34 more" if n == rows else "Done"]
            for n in range(1, rows + 1)]  # fmt: skip
    for offset in range(0, 680, 23):
        path = tmp_path / f"t{offset}.pdf"
        doc = SimpleDocTemplate(str(path), pagesize=A4)
        table = data_table(["Action", "Owner", "Status"], body, [200, 120, 120], styles,
                           **options)  # fmt: skip
        doc.build([Spacer(1, offset), table])
        yield path


def test_a_table_never_leaves_one_row_alone_on_either_side_of_a_break(tmp_path: Path):
    from pypdf import PdfReader

    for path in tables_at_every_height(tmp_path, 60):
        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
        for text in pages:
            rows = [line for line in text.splitlines() if line.startswith("Action ")]
            assert not rows or len(rows) >= MIN_ROWS, (path.name, rows)
        assert "+34 more" in pages[-1] and "Action 59" in pages[-1]


def test_a_table_that_ends_the_document_fills_its_last_page(tmp_path: Path):
    from pypdf import PdfReader

    height = A4[1] - 2 * 72  # SimpleDocTemplate's frame
    for path in tables_at_every_height(tmp_path, 90, page_height=height):
        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
        last = [line for line in pages[-1].splitlines() if line.startswith("Action ")]
        full = max(
            len([line for line in text.splitlines() if line.startswith("Action ")])
            for text in pages
        )
        assert len(pages) == 1 or len(last) >= TAIL_SHARE * full * 0.9, (path.name, len(last))
