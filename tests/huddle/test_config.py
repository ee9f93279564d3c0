"""Settings resolve in DESIGN.md's order, first found wins, each step tested."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.config import EffectiveSettings, default_data_dir, load_settings


def write_ini(path: Path, **values: str) -> Path:
    lines = ["[huddle]"] + [f"{k} = {v}" for k, v in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, object]:
    machine = write_ini(
        tmp_path / "machine.ini", database=str(tmp_path / "machine.db"), ward_name="Machine Ward"
    )
    user = write_ini(
        tmp_path / "user.ini",
        database=str(tmp_path / "user.db"),
        backup_folder=str(tmp_path / "user-backups"),
    )
    return {
        "cli": {"db": str(tmp_path / "cli.db")},
        "env": {"HUDDLE_DB": str(tmp_path / "env.db")},
        "policy": lambda: {"Database": str(tmp_path / "policy.db")},
        "machine_ini": machine,
        "user_ini": user,
        "data_dir": lambda: tmp_path / "default-data",
    }


def resolve(sources: dict[str, object], *, drop: tuple[str, ...] = ()) -> EffectiveSettings:
    kwargs = dict(sources)
    for name in drop:
        kwargs[name] = {"cli": {}, "env": {}, "policy": lambda: {}}.get(
            name, Path("/nonexistent/none.ini")
        )
    return load_settings(**kwargs)  # type: ignore[arg-type]


def test_command_line_wins(sources: dict[str, object], tmp_path: Path) -> None:
    settings = resolve(sources)
    assert settings.db_path == tmp_path / "cli.db"
    assert settings.source("db") == "command line"


def test_environment_comes_next(sources: dict[str, object], tmp_path: Path) -> None:
    settings = resolve(sources, drop=("cli",))
    assert settings.db_path == tmp_path / "env.db"
    assert settings.source("db") == "environment (HUDDLE_DB)"


def test_windows_policy_comes_next(sources: dict[str, object], tmp_path: Path) -> None:
    settings = resolve(sources, drop=("cli", "env"))
    assert settings.db_path == tmp_path / "policy.db"
    assert settings.source("db").startswith("Windows policy")


def test_machine_config_file_comes_next(sources: dict[str, object], tmp_path: Path) -> None:
    settings = resolve(sources, drop=("cli", "env", "policy"))
    assert settings.db_path == tmp_path / "machine.db"
    assert settings.source("db").startswith("machine config")
    assert settings.ward_name == "Machine Ward"


def test_user_config_file_comes_next(sources: dict[str, object], tmp_path: Path) -> None:
    settings = resolve(sources, drop=("cli", "env", "policy", "machine_ini"))
    assert settings.db_path == tmp_path / "user.db"
    assert settings.source("db").startswith("user config")
    assert settings.backup_dir == tmp_path / "user-backups"


def test_default_is_the_machine_data_folder(sources: dict[str, object], tmp_path: Path) -> None:
    settings = resolve(sources, drop=("cli", "env", "policy", "machine_ini", "user_ini"))
    assert settings.db_path == tmp_path / "default-data" / "ward.db"
    assert settings.source("db") == "default"
    # backups default to a folder beside the database
    assert settings.backup_dir == tmp_path / "default-data" / "backups"


def test_each_setting_resolves_on_its_own(sources: dict[str, object], tmp_path: Path) -> None:
    settings = resolve(sources)
    # db from the command line, backup folder from the user file, ward from the machine file
    assert settings.source("backup_dir").startswith("user config")
    assert settings.source("ward_name").startswith("machine config")
    rows = settings.describe()
    assert [r[0] for r in rows][:3] == ["db", "backup_dir", "ward_name"]


def test_unwritable_machine_folder_falls_back_to_the_user_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    chosen = default_data_dir(blocker / "WardHuddle")
    assert chosen != blocker / "WardHuddle"
    assert "WardHuddle" in str(chosen)
    assert default_data_dir(tmp_path / "machine") == tmp_path / "machine"


def test_broken_ini_is_ignored_not_fatal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ini"
    bad.write_text("this is [ not an ini", encoding="utf-8")
    settings = load_settings(
        env={}, policy=lambda: {}, machine_ini=bad, user_ini=bad, data_dir=lambda: tmp_path
    )
    assert settings.db_path == tmp_path / "ward.db"
