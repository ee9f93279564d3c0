"""What the bundle leaves out: Python modules, Qt libraries, plugins and translations.

The spec (``ward-huddle.spec``) imports this module and filters PyInstaller's
``binaries`` and ``datas`` through ``keep()``. It lives apart from the spec so
the rules are plain Python that ``tests/installer`` can import and check.

Ward Huddle is a Qt Widgets app: it paints its own charts, renders PDFs with
reportlab and never needs QML, a web view, multimedia or a network stack. On a
ward PC it runs under X11 (``xcb``, also XWayland) or Windows; tests and CI run
it ``offscreen``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Qt bindings modules the app imports (or will: SVG icons need QtSvg). The spec
# names them as hidden imports so the bundle has them whatever ui/ imports today.
QT_MODULES_USED = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
)

# Python modules PyInstaller must not follow: the unused Qt bindings (each pulls
# its libraries and plugins in) and standard-library parts a desktop app never uses.
# Kept although they sound optional: QtNetwork (QLocalServer keeps one app per
# login) and QtTest (``ward-huddle --self-test`` clicks real widgets with QTest).
EXCLUDED_QT_MODULES = (
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtBluetooth",
    "PySide6.QtCharts",
    "PySide6.QtConcurrent",
    "PySide6.QtDataVisualization",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtGraphs",
    "PySide6.QtHelp",
    "PySide6.QtHttpServer",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtLocation",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtNfc",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning",
    "PySide6.QtQml",
    "PySide6.QtQmlFeatures",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSensors",
    "PySide6.QtSerialBus",
    "PySide6.QtSerialPort",
    "PySide6.QtSpatialAudio",
    "PySide6.QtSql",
    "PySide6.QtStateMachine",
    "PySide6.QtTextToSpeech",
    "PySide6.QtUiTools",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtXml",
)
# Pillow comes with reportlab (which reads PNG and JPEG through it); AVIF
# alone brings a 5 MB codec and Tk/Qt glue would pull in toolkits.
EXCLUDED_PILLOW_MODULES = (
    "PIL.AvifImagePlugin",
    "PIL._avif",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageQt",
    "PIL.WebPImagePlugin",
    "PIL._webp",
)
EXCLUDED_STDLIB_MODULES = (
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "ssl",
    "_ssl",
    "test",
    "unittest",
)
EXCLUDED_MODULES = EXCLUDED_QT_MODULES + EXCLUDED_PILLOW_MODULES + EXCLUDED_STDLIB_MODULES

# Plugin folders kept, and within each the plugins kept (file stem without the
# ``lib`` prefix and the extension; ``None`` keeps the whole folder). Every
# other plugin folder is dropped.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qoffscreen", "qxcb", "qwindows", "qminimal"}),
    "imageformats": frozenset({"qsvg", "qjpeg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    "styles": None,
    "xcbglintegrations": None,
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
}

# Qt libraries only the dropped plugins and modules need (Linux ``libQt6X.so.6``,
# Windows ``Qt6X.dll``). PyInstaller found them as dependencies before the
# plugins were filtered out, so they are dropped by name too; ``make bundle``
# then checks that every library left still finds all it links to.
EXCLUDED_QT_LIBRARIES = (
    "Qt6Pdf",
    "Qt6Qml",
    "Qt6QmlMeta",
    "Qt6QmlModels",
    "Qt6QmlWorkerScript",
    "Qt6Quick",
    "Qt6QuickControls2",
    "Qt6QuickTemplates2",
    "Qt6QuickWidgets",
    "Qt6VirtualKeyboard",
    "Qt6VirtualKeyboardQml",
    "Qt6WaylandClient",
    "Qt6WaylandEglClientHwIntegration",
    "Qt6WlShellIntegration",
    "Qt6EglFSDeviceIntegration",
    "Qt6EglFsKmsSupport",
    "Qt6EglFsKmsGbmSupport",
    "Qt6Designer",
    "Qt6Help",
    "Qt6Sql",
    "Qt6WebEngineCore",
    "Qt6Multimedia",
)

# Translations kept: Qt's own English catalogues (the app's wording is British
# English in the source; Qt's standard dialogs read these).
KEPT_TRANSLATION_PREFIXES = ("qt_en", "qtbase_en")

_LIBRARY = re.compile(r"^(?:lib)?(Qt6[A-Za-z0-9]+?)(?:\.so(?:\.[0-9.]*)?|\.dll)$")


def _plugin_stem(name: str) -> str:
    stem = name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def _qt_relative(parts: tuple[str, ...]) -> tuple[str, ...] | None:
    """The path inside Qt's tree (``plugins/...``), or None outside PySide6."""
    if not parts or parts[0] != "PySide6":
        return None
    rest = parts[1:]
    # Linux wheels keep Qt under PySide6/Qt/, Windows wheels directly under PySide6/.
    if rest and rest[0] == "Qt":
        rest = rest[1:]
    return rest


