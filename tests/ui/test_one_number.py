"""One number formatter (#17): a measure's value reads the same on the Measures
list and its grid, the Today tile, the huddle runner and the ward report PDF, because
every one of them calls ``huddle.formatting.number`` / ``measure_value``.

Before, the Measures page kept two decimals ("6.55", "0.73 per 1,000 bed days") where
the PDF printed one ("6.5": a float's 6.549999..., rounded down) and the unit was said
twice beside a name that already said it ("Falls per 1,000 bed days: 4 per 1,000 bed
days").
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from huddle import formatting
from huddle.formatting import exact_number, measure_value, number, unit_in_name
from huddle.reports import export_period_report
from huddle.services import HuddleApp
from tests.helpers import pages
from tests.huddle.reports.pdf_checks import page_texts
from ui.measures.points_grid import NOTE, VALUE
from ui.pages.measures import MeasuresPage
from ui.pages.today import TodayPage
from ui.pages.today_tiles import measure_lines
from ui.runner.look import runner_scale
from ui.runner.measures_glance import MeasuresGlance

LAST = date(2026, 7, 27)  # the latest week; the fixed clock says 6 Aug 2026
# (name, unit, latest value, target, what every surface prints for the latest value)
MEASURES = [
    ("Beds occupied", "bed days", 1234, None, "1,234 bed days"),
    ("Falls rate", "per 1,000 bed days", 6.55, 5, "6.6 per 1,000 bed days"),
    ("Falls per 1,000 bed days", "per 1,000 bed days", 0.733, 0.5, "0.73"),
    ("Hand hygiene", "%", 92, 95, "92%"),
    ("Pressure ulcers", "", 0, 0, "0"),
]


def test_the_one_formatter_s_rules() -> None:
    assert [number(v) for v in (1234, 6.55, 0.733, 0, 12.0, 1234.56, 0.05, 0.999)] == [
        "1,234",
        "6.6",  # 6.55 as typed, rounded half up as people do (a float alone says 6.5)
        "0.73",
        "0",
        "12",
        "1,234.6",
        "0.05",
        "1",
    ]
    assert number(92, "%") == number(92, "per cent") == "92%"
    assert number(None) == number(float("nan")) == measure_value(None, "falls") == "–"
    assert number(0.00001) == "0.00001"  # never "1e-05"
    assert exact_number(2.25) == "2.25" and exact_number(1234.0) == "1234"
    assert exact_number(1250, grouped=True) == "1,250"
    # the old copies are gone: nothing else formats a value
    from huddle.spc import verdict
    from ui.measures import words

    assert not hasattr(verdict, "number_text") and not hasattr(words, "number")


def test_a_unit_is_said_once() -> None:
    """#17 item 2: a label that names the unit is not followed by it again."""
    unit = "per 1,000 bed days"
    assert measure_value(4, unit) == "4 per 1,000 bed days"
    assert measure_value(4, unit, name="Falls per 1,000 bed days") == "4"
    assert measure_value(4, unit, name="Falls  per 1,000 BED days") == "4"
    assert measure_value(3, "falls", name="Inpatient falls") == "3"
    assert measure_value(3, "day", name="Days since harm") == "3 day"  # whole words only
    assert measure_value(92, "%", name="Hand hygiene %") == "92%"
    assert not unit_in_name("", "Falls")


@pytest.fixture
def ward(app: HuddleApp) -> HuddleApp:
    for name, unit, latest, target, _ in MEASURES:
        measure = app.measures.define_measure(
            name=name, unit=unit, better="down", target=target, period="week"
        )
        # steady earlier weeks, so each chart has limits; the value under test last
        earlier = [(LAST - timedelta(weeks=w), latest) for w in range(12, 0, -1)]
        app.measures.record_points(measure.id, [*earlier, (LAST, latest)])
    return app


