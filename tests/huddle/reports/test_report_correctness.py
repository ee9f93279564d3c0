"""Report and poster correctness (#15 item 6): each defect seen in the PDFs, pinned."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from huddle.clock import FixedClock
from huddle.reports import export_huddle_summary, export_period_report, export_poster
from huddle.services import HuddleApp
from tests.huddle.reports.pdf_checks import page_texts
from tests.huddle.reports.ward_data import run_huddle


def at(clock: FixedClock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC))


def november_then_december(app: HuddleApp, clock: FixedClock) -> tuple[str, str]:
    """An action overdue in November and closed on 6 Dec; another closed on 15 Nov."""
    at(clock, date(2026, 11, 2))
    late = app.actions.create_action(title="Bed rails audit", due_on=date(2026, 11, 20))
    late = app.actions.change_status(late.id, status="in_progress", expected_version=late.version)
    quick = app.actions.create_action(title="Label the sling sizes", due_on=date(2026, 11, 25))
    at(clock, date(2026, 11, 15))
    app.actions.change_status(
        quick.id, status="done", expected_version=quick.version, note="Labelled in every bay."
    )
    at(clock, date(2026, 12, 6))
    app.actions.change_status(
        late.id, status="done", expected_version=late.version, note="Audit finished."
    )
    return late.id, quick.id


def test_a_past_period_judges_actions_as_they_stood_on_its_last_day(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    november_then_december(app, clock)
    out = export_period_report(
        app, start=date(2026, 11, 1), end=date(2026, 11, 30), out=tmp_path / "r.pdf"
    )
    text = " ".join(page_texts(out))
    actions = text[text.index("4. Improvement actions") :]
    overdue = actions[actions.index("Overdue") : actions.index("Closed in the period")]
    assert "Bed rails audit" in overdue  # open and late on 30 Nov, whatever happened after
    assert "6 Dec" not in text.replace("Generated 6 Dec", "")  # every "as at" inside the period
    assert "at 30 Nov 2026" in actions
    closed = actions[actions.index("Closed in the period") :]
    assert "Label the sling sizes" in closed and "15 Nov 2026" in closed  # its closing date
    assert "Bed rails audit" not in closed  # closed after the period


def test_the_cover_counts_huddles_as_page_two_does(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    for day in (3, 3, 4):  # two huddles on one day
        at(clock, date(2026, 11, day))
        run_huddle(app, clock)
    at(clock, date(2026, 12, 6))
    out = export_period_report(
        app, start=date(2026, 11, 1), end=date(2026, 11, 30), out=tmp_path / "r.pdf"
    )
    cover, second = page_texts(out)[:2]
    assert "HUDDLES HELD 3" in cover.upper()
    assert "3 huddles in all" in second


def test_the_poster_for_november_lists_what_was_overdue_in_november(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    november_then_december(app, clock)
    out = export_poster(app, month=date(2026, 11, 1), out=tmp_path / "p.pdf")
    text = " ".join(page_texts(out))
    assert "Bed rails audit" in text and "(overdue)" in text


def test_the_poster_takes_its_safety_cross_from_the_wards_safety_cross(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    at(clock, date(2026, 11, 3))
    run_huddle(app, clock)  # a huddle was held, but nobody recorded the cross that day
    cross = app.measures.define_measure(
        name="Harm", unit="incidents", better="down", period="day", chart_kind="safety_cross"
    )
    app.measures.record_points(cross.id, [(date(2026, 11, 1), 0), (date(2026, 11, 2), 1)])
    at(clock, date(2026, 12, 6))
    from huddle.reports import poster

    data = poster.gather(app, date(2026, 11, 1))
    screen = app.charts.chart(cross.id).safety_cross(2026, 11, app.clock.today())
    assert data.cross == screen
    assert data.cross.harm_free_days == 1  # 3 Nov had a huddle, but no one recorded it


def test_the_poster_is_readable_from_three_metres(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    run_huddle(app, clock)
    out = export_poster(app, month=clock.today(), out=tmp_path / "p.pdf")
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((text.strip(), size * abs(tm[0] * cm[0] or 1)))

    PdfReader(out).pages[0].extract_text(visitor_text=visit)
    table_text = [size for text, size in runs if "Move call bells" in text]
    assert table_text and min(table_text) >= 14  # the actions table, never shrunk
    harm = app.board.days_since_last_harm()
    counts = [size for text, size in runs if text == str(harm)]
    assert max(counts) >= 48  # days since the last harm, in the big tile


def test_the_summary_keeps_the_lines_of_patients_to_watch(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    huddle = app.huddles.start_huddle()
    app.huddles.set_risks_today(
        huddle.id,
        text="Bay 2: high falls risk\nSide room 4: pressure area care\nBay 6: sepsis watch",
        expected_version=huddle.version,
    )
    app.huddles.finish_huddle(huddle.id)
    out = export_huddle_summary(app, huddle_id=huddle.id, out=tmp_path / "s.pdf")
    lines = [line.strip() for line in (PdfReader(out).pages[0].extract_text() or "").splitlines()]
    assert "Bay 2: high falls risk" in lines
    assert "Side room 4: pressure area care" in lines
    assert "Bay 6: sepsis watch" in lines


def test_the_stalled_heading_reads_the_wards_stale_days(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    """The heading says the ward's own threshold, and lists by the same rule."""
    at(clock, date(2026, 11, 2))
    quiet = app.actions.create_action(title="Check the hoist slings", due_on=date(2027, 1, 30))
    app.actions.change_status(quiet.id, status="in_progress", expected_version=quiet.version)
    app.preferences.set("stale_days", 14)
    at(clock, date(2026, 12, 6))
    out = export_period_report(
        app, start=date(2026, 11, 1), end=date(2026, 11, 30), out=tmp_path / "r.pdf"
    )
    text = " ".join(page_texts(out))
    stalled = text[text.index("Stalled (no progress") : text.index("Closed in the period")]
    assert stalled.startswith("Stalled (no progress for 14 days, or marked stalled)")
    assert "30 days" not in stalled
    assert "Check the hoist slings" in stalled  # 28 quiet days on 30 Nov: over 14
