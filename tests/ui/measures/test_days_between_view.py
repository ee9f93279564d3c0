"""#15 item 2: a rare-event measure's "days between events" chart on the Measures
page: the report's points, lines and words, from the same function."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from huddle.domain import RareEventChart
from huddle.reports import export_period_report
from huddle.services import HuddleApp
from huddle.spc.verdict import limits_text
from tests.helpers import pages
from tests.huddle.reports.pdf_checks import page_texts
from ui.pages.measures import MeasuresPage

START = date(2025, 6, 2)  # a Monday
COUNTS = [0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 1]


def falls_with_harm(app: HuddleApp, setting: RareEventChart) -> str:
    measure = app.measures.define_measure(
        name="Falls with harm", unit="falls", better="down", period="week",
        rare_event_chart=setting,
    )  # fmt: skip
    app.measures.record_points(
        measure.id, [(START + timedelta(weeks=w), c) for w, c in enumerate(COUNTS)]
    )
    return measure.id


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("setting", [RareEventChart.ALONGSIDE, RareEventChart.INSTEAD])
def test_the_measures_page_draws_the_reports_days_between_chart(
    qtbot, app: HuddleApp, tmp_path: Path, setting: RareEventChart
) -> None:
    measure_id = falls_with_harm(app, setting)
    page = pages.open_page(qtbot, MeasuresPage, pages.ui_context(app))
    page.resize(1400, 1600)
    page.select(measure_id)
    chart = app.charts.chart(measure_id)
    rare = chart.rare
    assert rare is not None
    shown = page.days_between
    assert shown.isVisibleTo(page) and shown.chart is not None
    assert page.views.isVisibleTo(page) == (setting is RareEventChart.ALONGSIDE)

    # the same points (days between events, dated by the later event) and lines
    plan = shown.view.drawing_plan()
    assert [p.value for p in plan.points] == list(rare.days)
    assert [p.day for p in plan.points] == list(rare.dates)
    assert [p.kind for p in plan.points] == [
        "neutral" if p.type.startswith("neutral") else p.type for p in rare.chart.points
    ]
    margin = [t.text for t in plan.texts if t.role == "margin"]
    assert f"Mean {limits_text(shown.chart.verdict).split(' · ')[0].split()[-1]}" in margin
    axis = [t.text for t in plan.texts if t.role == "unit"]
    assert axis[0].startswith("Days between events")
    legend = [entry.text for entry in plan.legend]
    assert "Mean" in legend and "Process limits" in legend

    # the words: the note is the report's sentence; the header says the page's verdict
    report = export_period_report(
        app, start=date(2025, 12, 1), end=date(2026, 2, 28), out=tmp_path / "r.pdf"
    )
    text = squeeze(" ".join(page_texts(report)))
    note = shown.note.text()
    assert note.startswith("Days between events (t-chart): 7 gaps between 8 events")
    assert squeeze(note) in text
    assert page.variation.text.text() == chart.verdict.variation_label
    assert page.limits.text() == limits_text(chart.verdict)
    if setting is RareEventChart.INSTEAD:  # the days between events give the verdict
        assert chart.verdict == shown.chart.verdict
        assert page.limits.text().endswith(limits_text(shown.chart.verdict))


def test_a_measure_without_the_setting_shows_no_days_between_chart(qtbot, app) -> None:
    measure_id = falls_with_harm(app, RareEventChart.NONE)
    page = pages.open_page(qtbot, MeasuresPage, pages.ui_context(app))
    page.select(measure_id)
    assert not page.days_between.isVisibleTo(page) and page.views.isVisibleTo(page)


def test_a_safety_cross_keeps_its_calendar_with_too_few_events_for_the_chart(qtbot, app):
    cross = app.measures.define_measure(
        name="Falls with harm (safety cross)", better="down", period="day",
        chart_kind="safety_cross", rare_event_chart="instead",
    )  # fmt: skip
    app.measures.record_points(cross.id, [(date(2026, 8, d), int(d == 3)) for d in range(1, 6)])
    page = pages.open_page(qtbot, MeasuresPage, pages.ui_context(app))
    page.select(cross.id)
    assert page.views.isVisibleTo(page) and page.views.currentWidget() is page.cross_view
    assert page.days_between.chart is None
    assert page.days_between.note.text().endswith("no days between them to chart yet.")
