"""The speak-up pulse: anonymous, counted by week, shown only from 5 answers."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from huddle.cli.main import main
from huddle.clock import FixedClock
from huddle.errors import ValidationError
from huddle.services import HuddleApp
from huddle.store import open_store

# Columns a table holding pulse answers may have: none can name or finely time one.
ALLOWED = {"ward_id", "week", "question", "score", "answers"}


def test_no_pulse_table_can_name_or_time_an_answer_finer_than_its_week(db_path: Path) -> None:
    with open_store(db_path) as store:
        tables = [
            r["name"]
            for r in store.query("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            if "pulse" in r["name"] or "score" in (r["sql"] or "")
        ]
        assert tables == ["pulse_tally"]
        for table in tables:
            columns = {r["name"] for r in store.query(f"PRAGMA table_info({table})")}
            assert columns <= ALLOWED, columns - ALLOWED
            sql = store.scalar("SELECT sql FROM sqlite_master WHERE name = ?", (table,))
            # no rowid: the order answers were first given is not kept either
            assert "WITHOUT ROWID" in sql.upper()
            # the week must be a Monday: a day of the week cannot be smuggled in
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                store.conn.execute(f"INSERT INTO {table} VALUES ('w', '2026-08-06', 'q', 3, 1)")


def test_an_answer_is_audited_without_its_moment_or_the_pcs_login(
    app: HuddleApp, clock: FixedClock
) -> None:
    clock.set(clock.now().replace(hour=8, minute=17, second=42))
    assert app.pulse.answer(score=4) == 1
    assert app.pulse.answer(score=2) == 2
    rows = app.store.query("SELECT * FROM audit WHERE entity = 'pulse_tally'")
    assert len(rows) == 2
    for row in rows:
        assert row["actor"] == "anonymous"
        assert row["at"] == "2026-08-03T00:00:00+00:00"  # Monday of that week
        assert "tester" not in json.dumps(row) and "08:17" not in json.dumps(row)
    tally = app.store.query("SELECT * FROM pulse_tally ORDER BY score")
    assert [(r["week"], r["score"], r["answers"]) for r in tally] == [
        ("2026-08-03", 2, 1),
        ("2026-08-03", 4, 1),
    ]
    with pytest.raises(ValidationError):
        app.pulse.answer(score=6)


def _answer_weeks(app: HuddleApp, clock: FixedClock, weeks: list[list[int]]) -> None:
    start = clock.now()
    for n, scores in enumerate(weeks):
        clock.set(start + timedelta(weeks=n))
        for score in scores:
            app.pulse.answer(score=score)


def test_results_only_from_five_answers(app: HuddleApp, clock: FixedClock) -> None:
    _answer_weeks(app, clock, [[5, 4, 4, 3, 2], [4, 4], [], [5, 5, 4, 4, 4, 1]])
    weeks = app.pulse.weeks()
    assert [w.week for w in weeks] == [date(2026, 8, 3) + timedelta(weeks=n) for n in range(4)]
    assert [w.answers for w in weeks] == [5, 2, 0, 6]
    assert weeks[0].mean == 3.6 and weeks[0].agree_share == 0.6
    assert weeks[1].mean is None and weeks[1].agree_share is None
    assert weeks[2].mean is None
    assert weeks[3].mean == 3.83 and weeks[3].agree_share == pytest.approx(0.833)


def test_cli_pulse_json(
    app: HuddleApp, clock: FixedClock, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _answer_weeks(app, clock, [[4, 4, 4, 5, 5, 3], [2, 3]])
    app.close()
    assert main(["pulse", "--db", str(db_path), "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    # up to this week (the command runs on the real clock): later weeks have no answers
    assert [e["answers"] for e in entries[:2]] == [6, 2]
    assert all(e["answers"] == 0 and e["mean"] is None for e in entries[2:])
    assert entries[0]["mean"] == 4.17 and entries[0]["agree_share"] == 0.833
    assert entries[1]["mean"] is None and entries[1]["agree_share"] is None
    assert {"week", "answers", "mean", "agree_share"} <= set(entries[0])


def test_pulse_day_and_question_are_settings(app: HuddleApp) -> None:
    assert app.pulse.is_pulse_day(date(2026, 8, 6))  # Thursday by default
    app.preferences.set("pulse_weekday", 0)
    assert app.pulse.is_pulse_day(date(2026, 8, 3))
    with pytest.raises(ValidationError):
        app.preferences.set("pulse_weekday", 9)
    app.preferences.set("pulse_question", "confident_addressed")
    assert "confident" in app.pulse.question().text
    with pytest.raises(ValidationError):
        app.preferences.set("pulse_question", "anything")


def test_a_groups_answers_are_written_by_score_not_in_the_order_given(app: HuddleApp) -> None:
    assert app.pulse.record_answers(scores=[5, 2, 5, 4, 2, 1]) == 6
    rows = app.store.query(
        "SELECT entity_id, after_json FROM audit WHERE entity = 'pulse_tally' ORDER BY id"
    )
    scores = [json.loads(r["after_json"])["score"] for r in rows]
    counts = [json.loads(r["after_json"])["answers"] for r in rows]
    assert scores == [1, 2, 4, 5] and counts == [1, 2, 1, 2]
    assert app.pulse.weeks()[-1].mean == 3.17
