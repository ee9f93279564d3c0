"""The ``huddle`` command line: exit codes, one-line errors, and each data command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from huddle.cli.main import main
from huddle.services import HuddleApp


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for command in ("demo", "check", "backup", "restore", "stats", "config"):
        assert command in out


@pytest.mark.parametrize("command", ["demo", "check", "backup", "restore", "stats", "config"])
def test_each_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "--db" in capsys.readouterr().out


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["backup", "--no-such-flag"])
    assert done.value.code == 2


def test_check_healthy_and_damaged(capsys: pytest.CaptureFixture[str], app: HuddleApp) -> None:
    code, out, _ = run(capsys, "check", "--db", str(app.path))
    assert code == 0 and "healthy" in out
    app.close()
    with app.path.open("r+b") as handle:
        handle.write(b"\x00" * 100)  # destroy the header
    code, out, err = run(capsys, "check", "--db", str(app.path))
    assert code == 1
    assert err.count("\n") == 1 and "not a readable database" in err


def test_check_of_a_missing_file_is_a_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "check", "--db", str(tmp_path / "nope.db"))
    assert code == 1 and "no database" in err


def test_stats_json_counts_rows(capsys: pytest.CaptureFixture[str], app: HuddleApp) -> None:
    app.actions.create_action(title="One action")
    code, out, _ = run(capsys, "stats", "--db", str(app.path), "--json")
    assert code == 0
    tables = json.loads(out)["tables"]
    assert tables["ward"] == 1 and tables["person"] == 7 and tables["action"] == 1
    assert tables["audit"] > 0


def test_backup_then_restore_brings_back_exactly_the_backup(
    capsys: pytest.CaptureFixture[str], app: HuddleApp, tmp_path: Path
) -> None:
    app.actions.create_action(title="Before the backup")
    code, out, _ = run(capsys, "backup", "--db", str(app.path), "--dest", str(tmp_path / "bk"))
    assert code == 0
    made = Path(out.split("Backed up to ", 1)[1].split(";")[0].strip())
    app.actions.create_action(title="After the backup")
    app.close()
    code, out, _ = run(capsys, "restore", "--db", str(app.path), "--from", str(made))
    assert code == 0 and "kept at" in out
    with HuddleApp.open(app.path) as reopened:
        assert [a.title for a in reopened.actions.actions()] == ["Before the backup"]


def test_restore_from_a_missing_file_explains(
    capsys: pytest.CaptureFixture[str], app: HuddleApp, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "restore", "--db", str(app.path), "--from", str(tmp_path / "missing.db")
    )
    assert code == 1 and "no backup file" in err


def test_config_show_names_sources(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUDDLE_BACKUP_DIR", str(tmp_path / "bk"))
    code, out, _ = run(capsys, "config", "--show", "--db", str(tmp_path / "x.db"))
    assert code == 0
    assert "[command line]" in out and "[environment (HUDDLE_BACKUP_DIR)]" in out


def test_console_script_runs_without_a_display(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "huddle.cli.main", "check", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 1
    assert "PySide6" not in result.stderr
