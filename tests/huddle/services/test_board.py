"""Today's board (Board): what the huddle screen gathers, days since harm."""

from __future__ import annotations

from huddle.services import HuddleApp


def test_days_since_last_harm_counts_only_harm_incidents(app: HuddleApp) -> None:
    assert app.board.days_since_last_harm() is None
    app.learning.record_learning(kind="incident", title="No harm", occurred_on="2026-08-05")
    app.learning.record_learning(
        kind="near_miss", title="Near", occurred_on="2026-08-04", harm="none"
    )
    assert app.board.days_since_last_harm() is None
    app.learning.record_learning(
        kind="incident", title="Skin tear", occurred_on="2026-07-27", harm="low"
    )
    assert app.board.days_since_last_harm() == 10


def test_today_board_gathers_the_huddle_screen(app: HuddleApp) -> None:
    app.learning.record_learning(
        kind="incident", title="Fall", harm="moderate", occurred_on="2026-07-30"
    )
    app.actions.create_action(title="Overdue", due_on="2026-08-01")
    app.measures.define_measure(name="Falls", better="down")
    board = app.board.today()
    assert board.days_since_last_harm == 7
    assert [a.title for a in board.overdue] == ["Overdue"]
    assert board.huddles_held == 0 and board.record_days == 21
    assert [s.measure.name for s in board.measures] == ["Falls"]
    assert board.running is None and board.last_huddle is None


def test_today_charts_only_what_it_lists_and_counts_the_rest(app: HuddleApp) -> None:
    for name in ("Agitation", "Bed moves", "Call bells", "Discharges by noon"):
        app.measures.define_measure(name=name)
    cross = app.measures.define_measure(
        name="Pressure ulcers", better="down", period="day", chart_kind="safety_cross"
    )
    board = app.board.today()
    assert [c.measure.name for c in board.measures] == ["Agitation", "Bed moves", "Call bells"]
    assert board.measure_count == 5
    # the focus harm is charted wherever it sits in the list, as the Measures page charts it
    assert board.focus_harm is not None and board.focus_harm.measure.id == cross.id
    assert board.focus_harm == app.charts.chart(cross.id)
    assert len(app.board.today(measures=1).measures) == 1