def keep(dest: str) -> bool:
    """Whether a file at ``dest`` (its path inside the bundle) stays in it."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    name = parts[-1] if parts else ""
    library = _LIBRARY.match(name)
    if library and library.group(1) in EXCLUDED_QT_LIBRARIES:
        return False
    rest = _qt_relative(parts)
    if rest is None or not rest:
        return True
    if rest[0] in ("qml", "qmltooling", "resources") and len(rest) > 1:
        # QML imports and WebEngine resources: nothing here uses them.
        return False
    if rest[0] == "translations" and len(rest) > 1:
        return name.startswith(KEPT_TRANSLATION_PREFIXES)
    if rest[0] == "plugins" and len(rest) > 2:
        folder = rest[1]
        if folder not in KEPT_PLUGINS:
            return False
        kept = KEPT_PLUGINS[folder]
        return kept is None or _plugin_stem(name) in kept
    return True


# Where PyInstaller puts the shared libraries it found by following links.
DEPENDENCY_FOLDERS = frozenset({"", "PySide6/Qt/lib", "PySide6"})


def unreachable_libraries(
    binaries: list[tuple[str, str, str]], needs: Callable[[str], Iterable[str]]
) -> set[str]:
    """Bundle paths of shared libraries no kept program, extension or plugin links to.

    PyInstaller collected the libraries the dropped plugins link to (the GTK
    platform theme alone brings GTK, cairo and pango from the build machine)
    before ``keep`` ran. Walk the link graph from what stays (Python's own
    library, extension modules, kept Qt plugins, libraries a package ships in
    its own folder) and report the rest.
    ``needs(source)`` names the libraries a file links to (its ``DT_NEEDED``).
    """
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in binaries:
        by_name.setdefault(PurePosixPath(entry[0]).name, []).append(entry)

    def is_root(dest: str, kind: str) -> bool:
        # Only libraries PyInstaller gathered as dependencies (beside the programs,
        # or Qt's own lib folder) may go; anything a package put in its own folder
        # stays, since it may be loaded by ctypes (pypdfium2's libpdfium).
        folder = posixpath.dirname(dest)
        return (
            kind == "EXTENSION"
            or folder not in DEPENDENCY_FOLDERS
            or PurePosixPath(dest).name.startswith(("libpython", "python3"))
        )

    reached: set[str] = set()
    queue = [entry for entry in binaries if entry[2] != "SYMLINK" and is_root(entry[0], entry[2])]
    while queue:
        dest, source, _kind = queue.pop()
        if dest in reached:
            continue
        reached.add(dest)
        for needed in needs(source):
            for target in by_name.get(PurePosixPath(needed).name, []):
                if target[2] != "SYMLINK" and target[0] not in reached:
                    queue.append(target)
    return {dest for dest, _source, kind in binaries if kind != "SYMLINK" and dest not in reached}


def without_libraries(
    entries: list[tuple[str, str, str]], dropped: set[str]
) -> list[tuple[str, str, str]]:
    """``entries`` less the ``dropped`` libraries and any symlink that points at one.

    PyInstaller lists the symlinks it adds beside ``_internal/`` as ``SYMLINK``
    entries among the data files, with a target relative to the link.
    """

    def gone(dest: str, source: str, kind: str) -> bool:
        if kind == "SYMLINK":
            return posixpath.normpath(posixpath.join(posixpath.dirname(dest), source)) in dropped
        return dest in dropped

    return [entry for entry in entries if not gone(*entry)]


def trimmed(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC (``(dest, source, kind)`` entries) without what ``keep`` drops."""
    return [entry for entry in entries if keep(entry[0])]
