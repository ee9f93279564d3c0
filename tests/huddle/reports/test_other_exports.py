"""The period report, action log (PDF and CSV), poster and thank-you slips."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from huddle.clock import FixedClock
from huddle.errors import ValidationError
from huddle.reports import (
    export_action_log,
    export_period_report,
    export_poster,
    export_slip,
)
from huddle.services import HuddleApp
from tests.huddle.reports.pdf_checks import (
    page_texts,
    positioned,
    render_variances,
    unembedded_fonts,
    where,
)
from tests.huddle.reports.ward_data import add_measures, run_huddle


def test_period_report_starts_with_page_1_of_n_and_covers_everything(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    run_huddle(app, clock)
    add_measures(app)
    seen: list[tuple[int, int]] = []
    out = export_period_report(
        app,
        start=date(2026, 6, 1),
        end=date(2026, 8, 31),
        out=tmp_path / "report.pdf",
        progress=lambda done, total: seen.append((done, total)),
    )
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert pages >= 3
    words, _, height = positioned(out, 0)
    assert where(words, f"Page 1 of {pages}").y < height * 0.06
    texts = page_texts(out)
    assert "Ward improvement report" in texts[0] and "1 Jun 2026 to 31 Aug 2026" in texts[0]
    everything = " ".join(texts)
    for expected in (
        "HUDDLES HELD",
        "Attendance by role",
        "Staff Nurse",
        "Falls per 1,000 bed days",
        "Common cause",  # a variation icon's words
        "Hand hygiene compliance",
        "Sensor mats in bay 4",  # an annotation on the chart
        "Learning",
        "Fall in bay 4",
        "Audit sensor mats",  # overdue
        "PDSA cycles completed",
    ):
        assert expected in everything, expected
    assert reader.metadata is not None and reader.metadata.author == "Ward Huddle"
    assert unembedded_fonts(out) == []
    assert all(v > 50 for v in render_variances(out, tmp_path))
    assert seen and seen[-1][0] == seen[-1][1]


def test_period_report_of_an_empty_ward(app: HuddleApp, tmp_path: Path) -> None:
    out = export_period_report(
        app, start=date(2026, 7, 1), end=date(2026, 7, 31), out=tmp_path / "r.pdf"
    )
    assert "No huddles were held" in " ".join(page_texts(out))


def test_period_report_refuses_a_backwards_period(app: HuddleApp, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        export_period_report(app, start=date(2026, 7, 31), end=date(2026, 7, 1), out=tmp_path / "r")
    assert list(tmp_path.glob("r*")) == []


def test_action_log_repeats_its_header_on_every_landscape_page(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    run_huddle(app, clock)
    for n in range(70):
        app.actions.create_action(title=f"Improvement {n:02d}", detail="Some detail. " * 5)
    out = export_action_log(app, out=tmp_path / "log.pdf", status="all")
    reader = PdfReader(out)
    assert len(reader.pages) >= 2
    first = reader.pages[0].mediabox
    assert float(first.width) > float(first.height)  # landscape
    for number, text in enumerate(page_texts(out), start=1):
        assert "Action Owner Status Priority Due Last progress From" in text
        assert f"Page {number} of {len(reader.pages)}" in text
    everything = " ".join(page_texts(out))
    assert "Audit sensor mats" in everything and "Falls lead" in everything
    assert "Planned, overdue" in everything


def test_action_log_open_leaves_out_closed_actions(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    run_huddle(app, clock)
    done = app.actions.create_action(title="Finished thing")
    app.actions.change_status(done.id, status="done", note="All sorted", expected_version=1)
    open_log = " ".join(page_texts(export_action_log(app, out=tmp_path / "o.pdf")))
    all_log = " ".join(page_texts(export_action_log(app, out=tmp_path / "a.pdf", status="all")))
    assert "Finished thing" not in open_log and "Finished thing" in all_log


def test_action_log_csv_neutralises_hostile_cells(app: HuddleApp, tmp_path: Path) -> None:
    for title in ('=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tTab", "Plain"):
        app.actions.create_action(title=title, owner_text="=cmd|' /C calc'!A0")
    out = export_action_log(app, out=tmp_path / "log.csv", status="all")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Title", "Detail", "Owner"]
    titles = {r[0] for r in rows[1:]}
    assert "Plain" in titles
    for row in rows[1:]:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", cell
        assert row[2] == "'=cmd|' /C calc'!A0"


def test_poster_is_one_a3_page_with_the_safety_cross(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    made = run_huddle(app, clock)
    add_measures(app)
    out = export_poster(app, month=date(2026, 8, 1), out=tmp_path / "poster.pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 1191)  # A3
    text = page_texts(out)[0]
    for expected in ("Safety cross: August 2026", "DAYS SINCE LAST HARM", "Our measures",
                     "Top open actions", "Recent learning", "Thank you",
                     "Early escalation of sepsis", "Red with H"):  # fmt: skip
        assert expected in text, expected
    assert " H " in f" {text} "  # the harm day carries a letter, not colour alone
    assert unembedded_fonts(out) == []
    assert all(v > 50 for v in render_variances(out, tmp_path))
    assert made.incident_id


def test_slips_fill_up_to_four_quarters(app: HuddleApp, clock: FixedClock, tmp_path: Path) -> None:
    made = run_huddle(app, clock)
    more = [
        app.learning.record_learning(kind="excellence", title=f"Kindness {n}").id for n in range(3)
    ]
    out = export_slip(app, learning_id=made.excellence_id, more_learning_ids=more,
                      out=tmp_path / "slips.pdf")  # fmt: skip
    text = page_texts(out)[0]
    assert len(PdfReader(out).pages) == 1
    assert text.count("Thank you") == 4
    assert "Early escalation of sepsis" in text and "Kindness 2" in text
    assert unembedded_fonts(out) == []


def test_slips_are_for_excellence(app: HuddleApp, clock: FixedClock, tmp_path: Path) -> None:
    made = run_huddle(app, clock)
    with pytest.raises(ValidationError, match="not an excellence item"):
        export_slip(app, learning_id=made.incident_id, out=tmp_path / "s.pdf")
    assert not (tmp_path / "s.pdf").exists()
