"""Every refusal is one line on stderr and exit 1 (or 2 for bad usage), never a
traceback, and refusing changes nothing (issue #13, item 11)."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from huddle.errors import ValidationError
from huddle.health import check_database
from huddle.services import HuddleApp

LONG = "x" * 300


def huddle(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = shutil.which("huddle", path=str(Path(sys.executable).parent)) or "huddle"
    return subprocess.run(
        [command, *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd
    )


@pytest.fixture
def ward(app: HuddleApp) -> Path:
    app.actions.create_action(title="Check the bed rails each round")
    app.close()
    return app.path


def commands(ward: Path, tmp: Path) -> list[tuple[str, ...]]:
    zero = tmp / "zero.db"
    zero.write_bytes(b"")
    plain = tmp / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    newer = tmp / "newer.db"
    newer.write_bytes(ward.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ward_huddle', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    long_db = str(tmp / f"{LONG}.db")
    return [
        ("check", "--db", long_db),
        ("stats", "--db", long_db),
        ("backup", "--db", long_db),
        ("pid-scan", "--db", long_db),
        ("reset-pin", "--db", long_db),
        ("demo", "--db", long_db, "--weeks", "1"),
        ("export", "actions", "--db", str(ward), "--out", str(tmp / f"{LONG}.pdf")),
        ("backup", "--db", str(ward), "--dest", str(tmp / LONG)),
        ("backup", "--db", str(tmp)),
        ("restore", "--db", str(tmp / "missing" / "ward.db"), "--from", str(ward)),
        ("export", "report", "--db", str(ward), "--from", "0001-01-01", "--to", "9999-12-31"),
        ("export", "poster", "--db", str(ward), "--month", "9999-12"),
        ("export", "poster", "--db", str(ward), "--month", "0001-01"),
        ("backup", "--db", str(zero), "--dest", str(tmp / "b")),
        ("backup", "--db", str(plain), "--dest", str(tmp / "b")),
        ("backup", "--db", str(newer), "--dest", str(tmp / "b")),
        ("reset-pin", "--db", str(zero)),
        ("reset-pin", "--db", str(plain)),
    ]


def test_each_refusal_is_one_line_and_changes_nothing(ward: Path, tmp_path: Path) -> None:
    plain_before = None
    for args in commands(ward, tmp_path):
        if plain_before is None:
            plain_before = (tmp_path / "plain.db").read_bytes()
        result = huddle(*args)
        where = " ".join(a[:40] for a in args)
        assert result.returncode in (1, 2), where
        assert "Traceback" not in result.stderr, where
        if result.returncode == 1:
            assert len(result.stderr.strip().splitlines()) == 1, (where, result.stderr)
    assert (tmp_path / "zero.db").read_bytes() == b""  # reset-pin wrote no schema into it
    assert (tmp_path / "plain.db").read_bytes() == plain_before
    assert not list((tmp_path / "b").glob("*.db")) if (tmp_path / "b").exists() else True
    assert check_database(ward).ok


def test_an_integrity_failure_is_one_line_unless_verbose(ward: Path, tmp_path: Path) -> None:
    data = bytearray(ward.read_bytes())
    for start in range(4096 * 2, len(data), 4096 * 2):
        data[start + 200 : start + 4000] = b"\xa5" * 3800
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    result = huddle("check", "--db", damaged)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    verbose = huddle("check", "--db", damaged, "--verbose")
    assert verbose.returncode == 1 and len(verbose.stderr.strip().splitlines()) >= 1


def test_measure_values_a_chart_cannot_draw_are_refused(app: HuddleApp) -> None:
    falls = app.measures.define_measure(name="Falls")
    for value in (1e308, -1e308, 1e13):
        with pytest.raises(ValidationError):
            app.measures.record_point(
                falls.id, period_start="2026-08-03", value=value, expected_version=None
            )
    with pytest.raises(ValidationError):
        app.measures.define_measure(name="Huge target", target=1e300)
    assert app.measures.points(falls.id) == []


def test_a_killed_demo_can_be_built_again(tmp_path: Path) -> None:
    command = shutil.which("huddle", path=str(Path(sys.executable).parent)) or "huddle"
    target = tmp_path / "sample.db"
    child = subprocess.Popen(
        [command, "demo", "--db", str(target), "--weeks", "104"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".sample.db.building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL  # killed half-way through the build
    assert not target.exists()  # the half-built ward never took the file's name
    result = huddle("demo", "--db", target, "--weeks", "2")
    assert result.returncode == 0, result.stderr
    assert check_database(target).ok
    assert not list(tmp_path.glob(".sample.db.building-*"))
