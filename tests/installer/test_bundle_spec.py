"""The PyInstaller spec and what it leaves out of Qt (installer/bundle_trim.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bundle_trim
import pytest

from tests.installer.conftest import INSTALLER, ROOT

SPEC = INSTALLER / "ward-huddle.spec"


def spec_calls(name: str) -> list[ast.Call]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def keyword(call: ast.Call, name: str) -> ast.expr:
    return next(k.value for k in call.keywords if k.arg == name)


def test_spec_is_python_that_builds_two_programs_into_one_folder() -> None:
    exes = spec_calls("EXE")
    names = {ast.literal_eval(keyword(call, "name")) for call in exes}
    assert names == {"ward-huddle", "huddle"}
    # One folder, never one file: the programs leave their libraries to COLLECT.
    for call in exes:
        assert ast.literal_eval(keyword(call, "exclude_binaries")) is True
    collect = spec_calls("COLLECT")
    assert len(collect) == 1
    assert ast.literal_eval(keyword(collect[0], "name")) == "ward-huddle"


def test_console_only_for_the_command_line() -> None:
    consoles = {
        ast.literal_eval(keyword(call, "name")): ast.literal_eval(keyword(call, "console"))
        for call in spec_calls("EXE")
    }
    assert consoles == {"ward-huddle": False, "huddle": True}


def test_launchers_call_the_declared_entry_points() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'ward-huddle = "ui.app:main"' in pyproject
    assert 'huddle = "huddle.cli.main:main"' in pyproject
    gui = (INSTALLER / "launchers" / "ward_huddle_gui.py").read_text(encoding="utf-8")
    cli = (INSTALLER / "launchers" / "huddle_cli.py").read_text(encoding="utf-8")
    assert "from ui.app import main" in gui
    assert "from huddle.cli.main import main" in cli


def test_exclusions_are_module_names_without_repeats() -> None:
    names = bundle_trim.EXCLUDED_MODULES
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[A-Za-z_][\w.]*", name) for name in names)
    assert not set(names) & set(bundle_trim.QT_MODULES_USED)


def imported_modules(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_app_imports_nothing_the_bundle_leaves_out() -> None:
    used = imported_modules(ROOT / "ui") | imported_modules(ROOT / "huddle")
    excluded = set(bundle_trim.EXCLUDED_MODULES)
    clashes = {
        name for name in used if any(name == ex or name.startswith(ex + ".") for ex in excluded)
    }
    assert not clashes, f"ui/ or huddle/ imports what the bundle leaves out: {sorted(clashes)}"


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/translations/qtbase_en.qm",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt6Svg.dll",
        "PySide6/QtWidgets.abi3.so",
        "libpython3.11.so.1.0",
        "resources/icons/app/ward-huddle.svg",
        "huddle/py.typed",
    ],
)
def test_kept(dest: str) -> None:
    assert bundle_trim.keep(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/plugins/multimedia/ffmpegmediaplugin.dll",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qtdeclarative_en.qm",
        "PySide6\\translations\\qt_fr.qm",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "libQt6Qml.so.6",
        "PySide6/Qt6WebEngineCore.dll",
        "PySide6/Qt/qml/QtQuick/Controls/qmldir",
    ],
)
def test_left_out(dest: str) -> None:
    assert not bundle_trim.keep(dest)


def test_libraries_only_dropped_plugins_needed_are_found_and_dropped() -> None:
    binaries = [
        ("libpython3.11.so.1.0", "/src/libpython", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/qxcb", "BINARY"),
        ("libxcb-cursor.so.0", "/src/xcb-cursor", "BINARY"),
        ("libgtk-3.so.0", "/src/gtk", "BINARY"),  # the GTK theme plugin's, now gone
        ("libcairo.so.2", "/src/cairo", "BINARY"),
        ("pypdfium2_raw/libpdfium.so", "/src/pdfium", "BINARY"),  # loaded by ctypes
    ]
    links = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/qxcb": ["libQt6Gui.so.6", "libxcb-cursor.so.0"],
        "/src/gtk": ["libcairo.so.2"],
    }
    dropped = bundle_trim.unreachable_libraries(binaries, lambda src: links.get(src, []))
    assert dropped == {"libgtk-3.so.0", "libcairo.so.2"}

    datas = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libcairo.so.2.11", "libcairo.so.2", "SYMLINK"),
        ("resources/style.qss", "/src/style.qss", "DATA"),
    ]
    assert bundle_trim.without_libraries(datas, dropped) == [datas[0], datas[2]]
