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


def test_today_is_read_as_one_picture_of_the_ward(app: HuddleApp, db_path) -> None:
    """#17: Today's forty-odd queries run in one read transaction: what another PC saves
    meanwhile is either all on the board or not at all, and the file is locked once."""
    app.actions.create_action(title="Overdue", due_on="2026-08-01")
    app.measures.define_measure(name="Falls", better="down")
    asked: list[str] = []
    app.store.conn.set_trace_callback(asked.append)
    app.board.today()
    app.store.conn.set_trace_callback(None)
    reads = [sql for sql in asked if sql.lstrip().upper().startswith("SELECT")]
    assert len(reads) > 10
    assert asked[0] == "BEGIN" and asked[-1] == "COMMIT"
    assert asked.count("BEGIN") == 1
    assert not app.store.conn.in_transaction
    # the snapshot holds: a save from another PC after the first read is not half-seen
    with HuddleApp.open(db_path, clock=app.clock, actor="other@ward-pc-2") as other:
        with app.store.snapshot():
            before = app.actions.overdue_actions()
            other.actions.create_action(title="Also overdue", due_on="2026-08-02")
            assert app.actions.overdue_actions() == before
        assert len(app.actions.overdue_actions()) == len(before) + 1
