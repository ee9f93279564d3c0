"""docs/licences.md names every package the installed app depends on.

The closure is walked from ward-huddle's installed metadata (runtime
requirements only, markers evaluated for this machine), so a new dependency in
pyproject.toml, or a new dependency of a dependency, fails here until its
licence is listed.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement

from tests.safety.evidence import REPO

LICENCES = REPO / "docs" / "licences.md"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure(root: str = "ward-huddle") -> set[str]:
    """Every distribution the app needs at run time, extras asked for included
    (``psycopg[binary]`` brings psycopg-binary)."""
    seen: set[tuple[str, str]] = set()
    todo: list[tuple[str, str]] = [(root, "")]
    while todo:
        name, extra = todo.pop()
        name = normalise(name)
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": extra}):
                todo.append((requirement.name, ""))
                todo += [(requirement.name, wanted) for wanted in requirement.extras]
    return {name for name, _ in seen} - {normalise(root)}


def test_every_shipped_package_has_its_licence_listed() -> None:
    listed = {normalise(m) for m in re.findall(r"^\| ([A-Za-z0-9_.\-]+) \|", LICENCES.read_text(),
                                               flags=re.MULTILINE)}  # fmt: skip
    closure = runtime_closure()
    assert {"pyside6-essentials", "reportlab", "sqlite-utils"} <= closure
    assert closure - listed == set()
