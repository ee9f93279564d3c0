"""The .deb's pieces: desktop entry, maintainer scripts, machine config, layout."""

from __future__ import annotations

import configparser
import grp
import os
import re
import shutil
import subprocess
from pathlib import Path

import build_deb
import pytest

from huddle import config
from huddle.cli.main import main as huddle_main
from tests.installer.conftest import INSTALLER, ROOT

LINUX = INSTALLER / "linux"
TEMPLATE = LINUX / "huddle.ini"


def test_desktop_entry_passes_desktop_file_validate() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian desktop-file-utils)")
    result = subprocess.run(
        [validator, str(LINUX / "ward-huddle.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no hints either


def test_desktop_entry_starts_the_app_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / "ward-huddle.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "ward-huddle"
    assert section["Icon"] == "ward-huddle"
    assert section["Terminal"] == "false"


def uncommented(template: str) -> str:
    """The template with every commented example switched on."""
    lines = []
    in_section = False
    for line in template.splitlines():
        in_section = in_section or line.strip() == f"[{config.INI_SECTION}]"
        if in_section and re.match(r"# ([a-z_]+ =|    )", line):
            line = line[2:]
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_config_template_parses_and_sets_nothing_as_shipped() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(TEMPLATE, encoding="utf-8")
    assert parser.has_section(config.INI_SECTION)
    assert config.read_ini(TEMPLATE) == {}


def test_config_template_has_a_commented_example_of_every_setting(tmp_path: Path) -> None:
    switched_on = tmp_path / "huddle.ini"
    switched_on.write_text(uncommented(TEMPLATE.read_text(encoding="utf-8")), encoding="utf-8")
    values = config.read_ini(switched_on)
    assert set(values) == {s.ini for s in config.SETTINGS if s.section == config.INI_SECTION}
    sync = config.read_ini(switched_on, "sync")
    assert set(sync) == {s.ini for s in config.SETTINGS if s.section == "sync"}
    assert values["database"] == "/var/lib/ward-huddle/ward.db"
    assert [line for line in values["identifier_patterns"].splitlines() if line] == [
        r"hospital_number | Hospital number | \bRX[0-9]{7}\b",
        r"mrn | Medical record number | \bMRN[0-9]{6}\b",
    ]


def test_machine_config_from_the_package_reaches_config_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    machine_ini = tmp_path / "etc" / "huddle.ini"
    machine_ini.parent.mkdir()
    machine_ini.write_text(
        TEMPLATE.read_text(encoding="utf-8").replace(
            "# ward_name = Ward 7 - Acute Medicine", "ward_name = Ward 7 - Acute Medicine"
        ),
        encoding="utf-8",
    )
    for spec in config.SETTINGS:
        monkeypatch.delenv(spec.env, raising=False)
    monkeypatch.setattr(config, "machine_config_file", lambda: machine_ini)
    monkeypatch.setattr(config, "user_config_file", lambda: tmp_path / "no-user.ini")
    monkeypatch.setattr(config, "machine_data_dir", lambda: tmp_path / "data")

    assert huddle_main(["config", "--show"]) == 0
    shown = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert "Ward 7 - Acute Medicine" in shown["ward_name"]
    assert f"machine config ({machine_ini})" in shown["ward_name"]
    assert "default" in shown["db"]


def run_script(name: str, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DPKG_ROOT": str(root)}
    return subprocess.run(
        ["sh", str(LINUX / name), *args], env=env, capture_output=True, text=True, check=True
    )


@pytest.fixture
def fake_root(tmp_path: Path) -> Path:
    """A root whose /etc/default/ward-huddle names a group this user can chgrp to."""
    root = tmp_path / "root"
    (root / "etc" / "default").mkdir(parents=True)
    group = grp.getgrgid(os.getgid()).gr_name
    (root / "etc" / "default" / "ward-huddle").write_text(
        f"WARD_HUDDLE_GROUP={group}\n", encoding="utf-8"
    )
    return root


def test_postinst_makes_a_shared_setgid_data_folder(fake_root: Path) -> None:
    run_script("postinst", fake_root, "configure", "")
    for folder in (fake_root / "var/lib/ward-huddle", fake_root / "var/lib/ward-huddle/backups"):
        mode = folder.stat().st_mode & 0o7777
        assert mode == 0o2775, oct(mode)
        assert folder.stat().st_gid == os.getgid()


def test_upgrade_and_purge_keep_the_wards_data(fake_root: Path) -> None:
    run_script("postinst", fake_root, "configure", "")
    data = fake_root / "var/lib/ward-huddle"
    (data / "ward.db").write_bytes(b"SQLite format 3\x00 the ward's months of work")
    (data / "backups" / "ward-2026-08-06.db").write_bytes(b"backup")
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}

    # An upgrade: old prerm, new postinst; then removal and purge.
    run_script("prerm", fake_root, "upgrade", "0.2.0")
    run_script("postrm", fake_root, "upgrade", "0.2.0")
    run_script("postinst", fake_root, "configure", "0.1.0")
    run_script("prerm", fake_root, "remove")
    run_script("postrm", fake_root, "remove")
    purged = run_script("postrm", fake_root, "purge")

    after = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before
    assert "kept" in purged.stderr


def test_postinst_makes_an_existing_database_group_writable(fake_root: Path) -> None:
    data = fake_root / "var/lib/ward-huddle"
    data.mkdir(parents=True)
    db = data / "ward.db"
    db.write_bytes(b"SQLite format 3\x00")
    db.chmod(0o644)  # as SQLite creates it, whatever the folder's mode
    run_script("postinst", fake_root, "configure", "0.1.0")
    assert db.stat().st_mode & 0o777 == 0o664
    assert db.read_bytes() == b"SQLite format 3\x00"


def test_maintainer_scripts_never_delete_the_data_folder() -> None:
    for name in ("postinst", "prerm", "postrm"):
        code = [
            line
            for line in (LINUX / name).read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")
        ]
        assert not any("rm " in line and "ward-huddle" in line for line in code), name
        assert not any("rm -" in line for line in code), name


def test_package_version_comes_from_pyproject() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{build_deb.project_version()}"' in text


def test_staged_package_layout(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    for program in ("ward-huddle", "huddle"):
        (bundle / program).write_text("#!/bin/sh\n", encoding="utf-8")
        (bundle / program).chmod(0o755)
    root = tmp_path / "stage"

    build_deb.stage(bundle, root, version="0.1.0", arch="amd64")

    assert os.readlink(root / "usr/bin/ward-huddle") == "/opt/ward-huddle/ward-huddle"
    assert os.readlink(root / "usr/bin/huddle") == "/opt/ward-huddle/huddle"
    assert (root / "usr/share/applications/ward-huddle.desktop").is_file()
    for size in build_deb.ICON_SIZES:
        assert (root / f"usr/share/icons/hicolor/{size}x{size}/apps/ward-huddle.png").is_file()
    assert (root / "usr/share/icons/hicolor/scalable/apps/ward-huddle.svg").is_file()
    assert (root / "etc/ward-huddle/huddle.ini").read_text(encoding="utf-8") == TEMPLATE.read_text(
        encoding="utf-8"
    )
    debian = root / "DEBIAN"
    assert (debian / "conffiles").read_text(encoding="utf-8") == "/etc/ward-huddle/huddle.ini\n"
    for script in ("postinst", "prerm", "postrm"):
        assert (debian / script).stat().st_mode & 0o777 == 0o755
    control = (debian / "control").read_text(encoding="utf-8")
    assert "Package: ward-huddle\nVersion: 0.1.0\nArchitecture: amd64\n" in control
    assert "Depends: " in control and "libc6" in control
    assert not (root / "var").exists()  # postinst makes the data folder, dpkg never owns it