def test_every_surface_prints_a_value_the_same_way(qtbot, ward: HuddleApp, tmp_path: Path):
    charts = {c.measure.name: c for c in ward.charts.all_charts()}
    page = pages.open_page(qtbot, MeasuresPage, pages.ui_context(ward))
    listed = page.list_model
    runner = MeasuresGlance(page.ctx, runner_scale(page.ctx))
    qtbot.addWidget(runner)
    runner.show_day(date(2026, 8, 6))
    report = export_period_report(
        ward, start=date(2026, 7, 1), end=date(2026, 7, 31), out=tmp_path / "r.pdf"
    )
    pdf = "".join(" ".join(page_texts(report)).split())
    today = pages.open_page(qtbot, TodayPage, page.ctx)
    tile = today.measures_tile.lines()
    expected = {f"{printed} · {name}" for name, *_, printed in MEASURES}
    on_today = [line for line in tile if line.split(" · ", 1)[-1] in charts]
    assert on_today and set(on_today) <= expected  # Today shows the few it has room for

    for name, unit, value, target, printed in MEASURES:
        chart = charts[name]
        assert measure_value(value, unit, name=name) == printed
        # the Measures list, beside the name
        assert listed.latest_text(chart) == f"{printed} (27 Jul)"
        # the grid: the number as read, the exact value to edit
        page.select(chart.measure.id)
        grid = page.points_model
        row = grid.row_count() - 2  # the last point; a blank row follows it
        cell = grid.index(row, VALUE)
        assert grid.data(cell, Qt.ItemDataRole.DisplayRole) == number(value, unit)
        assert grid.data(cell, Qt.ItemDataRole.EditRole) == exact_number(value)
        # the target beside the page's heading
        said = "no target" if target is None else f"target {measure_value(target, unit, name=name)}"
        assert f" · {said} · " in page.details.text()
        # the Today tile and the huddle runner
        assert measure_lines(chart)[0] == f"{printed} · {name}"
        assert f"{name}: {printed} (Week of 27 Jul 2026)" in runner.lines()
        # the ward report: the Latest and Target cells of the measure's row
        target_text = measure_value(target, unit, name=name)
        assert "".join(f"{name}".split()) in pdf
        row_text = pdf[pdf.index("".join(name.split())) :]
        assert row_text.index("".join(printed.split())) < row_text.index("27Jul2026")
        assert "".join(f"27 Jul 2026{target_text}".split()) in row_text

    assert formatting.number(None) == "–" and "–" in pdf  # the target no measure has


def test_a_value_edited_in_the_grid_keeps_what_was_typed(qtbot, app: HuddleApp) -> None:
    """The grid reads 2.3 like everywhere else, but edits and saves 2.25 as stored."""
    measure = app.measures.define_measure(name="Falls rate", unit="per 1,000 bed days")
    app.measures.record_points(measure.id, [(LAST, 2.25)])
    page = pages.open_page(qtbot, MeasuresPage, pages.ui_context(app))
    page.select(measure.id)
    grid = page.points_model
    value = grid.index(0, VALUE)
    assert grid.data(value, Qt.ItemDataRole.DisplayRole) == "2.3"
    assert grid.data(value, Qt.ItemDataRole.EditRole) == "2.25"
    assert grid.data(value, Qt.ItemDataRole.ToolTipRole) == "Saved as 2.25"
    assert grid.setData(grid.index(0, NOTE), "Bay 4 closed for a week")
    page.save_button.click()
    (saved,) = app.measures.points(measure.id)
    assert (saved.value, saved.note) == (2.25, "Bay 4 closed for a week")
    # a value typed again over the old one is saved as typed too
    assert grid.setData(value, "1,234.56")
    assert grid.data(value, Qt.ItemDataRole.DisplayRole) == "1,234.56"  # as typed, until saved
    page.save_button.click()
    assert app.measures.points(measure.id)[0].value == 1234.56
    assert grid.data(grid.index(0, VALUE), Qt.ItemDataRole.DisplayRole) == "1,234.6"
