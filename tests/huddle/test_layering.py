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


def import_graph(package: str) -> dict[str, set[str]]:
    """Which of ``package``'s modules each one imports (lazily or not; type-only
    imports under ``if TYPE_CHECKING:`` are left out: they never run)."""
    paths = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (ROOT / package).rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skipped = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
            for inner in ast.walk(node)
        }
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [f"{node.module}.{a.name}" for a in node.names]
                submodules = [m for m in modules if m in paths]
                found.update(submodules)
                if len(submodules) < len(modules):
                    found.add(node.module)
        graph[name] = {m for m in found if m in paths and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Groups of modules that import each other, directly or round a circle."""

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    reachable = {name: reach(name) for name in graph}
    groups: list[set[str]] = []
    for name in sorted(graph):
        if name in reachable[name] and not any(name in g for g in groups):
            groups.append({m for m in reachable[name] if name in reachable[m]})
    return groups


def test_the_store_reports_and_backup_import_in_one_direction() -> None:
    # open_store once sat in a backup -> connection -> schema circle, and the
    # period report bounced through period_pages and back.
    tangled = [
        sorted(group)
        for group in cycles(import_graph("huddle"))
        if any(m.startswith(("huddle.store", "huddle.reports", "huddle.backup")) for m in group)
    ]
    assert tangled == []


def test_the_cycle_finder_finds_a_lazy_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [{"a", "b", "c"}]
