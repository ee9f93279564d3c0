"""Rare events (#15 item 4): days between events, a t-chart, chosen in the measure's settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huddle.domain import RareEventChart
from huddle.services import HuddleApp
from huddle.spc.rare_events import POWER, days_between, event_dates


def test_a_periods_events_are_spread_over_it() -> None:
    start = date(2026, 3, 1)
    assert event_dates([(start, 3)], period_days=30) == [
        start,
        start + timedelta(days=10),
        start + timedelta(days=20),
    ]
    assert (
        event_dates([(start, 0), (start + timedelta(days=1), 2)]) == [start + timedelta(days=1)] * 2
    )


def test_the_t_chart_transforms_and_turns_the_lines_back_into_days() -> None:
    start = date(2026, 1, 1)
    gaps = [10, 12, 9, 11, 10, 13, 9, 12, 10, 11, 12, 10, 60]
    day, points = start, [(start, 1.0)]
    for gap in gaps:
        day += timedelta(days=gap)
        points.append((day, 1.0))
    rare = days_between(points, better="down")
    assert rare is not None
    assert rare.days == tuple(float(g) for g in gaps)
    assert rare.dates[-1] == day and rare.events == len(gaps) + 1
    t = rare.transformed.latest_segment
    assert rare.chart.mean == pytest.approx(t.mean**POWER)
    assert rare.chart.upl == pytest.approx(t.upl**POWER)
    assert rare.chart.lpl == pytest.approx(max(t.lpl, 0) ** POWER)
    # fewer harms are better, so a long gap since the last one is an improvement
    assert rare.chart.better == "up"
    assert rare.chart.points[-1].type == "improvement"


def test_too_few_events_give_no_chart() -> None:
    assert days_between([(date(2026, 1, 1), 1), (date(2026, 2, 1), 1)], better="down") is None


def test_the_measure_setting_chooses_alongside_or_instead(app: HuddleApp) -> None:
    measure = app.measures.define_measure(
        name="Falls with harm", unit="falls", better="down", period="week"
    )
    start = date(2026, 1, 5)
    counts = [0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    app.measures.record_points(
        measure.id, [(start + timedelta(weeks=w), c) for w, c in enumerate(counts)]
    )
    plain = app.charts.chart(measure.id, as_of=date(2026, 12, 31))
    assert plain.rare is None and plain.verdict.chart == "xmr"
    measure = app.measures.update_measure(
        measure.id, expected_version=measure.version, rare_event_chart="alongside"
    )
    beside = app.charts.chart(measure.id, as_of=date(2026, 12, 31))
    assert beside.rare is not None and beside.rare.events == 5
    assert beside.verdict == plain.verdict  # alongside: the XmR still gives the verdict
    measure = app.measures.update_measure(
        measure.id, expected_version=measure.version, rare_event_chart=RareEventChart.INSTEAD
    )
    instead = app.charts.chart(measure.id, as_of=date(2026, 12, 31))
    assert instead.verdict.chart == "days_between"
    assert instead.verdict.centre == pytest.approx(instead.rare.chart.mean)  # type: ignore[union-attr]


def test_a_bad_setting_is_refused(app: HuddleApp) -> None:
    from huddle.errors import ValidationError

    with pytest.raises(ValidationError):
        app.measures.define_measure(name="Falls", rare_event_chart="sometimes")
