"""The SBOM check (installer/check_sbom.py) that `make sbom` runs on what it writes."""

from __future__ import annotations

import json
from pathlib import Path

import check_sbom

from tests.installer.conftest import ROOT

PYPROJECT = ROOT / "pyproject.toml"


def good_sbom() -> dict:
    _, version, names = check_sbom.declared(PYPROJECT)
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "metadata": {"component": {"name": "ward-huddle", "version": version}},
        "components": [
            {"name": "PySide6_Essentials" if n == "pyside6-essentials" else n, "version": "1.0"}
            for n in names
        ]
        + [{"name": "shiboken6", "version": "6.11.3"}],
    }


def test_the_declared_dependencies_include_the_ones_that_matter() -> None:
    name, _, names = check_sbom.declared(PYPROJECT)
    assert name == "ward-huddle"
    assert {"pyside6-essentials", "reportlab", "sqlite-utils", "platformdirs"} <= set(names)


def test_a_complete_sbom_passes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "sbom.json"
    path.write_text(json.dumps(good_sbom()))
    assert check_sbom.main([str(path), str(PYPROJECT)]) == 0
    assert "every dependency listed" in capsys.readouterr().out


def test_a_missing_dependency_or_version_fails_with_one_line_each(tmp_path: Path, capsys) -> None:
    sbom = good_sbom()
    sbom["components"] = [c for c in sbom["components"] if c["name"] != "reportlab"]
    sbom["components"][0]["version"] = ""
    sbom["metadata"]["component"]["version"] = "0.0.1"
    path = tmp_path / "sbom.json"
    path.write_text(json.dumps(sbom))
    assert check_sbom.main([str(path), str(PYPROJECT)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3
    assert any("reportlab is not listed" in line for line in lines)
    assert any("has no version" in line for line in lines)
    assert any("not ward-huddle" in line for line in lines)


def test_not_cyclonedx_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "sbom.json"
    path.write_text("{}")
    assert check_sbom.main([str(path), str(PYPROJECT)]) == 1
    assert "not a CycloneDX SBOM" in capsys.readouterr().err
