"""The chart view: what it plans to draw (colours, lines, markers), what it paints,
and what hover and the keyboard tell a person."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from huddle.services import HuddleApp
from huddle.services.charts import MeasureChart
from huddle.spc import verdict
from ui.measures.chart_view import ChartView

START = date(2026, 1, 5)
BEFORE = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 9, 11]  # a stable baseline
AFTER = [6, 5, 7, 6, 5, 6, 7, 6]  # a shift down, which is better for falls


def weekly(values: list[float]) -> list[tuple[date, float]]:
    return [(START + timedelta(weeks=i), v) for i, v in enumerate(values)]


def make_chart(app: HuddleApp, values: list[float], **options) -> MeasureChart:
    options = {
        "name": "Inpatient falls",
        "unit": "falls",
        "better": "down",
        "period": "week",
        **options,
    }
    measure = app.measures.define_measure(**options)
    app.measures.record_points(measure.id, weekly(values))
    return app.charts.chart(measure.id)


def shown(qtbot, chart: MeasureChart | None) -> ChartView:
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.set_chart(chart)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def falls(app: HuddleApp) -> MeasureChart:
    chart = make_chart(app, BEFORE + AFTER, baseline_points=12, target=8)
    action = app.actions.create_action(
        title="Falls bundle at handover", measure_ids=[chart.measure.id]
    )
    app.actions.start_cycle(
        action.id, plan="Try it in bay A", started_on=START + timedelta(weeks=12)
    )
    return app.charts.chart(chart.measure.id)


def test_a_shift_shows_in_the_improvement_colour(qtbot, falls) -> None:
    view = shown(qtbot, falls)
    plan = view.drawing_plan()
    kinds = [p.kind for p in plan.points]
    assert kinds[:12] == ["common_cause"] * 12
    assert kinds[12:] == ["improvement"] * 8
    assert {p.colour for p in plan.points[12:]} == {verdict.IMPROVEMENT}
    # lower points sit lower on the screen, inside the plot
    assert all(plan.top <= p.y <= plan.bottom for p in plan.points)
    assert plan.points[13].y > plan.points[0].y
    image = view.grab().toImage()
    p = plan.points[15]
    assert image.pixelColor(round(p.x), round(p.y)) == QColor(verdict.IMPROVEMENT)
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 500, 7)}
    assert len(colours) > 5  # not blank


def test_lines_labels_and_legend(qtbot, falls) -> None:
    plan = shown(qtbot, falls).drawing_plan()
    roles = [line.role for line in plan.lines]
    assert roles.count("mean") == 1 and roles.count("limit") == 2 and "target" in roles
    # Making Data Count draws no "near the limits" band (#15)
    assert not plan.bands
    margin = [t.text for t in plan.texts if t.role == "margin"]
    assert any(t.startswith("Upper process limit") for t in margin)  # the words print uses
    assert "Target 8" in margin
    x_ticks = [t.text for t in plan.texts if t.role == "x_tick"]
    assert x_ticks[0] == "5 Jan" and "2026" in x_ticks
    assert [e.text for e in plan.legend][:2] == ["Common cause", "Improvement"]
    assert not [t for t in plan.texts if t.role == "trial"]


def test_annotations_are_marked_with_their_words(qtbot, falls) -> None:
    plan = shown(qtbot, falls).drawing_plan()
    [marker] = plan.markers
    assert marker.index == 12
    # a numbered marker; its words are in the key under the chart and on hover (#15)
    assert marker.label == "1"
    assert marker.text == "1: PDSA 1: Falls bundle at handover"
    assert marker.x == plan.points[12].x
    assert marker.label_y < plan.top


def test_hover_tells_the_date_value_and_meaning(qtbot, falls) -> None:
    view = shown(qtbot, falls)
    plan = view.drawing_plan()
    p = plan.points[14]
    QTest.mouseMove(view, QPoint(round(p.x), round(p.y)))
    qtbot.waitUntil(lambda: bool(view.hover_text))
    assert view.hover_text.splitlines() == [
        "Week of 13 Apr 2026",
        "Value: 7 falls",
        "Special cause: improvement (two of three points near a limit; "
        "part of 7 or more points on one side of the mean)",
    ]
    marker = plan.markers[0]
    middle = marker.label_left + marker.label_width / 2
    QTest.mouseMove(view, QPoint(round(middle), round(marker.label_y)))
    qtbot.waitUntil(lambda: view.hover_text.startswith("Annotation"))
    assert view.hover_text == "Annotation: 1: PDSA 1: Falls bundle at handover"
    first = plan.points[0]
    QTest.mouseMove(view, QPoint(round(first.x), round(first.y)))
    qtbot.waitUntil(lambda: view.hover_text.startswith("Week of 5 Jan 2026"))
    assert "Common cause" in view.hover_text


def test_keyboard_moves_a_focus_point_and_announces_it(qtbot, falls) -> None:
    view = shown(qtbot, falls)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.focus_index == 19
    assert view.accessibleDescription().startswith("Point 20 of 20. Week of 18 May 2026")
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.focus_index == 18
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert view.focus_index == 0
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.focus_index == 0
    assert "Common cause" in view.accessibleDescription()
    assert view.accessibleName() == "Chart of Inpatient falls"


def test_few_points_make_trial_limits_that_say_so(qtbot, app) -> None:
    chart = make_chart(app, [3, 4, 5, 4, 3, 4])
    plan = shown(qtbot, chart).drawing_plan()
    assert [t.text for t in plan.texts if t.role == "trial"] == ["Trial limits"]


def test_run_chart_median_and_highlighted_signals(qtbot, app) -> None:
    values = [5, 6, 4, 5, 6, 4, 5, 2, 2, 1, 2, 1, 2, 1]
    chart = make_chart(app, values, chart_kind="run")
    plan = shown(qtbot, chart).drawing_plan()
    assert [line.role for line in plan.lines].count("median") == 1
    flagged = [p.index for p in plan.points if p.kind == "run_signal"]
    assert flagged == [i for i, p in enumerate(chart.run.points) if p.rules]
    assert flagged  # the run of low values is a shift
    assert "Median" in [e.text for e in plan.legend]


def test_empty_states_say_what_to_do(qtbot, app) -> None:
    view = shown(qtbot, None)
    assert [t.text for t in view.drawing_plan().texts] == ["Choose a measure to see its chart."]
    view.set_chart(make_chart(app, [3]))
    assert view.drawing_plan().texts[0].text == "Enter at least two points to see a chart."
    assert not view.grab().isNull()


def test_renders_a_long_chart_to_an_image(qtbot, app) -> None:
    chart = make_chart(app, [10 + (i % 7) - (i > 300) * 3 for i in range(520)], period="day")
    # a chart is judged as of today (#15); these points run ten years past the test's clock
    chart = app.charts.chart(chart.measure.id, as_of=date(2036, 1, 1))
    view = shown(qtbot, chart)
    image = QImage(1200, 500, QImage.Format.Format_ARGB32_Premultiplied)
    view.resize(1200, 500)
    view.render(image)
    assert len(view.drawing_plan().points) == 520
    assert len({image.pixel(x, 250) for x in range(0, 1200, 3)}) > 3


def test_520_points_of_crowded_annotations_never_overlap(qtbot, app) -> None:
    """Numbered markers on a ten-year weekly chart: no label overlaps another (#15)."""
    from datetime import date as day

    chart = make_chart(app, [10 + (i % 7) for i in range(520)])
    first = day(2026, 1, 5)
    for week in (*range(0, 520, 9), 100, 101, 102, 103, 104, 300, 301):
        app.measures.annotate(
            chart.measure.id, on_date=first + timedelta(weeks=week), text=f"PDSA at week {week}"
        )
    chart = app.charts.chart(chart.measure.id, as_of=day(2036, 1, 1))
    plan = shown(qtbot, chart).drawing_plan()
    boxes = [(m.label_left, m.label_left + m.label_width, m.label_y) for m in plan.markers]
    for i, (left, right, y) in enumerate(boxes):
        for other_left, other_right, other_y in boxes[i + 1 :]:
            if y == other_y:
                assert right + 4 <= other_left or other_right + 4 <= left
    numbers = [n for m in plan.markers for n in m.text.split("\n")]
    assert len(numbers) == len(chart.annotations)  # every note is in some marker's key


def test_close_lines_labels_keep_clear_of_each_other(qtbot, app) -> None:
    """#15: mean, target and both limits within a few points (hand hygiene after a
    rebase): their labels on screen keep a clear space, never touching."""
    values = [96.0, 95.5, 95.8, 95.6, 95.6, 98.3, 98, 97.2, 97, 98.2, 96.2, 96.5, 96.3, 95]
    chart = make_chart(app, values, name="Hand hygiene", unit="%", better="up", target=95)
    plan = shown(qtbot, chart).drawing_plan()
    ys = sorted(t.y for t in plan.texts if t.role == "margin")
    assert len(ys) == 4
    assert min(b - a for a, b in zip(ys, ys[1:], strict=False)) >= plan.line_height * 1.25
