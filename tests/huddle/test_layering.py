"""The layering rules: the core never imports Qt; the UI never touches the store."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_modules(path):
            if (
                name.split(".")[0] in forbidden
                or name in forbidden
                or any(name.startswith(f + ".") for f in forbidden)
            ):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_core_never_imports_qt() -> None:
    assert list((ROOT / "huddle").rglob("*.py")), "the core package should exist"
    assert offenders("huddle", QT_PACKAGES) == []


def test_the_walker_catches_a_qt_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in imported_modules(module)


def test_ui_never_reaches_the_database_directly() -> None:
    assert offenders("ui", ("sqlite3", "sqlite_utils", "huddle.store")) == []


def swallowed_import_errors(folder: Path) -> list[str]:
    """Places that carry on when an import fails: in a shipped app every module is there."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
                names = {c.id for c in caught if isinstance(c, ast.Name)}
                if names & {"ImportError", "ModuleNotFoundError"}:
                    found.append(f"{path.relative_to(folder.parent)}:{node.lineno}")
    return found


def test_ui_never_carries_on_without_a_module() -> None:
    # A missing module (the identifier guard, a page) must fail loudly, never
    # save text unchecked or show a stand-in page.
    assert swallowed_import_errors(ROOT / "ui") == []


def test_the_walker_catches_a_swallowed_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text(
        "try:\n    import x\nexcept (OSError, ImportError):\n    x = None\n", encoding="utf-8"
    )
    assert swallowed_import_errors(package) == ["pkg/m.py:3"]


def test_services_leave_sql_to_the_store() -> None:
    # All SQL lives in huddle/store/, one place per aggregate.
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "huddle" / "services").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(word in line for word in ('"SELECT ', '"INSERT ', '"UPDATE ', '"DELETE '))
    ]
    assert found == []
