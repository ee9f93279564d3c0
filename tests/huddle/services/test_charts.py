"""A measure's chart, computed from its stored points, rebases and annotations."""

from __future__ import annotations

from datetime import date, timedelta

from huddle.domain import Rebase
from huddle.services import HuddleApp
from huddle.services.charts import segment_starts


def weekly(start: date, values: list[float]) -> list[tuple[date, float]]:
    return [(start + timedelta(weeks=i), v) for i, v in enumerate(values)]


def test_falls_chart_shows_a_sustained_improvement_after_a_pdsa(app: HuddleApp) -> None:
    falls = app.measures.define_measure(
        name="Falls per 1,000 bed days", better="down", period="week", target=4.0
    )
    before = [7.1, 6.4, 7.8, 6.9, 7.3, 6.2, 7.5, 6.8, 7.0, 7.7, 6.6, 7.2]
    after = [5.1, 4.8, 5.4, 4.9, 5.2, 4.6, 5.0, 4.7]
    app.measures.record_points(falls.id, weekly(date(2026, 1, 5), before + after))
    action = app.actions.create_action(title="Falls huddle at 10 pm", measure_ids=[falls.id])
    app.actions.start_cycle(action.id, plan="Nights for a month", started_on="2026-03-30")
    chart = app.charts.chart(falls.id)
    assert chart.xmr is not None and chart.run is None
    assert chart.xmr.segments[0].baseline_size == 20
    assert [p.type for p in chart.xmr.points[12:]] == ["improvement"] * 8
    assert "shift" in chart.signals
    assert chart.variation == "improvement"
    [placed] = chart.annotations
    assert placed.index == 12 and placed.annotation.text.startswith("PDSA 1")


def test_rebase_splits_the_chart_into_segments(app: HuddleApp) -> None:
    hygiene = app.measures.define_measure(
        name="Hand hygiene", unit="%", better="up", target=95, period="week"
    )
    values = [88, 90, 87, 89, 91, 88, 90, 89, 96, 97, 95, 98, 96, 97]
    app.measures.record_points(hygiene.id, weekly(date(2026, 1, 5), values))
    app.measures.rebase(
        hygiene.id,
        from_date=date(2026, 1, 5) + timedelta(weeks=8),
        reason="New gel dispensers at every bed",
    )
    chart = app.charts.chart(hygiene.id)
    assert chart.xmr is not None
    assert [(s.start, s.stop) for s in chart.xmr.segments] == [(0, 8), (8, 14)]
    assert chart.xmr.segments[1].mean > chart.xmr.segments[0].upl
    assert chart.xmr.segments[1].trial  # six points make trial limits
    assert chart.assurance in {"pass", "fail", "inconsistent"}


def test_segment_starts_ignore_rebases_that_leave_a_lonely_point() -> None:
    days = [date(2026, 1, d) for d in range(1, 11)]

    def rebase(day: int) -> Rebase:
        return Rebase("r", "m", date(2026, 1, day), "why")

    assert segment_starts(days, [rebase(5)]) == [4]
    assert segment_starts(days, [rebase(2), rebase(10)]) == []
    assert segment_starts(days, [rebase(5), rebase(6), rebase(8)]) == [4, 7]


def test_run_chart_measure_and_too_few_points(app: HuddleApp) -> None:
    fft = app.measures.define_measure(
        name="FFT % recommend", better="up", chart_kind="run", period="month"
    )
    assert app.charts.chart(fft.id).run is None
    app.measures.record_points(fft.id, weekly(date(2026, 1, 5), [91, 93, 90, 94, 92, 95]))
    chart = app.charts.chart(fft.id)
    assert chart.run is not None and chart.xmr is None
    assert chart.run.median == 92.5
    assert chart.variation is None


def test_safety_cross_measure_marks_each_day(app: HuddleApp) -> None:
    harm = app.measures.define_measure(
        name="Falls with harm", unit="falls", better="down", period="day", chart_kind="safety_cross"
    )
    entries = [(date(2026, 7, d), 0) for d in range(1, 32) if d not in (9, 20)]
    entries[3] = (date(2026, 7, 4), 1)
    app.measures.record_points(harm.id, entries)
    chart = app.charts.chart(harm.id)
    cross = chart.safety_cross(2026, 7, today=date(2026, 7, 25))
    status = {cell.day.day: cell.status for cell in cross.days}
    assert status[4] == "harm" and status[5] == "harm_free"
    assert status[9] == "no_data" and status[26] == "future"
    assert cross.harm_days == 1 and cross.harm_free_days == 22
    assert chart.days_since_last_harm(date(2026, 7, 25)) == 21
