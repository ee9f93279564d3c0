"""What issue #14 must show, through the real ``huddle`` command (a subprocess).

The identifiers are planted as an older version (before the guard sat on every
write) could have stored them; only never-issued 999 NHS numbers and made-up
names, dates and postcodes appear.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from huddle.services import HuddleApp
from tests.helpers.identifiers import written_before_the_guard

FULL_WIDTH = "".join(chr(0xFF10 + int(d)) for d in "9990000026")
PLANTED = {
    "non-breaking spaces": ("999\u00a0000\u00a00018", "0018"),
    "full-width digits": (FULL_WIDTH, FULL_WIDTH[-2:]),
    "glued": ("NHS9990000034", "9990000034"),
    "titled name": ("Mrs Patterson in bay 3", "Patterson"),
    "date of birth": ("DOB 03/07/1941", "1941"),
    "postcode": ("lives at LS1 4AB", "4AB"),
}  # fmt: skip


def huddle(
    *args: str | Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    command = shutil.which("huddle", path=str(Path(sys.executable).parent)) or "huddle"
    return subprocess.run(
        [command, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        input=stdin,
    )


@pytest.fixture
def planted(app: HuddleApp) -> tuple[Path, dict[str, str]]:
    ids: dict[str, str] = {}
    with written_before_the_guard(app):
        for name, (text, _) in PLANTED.items():
            item = app.learning.record_learning(
                kind="incident", title=f"Fall {len(ids) + 1}", what_happened=f"Seen: {text}."
            )
            ids[item.id] = name
    app.close()
    return app.path, ids


def test_pid_scan_flags_every_spelling_and_kind_and_masks_each(
    planted: tuple[Path, dict[str, str]],
) -> None:
    path, ids = planted
    result = huddle("pid-scan", "--db", path, "--no-history")
    assert result.returncode == 1, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines() if "\t" in line]
    found = {ids[record]: (field, masked, label) for _, record, field, masked, label in rows}
    assert set(found) == set(PLANTED)
    assert found["non-breaking spaces"][2] == "looks like an NHS number"
    assert found["full-width digits"][2] == "looks like an NHS number"
    assert found["glued"][2] == "looks like an NHS number"
    assert found["titled name"][2] == "looks like a name with a title"
    assert found["date of birth"][2] == "looks like a date of birth"
    assert found["postcode"][2] == "looks like a postcode"
    for name, (text, secret) in PLANTED.items():
        field, masked, _ = found[name]
        assert field == "what_happened"
        assert set(masked) <= set("* /"), (name, masked)
        assert secret not in result.stdout and text not in result.stdout, name
    assert result.stderr == ""


def test_export_actions_csv_refuses_a_closing_note_naming_the_action_not_the_number(
    app: HuddleApp, tmp_path: Path
) -> None:
    action = app.actions.create_action(title="Falls mats in bay 2")
    with written_before_the_guard(app):
        done = app.actions.change_status(
            action.id, status="done", expected_version=action.version,
            note="Done for 999 000 0018 and the rest of bay 2",
        )  # fmt: skip
    # reopened, so the default (open actions) export prints it with its closing note
    app.actions.change_status(
        action.id, status="in_progress", expected_version=done.version, note="Mats worn out"
    )
    app.close()
    out = tmp_path / "x.csv"
    result = huddle("export", "actions", "--db", app.path, "--out", out)
    assert result.returncode == 1
    err = result.stderr.strip()
    assert "\n" not in err and "Traceback" not in err
    assert err.startswith(
        "huddle export: not exported: an NHS number in the closing note of the action of "
        "6 Aug 2026;"
    )
    assert "0018" not in err and "999" not in err
    assert not out.exists()


def test_pid_scan_history_lists_the_audit_rows_left_after_an_edit(
    app: HuddleApp, tmp_path: Path
) -> None:
    with written_before_the_guard(app):
        item = app.learning.record_learning(kind="near_miss", title="Wrong 999 000 0018 band")
    app.learning.update_learning(item.id, expected_version=item.version, title="Wrong band")
    app.close()
    plain = huddle("pid-scan", "--db", app.path)
    assert plain.returncode == 1 and "--history" in plain.stdout
    backups = tmp_path / "backups"
    assert huddle("backup", "--db", app.path, "--dest", backups).returncode == 0
    result = huddle(
        "pid-scan", "--db", app.path, "--history", env={"HUDDLE_BACKUP_DIR": str(backups)}
    )
    assert result.returncode == 1
    history = [r.split("\t") for r in result.stdout.splitlines() if r.startswith("history\t")]
    assert {(r[4], r[5], r[6]) for r in history} == {
        ("learning_item", item.id, "insert"),
        ("learning_item", item.id, "update"),
    }
    assert all(r[8] == "looks like an NHS number" for r in history)
    [backup] = [r for r in result.stdout.splitlines() if r.startswith("backup\t")]
    assert str(backups) in backup
    assert "0018" not in result.stdout


def test_a_malformed_extra_pattern_is_an_error_in_config_show_and_export(
    app: HuddleApp, tmp_path: Path
) -> None:
    app.close()
    bad = {"HUDDLE_ID_PATTERNS": "hospital_number | Hospital number | RX[0-9"}
    shown = huddle("config", "--show", env=bad)
    assert shown.returncode == 1
    assert "id_patterns" in shown.stdout  # the settings are still listed
    err = shown.stderr.strip()
    assert (
        "\n" not in err and "identifier_patterns setting (environment (HUDDLE_ID_PATTERNS))" in err
    )
    assert "invalid regular expression" in err
    out = tmp_path / "a.csv"
    export = huddle("export", "actions", "--db", app.path, "--out", out, env=bad)
    assert export.returncode == 1 and not out.exists()
    assert "identifier_patterns setting" in export.stderr
