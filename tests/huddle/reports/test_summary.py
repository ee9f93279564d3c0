"""The one-page huddle summary: content in the right place, one page, embedded fonts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from huddle.clock import FixedClock
from huddle.reports import export_huddle_summary
from huddle.services import HuddleApp
from tests.huddle.reports.pdf_checks import (
    page_texts,
    positioned,
    render_variances,
    unembedded_fonts,
    where,
)
from tests.huddle.reports.ward_data import run_huddle


def test_summary_shows_the_huddle_in_the_right_places(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    made = run_huddle(app, clock)
    out = export_huddle_summary(app, huddle_id=made.huddle_id, out=tmp_path / "summary.pdf")
    words, width, height = positioned(out)
    assert where(words, "Ward 7B").y > height * 0.9  # the header
    assert where(words, "Page 1 of 1").y < height * 0.06  # the footer
    assert where(words, "Page 1 of 1").x > width * 0.8
    assert where(words, "Generated 6 Aug 2026 08:11").y < height * 0.06
    text = page_texts(out)[0]
    for expected in (
        "Daily safety huddle summary",
        "Thu 6 Aug 2026, 08:00 to 08:11 (11 minutes)",
        "Amara K",
        "Ward Sister",
        "Not on the roster",
        "Fall in bay 4",
        "Move call bells within reach at night",
        "Ben T",  # the action's owner
        "20 Aug 2026",
    ):
        assert expected in text, expected
    # the owner sits on the action's row, to its right
    action = where(words, "Move call bells")
    owner = [w for w in words if w.text == "Ben T" and abs(w.y - action.y) < 2]
    assert owner and owner[0].x > action.x


def test_summary_document_properties(app: HuddleApp, clock: FixedClock, tmp_path: Path) -> None:
    made = run_huddle(app, clock)
    out = export_huddle_summary(app, huddle_id=made.huddle_id, out=tmp_path / "summary.pdf")
    reader = PdfReader(out)
    assert reader.metadata is not None
    assert reader.metadata.title == "Daily safety huddle summary, Ward 7B, 6 Aug 2026"
    assert reader.metadata.author == "Ward Huddle"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert unembedded_fonts(out) == []
    assert all(v > 50 for v in render_variances(out, tmp_path))


def test_summary_stays_on_one_page_with_a_lot_in_it(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    long_notes = "Bay 4 had a difficult night with several patients at risk. " * 40
    made = run_huddle(app, clock, notes=long_notes)
    # a second huddle with far more than a page of items
    clock.advance(timedelta(hours=2))
    huddle = app.huddles.start_huddle()
    for n in range(30):
        app.actions.create_action(title=f"Action number {n} " + "detail " * 20, huddle_id=huddle.id)
        app.learning.record_learning(
            kind="near_miss", title=f"Near miss {n}", what_happened="x " * 200, huddle_id=huddle.id
        )
    for section in app.huddles.huddle(huddle.id).sections:
        app.huddles.save_section_notes(section.id, notes=long_notes, expected_version=1)
    app.huddles.finish_huddle(huddle.id)
    for huddle_id in (made.huddle_id, huddle.id):
        out = export_huddle_summary(app, huddle_id=huddle_id, out=tmp_path / "s.pdf")
        assert len(PdfReader(out).pages) == 1
    text = page_texts(out)[0]
    assert "more action" in text and "Page 1 of 1" in text


def test_long_and_non_latin_text_wraps_on_the_page(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    words = (
        "<b>not markup</b> & Zażółć gęślą jaźń, Παπαδόπουλος, مرحبا بكم, 😀 and a long word "
        + "x" * 250
    )
    made = run_huddle(app, clock, notes=words)
    out = export_huddle_summary(app, huddle_id=made.huddle_id, out=tmp_path / "s.pdf")
    assert len(PdfReader(out).pages) == 1
    text = page_texts(out)[0]
    assert "Zażółć gęślą jaźń" in text
    assert "Παπαδόπουλος" in text
    assert "<b>not markup</b> &" in text  # printed as typed, never read as markup
    found, width, _ = positioned(out)
    assert all(w.x < width for w in found)
    assert unembedded_fonts(out) == []
