"""The safety cross on screen: each day's mark in shape and words, not colour alone."""

from __future__ import annotations

from datetime import date

from ui.measures.safety_cross_view import SafetyCrossView


def test_the_month_is_marked_day_by_day(qtbot, app):
    measure = app.measures.define_measure(
        name="Falls with harm", better="down", period="day", chart_kind="safety_cross"
    )
    app.measures.record_points(
        measure.id, [(date(2026, 8, d), 1 if d == 3 else 0) for d in range(1, 6)]
    )
    view = SafetyCrossView()
    qtbot.addWidget(view)
    view.resize(700, 560)
    view.show_month(app.charts.chart(measure.id), today=app.clock.today())
    marks = view.cell_marks()
    assert marks[3] == "harm" and marks[5] == "harm-free"
    assert marks[6] == "not recorded" and marks[7] == "to come"
    assert view.accessibleDescription().startswith("August 2026: 4 harm-free days, 1 with harm")
    image = view.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 700, 7) for y in range(0, 560, 7)}
    assert "#007f3b" in colours and "#d5281b" in colours


def test_the_measures_page_shows_a_safety_cross_measure_as_a_calendar(qtbot, ctx, app):
    from ui.pages.measures import MeasuresPage

    cross = app.measures.define_measure(
        name="Harm (safety cross)", better="down", period="day", chart_kind="safety_cross"
    )
    app.measures.record_points(cross.id, [(date(2026, 8, d), 0) for d in range(1, 6)])
    falls = app.measures.define_measure(name="Falls", better="down")
    app.measures.record_points(falls.id, [(date(2026, 7, d), d % 3) for d in range(1, 20)])
    page = MeasuresPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.select(cross.id)
    assert page.views.currentWidget() is page.cross_view
    assert page.cross_view.cell_marks()[2] == "harm-free"
    page.select(falls.id)
    assert page.views.currentWidget() is page.chart_view


def test_the_months_words_grow_on_a_wall_and_sit_under_the_last_week(qtbot, app):
    measure = app.measures.define_measure(
        name="Falls with harm", better="down", period="day", chart_kind="safety_cross"
    )
    app.measures.record_points(measure.id, [(date(2026, 8, d), 0) for d in range(1, 6)])
    view = SafetyCrossView()
    qtbot.addWidget(view)
    view.show_month(app.charts.chart(measure.id), today=app.clock.today())
    view.resize(420, 380)  # a tile on a desk screen
    assert view.caption_points() == 12.0
    view.resize(1300, 1900)  # a wall screen's tile, much taller than its weeks need
    assert view.caption_points() > 24.0
    image = view.grab().toImage()
    text = "#212b32"  # the caption's ink

    def inked(top: int, bottom: int) -> bool:
        return any(
            image.pixelColor(x, y).name() == text
            for x in range(0, image.width(), 3)
            for y in range(top, bottom, 2)
        )

    weeks_end = 26 + len(view.cross.weeks) * (1300 - 16) / 7
    assert inked(int(weeks_end), int(weeks_end) + 200)
    assert not inked(image.height() - 300, image.height())
