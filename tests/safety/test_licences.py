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
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = normalise(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen - {normalise(root)}


def test_every_shipped_package_has_its_licence_listed() -> None:
    listed = {normalise(m) for m in re.findall(r"^\| ([A-Za-z0-9_.\-]+) \|", LICENCES.read_text(),
                                               flags=re.MULTILINE)}  # fmt: skip
    closure = runtime_closure()
    assert {"pyside6-essentials", "reportlab", "sqlite-utils"} <= closure
    assert closure - listed == set()
