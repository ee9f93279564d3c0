"""One verdict everywhere (#15): on a ten-year sample ward, for every measure and
three dates, the Today tile, the Measures page header, the huddle runner's safety
section, ``huddle measures --json``, the ward report ending that day and the poster
for its month say the same thing.

Before #15 the report and the poster recomputed each chart on their last 36
points, so matron read "Common cause" where the ward saw "Improvement (low)".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from huddle.cli.main import main
from huddle.clock import FixedClock
from huddle.formatting import measure_value
from huddle.reports import export_period_report, export_poster
from huddle.services import HuddleApp
from huddle.spc.verdict import limits_text, verdict_line
from tests.huddle.reports.pdf_checks import page_texts
from ui import theme
from ui.context import ChangeBus, UiContext
from ui.pages.measures import MeasuresPage
from ui.pages.today import TodayPage
from ui.runner.look import runner_scale
from ui.runner.measures_glance import MeasuresGlance, latest_text

# month ends, so the report ending that day and the poster for its month share it
AS_OF = (date(2019, 2, 28), date(2023, 7, 31), date(2026, 11, 30))


@pytest.fixture(params=AS_OF, ids=str)
def ward_on(request, ten_year_ward: Path) -> Iterator[tuple[HuddleApp, date]]:
    day: date = request.param
    app = HuddleApp.open(
        ten_year_ward,
        clock=FixedClock(datetime.combine(day, datetime.min.time(), UTC).replace(hour=12)),
        read_only=True,
    )
    try:
        yield app, day
    finally:
        app.close()


def squeeze(text: str) -> str:
    """Text with every space and line break gone (PDF lines wrap anywhere)."""
    return "".join(text.split())


def hosted(qtbot, page: QWidget) -> QWidget:
    host = QWidget()
    theme.apply_style(host)  # styled as the main window styles it
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(page)
    qtbot.addWidget(host)
    host.resize(1600, 1000)
    host.show()
    page.host = host  # type: ignore[attr-defined]
    return host


def test_every_surface_prints_the_same_verdict(
    qtbot, ward_on, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, day = ward_on
    charts = app.charts.all_charts(as_of=day)
    assert len(charts) >= 5
    assert app.charts.all_charts() == charts  # the app, on that day, shows exactly these

    # the command line
    assert main(["measures", "--db", str(app.path), "--as-of", day.isoformat(), "--json"]) == 0
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    for chart in charts:
        row, v = rows[chart.measure.name], chart.verdict
        assert (row["variation_label"], row["assurance_label"]) == (
            v.variation_label,
            v.assurance_label,
        )
        assert (row["centre"], row["lower_limit"], row["upper_limit"]) == (
            v.centre,
            v.lower_limit,
            v.upper_limit,
        )
        assert row["as_of"] == day.isoformat()

    # the Today tile: icons' names and the words beside them
    ctx = UiContext(app=app, bus=ChangeBus(app), read_only=True)
    today = TodayPage(ctx)
    hosted(qtbot, today)
    today.refresh()
    tile_words = " ".join(today.measures_tile.lines())
    names = {w.accessibleName() for w in today.measures_tile.findChildren(QWidget)}
    on_today = [c for c in charts if any(n.startswith(f"{c.measure.name}, ") for n in names)]
    assert on_today  # Today shows the few it has room for
    for chart in on_today:
        v = chart.verdict
        if chart.measure.chart_kind.value != "safety_cross":
            assert v.variation_label in tile_words
        assert f"{chart.measure.name}, variation: {v.variation_label}" in names
        assert f"{chart.measure.name}, assurance: {v.assurance_label}" in names

    # the Measures page header
    page = MeasuresPage(ctx)
    hosted(qtbot, page)
    page.refresh()
    for chart in charts:
        page.select(chart.measure.id)
        assert page.measure_name.text() == chart.measure.name
        assert page.variation.text.text() == chart.verdict.variation_label
        assert page.assurance.text.text() == chart.verdict.assurance_label
        assert page.limits.text() == limits_text(chart.verdict)

    # the huddle runner's safety section, as of a huddle held that day
    glance = MeasuresGlance(ctx, runner_scale(ctx))
    hosted(qtbot, glance)
    glance.show_day(day)
    assert glance.charts == charts
    runner_words = glance.lines()
    icons = {w.accessibleName() for w in glance.findChildren(QLabel) if w.pixmap().width()}
    for chart in charts:
        v = chart.verdict
        row = runner_words.index(latest_text(chart))
        assert runner_words[row + 1].startswith(f"{v.variation_label} · {v.assurance_label}")
        assert f"{chart.measure.name}, variation: {v.variation_label}" in icons
        assert f"{chart.measure.name}, assurance: {v.assurance_label}" in icons
        if chart.points:
            m = chart.measure
            latest = measure_value(chart.points[-1].value, m.unit, name=m.name)
            assert f"{chart.measure.name}: {latest} (" in runner_words[row]

    # the ward report ending that day (a quarter) and the poster for its month
    report = export_period_report(
        app, start=day.replace(day=1, month=max(day.month - 2, 1)), end=day, out=tmp_path / "r.pdf"
    )
    report_text = squeeze(" ".join(page_texts(report)))
    poster = export_poster(app, month=day, out=tmp_path / "p.pdf")
    poster_text = squeeze(" ".join(page_texts(poster)))
    for chart in charts:
        v = chart.verdict
        assert squeeze(chart.measure.name + verdict_line(v)) in report_text, chart.measure.name
        start = poster_text.index(squeeze(chart.measure.name))
        variation = poster_text.index(squeeze(v.variation_label), start)
        assurance = poster_text.index(squeeze(v.assurance_label), variation)
        lines = poster_text.index(squeeze(limits_text(v) or "–"), assurance)
        assert lines - start < 400, chart.measure.name


def test_the_report_and_the_screen_disagreed_before_one_verdict(ten_year_ward: Path) -> None:
    """The failure #15 reports: the latest 36 points judged alone give other words."""
    from huddle.services.charts import build_chart

    with HuddleApp.open(ten_year_ward, read_only=True) as app:
        differs = 0
        for measure in app.measures.measures():
            whole = app.charts.chart(measure.id, as_of=AS_OF[-1])
            if whole.xmr is None:
                continue
            shown = [p for p in app.measures.points(measure.id) if p.period_start <= AS_OF[-1]]
            last_36 = build_chart(measure, shown[-36:], [], [])
            differs += last_36.verdict.centre != whole.verdict.centre
            # the window the report prints keeps the whole chart's verdict and lines
            windowed = app.charts.chart(measure.id, as_of=AS_OF[-1], window=36)
            assert windowed.verdict == whole.verdict
            assert len(windowed.shown_points) == 36
        assert differs  # the old way really did print other numbers
