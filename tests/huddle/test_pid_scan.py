"""``huddle pid-scan``: finds planted NHS numbers, masks them, exits 1 until removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.cli.main import main
from huddle.services import HuddleApp
from huddle.store import scan
from tests.helpers.identifiers import written_before_the_guard

VALID = "999 000 0018"  # never-issued 999 range, valid check digit
WRONG_CHECK = "999 000 0019"


def test_every_text_column_is_scanned_or_known_not_free_text(app: HuddleApp) -> None:
    for table, columns in scan.text_columns(app.store).items():
        for column in columns:
            assert column in scan.FREE_TEXT[table] or column in scan.NOT_FREE_TEXT, (
                f"{table}.{column} is neither scanned nor listed as not free text"
            )


def test_pid_scan_flags_a_planted_number_and_clears_once_removed(
    app: HuddleApp, capsys: pytest.CaptureFixture[str]
) -> None:
    with written_before_the_guard(app):
        item = app.learning.record_learning(
            kind="incident",
            title="Fall in bay 4",
            what_happened=f"Patient {VALID} found on the floor",
        )
    app.actions.create_action(title="Not an identifier", detail=f"Ref {WRONG_CHECK}")
    code = main(["pid-scan", "--db", str(app.path), "--no-history"])
    out = capsys.readouterr().out
    assert code == 1
    lines = [line for line in out.splitlines() if "\t" in line]
    assert len(lines) == 1
    table, record, field, masked, _label = lines[0].split("\t")
    assert (table, record, field) == ("learning_item", item.id, "what_happened")
    assert "0018" not in out.replace(masked, "") and "000 00" not in out
    assert "999 000 0018" not in out and "9990000018" not in out

    app.learning.update_learning(
        item.id, expected_version=item.version, what_happened="Patient found on the floor"
    )
    code = main(["pid-scan", "--db", str(app.path), "--no-history"])
    assert code == 0
    assert "No possible identifiers" in capsys.readouterr().out


def test_pid_scan_mentions_matches_left_in_the_history(
    app: HuddleApp, capsys: pytest.CaptureFixture[str]
) -> None:
    with written_before_the_guard(app):
        item = app.learning.record_learning(kind="near_miss", title=f"Number {VALID} typed")
    app.learning.update_learning(item.id, expected_version=1, title="Number removed")
    code = main(["pid-scan", "--db", str(app.path)])
    out = capsys.readouterr().out
    assert code == 1  # issue 14: the history still holding one is a finding too
    assert "audit history" in out and "--history" in out
    assert main(["pid-scan", "--db", str(app.path), "--no-history"]) == 0


def test_pid_scan_of_a_missing_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["pid-scan", "--db", str(tmp_path / "none.db")]) == 1
    assert "no database" in capsys.readouterr().err
