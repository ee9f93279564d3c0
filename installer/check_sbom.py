"""Check a CycloneDX SBOM of the bundle: every dependency the app declares, with a version.

Usage (``make sbom`` runs it)::

    python installer/check_sbom.py dist/ward-huddle-<version>-sbom.cdx.json [pyproject.toml]

Fails (exit 1, one line a problem) when the file is not CycloneDX JSON, when the
root component is not Ward Huddle at pyproject's version, when a dependency in
pyproject's ``[project] dependencies`` is not a component, or when any
component lacks a version.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any


def normalise(name: str) -> str:
    """PEP 503 name: ``PySide6_Essentials`` and ``pyside6-essentials`` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(pyproject: Path) -> tuple[str, str, list[str]]:
    """pyproject's name, version and the names of its runtime dependencies."""
    project = tomllib.loads(pyproject.read_text())["project"]
    names = [normalise(re.split(r"[\s<>=!~;\[]", dep, maxsplit=1)[0]) for dep in
             project["dependencies"]]  # fmt: skip
    return project["name"], project["version"], names


def problems(sbom: dict[str, Any], pyproject: Path) -> list[str]:
    name, version, wanted = declared(pyproject)
    found: list[str] = []
    if sbom.get("bomFormat") != "CycloneDX" or not str(sbom.get("specVersion", "")):
        return ["not a CycloneDX SBOM (bomFormat and specVersion are missing)"]
    root = sbom.get("metadata", {}).get("component", {})
    if normalise(root.get("name", "")) != normalise(name) or root.get("version") != version:
        found.append(f"the SBOM describes {root.get('name')} {root.get('version')}, "
                     f"not {name} {version}")  # fmt: skip
    components = {normalise(c.get("name", "")): c for c in sbom.get("components", [])}
    found += [f"{dep} is not listed" for dep in wanted if dep not in components]
    found += [f"{c.get('name')} has no version" for c in components.values()
              if not c.get("version")]  # fmt: skip
    return found


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[0])
    pyproject = Path(argv[1]) if len(argv) > 1 else Path("pyproject.toml")
    try:
        sbom = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        print(f"check_sbom: cannot read {path}: {error}", file=sys.stderr)
        return 1
    found = problems(sbom, pyproject)
    for problem in found:
        print(f"check_sbom: {path.name}: {problem}", file=sys.stderr)
    if not found:
        count = len(sbom.get("components", []))
        print(f"check_sbom: {path.name}: {count} components, every dependency listed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
