"""The Today page shows the board's real data in words, not colour alone."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QVBoxLayout, QWidget

from huddle.domain import HuddleKind
from ui.pages.today import TodayPage

RESTS = {"one due": "1 due in the next 7 days (Actions page)"}


def hosted(qtbot, page):
    """Inside a plain window (as in the main window), never a top-level of its own."""
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(page)
    qtbot.addWidget(host)
    host.resize(1600, 900)
    page.host = host
    return host


def open_today(qtbot, ctx) -> TodayPage:
    page = TodayPage(ctx)
    ctx.bus.changed.connect(page.on_changed)
    hosted(qtbot, page).show()
    page.refresh()
    return page


def test_empty_ward_says_so_plainly(qtbot, ctx):
    page = open_today(qtbot, ctx)
    # not a giant "No harm recorded" that reads as good news on a new ward
    assert page.harm_tile.lines()[0] == "Nothing recorded yet"
    assert "Learning page" in page.harm_tile.lines()[1]
    assert page.harm_tile.findChild(QLabel, "BigNumber") is None
    assert "No safety cross yet" in page.focus_tile.lines()[0]
    assert page.huddles_tile.lines()[0] == "0/21"
    assert page.actions_tile.lines() == ["Nothing overdue or due this week."]
    assert page.learning_tile.lines() == ["Nothing new since the last huddle."]
    assert page.start_button.text() == "Start huddle"
    assert page.start_button.isEnabled()


def test_tiles_show_real_data(qtbot, ctx, app):
    today = app.clock.today()
    app.learning.record_learning(
        kind="incident", title="Fall in bay 3", harm="low", occurred_on=today - timedelta(days=12)
    )
    app.learning.record_learning(kind="near_miss", title="Insulin nearly given twice")
    owner = app.setup.people()[1]
    app.actions.create_action(
        title="Lying and standing BP", owner_id=owner.id, due_on=today - timedelta(days=3)
    )
    app.actions.create_action(
        title="Bed rails audit", owner_text="Night team", due_on=today + timedelta(days=2)
    )
    measure = app.measures.define_measure(name="Falls", unit="per 1,000 bed days", better="down")
    for week, value in enumerate((6, 5, 7, 6, 5, 4)):
        app.measures.record_point(
            measure.id,
            period_start=today - timedelta(weeks=6 - week),
            value=value,
            expected_version=None,
        )
    huddle = app.huddles.start_huddle()
    app.huddles.finish_huddle(huddle.id)
    page = open_today(qtbot, ctx)
    assert page.harm_tile.lines()[0] == "12"
    assert "14 Aug" not in " ".join(page.harm_tile.lines())
    assert "25 Jul 2026" in page.harm_tile.lines()[1]
    assert page.huddles_tile.lines()[0] == "1/21"
    actions = page.actions_tile.lines()
    # title first, then who, then how late (the part a shortened line never loses)
    assert actions == ["Lying and standing BP — Ben T", "3 days late", RESTS["one due"]]
    measures = page.measures_tile.lines()
    # the value with its unit, as the Measures page and the PDFs print it (#17 one number
    # formatter; the unit was on the line below)
    assert measures[0] == "4 per 1,000 bed days · Falls"
    # the core verdict's words, as every screen and report prints them (#15)
    assert measures[1] == app.charts.chart(measure.id).verdict.variation_label
    icons = [
        w.accessibleName()
        for w in page.measures_tile.findChildren(QLabel)
        if w.pixmap() is not None and not w.pixmap().isNull()
    ]
    assert icons[0].startswith("Falls, variation: ")
    assert icons[1].startswith("Falls, assurance: ")
    # the same chart as the Measures page: same variation words
    assert app.charts.chart(measure.id).variation is not None
    assert "Learning" not in page.learning_tile.lines()[0]


def test_start_and_return_to_running_huddle(qtbot, ctx, app):
    page = open_today(qtbot, ctx)
    with qtbot.waitSignal(page.start_requested) as started:
        QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert started.args == [HuddleKind.DAILY_SAFETY]
    with qtbot.waitSignal(page.start_requested) as weekly:
        QTest.mouseClick(page.weekly_button, Qt.MouseButton.LeftButton)
    assert weekly.args == [HuddleKind.WEEKLY_IMPROVEMENT]
    app.huddles.start_huddle(kind=HuddleKind.WEEKLY_IMPROVEMENT)
    assert page.start_button.text() == "Return to running huddle"
    assert not page.weekly_button.isVisible()
    with qtbot.waitSignal(page.start_requested) as back:
        QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert back.args == [HuddleKind.WEEKLY_IMPROVEMENT]


def test_painted_fires_once_data_has_painted(qtbot, ctx):
    page = TodayPage(ctx)
    host = hosted(qtbot, page)
    page.refresh()
    with qtbot.waitSignal(page.painted, timeout=3000):
        host.show()


def test_the_three_most_overdue_title_first_and_a_count_of_the_rest(qtbot, ctx, app):
    today = app.clock.today()
    for late in (4, 22, 9, 15, 2):
        app.actions.create_action(
            title=f"Action {late} days late",
            owner_text="Falls lead",
            due_on=today - timedelta(days=late),
        )
    page = open_today(qtbot, ctx)
    lines = page.actions_tile.lines()
    assert lines[:6] == [
        "Action 22 days late — Falls lead",
        "22 days late",
        "Action 15 days late — Falls lead",
        "15 days late",
        "Action 9 days late — Falls lead",
        "9 days late",
    ]
    assert lines[6] == "and 2 more overdue (Actions page)"
    whole = [w.accessibleName() for w in page.actions_tile.findChildren(QWidget)]
    assert "Action 22 days late — Falls lead — 22 days late" in whole


def test_the_focus_harm_shows_its_safety_cross_and_icons_are_big_enough(qtbot, ctx, app):
    from huddle.domain import ChartKind
    from ui.measures.safety_cross_view import SafetyCrossView

    app.measures.define_measure(name="Pressure ulcers", unit="count", better="down")
    app.measures.define_measure(
        name="Pressure ulcers with harm", unit="days", chart_kind=ChartKind.SAFETY_CROSS
    )
    falls = app.measures.define_measure(
        name="Falls with harm", unit="days", better="down", chart_kind=ChartKind.SAFETY_CROSS
    )
    app.preferences.set("focus_measure_id", falls.id)  # the ward's choice, not the first
    page = open_today(qtbot, ctx)
    assert page.focus_tile.heading.text() == "Falls with harm"
    QApplication.processEvents()  # the first refresh's widgets are deleted, the new shown
    crosses = [c for c in page.focus_tile.findChildren(SafetyCrossView) if c.isVisible()]
    assert len(crosses) == 1 and crosses[0].cross is not None
    icons = [
        w
        for w in page.measures_tile.findChildren(QLabel)
        if w.pixmap() is not None and not w.pixmap().isNull()
    ]
    assert icons and all(min(w.width(), w.height()) >= 32 for w in icons)


def test_board_mode_shows_the_essentials_and_leaving_restores_the_page(qtbot, ctx, app):
    from datetime import date

    from huddle.domain import LearningKind

    app.learning.record_learning(
        kind=LearningKind.NEAR_MISS, title="Wrong thickener level", occurred_on=date(2026, 8, 5)
    )
    page = open_today(qtbot, ctx)
    assert page.start_button.isVisible() and page.learning_tile.isVisible()
    assert page.unreported.isVisible()  # an office task: on the desk, not on the wall
    ctx.board_mode = True
    page.set_board_mode(True)
    assert not page.start_button.isVisible() and not page.learning_tile.isVisible()
    assert not page.unreported.isVisible()
    assert page.harm_tile.isVisible() and page.focus_tile.isVisible()
    ctx.board_mode = False
    page.set_board_mode(False)
    assert page.start_button.isVisible() and page.learning_tile.isVisible()
    assert page.unreported.isVisible()


def test_the_sample_ward_says_nothing_is_real_and_offers_a_ward_of_your_own(qtbot, ctx, app):
    page = open_today(qtbot, ctx)
    assert not page.sample_strip.isVisible()  # a real ward: no banner
    app.preferences.set("sample_ward", True)  # as the sample-ward builder does
    page.refresh()
    assert page.sample_strip.isVisible()
    assert "nothing here is real" in page.sample_strip.findChild(QLabel).text()
    with qtbot.waitSignal(page.own_ward_requested):
        QTest.mouseClick(page.own_ward_button, Qt.MouseButton.LeftButton)


def test_long_tile_titles_wrap_at_1366_by_768(qtbot, app, window):
    """ "Learning since the…" and "Harm from incidents (saf…" were cut on a ward PC."""
    from datetime import date

    from huddle.domain import ChartKind, LearningKind

    cross = app.measures.define_measure(
        name="Harm from incidents (safety cross)", unit="days", chart_kind=ChartKind.SAFETY_CROSS
    )
    app.preferences.set("focus_measure_id", cross.id)
    app.preferences.set("sample_ward", True)
    app.learning.record_learning(
        kind=LearningKind.INCIDENT,
        title="Skin tear during a hoist transfer",
        occurred_on=date(2026, 8, 5),
    )
    window.resize(1366, 768)
    window.show_page("today")
    page = window.page("today")
    page.refresh()
    qtbot.wait(200)  # the layout settles: the page's scroll bar comes, and takes its room
    for tile in (page.learning_tile, page.focus_tile):
        assert tile.heading.isVisible()
        assert not tile.heading.is_shortened(), tile.heading.text()
    assert page.focus_tile.heading.text() == "Harm from incidents (safety cross)"


def test_a_sample_ward_opened_read_only_offers_no_way_out_it_cannot_take(qtbot, ctx, app):
    # the trust view opens a ward's replica read-only as its own Today
    app.preferences.set("sample_ward", True)
    ctx.read_only = True
    page = open_today(qtbot, ctx)
    page.refresh()
    assert page.sample_strip.isVisible()  # still says nothing here is real
    assert not page.own_ward_button.isVisible()


def test_measures_beyond_the_first_three_are_counted_not_listed(qtbot, ctx, app):
    for name in ("Agitation", "Bed moves", "Call bells", "Discharges by noon", "Falls"):
        app.measures.define_measure(name=name)
    page = open_today(qtbot, ctx)
    lines = page.measures_tile.lines()
    assert [line for line in lines if "Agitation" in line or "Falls" in line] == [
        "Agitation: no values yet"
    ]
    assert lines[-1] == "and 2 more on the Measures page"


def test_at_1366_by_768_the_overdue_actions_are_in_view_beside_unreported_events(
    qtbot, app, window
):
    """Today's "not yet reported" strip listed two events with their buttons, which
    pushed the overdue actions below the fold of a common ward PC's screen."""
    from huddle.domain import ChartKind, LearningKind
    from ui import theme
    from ui.psirf.unreported import UnreportedFlag

    today = app.clock.today()
    cross = app.measures.define_measure(
        name="Harm from incidents (safety cross)", unit="days", chart_kind=ChartKind.SAFETY_CROSS
    )
    app.preferences.set("focus_measure_id", cross.id)
    app.learning.record_learning(
        kind=LearningKind.INCIDENT,
        title="Fall in bay 3",
        harm="low",
        incident_ref="W20400",
        occurred_on=today - timedelta(days=23),
    )
    for days in (1, 2, 3, 4, 5):
        app.learning.record_learning(
            kind=LearningKind.NEAR_MISS,
            title=f"Near miss with no reference yet, {days} days ago",
            occurred_on=today - timedelta(days=days),
        )
    for late in (9, 5, 3):
        app.actions.create_action(
            title=f"Action {late} days late",
            owner_text="Falls lead",
            due_on=today - timedelta(days=late),
        )
    default_font = QApplication.font()
    QApplication.setFont(theme.app_font())  # the app's type size, as make_application sets it
    try:
        window.resize(1366, 768)
        window.show()
        window.show_page("today")
        page = window.page("today")
        page.refresh()
        page.unreported.refresh()  # as at a start: the events were saved before it
        qtbot.wait(50)  # laid out as shown
        assert page.unreported.isVisible()
        assert not [f for f in page.unreported.findChildren(UnreportedFlag) if f.isVisible()]
        viewport = page.scroller.viewport()
        rows = [w for w in page.actions_tile.findChildren(QWidget) if w.isVisible()]
        most_overdue = next(w for w in rows if w.accessibleName().startswith("Action 9 days"))
        bottom = most_overdue.mapTo(viewport, most_overdue.rect().bottomLeft()).y()
        assert 0 < bottom <= viewport.height()
    finally:
        QApplication.setFont(default_font)


def test_todays_first_paint_is_its_settled_layout(qtbot, app, db_path, session_factory):
    """Today was painted once before its scroll bar came, then laid out narrower and
    painted again: the first picture a ward saw was not the one that stayed."""
    from PySide6.QtCore import QEvent, QObject

    from huddle.domain import ChartKind
    from ui.main_window import MainWindow

    cross = app.measures.define_measure(
        name="Harm from incidents (safety cross)", unit="days", chart_kind=ChartKind.SAFETY_CROSS
    )
    app.preferences.set("focus_measure_id", cross.id)
    shell = MainWindow(session_factory(db_path))
    qtbot.addWidget(shell)
    shell.resize(1366, 768)
    page = shell.typed_page("today", TodayPage)
    content = page.scroller.widget()
    widths: list[int] = []

    class Watch(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                widths.append(content.width())
            return False

    watch = Watch(content)
    content.installEventFilter(watch)
    shell.show()
    qtbot.waitUntil(lambda: bool(widths))
    qtbot.wait(200)  # anything still to lay out has been
    assert page.scroller.verticalScrollBar().isVisible()  # Today scrolls at this size
    assert set(widths) == {content.width()}, widths
