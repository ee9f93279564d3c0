"""The app works installed as a wheel, not only from the source checkout.

Builds the wheel, installs it (without its dependencies) into a fresh virtual
environment that borrows the test environment's third-party packages, and runs
``ward-huddle --self-test`` and ``huddle export summary`` from a folder far from
the checkout: fonts and icons must come from the installed package.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.installer.conftest import ROOT


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environment.update(QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run(
        args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=240, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding only the built wheel."""
    work = tmp_path_factory.mktemp("wheel")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
         "--wheel-dir", str(work / "dist"), str(ROOT)],
        cwd=work,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("ward_huddle-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    (fresh_site,) = (env_dir / "lib").glob("python*/site-packages")
    # Dependencies (PySide6, reportlab...) come from this environment; a plain
    # path line does not run the editable install's hook, so our code does not.
    (fresh_site / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    installed = _run(
        [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install",
         "--no-deps", "--no-index", "--quiet", str(wheel)],
        cwd=work,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    where = _run(
        [str(bin_dir / "python"), "-c", "import huddle, resources, ui; "
         "print(huddle.__file__); print(resources.__file__); print(ui.__file__)"],
        cwd=work,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert Path(line).is_relative_to(fresh_site), where.stdout
    return bin_dir


def test_wheel_carries_the_fonts_and_icons(installed: Path) -> None:
    (fresh_site,) = (installed.parent / "lib").glob("python*/site-packages")
    shipped = fresh_site / "resources"
    assert (shipped / "fonts" / "LiberationSans-Regular.ttf").is_file()
    assert (shipped / "fonts" / "OFL.txt").is_file()
    assert (shipped / "icons" / "app" / "ward-huddle-32.png").is_file()
    assert (shipped / "icons" / "ui" / "chevron-down.svg").is_file()


def test_installed_wheel_passes_the_self_test(installed: Path, tmp_path: Path) -> None:
    result = _run([str(installed / "ward-huddle"), "--self-test"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout


def test_installed_wheel_exports_a_summary(installed: Path, tmp_path: Path) -> None:
    db = tmp_path / "ward.db"
    demo = _run([str(installed / "huddle"), "demo", "--db", str(db), "--weeks", "2"], cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    out = tmp_path / "summary.pdf"
    export = _run(
        [str(installed / "huddle"), "export", "summary", "--db", str(db), "--out", str(out)],
        cwd=tmp_path,
    )
    assert export.returncode == 0, export.stdout + export.stderr
    assert out.read_bytes().startswith(b"%PDF")
